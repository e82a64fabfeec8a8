import Foundation

/// Text as users type it versus text as the plan holds it. SPEC §4: exact names and
/// titles match ignoring case, diacritics and runs of white space.
public enum TextFolding {
    /// NFC, the form every stored text takes (SPEC: normalise on input).
    public static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
    }

    /// The key two texts are compared by: lower case, no diacritics (đ → d),
    /// white space runs collapsed to one space, trimmed.
    public static func matchKey(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return asciiMatchKey(s) }
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
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
