/// Whether a subordinate's summary can be taken at all (issue 20): a summary the level above
/// cannot trust is refused as a whole, with the reason the clerk forwards to the committee.
public enum SummaryIntegrity {
    /// The reason to refuse `summary`, filed as `fileName`, by the plan; nil when it is sound.
    /// `nameMonth`: the month the file's name carries (`tong-hop_2020-03.json`), if any.
    public static func refusal(_ s: SubordinateSummary, nameMonth: MonthKey?, plan: Plan) -> String? {
        guard s.schema == SummaryJSON.schema else {
            return "Lược đồ \"\(s.schema)\" không phải \(SummaryJSON.schema): không đọc được báo cáo tổng hợp này; đề nghị cấp dưới xuất lại bằng tuyengiao."
        }
        guard committee(for: s.plan.code, in: plan) != nil else {
            return "Báo cáo tổng hợp của kế hoạch \"\(s.plan.code)\": không đơn vị nào trong kế hoạch mang plan_code này. Thêm plan_code: \"\(s.plan.code)\" vào đơn vị cấp dưới tương ứng trong plan.yaml, hoặc trả lại tệp."
        }
        guard let month = s.month else {
            return "Tháng báo cáo \"\(s.period.month)\" không đúng dạng YYYY-MM."
        }
        let last = plan.calendar.period(of: plan.lastPhaseEnd)
        guard month >= plan.firstPeriod && month <= last else {
            return "Tháng \(month.vietnamese) nằm ngoài thời gian của kế hoạch (từ tháng \(plan.firstPeriod.vietnamese) đến tháng \(last.vietnamese))."
        }
        if let nameMonth, nameMonth != month {
            return "Tên tệp ghi tháng \(nameMonth.vietnamese) nhưng nội dung là báo cáo tháng \(month.vietnamese); đề nghị cấp dưới gửi lại đúng tệp."
        }
        return accounting(s)
    }

    /// Its own books must balance: totals equal the sum of its top units (each carries its
    /// subtree), the expected and reported counts equal its unit list's, and rows read equal
    /// accepted + rejected + replaced (SPEC §7.3).
    public static func accounting(_ s: SubordinateSummary) -> String? {
        let t = s.totals
        if t.rows_read != t.rows_accepted + t.rows_rejected + t.rows_replaced {
            return "Số liệu không khớp: đọc \(t.rows_read) dòng nhưng nhận \(t.rows_accepted) + lỗi \(t.rows_rejected) + thay thế \(t.rows_replaced) = \(t.rows_accepted + t.rows_rejected + t.rows_replaced); tệp có thể đã bị sửa tay, đề nghị cấp dưới xuất lại."
        }
        let tally = s.tally, roots = tally.roots
        if roots != t.measures {
            return "Số liệu không khớp: tổng số (\(t.activities) hoạt động, \(t.participants) lượt người, số lượng \(t.quantity)) khác tổng của các đơn vị (\(roots.activities), \(roots.participants), \(roots.quantity)); tệp có thể đã bị sửa tay, đề nghị cấp dưới xuất lại."
        }
        if tally.expected != t.units_expected || tally.reported != t.units_reported {
            return "Số liệu không khớp: tổng số ghi \(t.units_reported)/\(t.units_expected) đơn vị báo cáo nhưng danh sách đơn vị có \(tally.reported)/\(tally.expected); đề nghị cấp dưới xuất lại."
        }
        return nil
    }

    /// The committee (a unit with `plan_code`) whose summaries carry `planCode`.
    public static func committee(for planCode: String, in plan: Plan) -> Int? {
        let key = TextFolding.matchKey(planCode)
        return plan.units.committees.first { TextFolding.matchKey(plan.units[$0].planCode!) == key }
    }

    /// The month in a summary's file name: `…tong-hop_2020-03.json` (a prefix, such as the
    /// unit code `receive` puts in front, or a `-2` suffix, allowed).
    public static func nameMonth(_ fileName: String) -> MonthKey? {
        let lower = Array(fileName.lowercased().utf8), marker = Array("tong-hop_".utf8)
        guard lower.count >= marker.count else { return nil }
        for start in stride(from: lower.count - marker.count, through: 0, by: -1)
        where lower[start..<start + marker.count].elementsEqual(marker) {
            let rest = lower[(start + marker.count)...].prefix(7)
            return MonthKey.parse(String(decoding: rest, as: UTF8.self))
        }
        return nil
    }

    /// Whether a file under `logs/` is meant as a subordinate's summary.
    public static func isSummaryName(_ fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return lower.hasSuffix(".json") && lower.contains("tong-hop_")
    }
}
