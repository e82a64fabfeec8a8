/// Is a run of bytes text a log may hold: well-formed UTF-8 with no control characters
/// other than tab, CR and LF? Asked of whole read buffers on the hot path (a buffer that
/// passes spares its rows the per-field check), so ASCII goes eight bytes at a time.
public enum CleanText {
    public static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        let high: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & high == 0 {
                    // All ASCII. Any byte below 0x20 (exact for ASCII words)?
                    if (w &- spaces) & ~w & high == 0 { i += 8; continue }
                    for k in i..<(i + 8) where p[k] < 0x20 && !isAllowedControl(p[k]) { return false }
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b < 0x80 {
                if b < 0x20 && !isAllowedControl(b) { return false }
                i += 1
                continue
            }
            // One multi-byte character (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF).
            let length: Int, low: UInt8, highLimit: UInt8
            switch b {
            case 0xC2...0xDF: length = 2; low = 0x80; highLimit = 0xBF
            case 0xE0: length = 3; low = 0xA0; highLimit = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; low = 0x80; highLimit = 0xBF
            case 0xED: length = 3; low = 0x80; highLimit = 0x9F
            case 0xF0: length = 4; low = 0x90; highLimit = 0xBF
            case 0xF1...0xF3: length = 4; low = 0x80; highLimit = 0xBF
            case 0xF4: length = 4; low = 0x80; highLimit = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let second = p[i + 1]
            guard second >= low && second <= highLimit else { return false }
            for k in (i + 2)..<(i + length) where p[k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    @inline(__always) static func isAllowedControl(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0D }
}
