/// What `plan draft --report` prints: section by section, what the drafter found, where, and
/// how — and what it could not find — so the clerk knows where to look before filling in
/// the YAML (issue 18). Plain Vietnamese, by section names, no codes to decipher.
public enum PlanDraftReport {
    public static func render(_ d: PlanDraft, source: String) -> String {
        var out = "Bản nháp kế hoạch từ \(source): đã tìm thấy và còn thiếu\n\n"
        func line(_ ok: Bool, _ text: String) { out += (ok ? "  ✓ " : "  ✗ ") + text + "\n" }

        out += "Đầu văn bản\n"
        line(d.code != nil, d.code.map { "Số ký hiệu: \($0)" } ?? "Số ký hiệu: không thấy dòng \"Số: …-KH/…\" — điền plan.code")
        line(d.place != nil, d.place.map { "Địa danh: \($0)" } ?? "Địa danh: không thấy — điền nếu cần")
        line(d.issued != nil, d.issued.map { "Ngày ban hành: \($0.vietnamese)" } ?? "Ngày ban hành: không thấy hoặc để trống — điền plan.issued")
        line(d.issuer != nil, d.issuer.map { "Cơ quan ban hành: \($0)" } ?? "Cơ quan ban hành: không thấy — điền plan.issuer")
        line(d.title != nil, d.title.map { "Trích yếu: \($0)" } ?? "Trích yếu: không thấy dòng dưới \"KẾ HOẠCH\" — điền plan.title")
        if d.stateMotto { out += "    Có quốc hiệu ở đầu văn bản: báo cáo theo thể thức cơ quan nhà nước (style: state).\n" }

        out += "\nBáo cáo hằng tháng\n"
        line(d.dueDay != nil, d.dueDay.map { "Hạn báo cáo: ngày \($0) hằng tháng (dòng \(d.dueDayLine ?? 0))" }
             ?? "Hạn báo cáo: văn bản không ghi ngày báo cáo hằng tháng — điền reporting.due_day")

        func finding(_ name: String) -> PlanDraft.Finding? { d.findings.first { $0.section == name } }
        func where_(_ f: PlanDraft.Finding?) -> String {
            guard let f else { return "" }
            let lines = f.lines.map { $0.lowerBound == $0.upperBound ? "dòng \($0.lowerBound), " : "dòng \($0.lowerBound)–\($0.upperBound), " } ?? ""
            return " (\(lines)\(f.how))"
        }

        out += "\nNội dung tuyên truyền\n"
        if d.items.isEmpty {
            line(false, "không tìm thấy danh sách nội dung — điền items (code, title)")
        } else {
            line(true, "\(d.items.count) nội dung\(where_(finding("Nội dung")))")
            let pointed = d.items.filter { !$0.details.isEmpty }
            if !pointed.isEmpty {
                out += "    \(pointed.count) nội dung có các ý \"+\" bên dưới: giữ là một nội dung, các ý ghi trong chú thích.\n"
            }
        }

        out += "\nCác đợt\n"
        if d.phases.isEmpty {
            line(false, "không tìm thấy đợt hay giai đoạn nào — điền phases (code, title, start, end, items)")
        } else {
            line(true, "\(d.phases.count) đợt\(where_(finding("Các đợt")))")
            for p in d.phases {
                let dates: String
                switch (p.start, p.end) {
                case (let s?, let e?): dates = "\(s.vietnamese) – \(e.vietnamese)"
                case (let s?, nil): dates = "từ \(s.vietnamese), chưa có ngày kết thúc"
                case (nil, let e?): dates = "đến \(e.vietnamese), chưa có ngày bắt đầu"
                case (nil, nil): dates = "chưa có ngày"
                }
                let ok = p.start != nil && p.end != nil
                out += "    \(ok ? "✓" : "✗") \(p.code) (dòng \(p.line)): \(p.title) — \(dates)"
                if let note = p.windowNote, !ok { out += "; \(note)" }
                out += "\n"
            }
            if d.phases.contains(where: { $0.items == nil }) {
                out += "    Các nội dung bắt buộc của từng đợt: chọn trong danh sách nội dung (phases[].items).\n"
            }
        }

        out += "\nHình thức tuyên truyền\n"
        line(!d.forms.isEmpty, d.forms.isEmpty ? "không tìm thấy mục hình thức — điền forms (code, title)"
             : "\(d.forms.count) hình thức\(where_(finding("Hình thức")))")
        out += "\nKhẩu hiệu\n"
        line(!d.slogans.isEmpty, d.slogans.isEmpty ? "không tìm thấy mục khẩu hiệu (không bắt buộc)"
             : "\(d.slogans.count) khẩu hiệu\(where_(finding("Khẩu hiệu")))")
        out += "\nĐơn vị báo cáo\n"
        line(!d.units.isEmpty, d.units.isEmpty ? "không tìm thấy danh sách đơn vị — điền units (code, name, parent) hoặc units_file"
             : "\(d.units.count) đơn vị theo mục tổ chức thực hiện\(where_(finding("Đơn vị thực hiện"))); thay bằng từng đơn vị cụ thể nếu cần")
        return out
    }
}
