import Foundation

/// One line of a plan document's text, cleaned of what word processors leave behind
/// (bookmarks, footnote markers, markdown emphasis, odd spaces) and split into its list
/// marker and its text. The document's own words and typos are kept as written.
public struct DocumentLine: Equatable, Sendable {
    /// How a line is numbered or bulleted, from the outermost kind to the innermost.
    public enum Marker: Equatable, Sendable {
        case roman(Int)              // I.  II-  IV.
        case capital(Character)      // A.  B)
        case decimal([Int])          // 1.  1.2.  2.1.3
        case letter(Character)       // a)  b.
        case phase(Int)              // Đợt 1:
        case bullet(Character)       // -  +  •
        case star                    // *  **  (a group label in the documents we know)
        case row                     // a table row, its cells joined by " | " (Word and ODT tables)
        case none

        /// Nesting depth: a line belongs under the nearest line before it with a smaller depth.
        var depth: Int {
            switch self {
            case .roman, .capital: 1
            case .decimal(let parts): 1 + parts.count
            case .phase: 6
            case .letter: 7
            case .star: 8
            case .bullet(let c): c == "+" ? 10 : 9
            case .row: 19
            case .none: 20
            }
        }
        var isPhase: Bool { if case .phase = self { true } else { false } }
        var isNumbered: Bool {
            switch self {
            case .roman, .capital, .decimal, .letter, .phase: true
            default: false
            }
        }
    }

    public var number: Int      // 1-based line number in the document
    public var marker: Marker
    public var text: String

    /// Text with the marker removed; `raw` is the cleaned full line.
    public init(number: Int, marker: Marker, text: String) {
        self.number = number; self.marker = marker; self.text = text
    }

    /// Cleans and classifies every line of the body; blank lines are dropped. The body ends
    /// at `Nơi nhận:` — what follows is the recipients and the signature, never a list of the plan.
    public static func parse(_ document: String) -> [DocumentLine] {
        var out: [DocumentLine] = []
        for (i, raw) in document.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let clean = cleaned(String(raw))
            guard !clean.isEmpty else { continue }
            if TextFolding.matchKey(stripEmphasis(clean)).hasPrefix("noi nhan") { break }
            let (marker, text) = classify(clean)
            let body = stripEmphasis(text)
            guard !body.isEmpty || marker != .none else { continue }
            out.append(DocumentLine(number: i + 1, marker: marker, text: body))
        }
        return out
    }

    /// NFC; no bookmarks, footnote markers, zero-width or non-breaking spaces; single spaces.
    /// Tabs are kept as column breaks (header lines put two columns on one line).
    static func cleaned(_ line: String) -> String {
        var s = TextFolding.nfc(line)
        while let r = s.range(of: #"\[(bookmark|image|footnote)[^\]]*\]"#, options: [.regularExpression, .caseInsensitive]) {
            s.removeSubrange(r)
        }
        s = String(s.unicodeScalars.filter { !superscripts.contains($0) && !invisible.contains($0) }.map(Character.init))
        s = s.replacingAll("\u{00A0}", with: " ").replacingAll("\r", with: "")
        // Converters escape list punctuation ("1\. Nội dung", "\- Tuyên truyền").
        s = s.replacingOccurrences(of: #"\\([.\-+*()#_\[\]])"#, with: "$1", options: .regularExpression)
        return s.trimmingCharacters(in: .whitespaces)
    }

    static let superscripts: Set<Unicode.Scalar> = ["¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁰"]
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{FEFF}", "\u{00AD}"]

    /// Splits off the list marker. Several markers in a row ("- + Quy chế", "- * *Sau khi…*")
    /// count as the innermost one.
    static func classify(_ line: String) -> (Marker, String) {
        // A table row keeps its cells whole: "Đợt 1 | Từ ngày 01/8 đến 02/9/2025 | …".
        if line.contains(" | ") { return (.row, collapse(line)) }
        var rest = Substring(line)
        // Markdown headings ("## II. NỘI DUNG") and emphasis around a whole line ("**II. NỘI DUNG**").
        if rest.first == "#" {
            let after = rest.drop { $0 == "#" }
            if after.first == " " { rest = after }
        }
        var marker = Marker.none
        while true {
            var trimmed = rest.drop { $0 == " " || $0 == "\t" }
            if trimmed.first == "*" || trimmed.first == "_" {
                let after = trimmed.drop { $0 == "*" || $0 == "_" }
                if let c = after.first, c != " ", c != "\t" { trimmed = after }
            }
            if let (m, after) = leadingMarker(trimmed) {
                // Numbers count only at the start: "- 1." is a bullet whose text begins with 1.
                // "- Đợt 1 (…):" is still a phase.
                if m.isNumbered && marker != .none {
                    if case .phase = m { marker = m; rest = after }
                    break
                }
                marker = m
                rest = after
                if m.isNumbered { break }
                continue
            }
            rest = trimmed
            break
        }
        return (marker, collapse(String(rest)))
    }

    private static func leadingMarker(_ s: Substring) -> (Marker, Substring)? {
        guard let first = s.first else { return nil }
        // Bullets: a dash, plus or bullet sign followed by a space (or directly by a letter for "-Tuyên");
        // Word's symbol bullets (➢ ❖ ■ ●, private-use Wingdings) count as dashes.
        if let scalar = first.unicodeScalars.first, first.unicodeScalars.count == 1,
           [.otherSymbol, .privateUse, .mathSymbol].contains(scalar.properties.generalCategory), first != "+",
           s.dropFirst().first == " " || s.dropFirst().first == "\t" {
            return (.bullet("-"), s.dropFirst())
        }
        if "-–+•·◦▪".contains(first) {
            let after = s.dropFirst()
            if after.first == " " || after.first == "\t" || (after.first?.isLetter ?? false) {
                return (.bullet(first == "+" ? "+" : "-"), after)
            }
            return nil
        }
        if first == "*" {
            let after = s.drop { $0 == "*" }
            // "** Trước khai mạc" and "* Trong thời gian": a star run then a space.
            if after.first == " " || after.first == "\t" { return (.star, after) }
            return nil
        }
        // "Đợt 1:", "Giai đoạn 2 (…)" — a phase label. "Giai đoạn 2021 - 2025" is a term, not a phase.
        let folded = TextFolding.matchKey(String(s.prefix(14)))
        let labelWord = folded.hasPrefix("dot ") ? 4 : folded.hasPrefix("giai doan ") ? 10 : 0
        if labelWord > 0 {
            let tail = s.dropFirst(labelWord).drop { $0 == " " }
            let digits = tail.prefix { $0.isNumber }
            if let n = Int(digits), !digits.isEmpty, n <= 20 {
                let after = tail.dropFirst(digits.count)
                if let c = after.first, ":.-)–".contains(c) || c == " " {
                    return (.phase(n), after.drop { ":.-)– ".contains($0) })
                }
            }
        }
        // Roman numerals: "II.", "II-", "IV –"
        let roman = s.prefix { "IVX".contains($0) }
        if !roman.isEmpty, let value = romanValue(String(roman)) {
            let after = s.dropFirst(roman.count).drop { $0 == " " }
            if let c = after.first, ".-–:)".contains(c) {
                return (.roman(value), after.dropFirst())
            }
        }
        // Capital letters as section marks: "A. NỘI DUNG", "B) HÌNH THỨC".
        if let c = s.first, "ABCDEFGH".contains(c), s.count > 3 {
            let second = s[s.index(after: s.startIndex)]
            let third = s[s.index(s.startIndex, offsetBy: 2)]
            if (second == "." || second == ")") && third == " " { return (.capital(c), s.dropFirst(2)) }
        }
        // Decimal numbering: "1.", "1.1.", "2.1.3", "2.1.2 Trên…", "1)", "1/"
        var parts: [Int] = []
        var i = s.startIndex
        while i < s.endIndex {
            let digits = s[i...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 2, let n = Int(digits) else { break }
            let afterDigits = s.index(i, offsetBy: digits.count)
            guard afterDigits < s.endIndex, s[afterDigits] == "." || s[afterDigits] == ")"
                    || (parts.isEmpty && s[afterDigits] == "/" && s[s.index(after: afterDigits)...].first == " ") else {
                // "2.1.2 Trên": the last number may stand without its dot before a space.
                if !parts.isEmpty, afterDigits < s.endIndex, s[afterDigits] == " " {
                    parts.append(n)
                    i = afterDigits
                }
                break
            }
            parts.append(n)
            i = s.index(after: afterDigits)
            if s[afterDigits] == ")" || s[afterDigits] == "/" { break }
        }
        if !parts.isEmpty {
            let after = s[i...]
            // "1.200 người" or "30/6" is a number, not a heading: a marker is followed by a space.
            if after.first == " " || after.first == "\t" || after.isEmpty {
                return (.decimal(parts), after)
            }
            return nil
        }
        // Letters: "a)", "b."
        if let c = s.first, c.isLetter, c.isLowercase, s.count > 2 {
            let second = s[s.index(after: s.startIndex)]
            let third = s[s.index(s.startIndex, offsetBy: 2)]
            if (second == ")" || second == ".") && third == " " { return (.letter(c), s.dropFirst(2)) }
        }
        return nil
    }

    static func romanValue(_ s: String) -> Int? {
        let table = ["I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
                     "XI": 11, "XII": 12]
        return table[s]
    }

    /// Markdown emphasis left by conversion: `*…*`, `**…**`, `_…_` around words.
    static func stripEmphasis(_ s: String) -> String {
        collapse(s.replacingAll("*", with: ""))
    }

    static func collapse(_ s: String) -> String {
        // Keep tabs as column breaks (header lines); collapse runs of plain spaces.
        var out = ""
        var lastSpace = false
        for c in s {
            if c == " " {
                if !lastSpace { out.append(c) }
                lastSpace = true
            } else {
                out.append(c)
                lastSpace = false
            }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }
}
