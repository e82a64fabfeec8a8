/// Whole numbers as offices type them (SPEC §4): `1200`, `1.200`, `1 200`, `1,200`
/// (thousands grouped by dot, comma or space, groups of three).
public enum VietnameseNumber {
    /// The largest value a row may give (participants, quantity): a bound no honest log comes
    /// near, so that sums over any number of rows a machine can read never wrap (10^9 × 9·10^9
    /// rows still fits in 64 bits).
    public static let limit = 1_000_000_000

    /// nil when the text is not a whole number from 0 to `limit`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // Nearly every cell is a few plain digits: read those at once (twelve digits cannot
        // overflow; the limit is checked after).
        if let p = bytes.baseAddress, bytes.count > 0, bytes.count <= 12 {
            var value = 0, i = 0
            while i < bytes.count {
                let d = p[i] &- 0x30
                if d > 9 { break }
                value = value &* 10 &+ Int(d)
                i += 1
            }
            if i == bytes.count { return value <= limit ? value : nil }
        }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes, start) { start += skipSpace(bytes, start) }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || (end >= 2 && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xA0) {
            end -= bytes[end - 1] == 0xA0 ? 2 : 1
        }
        guard start < end else { return nil }
        var value = 0
        var digitsInGroup = 0
        var sawSeparator = false
        var separator: UInt8 = 0
        var i = start
        while i < end {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                value = value &* 10 &+ Int(b - 0x30)
                if value > limit { return nil }
                digitsInGroup += 1
                i += 1
            } else {
                // A thousands separator: . , space or no-break space (C2 A0).
                var width = 1
                var sep = b
                if b == 0xC2, i + 1 < end, bytes[i + 1] == 0xA0 { width = 2; sep = 0x20 }
                guard sep == 0x2E || sep == 0x2C || sep == 0x20 else { return nil }
                if sawSeparator {
                    guard sep == separator, digitsInGroup == 3 else { return nil }
                } else {
                    guard digitsInGroup >= 1, digitsInGroup <= 3 else { return nil }
                }
                separator = sep
                sawSeparator = true
                digitsInGroup = 0
                i += width
            }
        }
        if sawSeparator && digitsInGroup != 3 { return nil }
        return digitsInGroup > 0 || !sawSeparator ? value : nil
    }

    public static func parse(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { parse($0) }
    }

    private static func isSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        b[i] == 0x20 || b[i] == 0x09 || (b[i] == 0xC2 && i + 1 < b.count && b[i + 1] == 0xA0)
    }
    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int { b[i] == 0xC2 ? 2 : 1 }
}
