/// Reminders before the due date (issue 17): for a provisional period with expected units
/// that have not reported — sent nothing, or sent rows that were all refused — the official
/// reminder letter (công văn đôn đốc) in the report's layout, and one line per unit for the
/// offices that remind by e-mail or messaging. Nothing for a final period.
public enum Reminder {
    /// The units to remind: not reported, then sent but refused; empty for a final period.
    public static func units(_ f: MonthlyFigures) -> [UnitFigures] {
        f.provisional ? f.notReported + f.sentButRejected : []
    }

    /// The letter; nil when no one is to be reminded.
    public static func letter(_ f: MonthlyFigures) -> ReportContent? {
        let missing = units(f)
        guard !missing.isEmpty else { return nil }
        let plan = f.plan, r = plan.reporting
        // The letter's number takes the report's suffix with its kind (BC) made CV: "Số    -CV/ĐU".
        let suffix = r.numberSuffix.split(separator: "/", maxSplits: 1).dropFirst().first.map { "CV/\($0)" } ?? "CV"
        let header = ReportContent.Header(style: r.style, superior: plan.superior, issuer: plan.issuer,
                                          number: r.style == .party ? "Số    -\(suffix)" : "Số:    /\(suffix)",
                                          place: plan.place, date: f.asOf)
        let month = VietnameseFormat.monthName(f.period)
        var b = ReportBuilder()
        b.element(.paragraph("Kính gửi: " + ReportSections.names(missing, sheet: "Chưa báo cáo") + "."))
        let notSent = f.notReported, refused = f.sentButRejected
        if !notSent.isEmpty {
            b.element(.paragraph("Thực hiện Kế hoạch số \(plan.code) ngày \(plan.issued.vietnamese) của \(plan.issuer), đến ngày \(f.asOf.vietnamese), \(plan.issuer) chưa nhận được báo cáo kết quả công tác tuyên truyền \(month) của \(notSent.count) đơn vị: " + ReportSections.names(notSent, sheet: "Chưa báo cáo") + "."))
        }
        if !refused.isEmpty {
            b.element(.paragraph("\(refused.count) đơn vị đã gửi báo cáo \(month) nhưng số liệu chưa hợp lệ: " + ReportSections.names(refused, sheet: "Chưa báo cáo") + ". Đề nghị các đơn vị sửa các dòng theo tệp phản hồi của đơn vị mình và gửi lại."))
        }
        b.element(.paragraph("Đề nghị các đơn vị khẩn trương tổng hợp, gửi báo cáo về \(plan.issuer) trước ngày \(f.due.vietnamese) theo mẫu nhật ký hoạt động tuyên truyền (mỗi hoạt động một dòng; tháng không có hoạt động thì ghi \"Không có hoạt động\")."))
        return ReportContent(header: header, title: "", subject: "V/v đôn đốc báo cáo kết quả công tác tuyên truyền \(month)",
                             blocks: b.blocks, recipients: ["- Như trên,", "- Lưu VP."],
                             signerTitle: r.signerTitle, signerRole: r.signerRole, signerName: r.signerName)
    }

    /// `Output/nhac-nho_YYYY-MM.csv` (BOM, for Excel): code, name, parent, status, what is
    /// missing, contact, and a message ready to send. `pendingRows`: refused rows per unit.
    public static func list(_ f: MonthlyFigures, pendingRows: [Int: Int]) -> String? {
        let missing = units(f)
        guard !missing.isEmpty else { return nil }
        let plan = f.plan, month = "tháng \(f.period.vietnamese)"
        var out = CSVText.bom + CSVText.line(["ma_don_vi", "ten_don_vi", "don_vi_cap_tren", "tinh_trang", "con_thieu",
                                               "lien_he", "tin_nhan"], for: .people)
        for u in missing {
            let rows = pendingRows[u.unit] ?? 0
            let what = u.status == .rejected ? "sửa \(rows) dòng lỗi và gửi lại báo cáo \(month)" : "báo cáo \(month)"
            let message = u.status == .rejected
                ? "\(u.name): \(plan.issuer) đã nhận báo cáo \(month) của đơn vị nhưng \(rows) dòng số liệu chưa hợp lệ. Đề nghị sửa theo tệp phản hồi và gửi lại trước ngày \(f.due.vietnamese)."
                : "\(u.name): đến ngày \(f.asOf.vietnamese), \(plan.issuer) chưa nhận được báo cáo công tác tuyên truyền \(month) của đơn vị. Đề nghị gửi trước ngày \(f.due.vietnamese)."
            out += CSVText.line([u.code, u.name, u.parentName ?? "", SummaryWorkbook.statusText(u.status), what,
                                 plan.units[u.unit].contact ?? "", message], for: .people)
        }
        return out
    }
}
