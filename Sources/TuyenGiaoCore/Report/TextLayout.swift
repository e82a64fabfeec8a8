/// Plain-text layout helpers. Widths count characters as they display: NFC text, one
/// column per letter (a Vietnamese letter with its marks is one Character).
public enum TextLayout {
    public static func width(_ s: String) -> Int { s.count }

    public static func center(_ s: String, in width: Int) -> String {
        let w = Self.width(s)
        guard w < width else { return s }
        let left = (width - w) / 2
        return String(repeating: " ", count: left) + s + String(repeating: " ", count: width - w - left)
    }

    public static func padRight(_ s: String, to width: Int) -> String {
        let w = Self.width(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    /// Greedy word wrap; words longer than the width stay whole on their own line.
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", restPrefix: String = "") -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var currentHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = currentHasWord ? current + " " + word : current + word
            if Self.width(candidate) > width && currentHasWord {
                lines.append(current)
                current = restPrefix + word
            } else {
                current = candidate
            }
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Two blocks side by side, each line centred (or left-aligned) in its column.
    public static func sideBySide(_ left: [String], _ right: [String], leftWidth: Int, rightWidth: Int,
                                  centerLeft: Bool = true, centerRight: Bool = true) -> [String] {
        let n = max(left.count, right.count)
        return (0..<n).map { i in
            let l = i < left.count ? left[i] : ""
            let r = i < right.count ? right[i] : ""
            let lc = centerLeft ? center(l, in: leftWidth) : padRight(l, to: leftWidth)
            let rc = centerRight ? center(r, in: rightWidth) : r
            return trimTrailing(lc + rc)
        }
    }

    public static func trimTrailing(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
