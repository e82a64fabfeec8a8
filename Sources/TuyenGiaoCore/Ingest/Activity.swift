/// One accepted log row, in plan indices.
public struct Activity: Sendable {
    public var day: Day
    public var period: MonthKey
    public var unit: Int
    public var items: ItemSet
    public var form: Int
    public var participants: Int
    public var quantity: Int
    /// The phase the unit pinned the activity to (`dot`), if any.
    public var pinnedPhase: Int?
    /// True for a nil report ("Không có hoạt động"): counts as reported, adds no activity.
    public var isNilReport: Bool
    /// Which input file it came from (index in the run's file list), for receipts.
    public var file: Int
}

/// Why a row was rejected: stable codes (SPEC §7.4) for machines, with a Vietnamese message.
public enum RejectReason: String, Sendable, CaseIterable {
    case unknownUnit = "unknown_unit"
    case unknownItem = "unknown_item"
    case unknownForm = "unknown_form"
    case ambiguousValue = "ambiguous_value"
    case badDate = "bad_date"
    case futureDate = "future_date"
    case beforePlan = "before_plan"
    case badNumber = "bad_number"
    case missingField = "missing_field"
    case malformedRow = "malformed_row"
    case unknownPhase = "unknown_phase"
    case missingColumn = "missing_column"
    case unreadableFile = "unreadable_file"
}

/// A rejected row as a value (findings are data): where, why, and the row as read.
public struct Rejection: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var reason: RejectReason
    public var message: String
    public var raw: String
    /// The row's values in the log template's columns (`LogColumn` order), as sent; empty
    /// when the row could not be split into columns (an open quote, a whole file refused).
    public var fields: [String]

    public init(file: String, line: Int, reason: RejectReason, message: String, raw: String, fields: [String] = []) {
        self.file = file; self.line = line; self.reason = reason; self.message = message; self.raw = raw
        self.fields = fields
    }

    public func field(_ c: LogColumn) -> String { c.rawValue < fields.count ? fields[c.rawValue] : "" }

    /// How a resent row names this one (the column "Dòng gốc"): `file:line`.
    public var reference: String { "\(file):\(line)" }
}

/// The distinct items of an activity, met in plan order. Held inline as a bit set for the
/// first 128 items of a plan (plans have a few dozen), so that an activity is a plain value:
/// an array here cost a reference count up and down on every row. Larger plans spill to a
/// sorted array.
public struct ItemSet: Sequence, Sendable, Equatable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable, Equatable {
        case inline(UInt64, UInt64)
        case spilled([Int])
    }
    private var storage = Storage.inline(0, 0)

    public init() {}

    public init(_ items: some Sequence<Int>) {
        for i in items { insert(i) }
    }

    public init(arrayLiteral items: Int...) { self.init(items) }

    /// The set of items whose bits are set in `bits` (items 0–63).
    init(bits: UInt64) { storage = .inline(bits, 0) }

    /// The set as the bits of items 0–63, when it holds no other item.
    var bits: UInt64? {
        if case .inline(let low, 0) = storage { return low }
        return nil
    }

    public mutating func insert(_ i: Int) {
        precondition(i >= 0, "item indices are not negative")
        switch storage {
        case .inline(let low, let high):
            if i < 64 { storage = .inline(low | 1 << UInt64(i), high); return }
            if i < 128 { storage = .inline(low, high | 1 << UInt64(i - 64)); return }
            var all = Array(self)
            all.append(i)
            storage = .spilled(all)
        case .spilled(var all):
            guard !all.contains(i) else { return }
            all.append(i)
            all.sort()
            storage = .spilled(all)
        }
    }

    public func contains(_ i: Int) -> Bool {
        switch storage {
        case .inline(let low, let high):
            if i >= 0 && i < 64 { return low >> UInt64(i) & 1 == 1 }
            if i >= 64 && i < 128 { return high >> UInt64(i - 64) & 1 == 1 }
            return false
        case .spilled(let all): return all.contains(i)
        }
    }

    public var isEmpty: Bool {
        if case .inline(let low, let high) = storage { return low | high == 0 }
        return false
    }

    public var count: Int {
        switch storage {
        case .inline(let low, let high): low.nonzeroBitCount + high.nonzeroBitCount
        case .spilled(let all): all.count
        }
    }

    public struct Iterator: IteratorProtocol {
        fileprivate var low: UInt64
        fileprivate var high: UInt64
        fileprivate var spilled: IndexingIterator<[Int]>?

        public mutating func next() -> Int? {
            if low != 0 {
                let i = low.trailingZeroBitCount
                low &= low - 1
                return i
            }
            if high != 0 {
                let i = high.trailingZeroBitCount
                high &= high - 1
                return 64 + i
            }
            return spilled?.next()
        }
    }

    public func makeIterator() -> Iterator {
        switch storage {
        case .inline(let low, let high): Iterator(low: low, high: high, spilled: nil)
        case .spilled(let all): Iterator(low: 0, high: 0, spilled: all.makeIterator())
        }
    }
}
