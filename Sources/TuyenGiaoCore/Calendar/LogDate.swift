/// Parses the activity dates units write (SPEC §4): `dd/mm/yyyy`, `d/m/yyyy`,
/// `dd-mm-yyyy`, `yyyy-mm-dd`, working on bytes so that the ingest hot path
/// allocates nothing.
public enum LogDate {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        var numbers: (Int, Int, Int) = (0, 0, 0)
        var digits: (Int, Int, Int) = (0, 0, 0)
        var index = 0
        var separator: UInt8 = 0
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        for i in start..<end {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                let v = Int(b - 0x30)
                switch index {
                case 0: numbers.0 = numbers.0 * 10 + v; digits.0 += 1
                case 1: numbers.1 = numbers.1 * 10 + v; digits.1 += 1
                default: numbers.2 = numbers.2 * 10 + v; digits.2 += 1
                }
                if digits.0 > 4 || digits.1 > 4 || digits.2 > 4 { return nil }
            } else if b == 0x2F || b == 0x2D || b == 0x2E {  // / - .
                if separator == 0 { separator = b } else if separator != b { return nil }
                index += 1
                if index > 2 { return nil }
            } else {
                return nil
            }
        }
        guard index == 2, digits.0 > 0, digits.1 > 0, digits.2 > 0 else { return nil }
        if digits.0 == 4 {
            // yyyy-mm-dd
            guard separator == 0x2D, digits.1 <= 2, digits.2 <= 2 else { return nil }
            return Day(year: numbers.0, month: numbers.1, day: numbers.2)
        }
        guard digits.0 <= 2, digits.1 <= 2, digits.2 == 4 else { return nil }
        return Day(year: numbers.2, month: numbers.1, day: numbers.0)
    }

    public static func parse(_ text: String) -> Day? {
        var s = text
        return s.withUTF8 { parse($0) }
    }

    /// An Excel date serial (1900 date system, with Lotus's phantom 29 February 1900).
    public static func fromExcelSerial(_ serial: Double) -> Day? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        // Serial 60 is the non-existent 1900-02-29; serials after it are shifted by one.
        let base = Day(year: 1899, month: 12, day: 31)!
        return whole >= 60 ? base + (whole - 1) : base + whole
    }
}
