import Foundation

/// Text as users type it versus text as the plan holds it. SPEC §4: exact names and
/// titles match ignoring case, diacritics and runs of white space.
public enum TextFolding {
    /// NFC, the form every stored text takes (SPEC: normalise on input).
    public static func nfc(_ s: String) -> String {
        // ASCII and precomposed Vietnamese letters are already NFC (nearly every text a
        // plan or a log holds); Foundation's normaliser is kept for the rest.
        if s.unicodeScalars.allSatisfy({ $0.value < 0x80 || vietnameseLetters[$0.value] != nil || punctuation.contains($0.value) }) {
            return s
        }
        return s.precomposedStringWithCanonicalMapping
    }

    /// The precomposed letters of Vietnamese (both cases, and đ Đ), each mapped to the
    /// lower-case ASCII letter it folds to. Worked out once from Unicode's own
    /// decompositions, keeping only letters that are NFC as they stand and decompose to an
    /// ASCII letter and marks in U+0300–U+036F: for those, folding letter by letter is
    /// exactly what decomposing the whole text and dropping the marks gives.
    static let vietnameseLetters: [UInt32: UInt8] = {
        let lower = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
        var map: [UInt32: UInt8] = [0x0111: 0x64, 0x0110: 0x64]  // đ Đ → d
        for scalar in (lower + lower.uppercased()).unicodeScalars {
            let letter = String(scalar)
            let parts = Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = parts.first, (0x41...0x5A).contains(base.value) || (0x61...0x7A).contains(base.value),
                  parts.dropFirst().allSatisfy({ (0x0300...0x036F).contains($0.value) }),
                  Array(letter.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar] else { continue }
            map[scalar.value] = UInt8(base.value) | 0x20
        }
        return map
    }()

    /// Punctuation that plans and logs use (– — ‘ ’ “ ” … ° « » •): no decomposition, no
    /// case, not white space, so it stands for itself in NFC and in a match key.
    static let punctuation: Set<UInt32> = [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B0, 0x00AB, 0x00BB, 0x2022]

    /// The key two texts are compared by: lower case, no diacritics (đ → d),
    /// white space runs collapsed to one space, trimmed.
    public static func matchKey(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return asciiMatchKey(s) }
        if let key = vietnameseMatchKey(s) { return key }
        let stripped = s.decomposedStringWithCanonicalMapping.unicodeScalars.lazy
            .filter { !(0x0300...0x036F).contains($0.value) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in stripped {
            // ASCII (most of a Vietnamese text once its marks are gone) without a look-up
            // in the Unicode property tables.
            let v = scalar.value
            let isSpace = v < 0x80 ? (v == 0x20 || (0x09...0x0D).contains(v)) : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if v < 0x80 {
                out.append((0x41...0x5A).contains(v) ? Unicode.Scalar(UInt8(v + 0x20)) : scalar)
                continue
            }
            switch scalar {
            case "đ", "Đ": out.append("d")
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// False when the text certainly has nothing to collapse or trim: no white space at
    /// either end, no two spaces in a row, no tab or line break, and none of the non-ASCII
    /// white space characters (looked for by their UTF-8 bytes: U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). Nearly every title and name.
    static func mayNeedCollapsing(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, let last = b.last else { return false }
        if first == 0x20 || last == 0x20 { return true }
        for i in b.indices {
            switch b[i] {
            case 0x09...0x0D: return true
            case 0x20: if i + 1 < b.count, b[i + 1] == 0x20 { return true }
            case 0xC2: if i + 1 < b.count, b[i + 1] == 0x85 || b[i + 1] == 0xA0 { return true }
            case 0xE1: if i + 2 < b.count, b[i + 1] == 0x9A, b[i + 2] == 0x80 { return true }
            case 0xE2:
                guard i + 2 < b.count else { break }
                if b[i + 1] == 0x80, (0x80...0x8A).contains(b[i + 2]) || [0xA8, 0xA9, 0xAF].contains(b[i + 2]) { return true }
                if b[i + 1] == 0x81, b[i + 2] == 0x9F { return true }
            case 0xE3: if i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return true }
            default: break
            }
        }
        return false
    }

    /// `matchKey` of a text of ASCII and precomposed Vietnamese letters, scalar by scalar
    /// without Foundation's normaliser (which made reading a plan of 640 units take tens of
    /// milliseconds); nil for any other text.
    private static func vietnameseMatchKey(_ s: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            var b: UInt8
            if v < 0x80 {
                b = UInt8(v)
                if b == 0x20 || (0x09...0x0D).contains(b) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if (0x41...0x5A).contains(b) { b += 0x20 }
            } else if let folded = vietnameseLetters[v] {
                b = folded
            } else if punctuation.contains(v) {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: String(scalar).utf8)
                continue
            } else {
                return nil
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `matchKey` of an ASCII text (codes, dates, most headers), byte by byte.
    private static func asciiMatchKey(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for b in s.utf8 {
            if b == 0x20 || (0x09...0x0D).contains(b) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses white space runs and trims, keeping case and diacritics (for display).
    public static func collapseSpaces(_ s: String) -> String {
        if !mayNeedCollapsing(s) { return s }
        // Scalar by scalar, with ASCII decided without the property tables: splitting into
        // `Character`s made a plan of 640 units take 15 ms to read.
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x80 ? (v == 0x20 || (0x09...0x0D).contains(v)) : scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(scalar)
        }
        return String(out)
    }
}
