/// A month's report as it was sent upward (`tuyengiao freeze`, SPEC §7.5 and §8): the date
/// it was kept and the totals of its JSON. Later runs still write the live outputs; they
/// carry these figures beside theirs and say what changed since.
public struct SentVersion: Sendable, Equatable {
    public var date: Day
    /// The sent JSON's integer totals, by their JSON names.
    public var totals: [String: Int]

    public init(date: Day, totals: [String: Int]) {
        self.date = date
        self.totals = totals
    }

    /// The totals the live JSON repeats under `sent`, in this order.
    public static let keys = ["activities", "participants", "quantity", "units_expected", "units_reported",
                              "units_nil_report", "units_on_time", "units_receipt_unknown", "rows_rejected"]

    /// "So với báo cáo đã gửi ngày 20/08/2020: thêm 1 đơn vị báo cáo, thêm 12 hoạt động." —
    /// what a reader of the live report needs to know about the version already sent.
    public func changes(now f: MonthlyFigures) -> String {
        let compared: [(key: String, now: Int, noun: String)] = [
            ("units_reported", f.unitsReported, "đơn vị báo cáo"),
            ("activities", f.month.activities, "hoạt động"),
            ("participants", f.month.participants, "lượt người tham dự"),
        ]  // quantity counts different things per form (banners, posts, copies): not summed in words
        let parts = compared.compactMap { c -> String? in
            guard let then = totals[c.key], then != c.now else { return nil }
            let d = c.now - then
            return (d > 0 ? "thêm " : "bớt ") + VietnameseFormat.integer(abs(d)) + " " + c.noun
        }
        let head = "So với báo cáo đã gửi ngày \(date.vietnamese): "
        return head + (parts.isEmpty ? "số liệu không thay đổi." : parts.joined(separator: ", ") + ".")
    }
}
