/// Lower-case hexadecimal of a digest's bytes, as the register and the workbooks' fingerprint
/// store it. By a table: `String(format: "%02x")` per byte went through Foundation's format
/// parser and was a sixth of a nightly run over a province's unchanged unit workbooks.
enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
