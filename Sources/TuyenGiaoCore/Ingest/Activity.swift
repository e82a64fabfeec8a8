/// One accepted log row, in plan indices. Items are a small sorted list of distinct indices.
public struct Activity: Sendable {
    public var day: Day
    public var period: MonthKey
    public var unit: Int
    public var items: [Int]
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

    public init(file: String, line: Int, reason: RejectReason, message: String, raw: String) {
        self.file = file; self.line = line; self.reason = reason; self.message = message; self.raw = raw
    }
}
