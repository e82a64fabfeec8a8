/// CSV output (RFC 4180). Files meant for people start with a UTF-8 BOM (so Excel shows
/// Vietnamese) and neutralise cells Excel would run as formulas; machine output has neither.
public enum CSVText {
    public enum Audience { case people, machines }

    public static let bom = "\u{FEFF}"

    public static func field(_ s: String, for audience: Audience) -> String {
        var v = s
        if audience == .people, isGuarded(v) { v = "'" + v }
        // Bytes, not Characters: no grapheme breaking for a test of four ASCII bytes.
        if v.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + v.replacingAll("\"", with: "\"\"") + "\""
        }
        return v
    }

    /// Cells that get a leading `'`: those Excel would run as a formula (`=`, `+`, `-`, `@`
    /// first), and those that already look guarded (`'=x`), so that taking one `'` off
    /// (`unguarded`) always gives back the text as it was.
    static func isGuarded(_ s: String) -> Bool {
        let rest = s.unicodeScalars.drop { $0 == "'" }
        guard let first = rest.first else { return false }
        return "=+-@".unicodeScalars.contains(first)
    }

    /// The text a people's CSV cell stands for: one guarding `'` taken off.
    public static func unguarded(_ s: String) -> String {
        s.hasPrefix("'") && isGuarded(String(s.dropFirst())) ? String(s.dropFirst()) : s
    }

    public static func line(_ fields: [String], for audience: Audience) -> String {
        fields.map { field($0, for: audience) }.joined(separator: ",") + "\n"
    }

    /// `Output/du-lieu-loi.csv`: file,line,reason,message,raw.
    public static func rejections(_ list: [Rejection]) -> String {
        var out = bom + line(["file", "line", "reason", "message", "raw"], for: .people)
        for r in list {
            out += line([r.file, String(r.line), r.reason.rawValue, r.message, r.raw], for: .people)
        }
        return out
    }
}

/// The three renderings of `summary` (SPEC §8).
public enum SummaryText {
    static func header(_ q: SummaryQuery) -> [String] {
        q.dimensions.map(\.rawValue) + ["activities", "participants", "quantity"]
            + (q.hasCoverage ? ["covered", "required", "coverage"] : [])
    }

    static func values(_ r: SummaryRow) -> [String] {
        var v = r.keys + [String(r.measures.activities), String(r.measures.participants), String(r.measures.quantity)]
        if let c = r.covered, let req = r.required {
            v += [String(c), String(req), JSONValue.fixed(req == 0 ? 0 : Double(c) / Double(req), decimals: 4)]
        }
        return v
    }

    /// Written as bytes: a summary by unit and item has tens of thousands of rows, and a
    /// `String` per cell was a tenth of a whole run on a million log rows.
    public static func csv(_ q: SummaryQuery, _ rows: [SummaryRow]) -> String {
        var out: [UInt8] = Array(CSVText.line(header(q), for: .machines).utf8)
        out.reserveCapacity(out.count + rows.count * 48)
        for r in rows {
            for k in r.keys {
                if k.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                    out += CSVText.field(k, for: .machines).utf8
                } else {
                    out += k.utf8
                }
                out.append(0x2C)
            }
            appendDecimal(r.measures.activities, to: &out)
            out.append(0x2C)
            appendDecimal(r.measures.participants, to: &out)
            out.append(0x2C)
            appendDecimal(r.measures.quantity, to: &out)
            if let c = r.covered, let req = r.required {
                out.append(0x2C)
                appendDecimal(c, to: &out)
                out.append(0x2C)
                appendDecimal(req, to: &out)
                out.append(0x2C)
                out += JSONValue.fixed(req == 0 ? 0 : Double(c) / Double(req), decimals: 4).utf8
            }
            out.append(0x0A)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendDecimal(_ v: Int, to out: inout [UInt8]) {
        if v < 0 {
            out += String(v).utf8
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        var x = v
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(truncatingIfNeeded: x % 10) + 0x30
                x /= 10
                n += 1
            } while x > 0
            for i in stride(from: n - 1, through: 0, by: -1) { out.append(d[i]) }
        }
    }

    public static func json(_ q: SummaryQuery, _ rows: [SummaryRow]) -> String {
        let names = header(q)
        let count = q.dimensions.count
        return JSONValue.array(rows.map { r in
            let v = values(r)
            return .object(names.enumerated().map { j, name in
                if j < count { return (name, .string(v[j])) }
                if name == "coverage" { return (name, .double(Double(v[j]) ?? 0, decimals: 4)) }
                return (name, .int(Int(v[j]) ?? 0))
            })
        }).render() + "\n"
    }

    /// Aligned columns for a terminal; numbers right-aligned, Vietnamese-grouped.
    public static func table(_ q: SummaryQuery, _ rows: [SummaryRow]) -> String {
        let names = header(q)
        let count = q.dimensions.count
        let body: [[String]] = rows.map { r in
            values(r).enumerated().map { j, v in
                if j < count { return v }
                if names[j] == "coverage" { return VietnameseFormat.percent(Double(v) ?? 0) }
                return VietnameseFormat.integer(Int(v) ?? 0)
            }
        }
        var widths = names.map(TextLayout.width)
        for r in body { for (j, v) in r.enumerated() { widths[j] = max(widths[j], TextLayout.width(v)) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { j, v in
                j < count ? TextLayout.padRight(v, to: widths[j])
                    : String(repeating: " ", count: widths[j] - TextLayout.width(v)) + v
            }.joined(separator: "  ").trimmedRight + "\n"
        }
        var out = render(names)
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in body { out += render(r) }
        out += "(\(rows.count) dòng)\n"
        return out
    }
}
