import Foundation

/// The draft as a plan file (SPEC §3) for a person to review: every value the text gave,
/// with the document line it came from; every hole as `null` with a comment saying what
/// to fill in. Filled in, it passes `plan check`.
public enum PlanDraftYAML {
    public static func render(_ d: PlanDraft, source: String) -> String {
        var out = """
        # Bản nháp kế hoạch do `tuyengiao plan draft` đọc từ \(source).
        # Đọc lại từng mục trước khi dùng. Chỗ ghi null là văn bản không nói rõ: điền vào, bổ sung
        # danh sách đơn vị, rồi chạy `tuyengiao plan check`. "dòng N" là dòng trong văn bản gốc.

        """
        out += "plan:\n"
        out += field("code", d.code.map(quoted), else: "điền số ký hiệu của kế hoạch, ví dụ \"20-KH/ĐUK\"")
        out += field("title", d.title.map(quoted), else: "điền tên (trích yếu) của kế hoạch")
        out += field("issuer", d.issuer.map(quoted), else: "điền cơ quan ban hành")
        if let s = d.superior { out += "  superior: \(quoted(s))\n" }
        out += field("place", d.place.map(quoted), else: "văn bản không ghi địa danh; điền nếu cần")
        out += field("issued", d.issued.map(\.iso), else: "điền ngày ban hành, dạng YYYY-MM-DD")

        let stateCode = d.code.map { $0.hasPrefix("/") || $0.contains("/KH-") || $0.hasPrefix("KH-") } ?? false
        let state = stateCode || d.stateMotto
        out += "reporting:\n"
        if let day = d.dueDay {
            out += "  due_day: \(day)\(d.dueDayLine.map { "   # dòng \($0)" } ?? "")\n"
        } else {
            out += "  due_day: null   # văn bản không ghi ngày báo cáo hằng tháng: điền một ngày từ 1 đến 28\n"
        }
        out += "  period_end_day: 31   # 31 = tháng dương lịch; 14 = từ ngày 15 tháng trước đến ngày 14\n"
        out += "  style: \(state ? "state" : "party")\(d.stateMotto && !stateCode ? "   # theo quốc hiệu ở đầu văn bản" : "")\n"
        if let suffix = numberSuffix(d.code, state: state) { out += "  number_suffix: \(quoted(suffix))\n" }

        list(&out, "items", field: "title", d.items, comment: d.itemsSource.map { "theo \($0)" },
             empty: "null   # văn bản không có danh sách nội dung tuyên truyền: điền ít nhất một nội dung (code, title)")

        if d.phases.isEmpty {
            out += "phases: null   # văn bản không chia đợt: điền ít nhất một đợt (code, title, start, end, items)\n"
        } else {
            out += "phases:\n"
            for p in d.phases {
                out += "  - code: \(p.code)   # \(lines(p.line, p.lastLine))\(p.reason.map { ": \($0)" } ?? "")\n"
                out += "    title: \(quoted(p.title))\n"
                switch (p.start, p.end) {
                case (let s?, let e?):
                    out += "    start: \(s.iso)\n    end: \(e.iso)\(p.windowNote.map { "   # \($0)" } ?? "")\n"
                case (let s?, nil):
                    out += "    start: \(s.iso)\n    end: null   # \(p.windowNote ?? "điền ngày kết thúc")\n"
                case (nil, let e?):
                    out += "    start: null   # \(p.windowNote ?? "điền ngày bắt đầu")\n    end: \(e.iso)\n"
                case (nil, nil):
                    let note = p.windowNote ?? "điền ngày"
                    out += "    start: null   # \(note)\n    end: null\n"
                }
                if let items = p.items, !items.isEmpty {
                    out += "    items: [\(items.joined(separator: ", "))]\n"
                } else if p.mentions.isEmpty {
                    out += "    items: null   # chọn các nội dung bắt buộc của đợt (mã ND..)\n"
                } else {
                    out += "    items: null   # chọn các nội dung bắt buộc của đợt (mã ND..); văn bản ghi dưới đợt này:\n"
                    for m in p.mentions { out += "      #   - \(m)\n" }
                }
            }
        }

        list(&out, "forms", field: "title", d.forms, comment: nil,
             empty: "null   # văn bản không có mục hình thức tuyên truyền: điền ít nhất một hình thức (code, title)")
        list(&out, "slogans", field: "text", d.slogans, comment: nil, empty: "[]   # văn bản không có mục khẩu hiệu")
        if !d.units.isEmpty {
            out += "# Các đơn vị theo mục tổ chức thực hiện; thay bằng từng đơn vị cụ thể (code, name, parent) nếu cần.\n"
        }
        list(&out, "units", field: "name", d.units, comment: nil,
             empty: "null   # điền các đơn vị phải báo cáo (code, name, parent), hoặc units_file: units.csv")
        return out
    }

    /// "dòng 41" or "dòng 41–44".
    static func lines(_ first: Int, _ last: Int?) -> String {
        guard let last, last != first else { return "dòng \(first)" }
        return "dòng \(first)–\(last)"
    }

    private static func field(_ key: String, _ value: String?, else note: String) -> String {
        if let value { return "  \(key): \(value)\n" }
        return "  \(key): null   # \(note)\n"
    }

    /// A list of coded entries, each with the document line it came from; `empty` is what
    /// stands after the key when the document gave none.
    private static func list(_ out: inout String, _ key: String, field: String, _ entries: [PlanDraft.Entry],
                             comment: String?, empty: String) {
        guard !entries.isEmpty else { out += "\(key): \(empty)\n"; return }
        out += "\(key):\(comment.map { "   # \($0)" } ?? "")\n"
        for e in entries {
            out += "  - code: \(e.code)   # dòng \(e.line)\(e.reason.map { ": \($0)" } ?? "")\n    \(field): \(quoted(e.text))\n"
            if !e.details.isEmpty {
                out += "    # gồm các ý:\n"
                for d in e.details { out += "    #   + \(d)\n" }
            }
        }
    }

    /// The report's number suffix follows the plan's: "20-KH/ĐUK" → "BC/ĐUK", "/KH-KHCN" → "BC-KHCN".
    static func numberSuffix(_ code: String?, state: Bool) -> String? {
        guard let code else { return nil }
        if state, let r = code.range(of: "KH-") { return "BC-" + code[r.upperBound...] }
        if let r = code.range(of: "KH/") { return "BC/" + code[r.upperBound...] }
        return nil
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
