import Foundation

/// Bytes appended in place behind a pointer of its own: what `XMLBytes` and `ZipBuilder`
/// write a unit's workbook into.
///
/// Why not `[UInt8]`: a unit's workbook is built from some two thousand small appends (a
/// tag, a cell reference, a header field), and each `Array.append(contentsOf:)` checked the
/// buffer's uniqueness and room through the generic path — about 70 instructions before its
/// few bytes were copied, a sixth of the workbook's writing (callgrind). Here an append is a
/// comparison and a copy. Not copyable: one owner, freed with it.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for `n` more bytes.
    @inline(__always)
    mutating func reserve(_ n: Int) {
        if count &+ n > capacity { grow(to: count + n) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        fresh.initialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = size
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        // A tag or a number is a few bytes: copied here rather than through a call to memmove.
        if bytes.count <= 16 {
            for k in 0..<bytes.count { base[count &+ k] = from[k] }
        } else {
            (base + count).initialize(from: from, count: bytes.count)
        }
        count &+= bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ other: borrowing ByteBuffer) {
        append(other.buffer)
    }

    /// At most `bound` bytes `fill` writes at the end (it returns how many): an encoder's
    /// output, written in place rather than into a zeroed array first.
    mutating func append<E: Error>(upTo bound: Int, _ fill: (UnsafeMutablePointer<UInt8>) throws(E) -> Int) throws(E) {
        reserve(bound)
        let written = try fill(base + count)
        precondition(written >= 0 && written <= bound, "wrote past the room it was given")
        count &+= written
    }

    /// A byte already written, changed (a length known only once what follows is written).
    mutating func set(_ index: Int, _ byte: UInt8) {
        precondition(index >= 0 && index < count)
        base[index] = byte
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes from `start` on, as an array.
    func array(from start: Int = 0) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }
}
