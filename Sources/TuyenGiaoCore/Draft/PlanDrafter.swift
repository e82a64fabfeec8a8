import Foundation

/// Reads the text of a Kế hoạch into a `PlanDraft` by general rules (issue 4): the header
/// block for number, bodies, place and date; the outline for sections, found by what their
/// headings say; date phrases for phase windows. It never invents: what it cannot find
/// stays empty, and the YAML says what to fill in.
public enum PlanDrafter {
    public static func draft(_ document: String) -> PlanDraft {
        let text = TextFolding.nfc(document)
        let rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).map { DocumentLine.cleaned(String($0)) }
        var draft = PlanDraft()
        let header = Header.read(rawLines)
        draft.code = header.code
        draft.place = header.place
        draft.issued = header.issued
        draft.title = header.title
        draft.superior = header.bodies.count >= 2 ? header.bodies.first.map { recased($0, in: text) } : nil
        draft.issuer = issuerFromBody(rawLines, after: header.titleEnd) ?? header.bodies.last.map { recased($0, in: text) }
        draft.stateMotto = header.stateMotto
        (draft.dueDay, draft.dueDayLine) = dueDay(rawLines)

        let outline = DocumentOutline(DocumentLine.parse(text))
        Sections(outline: outline, documentDate: draft.issued).fill(&draft)
        return draft
    }

    // MARK: - Reporting day

    /// "báo cáo … vào ngày 20 hàng tháng", "trước ngày 25 hằng tháng", "định kỳ hằng tháng (trước ngày 20)".
    static func dueDay(_ lines: [String]) -> (Int?, Int?) {
        let patterns = [#"ngay\s+(\d{1,2})\s+(?:hang|moi)\s+thang"#, #"hang\s+thang\s*\(?\s*(?:truoc|vao)\s+ngay\s+(\d{1,2})\b"#]
        for (i, line) in lines.enumerated() {
            let k = TextFolding.matchKey(line)
            for p in patterns {
                guard let r = k.range(of: p, options: .regularExpression) else { continue }
                let digits = k[r].split(whereSeparator: { !$0.isNumber }).first.flatMap { Int($0) }
                if let d = digits, (1...31).contains(d) { return (d, i + 1) }
            }
        }
        return (nil, nil)
    }

    // MARK: - Issuing body

    /// "…, Đảng ủy Sở Công Thương xây dựng Kế hoạch …": the body in its own (mixed) case.
    static func issuerFromBody(_ lines: [String], after start: Int) -> String? {
        for line in lines.dropFirst(start).prefix(40) {
            guard let r = line.range(of: #"\s(xây dựng|ban hành)\s+(kế hoạch|Kế hoạch|KẾ HOẠCH)"#, options: .regularExpression) else { continue }
            let before = line[..<r.lowerBound]
            let clause = before.split(whereSeparator: { ".;:,".contains($0) }).last.map(String.init) ?? String(before)
            let name = clause.trimmingCharacters(in: .whitespaces)
            let words = name.split(separator: " ")
            guard let first = name.first, first.isUppercase, (2...16).contains(words.count) else { continue }
            return name
        }
        return nil
    }

    /// An upper-case header line in the case the body writes it, when the body does.
    static func recased(_ upper: String, in text: String) -> String {
        let key = TextFolding.matchKey(upper)
        let words = upper.split(separator: " ").count
        // Search the body's word windows of the same length for the same folded text.
        for line in text.split(separator: "\n") {
            let tokens = line.split(separator: " ")
            guard tokens.count >= words else { continue }
            for i in 0...(tokens.count - words) {
                let candidate = tokens[i..<(i + words)].joined(separator: " ")
                    .trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()"))
                if TextFolding.matchKey(candidate) == key, candidate != upper { return candidate }
            }
        }
        return upper
    }
}

/// The header block: the lines above `KẾ HOẠCH` (and the number and date lines that some
/// documents put around it), read column by column.
struct Header {
    var code: String?
    var place: String?
    var issued: Day?
    var title: String?
    var bodies: [String] = []
    var titleEnd = 0
    /// "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in the header, whole or wrapped over two lines.
    var stateMotto = false

    static let national = ["dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc",
                           "doc lap – tu do – hanh phuc"]

    static func read(_ lines: [String]) -> Header {
        var h = Header()
        // "KẾ HOẠCH" on its own line, or starting an upper-case title line.
        let planLine = lines.prefix(30).firstIndex { l in
            let t = DocumentLine.stripEmphasis(l)
            return TextFolding.matchKey(t) == "ke hoach" || t.hasPrefix("KẾ HOẠCH ")
        }
        let headerEnd = planLine ?? min(lines.count, 12)
        // Number and date may sit just above or just below KẾ HOẠCH.
        let scan = lines.prefix(min(lines.count, headerEnd + 3))
        var dated = false
        for (i, line) in scan.enumerated() {
            var line = line
            // The date first, on the whole line: a blank date ("ngày    tháng    năm 2021")
            // has the same runs of spaces that separate columns.
            if !dated, let (place, day, range) = placeAndDate(in: line) {
                h.place = place; h.issued = day; dated = true
                line.removeSubrange(range)
                // "Thừa Thiên" / "Huế, ngày 12 tháng 3 năm 2021": a place wrapped onto the line above.
                // (A PDF's text puts a blank line between the two.)
                var above = i - 1
                while above > 0, above >= i - 2, lines[above].trimmingCharacters(in: .whitespaces).isEmpty { above -= 1 }
                if above >= 0, let head = columns(lines[above]).last, isPlaceHead(head) {
                    let head = head.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
                    h.place = h.place.map { head + " " + $0 } ?? head
                    if let last = h.bodies.last, last == TextFolding.collapseSpaces(head) { h.bodies.removeLast() }
                }
            }
            for column in columns(line) {
                if h.code == nil, let c = code(in: column) { h.code = c; continue }
                if isMottoFragment(column) {
                    if TextFolding.matchKey(column).hasPrefix("cong hoa") { h.stateMotto = true }
                    continue
                }
                if i < headerEnd, isBodyName(column) { h.bodies.append(TextFolding.collapseSpaces(column)) }
            }
        }
        h.bodies = joinWrappedBodies(h.bodies)
        if let planLine {
            var title: [String] = []
            let sameLine = DocumentLine.stripEmphasis(lines[planLine]).dropFirst("KẾ HOẠCH".count)
                .trimmingCharacters(in: .whitespaces)
            if !sameLine.isEmpty { title.append(sameLine) }
            var i = planLine + 1
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).isEmpty { i += 1 }
            while i < lines.count, title.count < 5 {
                let l = lines[i].trimmingCharacters(in: .whitespaces)
                let k = TextFolding.matchKey(l)
                if l.isEmpty || l.allSatisfy({ "-–—_=*. ".contains($0) }) { break }
                if ["can cu", "thuc hien", "de ", "nham "].contains(where: { k.hasPrefix($0) }) { break }
                if code(in: l) != nil || placeAndDate(in: l) != nil { i += 1; continue }
                title.append(TextFolding.collapseSpaces(DocumentLine.stripEmphasis(l)))
                i += 1
            }
            h.title = title.isEmpty ? nil : title.joined(separator: " ")
            h.titleEnd = i
        }
        return h
    }

    /// Header lines put two columns side by side, separated by a tab or a run of spaces.
    static func columns(_ line: String) -> [String] {
        line.replacingOccurrences(of: #"\t+| {3,}"#, with: "\u{1F}", options: .regularExpression)
            .split(separator: "\u{1F}").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "Số: 20- KH/ĐUK", "Số 215-KH/ĐU", "Số: /KH-KHCN" → the code as an office writes it.
    static func code(in column: String) -> String? {
        guard let r = column.range(of: #"^(Số|SỐ|số)\s*:?\s*"#, options: .regularExpression) else { return nil }
        var rest = String(column[r.upperBound...])
        rest = rest.replacingOccurrences(of: #"\s*([-–/])\s*"#, with: "$1", options: .regularExpression)
        let token = rest.split(separator: " ").first.map(String.init) ?? ""
        let cleaned = token.replacingAll("–", with: "-").trimmingCharacters(in: CharacterSet(charactersIn: ",.;"))
        guard TextFolding.matchKey(cleaned).contains("kh") else { return nil }
        return cleaned
    }

    /// "Bắc Ninh, ngày 30 tháng 12 năm 2019" → place and date, and the range they take in the
    /// line. A date left blank for the office to fill in ("ngày   tháng   năm 2020") gives the
    /// place only. The place is the column just before "ngày".
    static func placeAndDate(in line: String) -> (String?, Day?, Range<String.Index>)? {
        guard let r = line.range(of: #"ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})"#,
                                 options: [.regularExpression, .caseInsensitive]) else { return nil }
        let numbers = line[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        var day: Day?
        if numbers.count == 3 { day = Day(year: numbers[2], month: numbers[1], day: numbers[0]) }
        let before = String(line[..<r.lowerBound])
        let column = columns(before).last ?? ""
        let place = column.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        // Only a place name: a few capitalised words, not the tail of a sentence.
        let words = place.split(separator: " ")
        let isPlace = !place.isEmpty && words.count <= 6 && (words.first?.first?.isUppercase ?? false)
        let start = isPlace ? line.range(of: column, options: .backwards, range: line.startIndex..<r.lowerBound)?.lowerBound ?? r.lowerBound : r.lowerBound
        return (isPlace ? place : nil, day, start..<r.upperBound)
    }

    /// "ỦY BAN NHÂN DÂN" / "XÃ HƯƠNG VINH": an organ named without its place, wrapped onto the
    /// next line, is one body, not a superior and its subordinate.
    static func joinWrappedBodies(_ bodies: [String]) -> [String] {
        let organs = ["uy ban nhan dan", "hoi dong nhan dan", "dang uy", "ban thuong vu", "ban chap hanh", "uy ban mat tran to quoc"]
        let levels = ["tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran "]
        var out: [String] = []
        for b in bodies {
            if let last = out.last, organs.contains(TextFolding.matchKey(last)),
               levels.contains(where: { TextFolding.matchKey(b).hasPrefix($0) }) {
                out[out.count - 1] = last + " " + b
            } else {
                out.append(b)
            }
        }
        return out
    }

    /// The first part of a place name wrapped above its date line: one to three capitalised
    /// words ("Thừa Thiên", "Bà Rịa -"), not a body (upper case), not a number line, not the motto.
    static func isPlaceHead(_ column: String) -> Bool {
        let t = column.trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        let words = t.split(separator: " ")
        guard (1...3).contains(words.count), words.allSatisfy({ $0.first?.isUppercase ?? false }),
              t.contains(where: \.isLowercase), !t.contains(where: \.isNumber), !t.contains("-"), !t.contains(":")
        else { return false }
        let k = TextFolding.matchKey(t)
        return !k.hasPrefix("so") && !isMottoFragment(t) && !k.hasPrefix("ke hoach")
    }

    /// A national header, whole or a line of it wrapped ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT
    /// NAM"): never a body.
    static func isMottoFragment(_ column: String) -> Bool {
        let k = TextFolding.matchKey(column).replacingAll("–", with: "-").trimmingCharacters(in: .whitespaces)
        guard k.contains(where: \.isLetter) else { return false }
        return national.contains { n in n == k || (" " + n + " ").contains(" " + k + " ") }
    }

    /// An upper-case line naming a body (not the national headers, not a symbol line).
    static func isBodyName(_ column: String) -> Bool {
        let letters = column.filter(\.isLetter)
        guard letters.count >= 4, letters.allSatisfy({ $0.isUppercase }) else { return false }
        let k = TextFolding.matchKey(column)
        if isMottoFragment(column) || k.hasPrefix("ke hoach") { return false }
        return true
    }
}
