/// XML as UTF-8 bytes, appended in place: no intermediate strings for the many small pieces
/// (cell references, numbers, attributes) of a sheet. Written into a `ByteBuffer`.
struct XMLBytes: ~Copyable {
    private var out: ByteBuffer

    init(capacity: Int = 4096) { out = ByteBuffer(capacity: capacity) }

    /// The bytes written, as an array (a part as it goes into the archive).
    var bytes: [UInt8] { out.array() }

    var count: Int { out.count }

    @inline(__always)
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { out.append($0) }
    }

    /// What another `XMLBytes` holds (a sheet's rows into the sheet).
    mutating func append(_ other: borrowing XMLBytes) { out.append(other.out) }

    /// Bytes made elsewhere (a check's XML, kept from the sheet before).
    mutating func append(_ bytes: [UInt8]) { out.append(bytes) }

    /// Text whose characters need no escaping (names and numbers we make ourselves).
    mutating func plain(_ s: String) {
        Self.withUTF8(s) { out.append($0) }
    }

    /// A string's UTF-8 in place when it is stored contiguously (every native string), without
    /// the copy `withUTF8` makes of its argument; a copy otherwise. (The core's
    /// `String.withUTF8Bytes` does the same; this writer depends on no domain module.)
    @inline(__always)
    static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = s
        return copy.withUTF8(body)
    }

    mutating func int(_ n: Int) {
        if n < 0 { out.append(UInt8(ascii: "-")); int(-n); return }
        piece(capacity: 24) { buf, at in Self.decimal(n, into: buf, at: &at) }
    }

    /// A number as Excel reads it: whole numbers without a decimal point, others in Swift's
    /// shortest round-trip form (libxlsxwriter prints %.16G: the same value).
    mutating func number(_ v: Double) {
        if v == v.rounded(), abs(v) < 1e15 { int(Int(v)); return }
        if let k = Self.twoHundredFiftySixths(v) { fraction(v, k); return }
        // Upper case as libxlsxwriter's %G: Swift writes "1e-05", "inf", "nan".
        for b in v.description.utf8 { out.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b) }
    }

    /// For a number under 2^20 that is a whole number of 256ths but not a whole number (a
    /// column's width as Excel stores it, 12.7109375), those 256ths past its whole part, 1…255;
    /// nil for any other number (a whole one included: its digits have no fraction to write).
    /// Its exact decimal then has at most eight places, the last one 5 or more apart from any
    /// shorter decimal — farther than the next double (2^-32 away at most): the exact decimal is
    /// Swift's shortest one, written without `description` (a unit's workbook has dozens of
    /// widths; `description` was 450 instructions each).
    @inline(__always)
    static func twoHundredFiftySixths(_ v: Double) -> Int? {
        let scaled = v * 256   // exact: a power of two
        guard abs(v) < 1_048_576, scaled == scaled.rounded() else { return nil }
        let k = Int(abs(scaled)) & 255
        return k == 0 ? nil : k
    }

    private mutating func fraction(_ v: Double, _ k: Int) {
        piece(capacity: 40) { buf, n in
            if v < 0 { buf[n] = UInt8(ascii: "-"); n += 1 }
            Self.decimal(Int(abs(v)), into: buf, at: &n)
            buf[n] = UInt8(ascii: "."); n += 1
            // k/256 = k × 390625 / 10^8: eight places, the trailing zeros left out.
            var places = k * 390_625, count = 8
            while places % 10 == 0 { places /= 10; count -= 1 }
            for i in stride(from: count - 1, through: 0, by: -1) {
                buf[n + i] = UInt8(ascii: "0") + UInt8(places % 10)
                places /= 10
            }
            n += count
        }
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

    /// Bytes `fill` writes in place at the end (at most `capacity`).
    @inline(__always)
    private mutating func piece(capacity: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>, inout Int) -> Void) {
        out.append(upTo: capacity) { at in
            var n = 0
            fill(UnsafeMutableBufferPointer(start: at, count: capacity), &n)
            return n
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
        out.append(UInt8(ascii: "$")); column(col)
        out.append(UInt8(ascii: "$")); int(row + 1)
    }

    /// Text in an element or attribute: `& < >` and, in attributes, `"` escaped; control
    /// characters XML 1.0 cannot carry written as Excel's `_xHHHH_` (as libxlsxwriter does),
    /// a carriage return too in an element. In an attribute tab, line feed and carriage return
    /// go as character references, which a reader keeps (libxlsxwriter writes them raw, and
    /// any other control character too: a reader turns the first into spaces, and refuses
    /// the file for the others).
    mutating func text(_ s: String, attribute: Bool = false) {
        Self.withUTF8(s) { text($0, attribute: attribute) }
    }

    /// The bytes below 64 that may need escaping: control characters and `" & < >` (one shift
    /// and test a byte: every text of a workbook is scanned).
    private static let specialBelow64: UInt64 = 0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x3C | 1 << 0x3E

    /// `text(_:attribute:)` of UTF-8 bytes.
    mutating func text(_ utf8: UnsafeBufferPointer<UInt8>, attribute: Bool = false) {
        var clean = true
        for b in utf8 where b < 64 && Self.specialBelow64 &>> UInt64(b) & 1 != 0 { clean = false; break }
        if clean { out.append(utf8); return }
        for b in utf8 {
            switch b {
            case 0x26: raw("&amp;")
            case 0x3C: raw("&lt;")
            case 0x3E: raw("&gt;")
            case 0x22 where attribute: raw("&quot;")
            case 0x09, 0x0A:
                if attribute { raw(b == 0x09 ? "&#9;" : "&#10;") } else { out.append(b) }
            case 0x0D where attribute: raw("&#13;")
            case 0..<0x20:
                raw("_x00")
                let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 0xF)])
                raw("_")
            default: out.append(b)
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
