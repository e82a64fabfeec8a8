/// Did a unit report for a period (SPEC §5)? "Did not report", "reported nothing" and
/// "sent something, but not one row could be accepted" are different facts, and every output
/// keeps them apart.
public enum ReportStatus: Sendable, Equatable {
    case notReported
    /// Sent rows (or a file) for the period, and every one was refused: the unit must fix
    /// and resend. Counts as not reported (completeness), but is named apart.
    case rejected
    case nilReport      // "Không có hoạt động"
    case reported

    public var didReport: Bool { self == .nilReport || self == .reported }

    /// The rule: at least one accepted activity dated in the period is a report; failing
    /// that, a nil report dated in it is one too; failing that, rows sent for the period and
    /// all refused are `rejected`; otherwise the unit did not report.
    public static func of(activities: Int, hasNilReport: Bool, sentRejected: Bool = false) -> ReportStatus {
        if activities > 0 { return .reported }
        if hasNilReport { return .nilReport }
        return sentRejected ? .rejected : .notReported
    }

    /// As the JSON summary writes it.
    public var code: String {
        switch self {
        case .reported: "reported"
        case .nilReport: "nil_report"
        case .rejected: "rejected"
        case .notReported: "not_reported"
        }
    }
}
