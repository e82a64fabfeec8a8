/// Something activities are added to while the logs stream by, which can be built in
/// pieces on several threads and merged. Merging must give exactly what adding every
/// activity to one value would (sums of integers, unions), whatever the order.
public protocol ActivityAccumulator {
    mutating func add(_ a: Activity)
    mutating func merge(_ other: Self)
}

/// For commands that only check the logs (`validate`).
public struct DiscardActivities: ActivityAccumulator {
    public init() {}
    public mutating func add(_ a: Activity) {}
    public mutating func merge(_ other: DiscardActivities) {}
}

/// Which phases an activity counts in (SPEC §6: the phase it names, else every phase whose
/// window holds its day), as a bit set looked up by day: the windows are compared once
/// per day of the plan, not once per row.
public struct PhaseDays: Sendable {
    private let phases: [Phase]
    private let firstOrdinal: Int
    private let masks: [UInt64]

    public init(_ phases: [Phase]) {
        self.phases = phases
        let usable = phases.count <= 64
        let first = phases.map(\.start.ordinal).min() ?? 0
        let last = phases.map(\.end.ordinal).max() ?? -1
        firstOrdinal = first
        var masks = [UInt64](repeating: 0, count: usable ? max(last - first + 1, 0) : 0)
        if usable {
            for (p, phase) in phases.enumerated() {
                for d in phase.start.ordinal...max(phase.start.ordinal, phase.end.ordinal) where phase.end >= phase.start {
                    masks[d - first] |= 1 << UInt64(p)
                }
            }
        }
        self.masks = masks
    }

    /// The phases the activity counts in as bits (bit p = phase p), or nil when the plan has
    /// more than 64 phases or the activity is pinned past the 64th (then use `forEachPhase`).
    @inline(__always)
    public func phaseMask(of a: Activity) -> UInt64? {
        if let pinned = a.pinnedPhase { return pinned < 64 ? 1 << UInt64(pinned) : nil }
        if phases.count > 64 { return nil }
        let i = a.day.ordinal - firstOrdinal
        guard i >= 0, i < masks.count else { return 0 }
        return masks[i]
    }

    /// Calls `body` with each phase index the activity counts in, in plan order.
    @inline(__always)
    public func forEachPhase(of a: Activity, _ body: (Int) -> Void) {
        if let pinned = a.pinnedPhase { body(pinned); return }
        if phases.count > 64 {
            for (p, phase) in phases.enumerated() where phase.contains(a.day) { body(p) }
            return
        }
        let i = a.day.ordinal - firstOrdinal
        guard i >= 0, i < masks.count else { return }
        var m = masks[i]
        while m != 0 {
            body(m.trailingZeroBitCount)
            m &= m - 1
        }
    }
}
