/// The units whose rows a file holds (`FileTally.units`). Nearly every file a province
/// receives is one unit's: that unit is kept inline, and a set is made only for a file that
/// names a second one — a `Set<Int>` of one element was 80 bytes of heap per file, a
/// tenth of what a run kept per file at 100,000 files (issue 21).
public struct FileUnits: Sequence, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The one unit while `many` is nil; -1 for none. Unit indexes are never negative.
    private var single = -1
    /// Every unit, once there are two or more (then `single` is -1).
    private var many: Set<Int>?

    public init() {}

    public init(arrayLiteral units: Int...) {
        for u in units { insert(u) }
    }

    public var isEmpty: Bool { many == nil && single < 0 }

    public var count: Int { many?.count ?? (single < 0 ? 0 : 1) }

    public func contains(_ unit: Int) -> Bool { many?.contains(unit) ?? (single == unit) }

    public mutating func insert(_ unit: Int) {
        precondition(unit >= 0, "a unit index")
        if many != nil {
            many!.insert(unit)
        } else if single < 0 {
            single = unit
        } else if single != unit {
            many = [single, unit]
            single = -1
        }
    }

    public mutating func formUnion(_ other: some Sequence<Int>) {
        for u in other { insert(u) }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var single: Int?
        fileprivate var rest: Set<Int>.Iterator?
        public mutating func next() -> Int? {
            if let s = single { single = nil; return s }
            return rest?.next()
        }
    }

    public func makeIterator() -> Iterator {
        Iterator(single: single < 0 ? nil : single, rest: many?.makeIterator())
    }

    public var underestimatedCount: Int { count }
}
