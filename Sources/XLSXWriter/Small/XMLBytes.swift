/// XML as UTF-8 bytes, appended in place: no intermediate strings for the many small pieces
/// (cell references, numbers, attributes) of a sheet.
struct XMLBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text whose characters need no escaping (names and numbers we make ourselves).
    mutating func plain(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func int(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")); int(-n); return }
        piece(capacity: 24) { buf, at in Self.decimal(n, into: buf, at: &at) }
    }

    /// A number as Excel reads it: whole numbers without a decimal point, others in Swift's
    /// shortest round-trip form (libxlsxwriter prints %.16G: the same value).
    mutating func number(_ v: Double) {
        if v == v.rounded(), abs(v) < 1e15 { int(Int(v)); return }
        plain(v.description.uppercased())
    }

    /// A cell's opening, `<c r="B12"` and, for a style other than 0, ` s="3"`, put together on
    /// the stack and appended at once: a unit's workbook has hundreds of cells, and piece by
    /// piece each one checked the buffer's room and ownership eight times.
    mutating func cellStart(_ row: Int, _ col: Int, style: Int) {
        piece(capacity: 64) { buf, n in
            Self.put("<c r=\"", into: buf, at: &n)
            Self.letters(col, into: buf, at: &n)
            Self.decimal(row + 1, into: buf, at: &n)
            Self.put("\"", into: buf, at: &n)
            if style != 0 {
                Self.put(" s=\"", into: buf, at: &n)
                Self.decimal(style, into: buf, at: &n)
                Self.put("\"", into: buf, at: &n)
            }
        }
    }

    /// The rest of a shared-string cell: ` t="s"><v>12</v></c>`, appended at once.
    mutating func sharedStringValue(_ index: Int) {
        piece(capacity: 48) { buf, n in
            Self.put(" t=\"s\"><v>", into: buf, at: &n)
            Self.decimal(index, into: buf, at: &n)
            Self.put("</v></c>", into: buf, at: &n)
        }
    }

    /// Bytes `fill` puts in a buffer on the stack (at most `capacity`), appended in one go.
    private mutating func piece(capacity: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>, inout Int) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buf in
            var n = 0
            fill(buf, &n)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[0..<n]))
        }
    }

    private static func put(_ s: StaticString, into buf: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        s.withUTF8Buffer { for b in $0 { buf[n] = b; n += 1 } }
    }

    /// A non-negative number's digits at `n`.
    private static func decimal(_ value: Int, into buf: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        v = value
        for k in stride(from: digits - 1, through: 0, by: -1) { buf[n + k] = UInt8(48 + v % 10); v /= 10 }
        n += digits
    }

    /// A column's letters at `n`: A…Z, AA…ZZ, AAA… (bijective base 26).
    private static func letters(_ col: Int, into buf: UnsafeMutableBufferPointer<UInt8>, at n: inout Int) {
        var count = 1, c = col
        while c >= 26 { c = c / 26 - 1; count += 1 }
        c = col
        for k in stride(from: count - 1, through: 0, by: -1) { buf[n + k] = UInt8(65 + c % 26); c = c / 26 - 1 }
        n += count
    }

    /// An A1 reference: column letters, then the 1-based row.
    mutating func cell(_ row: Int, _ col: Int) {
        column(col)
        int(row + 1)
    }

    mutating func column(_ col: Int) {
        piece(capacity: 16) { buf, n in Self.letters(col, into: buf, at: &n) }
    }

    /// An absolute reference `$A$1`.
    mutating func absolute(_ row: Int, _ col: Int) {
        bytes.append(UInt8(ascii: "$")); column(col)
        bytes.append(UInt8(ascii: "$")); int(row + 1)
    }

    /// Text in an element or attribute: `& < >` and, in attributes, `"` escaped; control
    /// characters XML 1.0 cannot carry written as Excel's `_xHHHH_` (as libxlsxwriter does),
    /// a carriage return too in an element. In an attribute tab, line feed and carriage return
    /// go as character references, which a reader keeps (libxlsxwriter writes them raw, and
    /// any other control character too: a reader turns the first into spaces, and refuses
    /// the file for the others).
    mutating func text(_ s: String, attribute: Bool = false) {
        var s = s
        s.withUTF8 { utf8 in
            var clean = true
            for b in utf8 where b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 { clean = false; break }
            if clean { bytes.append(contentsOf: utf8); return }
            for b in utf8 {
                switch b {
                case 0x26: raw("&amp;")
                case 0x3C: raw("&lt;")
                case 0x3E: raw("&gt;")
                case 0x22 where attribute: raw("&quot;")
                case 0x09, 0x0A:
                    if attribute { raw(b == 0x09 ? "&#9;" : "&#10;") } else { bytes.append(b) }
                case 0x0D where attribute: raw("&#13;")
                case 0..<0x20:
                    raw("_x00")
                    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
                    bytes.append(hex[Int(b >> 4)]); bytes.append(hex[Int(b & 0xF)])
                    raw("_")
                default: bytes.append(b)
                }
            }
        }
    }

    /// ` name="value"` with the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        raw(" "); raw(name); raw("=\""); text(value, attribute: true); raw("\"")
    }

    mutating func attribute(_ name: StaticString, _ value: Int) {
        raw(" "); raw(name); raw("=\""); int(value); raw("\"")
    }
}
