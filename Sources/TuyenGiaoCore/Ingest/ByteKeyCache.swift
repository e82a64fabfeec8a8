/// A map from short byte strings (a field as it stands in the file) to what they resolved
/// to, so that a value repeated on a million rows is resolved once and then found without
/// making a `String`. Open addressing over a power-of-two slot table. Bounded: past
/// `limit` distinct keys nothing new is remembered (the caller resolves those every time),
/// so garbage input cannot grow memory with the rows.
///
/// A slot holds the key's first and last eight bytes and its length, which for keys of up
/// to 16 bytes (dates, unit codes, forms, most item lists) is the whole key: a hit then
/// costs one hash and one slot compared, with no second look-up in a key arena. Longer
/// keys are also kept whole in an arena and compared there.
///
/// A class: as a struct held inside the interpreter, copies made along the call path left
/// its arrays shared, and every insert copied them whole (perf showed 40% of the time in
/// retain/release). Copies of an interpreter therefore share its caches, which is harmless
/// (they memoise pure functions) as long as one interpreter is used by one thread.
///
/// A slot may also carry a caller's 64-bit tag, the value itself packed small (a unit's
/// index, a date): a hit then reads the slot and nothing else. Two loads of unrelated
/// memory per field (slot, then value) were a third of the interpreter's time on a
/// million rows, most of it waiting for the second.
///
/// Its storage opts out of run-time exclusivity checks (they were a tenth of the hot path):
/// a cache is used by one thread and no method of it calls another while holding an access.
final class ByteKeyCache<Value> {
    private struct Slot {
        var head: UInt64
        var tail: UInt64
        /// 0 for an empty slot; else (entry + 1) << 32 | key length.
        var meta: UInt64
        /// The caller's packed value, or 0 (32-byte slots: two to a cache line).
        var tag: UInt64
    }

    @exclusivity(unchecked) private var slots: [Slot]
    @exclusivity(unchecked) private var values: [Value] = []
    /// Where each entry's key starts in `arena` (keys longer than 16 bytes only; else -1).
    @exclusivity(unchecked) private var keyStarts: [Int32] = []
    @exclusivity(unchecked) private var arena: [UInt8] = []
    @exclusivity(unchecked) private var mask: Int
    let limit: Int

    init(limit: Int = 1 << 16) {
        self.limit = limit
        slots = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0, tag: 0), count: 64)
        mask = 63
    }

    var count: Int { values.count }

    /// The key's first and last bytes as two words (wyhash's way of covering a length with
    /// overlapping loads, never past the key). With the length, they are the key itself
    /// when it is at most 16 bytes long.
    @inline(__always)
    private static func ends(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        if n >= 8 { return (load64(p), load64(p + n - 8)) }
        if n >= 4 { return (load32(p), load32(p + n - 4)) }
        if n > 0 { return (UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16, 0) }
        return (0, 0)
    }

    /// `middle` is read only for keys longer than 16 bytes (the part between head and tail).
    @inline(__always)
    private static func hash(_ n: Int, _ head: UInt64, _ tail: UInt64, middle p: UnsafePointer<UInt8>?) -> UInt64 {
        var h = mix(head ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        if n > 16, let p {
            var i = 8
            while i + 8 < n {
                h = mix(h ^ load64(p + i))
                i += 8
            }
        }
        h = mix(h ^ tail)
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
        find(key).map { values[$0.entry] }
    }

    /// The key's entry and tag, or nil when the key is not held. Reads the slot table only.
    @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>) -> (entry: Int, tag: UInt64)? {
        let n = key.count
        let (head, tail) = n == 0 ? (0, 0) : Self.ends(key.baseAddress!, n)
        let h = Self.hash(n, head, tail, middle: key.baseAddress)
        return slots.withUnsafeBufferPointer { slots in
            var i = Int(truncatingIfNeeded: h) & mask
            while true {
                let s = slots[i]
                if s.meta == 0 { return nil }
                if s.head == head, s.tail == tail, s.meta & 0xFFFF_FFFF == UInt64(n) {
                    let e = Int(s.meta >> 32) - 1
                    if n <= 16 || longKeyEqual(e, key.baseAddress!, n) { return (e, s.tag) }
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The value of an entry `find` returned.
    @inline(__always)
    func value(at entry: Int) -> Value { values[entry] }

    private func longKeyEqual(_ e: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        arena.withUnsafeBufferPointer { a in
            let q = a.baseAddress! + Int(keyStarts[e])
            for i in 0..<n where q[i] != p[i] { return false }
            return true
        }
    }

    /// Remembers a value (the key must not be present), with the caller's tag for it (0: none).
    /// Returns the value for chaining.
    @discardableResult
    func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Value, tag: UInt64 = 0) -> Value {
        guard values.count < limit else { return value }
        if (values.count + 1) * 2 > slots.count { grow() }
        let n = key.count
        let (head, tail) = n == 0 ? (0, 0) : Self.ends(key.baseAddress!, n)
        if n > 16 {
            keyStarts.append(Int32(arena.count))
            arena.append(contentsOf: key)
        } else {
            keyStarts.append(-1)
        }
        values.append(value)
        place(Slot(head: head, tail: tail, meta: UInt64(values.count) << 32 | UInt64(n), tag: tag),
              Self.hash(n, head, tail, middle: key.baseAddress))
        return value
    }

    private func place(_ slot: Slot, _ h: UInt64) {
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].meta != 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(head: 0, tail: 0, meta: 0, tag: 0), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.meta != 0 {
            let e = Int(s.meta >> 32) - 1
            let n = Int(s.meta & 0xFFFF_FFFF)
            let h = n > 16
                ? arena.withUnsafeBufferPointer { Self.hash(n, s.head, s.tail, middle: $0.baseAddress! + Int(keyStarts[e])) }
                : Self.hash(n, s.head, s.tail, middle: nil)
            place(s, h)
        }
    }
}
