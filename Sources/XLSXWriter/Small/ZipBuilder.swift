import CDeflate
import Foundation

/// A zip archive (PKWARE APPNOTE 6.3: local headers, central directory, end record; no
/// ZIP64) built in memory: the few kilobytes of a small workbook. Entries are deflated — the
/// small ones with the fixed codes (`FixedHuffmanDeflate`), the others with libdeflate — or
/// added already deflated (a part every workbook shares, compressed once). Fixed timestamps
/// (1980-01-01), so the same parts give the same bytes.
struct ZipBuilder: ~Copyable {
    /// A part deflated once and added to many archives as it is.
    struct Deflated: Sendable {
        let bytes: [UInt8]
        let crc: UInt32
        let size: Int
    }

    private var out: ByteBuffer
    private var directory = ByteBuffer(capacity: 1024)
    private var entries = 0
    private let deflater = Deflater()
    /// Whether parts up to `smallPart` bytes are deflated with the fixed codes
    /// (`FixedHuffmanDeflate`); false is the plain twin, every part through libdeflate.
    private let fixedCodesForSmallParts: Bool

    /// The parts deflated with the fixed codes: a unit workbook's sheets and strings are 1–5 KB,
    /// where libdeflate's set-up costs more than the bytes; above, its dynamic codes save more.
    static let smallPart = 16_384

    init(capacity: Int = 1 << 14, fixedCodesForSmallParts: Bool = true) {
        out = ByteBuffer(capacity: capacity)
        self.fixedCodesForSmallParts = fixedCodesForSmallParts
    }

    /// How a part goes in. Deflate spends microseconds on every part whatever its length
    /// (fresh Huffman trees), more than the part's own bytes cost when it is small: a workbook
    /// of a dozen parts took half a millisecond to deflate, the most of its writing.
    enum Packing {
        /// Deflated (up to `smallPart` bytes with the fixed codes, else with this archive's
        /// libdeflate compressor) — unless the archive before had these very bytes under this
        /// name (`RecentParts`).
        case deflate
        /// Stored as it is: a part too small to be worth deflating.
        case store
    }

    mutating func add(_ name: String, _ raw: [UInt8], _ packing: Packing = .deflate) throws(XLSXError) {
        switch packing {
        case .store:
            let crc = raw.withUnsafeBufferPointer { Self.crc32($0) }
            let entryStart = out.count
            header(local: true, name: name, method: 0, crc: crc, compressed: raw.count, size: raw.count, offset: 0)
            out.append(raw)
            header(local: false, name: name, method: 0, crc: crc, compressed: raw.count, size: raw.count, offset: entryStart)
        case .deflate:
            if let part = RecentParts.same(name, raw) {
                add(name, part)
                return
            }
            let crc = raw.withUnsafeBufferPointer { Self.crc32($0) }
            let entryStart = out.count
            header(local: true, name: name, crc: crc, compressed: 0, size: raw.count, offset: 0)
            let dataStart = out.count
            if fixedCodesForSmallParts, raw.count <= Self.smallPart {
                raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, into: &out) }
            } else {
                try deflater.deflate(raw, into: &out)
            }
            let compressed = out.count - dataStart
            // The compressed size is known only now: patch it into the local header.
            for k in 0..<4 { out.set(entryStart + 18 + k, UInt8((UInt32(compressed) >> (8 * UInt32(k))) & 0xFF)) }
            header(local: false, name: name, crc: crc, compressed: compressed, size: raw.count, offset: entryStart)
            RecentParts.remember(name, raw, Deflated(bytes: out.array(from: dataStart), crc: crc, size: raw.count))
        }
    }

    /// A part many archives have the same (styles, relationships…), deflated once per process:
    /// the workbook before's part under this name, compared byte for byte, before the
    /// process-wide table, which hashes the whole part. Added with `add(_:_:)`.
    static func sharedPart(_ name: String, _ raw: [UInt8]) -> Deflated {
        if let part = RecentParts.same(name, raw) { return part }
        let part = SharedParts.deflated(raw)
        RecentParts.remember(name, raw, part)
        return part
    }

    /// Adds a part deflated beforehand.
    mutating func add(_ name: String, _ part: Deflated) {
        let entryStart = out.count
        header(local: true, name: name, crc: part.crc, compressed: part.bytes.count, size: part.size, offset: 0)
        out.append(part.bytes)
        header(local: false, name: name, crc: part.crc, compressed: part.bytes.count, size: part.size, offset: entryStart)
    }

    /// The archive's bytes, with its central directory and end record.
    consuming func finish() -> [UInt8] {
        let directoryStart = out.count
        out.append(directory)
        let (count, size) = (UInt16(entries), UInt32(directory.count))
        out.append(upTo: 22) { p in
            var w = HeaderWriter(p)
            w.put32(0x0605_4B50)
            w.put16(0); w.put16(0)
            w.put16(count); w.put16(count)
            w.put32(size); w.put32(UInt32(directoryStart))
            w.put16(0)
            return w.at
        }
        return out.array()
    }

    static func deflateOnce(_ raw: [UInt8]) -> Deflated {
        var out: [UInt8] = []
        // Only a broken libdeflate fails with a bound-sized buffer.
        do { try Deflater().deflate(raw, appendingTo: &out) } catch { fatalError("libdeflate: \(error)") }
        return Deflated(bytes: out, crc: raw.withUnsafeBufferPointer { crc32($0) }, size: raw.count)
    }

    static func crc32(_ data: UnsafeBufferPointer<UInt8>) -> UInt32 {
        libdeflate_crc32(0, data.baseAddress, data.count)
    }

    // MARK: - Headers

    /// Little-endian fields put in place (a header is written at once, not a byte at a time).
    private struct HeaderWriter {
        let base: UnsafeMutablePointer<UInt8>
        var at = 0

        init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

        @inline(__always) mutating func put16(_ v: UInt16) {
            base[at] = UInt8(truncatingIfNeeded: v); base[at + 1] = UInt8(truncatingIfNeeded: v >> 8); at += 2
        }

        @inline(__always) mutating func put32(_ v: UInt32) {
            put16(UInt16(truncatingIfNeeded: v)); put16(UInt16(truncatingIfNeeded: v >> 16))
        }

        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
            (base + at).initialize(from: bytes.baseAddress!, count: bytes.count); at += bytes.count
        }
    }

    /// A local file header (`local`) into the archive, or a central directory entry.
    private mutating func header(local: Bool, name: String, method: UInt16 = 8, crc: UInt32, compressed: Int, size: Int,
                                 offset: Int) {
        var name = name
        name.withUTF8 { nameBytes in
            func fields(_ p: UnsafeMutablePointer<UInt8>) -> Int {
                var w = HeaderWriter(p)
                if local {
                    w.put32(0x0403_4B50)
                } else {
                    w.put32(0x0201_4B50)
                    w.put16(20)                 // made by: version 2.0, MS-DOS attributes
                }
                w.put16(20)                     // needed to extract: deflate
                w.put16(0)                      // flags
                w.put16(method)                 // 8 deflate, 0 stored
                w.put16(0); w.put16(0x21)       // time 00:00, date 1980-01-01
                w.put32(crc)
                w.put32(UInt32(compressed)); w.put32(UInt32(size))
                w.put16(UInt16(nameBytes.count)); w.put16(0)
                if !local {
                    w.put16(0); w.put16(0); w.put16(0)   // comment length, disk, internal attributes
                    w.put32(0)                           // external attributes
                    w.put32(UInt32(offset))
                }
                w.put(nameBytes)
                return w.at
            }
            if local {
                out.append(upTo: 30 + nameBytes.count, fields)
            } else {
                directory.append(upTo: 46 + nameBytes.count, fields)
                entries += 1
            }
        }
    }
}

/// Parts deflated once per process, by their bytes: those every workbook of a run has the same
/// (content types, relationships, styles…). A few dozen at most; past that a part is deflated
/// each time, so a long-running host never grows it without bound.
enum SharedParts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var parts: [Key: ZipBuilder.Deflated] = [:]
    static let limit = 64

    /// Bytes hashed as one block (an array's own hashing takes them one by one).
    private struct Key: Hashable {
        let bytes: [UInt8]
        static func == (a: Key, b: Key) -> Bool { a.bytes == b.bytes }
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    static func deflated(_ raw: [UInt8]) -> ZipBuilder.Deflated {
        let key = Key(bytes: raw)
        lock.lock()
        let known = parts[key]
        lock.unlock()
        if let known { return known }
        let part = ZipBuilder.deflateOnce(raw)
        lock.lock()
        if parts.count < limit { parts[key] = part }
        lock.unlock()
        return part
    }
}

/// The last part deflated under each name, kept to be copied when the next archive has the
/// same bytes there: most units' "Dòng cần sửa" is the same empty sheet with the same checks,
/// a third of a unit workbook's bytes to deflate. A different part costs a comparison that
/// usually stops at its first rows. One entry per name, a few dozen names at most.
enum RecentParts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: [String: (raw: [UInt8], part: ZipBuilder.Deflated)] = [:]
    static let limit = 64

    static func same(_ name: String, _ raw: [UInt8]) -> ZipBuilder.Deflated? {
        lock.lock()
        let known = last[name]
        lock.unlock()
        guard let known, equal(known.raw, raw) else { return nil }
        return known.part
    }

    /// As `==`, by memcmp rather than element by element.
    private static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 } }
    }

    static func remember(_ name: String, _ raw: [UInt8], _ part: ZipBuilder.Deflated) {
        lock.lock()
        if last.count < limit || last[name] != nil { last[name] = (raw, part) }
        lock.unlock()
    }
}

/// libdeflate's compressor at level 1, borrowed from a small pool for one archive: it
/// compresses a whole part in one call, about twice as fast as zlib's level 1 on a unit's
/// sheets and a little smaller (measured: 86 against 175 µs for a unit's 13 KB of parts). The
/// pool keeps the idle ones (up to 16), so tens of thousands of archives allocate its tables
/// a few times, not once each.
final class Deflater {
    private let compressor: OpaquePointer

    init() { compressor = Self.pool.take() }

    deinit { Self.pool.give(compressor) }

    /// `raw` deflated onto the end of `out`.
    func deflate(_ raw: [UInt8], into out: inout ByteBuffer) throws(XLSXError) {
        let bound = libdeflate_deflate_compress_bound(compressor, raw.count)
        let compressor = compressor
        var failed = false
        raw.withUnsafeBytes { input in
            out.append(upTo: bound) { at in
                let written = libdeflate_deflate_compress(compressor, input.baseAddress, input.count, at, bound)
                failed = written == 0 && !input.isEmpty
                return written
            }
        }
        // Zero only when the output does not fit, and the bound always does.
        if failed { throw .library(operation: "deflate", message: "libdeflate: output did not fit") }
    }

    /// `deflate(_:into:)` onto an array (a part deflated once per process, the tests).
    func deflate(_ raw: [UInt8], appendingTo out: inout [UInt8]) throws(XLSXError) {
        var buffer = ByteBuffer(capacity: 0)
        try deflate(raw, into: &buffer)
        out.append(contentsOf: buffer.buffer)
    }

    private static let pool = Pool()

    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [OpaquePointer] = []
        /// More idle compressors than this are freed (a few hundred kilobytes each).
        private let kept = 16

        func take() -> OpaquePointer {
            lock.lock()
            let c = idle.popLast()
            lock.unlock()
            if let c { return c }
            // Only out of memory fails here.
            guard let fresh = libdeflate_alloc_compressor(1) else { fatalError("libdeflate: out of memory") }
            return fresh
        }

        func give(_ c: OpaquePointer) {
            lock.lock()
            let keep = idle.count < kept
            if keep { idle.append(c) }
            lock.unlock()
            if !keep { libdeflate_free_compressor(c) }
        }
    }
}
