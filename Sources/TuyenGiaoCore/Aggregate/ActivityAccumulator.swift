/// Something activities are added to while the logs stream by, which can be built in
/// pieces on several threads and merged. Merging must give exactly what adding every
/// activity to one value would (sums of integers, unions), whatever the order.
public protocol ActivityAccumulator: SendableMetatype {
    mutating func add(_ a: Activity)
    mutating func merge(_ other: Self)
}

/// For commands that only check the logs (`validate`).
public struct DiscardActivities: ActivityAccumulator {
    public init() {}
    public mutating func add(_ a: Activity) {}
    public mutating func merge(_ other: DiscardActivities) {}
}
