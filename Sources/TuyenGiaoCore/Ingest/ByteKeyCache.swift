/// A map from short byte strings (a field as it stands in the file) to what they resolved
/// to, so that a value repeated on a million rows is resolved once and then found without
/// making a `String`. Open addressing over a power-of-two slot table; keys live in one
/// byte arena. Bounded: past `limit` distinct keys nothing new is remembered (the caller
/// resolves those every time), so garbage input cannot grow memory with the rows.
///
/// A class: as a struct held inside the interpreter, copies made along the call path left
/// its arrays shared, and every insert copied them whole (perf showed 40% of the time in
/// retain/release). Copies of an interpreter therefore share its caches, which is harmless
/// (they memoise pure functions) as long as one interpreter is used by one thread.
///
/// Its storage opts out of run-time exclusivity checks (they were a tenth of the hot path):
/// a cache is used by one thread and no method of it calls another while holding an access.
final class ByteKeyCache<Value> {
    @exclusivity(unchecked) private var slots: [Int32]
    @exclusivity(unchecked) private var hashes: [UInt64] = []
    @exclusivity(unchecked) private var keyStarts: [Int32] = []
    @exclusivity(unchecked) private var keyLengths: [Int32] = []
    @exclusivity(unchecked) private var values: [Value] = []
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var mask: Int
    let limit: Int

    init(limit: Int = 1 << 16) {
        self.limit = limit
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    var count: Int { values.count }

    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        // FNV-1a: keys are a few bytes long, a byte loop is as fast as anything here.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    @inline(__always)
    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let h = Self.hash(key)
        return slots.withUnsafeBufferPointer { slots in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = Int(slots[i])
                if e < 0 { return nil }
                if hashes[e] == h, keyLengths[e] == key.count, equal(e, key) { return values[e] }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    private func equal(_ e: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = key.baseAddress else { return key.isEmpty }
        return arena.withUnsafeBufferPointer { a in
            memcmp(a.baseAddress! + Int(keyStarts[e]), base, key.count) == 0
        }
    }

    /// Remembers a value (the key must not be present). Returns the value for chaining.
    @discardableResult
    func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value) -> Value {
        guard values.count < limit else { return value }
        if (values.count + 1) * 2 > slots.count { grow() }
        let h = Self.hash(key)
        keyStarts.append(Int32(arena.count))
        keyLengths.append(Int32(key.count))
        arena.append(contentsOf: key)
        hashes.append(h)
        values.append(value)
        place(values.count - 1, h)
        return value
    }

    private func place(_ e: Int, _ h: UInt64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(e)
    }

    private func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for e in 0..<values.count { place(e, hashes[e]) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
