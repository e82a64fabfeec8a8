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
        let stripped = s.decomposedStringWithCanonicalMapping.unicodeScalars.lazy
            .filter { !(0x0300...0x036F).contains($0.value) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in stripped {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch scalar {
            case "đ", "Đ": out.append("d")
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// Collapses white space runs and trims, keeping case and diacritics (for display).
    public static func collapseSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
