import CDeflate
import Foundation

/// A zip archive (PKWARE APPNOTE 6.3: local headers, central directory, end record; no
/// ZIP64) built in memory: the few kilobytes of a small workbook. Entries are deflated — the
/// small ones with the fixed codes (`FixedHuffmanDeflate`), the others with libdeflate — or
/// added already deflated (a part every workbook shares, compressed once). Fixed timestamps
/// (1980-01-01), so the same parts give the same bytes.
struct ZipBuilder {
    /// A part deflated once and added to many archives as it is.
    struct Deflated: Sendable {
        let bytes: [UInt8]
        let crc: UInt32
        let size: Int
    }

    private(set) var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var entries = 0
    private let deflater = Deflater()
    /// Whether parts up to `smallPart` bytes are deflated with the fixed codes
    /// (`FixedHuffmanDeflate`); false is the plain twin, every part through libdeflate.
    private let fixedCodesForSmallParts: Bool

    /// The parts deflated with the fixed codes: a unit workbook's sheets and strings are 1–5 KB,
    /// where libdeflate's set-up costs more than the bytes; above, its dynamic codes save more.
    static let smallPart = 16_384

    init(capacity: Int = 1 << 14, fixedCodesForSmallParts: Bool = true) {
        bytes.reserveCapacity(capacity)
        directory.reserveCapacity(1024)
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
            let entryStart = bytes.count
            header(local: true, name: name, method: 0, crc: crc, compressed: raw.count, size: raw.count, offset: 0)
            bytes.append(contentsOf: raw)
            header(local: false, name: name, method: 0, crc: crc, compressed: raw.count, size: raw.count, offset: entryStart)
        case .deflate:
            if let part = RecentParts.same(name, raw) {
                add(name, part)
                return
            }
            let crc = raw.withUnsafeBufferPointer { Self.crc32($0) }
            let entryStart = bytes.count
            header(local: true, name: name, crc: crc, compressed: 0, size: raw.count, offset: 0)
            let dataStart = bytes.count
            if fixedCodesForSmallParts, raw.count <= Self.smallPart {
                raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, appendingTo: &bytes) }
            } else {
                try deflater.deflate(raw, appendingTo: &bytes)
            }
            let compressed = bytes.count - dataStart
            // The compressed size is known only now: patch it into the local header.
            for k in 0..<4 { bytes[entryStart + 18 + k] = UInt8((UInt32(compressed) >> (8 * UInt32(k))) & 0xFF) }
            header(local: false, name: name, crc: crc, compressed: compressed, size: raw.count, offset: entryStart)
            RecentParts.remember(name, raw, Deflated(bytes: Array(bytes[dataStart...]), crc: crc, size: raw.count))
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
        let entryStart = bytes.count
        header(local: true, name: name, crc: part.crc, compressed: part.bytes.count, size: part.size, offset: 0)
        bytes.append(contentsOf: part.bytes)
        header(local: false, name: name, crc: part.crc, compressed: part.bytes.count, size: part.size, offset: entryStart)
    }

    /// The archive's bytes, with its central directory and end record.
    consuming func finish() -> [UInt8] {
        let directoryStart = bytes.count
        bytes.append(contentsOf: directory)
        append32(0x0605_4B50)
        append16(0); append16(0)
        append16(UInt16(entries)); append16(UInt16(entries))
        append32(UInt32(directory.count)); append32(UInt32(directoryStart))
        append16(0)
        return bytes
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

    /// A local file header (`local`) into the archive, or a central directory entry.
    private mutating func header(local: Bool, name: String, method: UInt16 = 8, crc: UInt32, compressed: Int, size: Int,
                                 offset: Int) {
        let nameBytes = Array(name.utf8)
        if local {
            append32(0x0403_4B50)
        } else {
            swap(&bytes, &directory)
            append32(0x0201_4B50)
            append16(20)                 // made by: version 2.0, MS-DOS attributes
        }
        append16(20)                     // needed to extract: deflate
        append16(0)                      // flags
        append16(method)                 // 8 deflate, 0 stored
        append16(0); append16(0x21)      // time 00:00, date 1980-01-01
        append32(crc)
        append32(UInt32(compressed)); append32(UInt32(size))
        append16(UInt16(nameBytes.count)); append16(0)
        if !local {
            append16(0); append16(0); append16(0)   // comment length, disk, internal attributes
            append32(0)                             // external attributes
            append32(UInt32(offset))
        }
        bytes.append(contentsOf: nameBytes)
        if !local {
            swap(&bytes, &directory)
            entries += 1
        }
    }

    private mutating func append16(_ v: UInt16) {
        bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8))
    }

    private mutating func append32(_ v: UInt32) {
        append16(UInt16(v & 0xFFFF)); append16(UInt16(v >> 16))
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

    func deflate(_ raw: [UInt8], appendingTo out: inout [UInt8]) throws(XLSXError) {
        let bound = libdeflate_deflate_compress_bound(compressor, raw.count)
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: bound))
        let written = raw.withUnsafeBytes { input in
            out.withUnsafeMutableBytes { output in
                libdeflate_deflate_compress(compressor, input.baseAddress, input.count, output.baseAddress! + start, bound)
            }
        }
        // Zero only when the output does not fit, and the bound always does.
        guard written > 0 || raw.isEmpty else { throw .library(operation: "deflate", message: "libdeflate: output did not fit") }
        out.removeLast(bound - written)
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
