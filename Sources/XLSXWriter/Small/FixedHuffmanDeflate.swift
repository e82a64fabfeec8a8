/// DEFLATE (RFC 1951) in one block with the fixed Huffman codes (§3.2.6), greedy matches found
/// through a small hash table: for the parts of a few kilobytes a unit's workbook is made of.
///
/// Why not libdeflate for these: its level 1 spends some 10 µs on every call whatever the
/// input's length (a 400-byte part cost as much as a 1,600-byte one, measured in C), setting
/// up a 128 KB hash table and building Huffman codes — four parts of every one of a province's
/// 100,000 unit workbooks. Here the table is 8 KB and the codes are fixed, so a part costs
/// about what its bytes cost (a unit's parts 3–5× faster, measured); the price is some 20 %
/// more bytes than libdeflate's dynamic codes, on parts of a few kilobytes. Larger parts go to
/// libdeflate (`ZipBuilder.smallPart`).
/// Checked by inflating with zlib (ZIPFoundation, openpyxl, LibreOffice) in the tests.
enum FixedHuffmanDeflate {
    /// Inputs up to this many bytes: positions fit the table's 16 bits.
    static let maxInput = 65_535
    static let hashBits = 12
    static let minMatch = 4   // 4-byte hashes; a 3-byte match is rarely worth its bits
    static let maxMatch = 258
    static let window = 32_768

    /// Appends `input` deflated. `input.count <= maxInput`.
    static func compress(_ input: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: bound(input.count))
        compress(input, into: &buffer)
        out.append(contentsOf: buffer.buffer)
    }

    /// Writes `input` deflated at the end of `out`, in place. `input.count <= maxInput`.
    static func compress(_ input: UnsafeBufferPointer<UInt8>, into out: inout ByteBuffer) {
        precondition(input.count <= maxInput)
        out.append(upTo: bound(input.count)) { at in
            var bits = BitWriter(at)
            encode(input, into: &bits)
            return bits.finish()
        }
    }

    /// At most 9 bits a literal, plus the block's header and end: a bound that always fits.
    static func bound(_ n: Int) -> Int { n + n / 8 + 16 }

    private static func encode(_ input: UnsafeBufferPointer<UInt8>, into bits: inout BitWriter) {
        bits.put(0b011, 3)   // BFINAL = 1, BTYPE = 01 (fixed codes)
        let n = input.count
        guard let p = input.baseAddress, n > 0 else {
            bits.put(Tables.shared.literal[256])
            return
        }
        let tables = Tables.shared
        // The last position + 1 each 4-byte hash was seen at (0: never).
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << hashBits)
        defer { table.deallocate() }
        table.initialize(repeating: 0, count: 1 << hashBits)
        var i = 0
        while i &+ minMatch <= n {
            let word = load32(p + i)
            let h = hash(word)
            let candidate = Int(table[h]) &- 1
            table[h] = UInt16(truncatingIfNeeded: i &+ 1)
            if candidate >= 0, i &- candidate <= window, load32(p + candidate) == word {
                var length = minMatch
                let limit = min(maxMatch, n &- i)
                let a = p + candidate, b = p + i
                // Eight bytes at a time, the first that differs found from the XOR's low zero
                // bits; the last few one by one. Never reads past the input: length + 8 ≤ limit.
                while length &+ 8 <= limit {
                    let x = load64(a + length) ^ load64(b + length)
                    if x != 0 { length &+= x.trailingZeroBitCount &>> 3; break }
                    length &+= 8
                }
                if length &+ 8 > limit { while length < limit, a[length] == b[length] { length &+= 1 } }
                bits.put(tables.length[length])
                bits.putDistance(i &- candidate, tables)
                // The match's last position goes in the table too: the next repeat of a tag
                // is found from where this one ended.
                let last = i &+ length &- 1
                if last &+ minMatch <= n { table[hash(load32(p + last))] = UInt16(truncatingIfNeeded: last &+ 1) }
                i &+= length
            } else {
                bits.put(tables.literal[Int(p[i])])
                i &+= 1
            }
        }
        while i < n {
            bits.put(tables.literal[Int(p[i])])
            i += 1
        }
        bits.put(tables.literal[256])
    }

    /// Fibonacci hashing of four bytes to `hashBits` bits.
    @inline(__always)
    private static func hash(_ word: UInt32) -> Int {
        Int(truncatingIfNeeded: (word &* 2_654_435_761) >> (32 - UInt32(hashBits)))
    }

    @inline(__always)
    private static func load64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ p: UnsafePointer<UInt8>) -> UInt32 {
        UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
    }

    /// A code as written: its bits in the order they go out (Huffman codes reversed, extra bits
    /// after them), and how many.
    struct Code {
        var bits: UInt32
        var count: UInt32
    }

    /// The fixed codes, each with what follows it, looked up rather than worked out per symbol.
    /// Made once per process and never freed; read through pointers (no bounds checks in the
    /// loop: every index is a byte, a length ≤ 258 or a distance ≤ 32,768 by construction).
    final class Tables: @unchecked Sendable {
        static let shared = Tables()
        /// Literal/length symbols 0…287 (256 ends the block).
        let literal: UnsafePointer<Code>
        /// Match lengths 0…258 (3… used): the length symbol's code and its extra bits.
        let length: UnsafePointer<Code>
        /// Distance symbols 0…29: the 5-bit code and how many extra bits follow, with the base.
        let distanceCode: UnsafePointer<Code>
        let distanceBase: UnsafePointer<Int>
        /// Distance − 1 → its symbol, for distances up to 256; above, (distance − 1) >> 7 + 256.
        let distanceSymbol: UnsafePointer<UInt8>

        private static func kept<T>(_ values: [T]) -> UnsafePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: values.count)
            p.initialize(from: values, count: values.count)
            return UnsafePointer(p)
        }

        static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                 131, 163, 195, 227, 258]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
        static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

        /// `value`'s low `count` bits in reverse order (Huffman codes go out most significant
        /// bit first, everything else least significant first).
        static func reversed(_ value: UInt32, _ count: UInt32) -> UInt32 {
            var v = value, r: UInt32 = 0
            for _ in 0..<count { r = (r << 1) | (v & 1); v >>= 1 }
            return r
        }

        private init() {
            // RFC 1951 §3.2.6: 0–143 8 bits from 00110000, 144–255 9 bits from 110010000,
            // 256–279 7 bits from 0000000, 280–287 8 bits from 11000000.
            let literal = (0..<288).map { s -> Code in
                let (code, count): (UInt32, UInt32) = switch s {
                case 0...143: (0x30 + UInt32(s), 8)
                case 144...255: (0x190 + UInt32(s - 144), 9)
                case 256...279: (UInt32(s - 256), 7)
                default: (0xC0 + UInt32(s - 280), 8)
                }
                return Code(bits: Self.reversed(code, count), count: count)
            }
            self.literal = Self.kept(literal)
            length = Self.kept((0...258).map { len -> Code in
                guard len >= 3 else { return Code(bits: 0, count: 0) }
                // The last symbol whose base is at most the length (258 has a symbol of its own).
                let k = Self.lengthBase.lastIndex { $0 <= len }!
                let symbol = literal[257 + k]
                let extra = UInt32(Self.lengthExtra[k])
                return Code(bits: symbol.bits | (UInt32(len - Self.lengthBase[k]) << symbol.count), count: symbol.count + extra)
            })
            distanceCode = Self.kept((0..<30).map { Code(bits: Self.reversed(UInt32($0), 5), count: UInt32(Self.distanceExtra[$0])) })
            distanceBase = Self.kept(Self.distanceBases)
            var symbols = [UInt8](repeating: 0, count: 512)
            for d in 1...32_768 {
                let s = Self.distanceBases.lastIndex { $0 <= d }!
                let slot = d <= 256 ? d - 1 : ((d - 1) >> 7) + 256
                symbols[slot] = UInt8(s)
            }
            distanceSymbol = Self.kept(symbols)
        }
    }

    /// Bits gathered in a 64-bit word, written out four bytes at a time.
    struct BitWriter {
        private let base: UnsafeMutablePointer<UInt8>
        private var at = 0
        private var word: UInt64 = 0
        private var filled: UInt64 = 0

        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

        @inline(__always)
        mutating func put(_ bits: UInt32, _ count: UInt32) {
            word |= UInt64(bits) &<< filled
            filled &+= UInt64(count)
            if filled >= 32 {
                UnsafeMutableRawPointer(base + at).storeBytes(of: UInt32(truncatingIfNeeded: word).littleEndian, as: UInt32.self)
                at &+= 4
                word &>>= 32
                filled &-= 32
            }
        }

        @inline(__always)
        mutating func put(_ code: Code) { put(code.bits, code.count) }

        @inline(__always)
        mutating func putDistance(_ distance: Int, _ t: Tables) {
            let symbol = Int(t.distanceSymbol[distance <= 256 ? distance &- 1 : ((distance &- 1) &>> 7) &+ 256])
            let code = t.distanceCode[symbol]
            put(code.bits | (UInt32(truncatingIfNeeded: distance &- t.distanceBase[symbol]) &<< 5), 5 &+ code.count)
        }

        /// Writes the last bits (the final byte padded with zeros); the bytes written.
        mutating func finish() -> Int {
            while filled > 0 {
                base[at] = UInt8(truncatingIfNeeded: word)
                at += 1
                word >>= 8
                filled = filled > 8 ? filled - 8 : 0
            }
            return at
        }
    }
}
