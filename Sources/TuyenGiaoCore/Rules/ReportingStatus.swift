/// Did a unit report for a period (SPEC §5)? "Did not report" and "reported nothing" are
/// different facts, and every output keeps them apart.
public enum ReportStatus: Sendable, Equatable {
    case notReported
    case nilReport      // "Không có hoạt động"
    case reported

    public var didReport: Bool { self != .notReported }

    /// The rule: at least one accepted activity dated in the period is a report; failing
    /// that, a nil report dated in it is one too; otherwise the unit did not report.
    public static func of(activities: Int, hasNilReport: Bool) -> ReportStatus {
        if activities > 0 { return .reported }
        return hasNilReport ? .nilReport : .notReported
    }
}
