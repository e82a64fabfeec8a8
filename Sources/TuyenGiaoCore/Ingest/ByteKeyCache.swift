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

    /// Reads the key a word at a time (wyhash's way of covering any length with at most
    /// two overlapping loads per tail, never past the key), then mixes. A byte-at-a-time
    /// FNV was a chain of dependent multiplies, one per byte, on the hottest loop there is.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = key.baseAddress else { return 0 }
        let n = key.count
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: n) &* m
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                h = mix(h ^ load64(p + i))
                i += 8
            }
            h = mix(h ^ load64(p + n - 8))
        } else if n >= 4 {
            h = mix(h ^ (load32(p) << 32 | load32(p + n - 4)))
        } else if n > 0 {
            h = mix(h ^ (UInt64(p[0]) << 16 | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1])))
        }
        return h ^ (h >> 29)
    }

    @inline(__always) private static func mix(_ x: UInt64) -> UInt64 {
        let y = x &* 0xBF58_476D_1CE4_E5B9
        return y ^ (y >> 31)
    }

    @inline(__always) private static func load64(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
    }

    @inline(__always) private static func load32(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(UnsafeRawPointer(p).loadUnaligned(as: UInt32.self))
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
            Self.sameBytes(a.baseAddress! + Int(keyStarts[e]), base, key.count)
        }
    }

    /// Equality of two short byte runs, a word at a time (keys are a few bytes: a call to
    /// `memcmp` cost more than the comparison).
    @inline(__always)
    private static func sameBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if load64(a + i) != load64(b + i) { return false }
                i += 8
            }
            return load64(a + n - 8) == load64(b + n - 8)
        }
        if n >= 4 { return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4) }
        for i in 0..<n where a[i] != b[i] { return false }
        return true
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
