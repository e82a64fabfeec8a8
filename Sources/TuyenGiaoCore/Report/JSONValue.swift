/// A JSON document with ordered object keys, written by hand so that output is byte-for-byte
/// deterministic and keys appear in the order a reader expects (`schema` first).
/// Not `indirect`: arrays hold the nested values already, and an indirect enum put every
/// number and text in a box of its own (a province's summary is a million of them).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array written one element per line, each element on its line without breaks: a
    /// list of thousands of units stays a list of lines one can read and grep (issue 21).
    case lines([JSONValue])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.render() == b.render() }

    /// Written as UTF-8 bytes: a run writes a JSON summary per month, and building it a
    /// scalar at a time into a `String` was a fifth of a whole run.
    public func render(indent: Int = 2) -> String {
        String(decoding: bytes(indent: indent), as: UTF8.self)
    }

    /// The UTF-8 bytes `render` would return: for a file or a digest, no text made of them.
    public func bytes(indent: Int = 2) -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out, level: 0, indent: indent)
        return out
    }

    private func write(into out: inout [UInt8], level: Int, indent: Int) {
        func newline(_ level: Int) { Self.newline(into: &out, level: level, indent: indent) }
        switch self {
        case .null: out += "null".utf8
        case .bool(let b): out += (b ? "true" : "false").utf8
        case .int(let i): Self.decimal(i, into: &out)
        case .double(let d, let decimals): out += Self.fixed(d, decimals: decimals).utf8
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items): Self.writeList(items, into: &out, level: level, indent: indent, itemIndent: indent)
        // One element a line: each written with no breaks of its own.
        case .lines(let items): Self.writeList(items, into: &out, level: level, indent: indent, itemIndent: 0)
        case .object(let pairs):
            if pairs.isEmpty { out += "{}".utf8; return }
            out.append(0x7B)
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1)
                Self.quote(k, into: &out)
                out += (indent > 0 ? ": " : ":").utf8
                v.write(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out.append(0x7D)
        }
    }

    private static func writeList(_ items: [JSONValue], into out: inout [UInt8], level: Int, indent: Int, itemIndent: Int) {
        if items.isEmpty { out += "[]".utf8; return }
        out.append(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(0x2C) }
            Self.newline(into: &out, level: level + 1, indent: indent)
            item.write(into: &out, level: level + 1, indent: itemIndent)
        }
        Self.newline(into: &out, level: level, indent: indent)
        out.append(0x5D)
    }

    private static func newline(into out: inout [UInt8], level: Int, indent: Int) {
        guard indent > 0 else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: level * indent))
    }

    /// An integer's decimal digits, written in place (no text made for each number).
    static func decimal(_ i: Int, into out: inout [UInt8]) {
        if i < 0 {
            // The magnitude as unsigned: Int.min has no positive twin.
            out.append(0x2D)
            decimal(UInt(bitPattern: 0 &- i), into: &out)
        } else {
            decimal(UInt(i), into: &out)
        }
    }

    private static func decimal(_ u: UInt, into out: inout [UInt8]) {
        if u < 10 { out.append(0x30 &+ UInt8(u)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: UInt.max has 20 digits
        var n = u, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while n > 0 {
                d[23 - count] = 0x30 &+ UInt8(n % 10)
                n /= 10
                count += 1
            }
            out.append(contentsOf: d[(24 - count)...])
        }
    }

    /// Fixed-point text without Foundation's locale or float formatting surprises.
    public static func fixed(_ d: Double, decimals: Int) -> String {
        guard d.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(d) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        let frac = Int(scaled) - whole * Int(scale)
        let sign = d < 0 && scaled > 0 ? "-" : ""
        if decimals == 0 { return sign + String(whole) }
        let f = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - f.count) + f
    }

    /// A JSON string: `"` and `\\` escaped, control characters as escapes, the rest (UTF-8,
    /// Vietnamese included) as it is.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        let utf8 = s.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += utf8
        } else {
            for b in utf8 {
                switch b {
                case 0x22: out += #"\""#.utf8
                case 0x5C: out += #"\\"#.utf8
                case 0x0A: out += #"\n"#.utf8
                case 0x0D: out += #"\r"#.utf8
                case 0x09: out += #"\t"#.utf8
                case ..<0x20:
                    let hex = String(b, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                default: out.append(b)
                }
            }
        }
        out.append(0x22)
    }
}
