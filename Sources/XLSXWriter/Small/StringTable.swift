import Foundation

/// A workbook's shared strings: each text's index, in the order of first use, found by its
/// UTF-8 bytes (as libxlsxwriter tells its strings apart). Open addressing over a power-of-two
/// table of slots, each the entry's number and its hash's high bits; the texts' bytes kept one
/// after another in an arena and compared with memcmp.
///
/// Why not `[ByteKey: Int]`: a unit's workbook looks up some eighty texts, most of them new,
/// and the dictionary's hashing, look-up and insertion cost about 1,000 instructions a text
/// (callgrind) — more than writing the cell. Here a text costs its hash (two words at a time)
/// and usually one slot.
struct StringTable {
    /// 0: empty; else (hash >> 32) << 32 | (entry + 1).
    private var slots: [UInt64]
    private var mask: Int
    private var starts: [Int] = []
    private var arena: [UInt8] = []

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        starts.reserveCapacity(size / 2 + 1)
        starts.append(0)   // starts[k]..<starts[k + 1] are entry k's bytes
        arena.reserveCapacity(size * 24)
    }

    var count: Int { starts.count - 1 }

    /// The text's index, and whether it was added now.
    mutating func index(of text: String) -> (index: Int, added: Bool) {
        var text = text
        return text.withUTF8 { index(ofBytes: $0) }
    }

    mutating func index(ofBytes key: UnsafeBufferPointer<UInt8>) -> (index: Int, added: Bool) {
        let h = Self.hash(key)
        let tag = h & 0xFFFF_FFFF_0000_0000
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let entry = Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                if equal(entry, key) { return (entry, false) }
            }
            i = (i &+ 1) & mask
        }
        let entry = count
        slots[i] = tag | UInt64(entry + 1)
        arena.append(contentsOf: key)
        starts.append(arena.count)
        // At most half full: probes stay short.
        if count * 2 > slots.count { grow() }
        return (entry, true)
    }

    private func equal(_ entry: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[entry], length = starts[entry + 1] - start
        guard length == key.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, key.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBufferPointer { bytes in
            for entry in 0..<count {
                let key = UnsafeBufferPointer(rebasing: bytes[starts[entry]..<starts[entry + 1]])
                let h = Self.hash(key)
                var i = Int(truncatingIfNeeded: h) & newMask
                while fresh[i] != 0 { i = (i &+ 1) & newMask }
                fresh[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)
            }
        }
        slots = fresh
        mask = newMask
    }

    /// The bytes eight at a time (the last word read to the end, overlapping), each mixed in
    /// with a multiply; the length first. Not for keys an adversary picks to collide: a
    /// workbook's texts, at worst slower.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = key.count
        var h = UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard let p = key.baseAddress, n > 0 else { return mix(h) }
        let raw = UnsafeRawPointer(p)
        if n < 8 {
            var w: UInt64 = 0
            for k in 0..<n { w |= UInt64(p[k]) << (8 * UInt64(k)) }
            return mix(h ^ w)
        }
        var i = 0
        while i + 8 < n {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        return mix(h ^ raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
    }

    @inline(__always) private static func mix(_ x: UInt64) -> UInt64 {
        var y = x &* 0xBF58_476D_1CE4_E5B9
        y ^= y >> 31
        y = y &* 0x94D0_49BB_1331_11EB
        return y ^ (y >> 29)
    }
}
