import Crypto
import Foundation
import TuyenGiaoCore

/// Streams one log file into a `LogIngest` through a fixed buffer, so memory does not grow
/// with the file (SPEC §11). Text arrives as UTF-8 (with or without BOM); UTF-16 with a BOM
/// is converted first; a file in a legacy Vietnamese encoding (detected from its first
/// block, or forced) is decoded line-ended block by block. The first non-blank record is
/// the header.
public enum LogFileReader {
    public static let bufferSize = 1 << 20

    /// `encoding` forces the encoding of files without a byte-order mark (a BOM is never wrong).
    /// `hash`: compute the file's SHA-256 while it streams (the receipt register needs it;
    /// an ad hoc summary does not).
    /// `buffer`: a worker passes its own, so that reading many small files costs no fresh
    /// megabyte each (page faults and zeroing were 5% of a summary over 600 files).
    public static func ingest(_ file: LogFinder.Found, into ingest: inout LogIngest, encoding forced: TextEncoding? = nil,
                              hash: Bool = true, buffer: ReadBuffer = ReadBuffer(), sink: (Activity) -> Void) {
        let ext = file.url.pathExtension.lowercased()
        if ext == "xlsx" {
            ingestWorkbook(file, into: &ingest, sink: sink)
            if hash, let data = try? Data(contentsOf: file.url) { ingest.setDigest(digest(of: data)) }
            return
        }
        let fd = open(file.url.path, O_RDONLY)
        guard fd >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile("Không mở được tệp: \(String(cString: strerror(errno))).")
            return
        }
        defer { close(fd) }
        var first = readSome(fd, buffer)
        guard first >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile("Không đọc được tệp: \(String(cString: strerror(errno))).")
            return
        }
        // UTF-16 (Excel's "Unicode text"): small files in practice; decode whole, then parse.
        let all = buffer.all
        if first >= 2, (all[0] == 0xFF && all[1] == 0xFE) || (all[0] == 0xFE && all[1] == 0xFF) {
            let little = all[0] == 0xFF
            let encoding = little ? "utf-16le" : "utf-16be"
            guard let data = try? Data(contentsOf: file.url),
                  let text = String(data: data, encoding: little ? .utf16LittleEndian : .utf16BigEndian) else {
                _ = ingest.beginFile(file.relativePath, encoding: encoding)
                ingest.failFile("Tệp UTF-16 bị hỏng, không đọc được.")
                return
            }
            ingest.ingestCSV(name: file.relativePath, text: text, encoding: encoding, sink: sink)
            if hash { ingest.setDigest(digest(of: data)) }
            return
        }
        var start = 0
        if first >= 3, all[0] == 0xEF, all[1] == 0xBB, all[2] == 0xBF { start = 3 }
        // The first block's check as clean UTF-8 text, up to its last line break, is made
        // once: it settles the encoding and spares that block's rows their own check.
        let firstChunk = UnsafeBufferPointer(rebasing: all[start..<first])
        let firstClean = firstChunk.lastIndex(of: 0x0A).map { CleanText.check(UnsafeBufferPointer(rebasing: firstChunk[...$0]), reference: ingest.interpreter.reference) } ?? false
        let encoding: TextEncoding = start == 3 || (forced == nil && firstClean)
            ? .utf8 : (forced ?? EncodingDetector.detect(all[0..<first]).encoding)
        _ = ingest.beginFile(file.relativePath, encoding: start == 3 ? "utf-8-bom" : encoding.name)
        if first == 0 {
            ingest.failFile("Tệp rỗng.")
            return
        }
        if looksBinary(all[0..<first]) {
            ingest.failFile("Tệp không phải văn bản CSV (có thể là tệp nén hoặc tệp Word/Excel đổi đuôi); lưu lại dạng CSV UTF-8.")
            return
        }
        let delimiter = file.url.pathExtension.lowercased() == "tsv"
            ? UInt8(0x09) : CSVParser.detectDelimiter(headerBytes: all[start..<first])
        var parser = CSVParser(delimiter: delimiter, reference: ingest.interpreter.reference)
        var state = CSVRowRouter()
        var hasher: SHA256? = hash ? SHA256() : nil
        // Legacy text: the bytes after the last line break wait for the next block, so a
        // mark byte is never decoded apart from its letter (VNI) and NFC sees whole lines.
        var carry: [UInt8] = []
        func feedDecoded(_ bytes: some Sequence<UInt8>, _ legacy: LegacyEncoding) {
            let text = Array(legacy.decode(bytes).utf8)
            text.withUnsafeBufferPointer { parser.feed($0) { state.handle($0, &ingest, sink) } }
        }
        var isFirstBlock = true
        while first > 0 {
            hasher?.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[0..<first])))
            let chunk = UnsafeBufferPointer(rebasing: all[start..<first])
            if case .legacy(let legacy) = encoding {
                if let lf = chunk.lastIndex(of: 0x0A) {
                    carry.append(contentsOf: chunk[chunk.startIndex...lf])
                    feedDecoded(carry, legacy)
                    carry = Array(chunk[(lf + 1)..<chunk.endIndex])
                } else {
                    carry.append(contentsOf: chunk)
                    // A line longer than the buffer: decode what there is rather than grow.
                    if carry.count > bufferSize { feedDecoded(carry, legacy); carry.removeAll() }
                }
            } else {
                feedChecked(chunk, &parser, &state, &ingest, sink, checked: isFirstBlock ? firstClean : nil)
            }
            isFirstBlock = false
            start = 0
            first = readSome(fd, buffer)
        }
        if first < 0 {
            ingest.failFile("Lỗi khi đọc tệp: \(String(cString: strerror(errno))).")
        }
        // The last line may have no line break: decode it too (the letter iconv would hold back).
        if case .legacy(let legacy) = encoding, !carry.isEmpty { feedDecoded(carry, legacy) }
        parser.finish { state.handle($0, &ingest, sink) }
        state.finish(&ingest)
        if let hasher { ingest.setDigest(hex(hasher.finalize())) }
    }

    /// Feeds one buffer of UTF-8 text. One check of the whole buffer (up to its last line
    /// break, so no letter is cut) spares every row cut in place the check of each field.
    /// `checked`: that check's answer when the caller has already made it.
    @inline(__always)
    static func feedChecked(_ chunk: UnsafeBufferPointer<UInt8>, _ parser: inout CSVParser, _ router: inout CSVRowRouter,
                            _ ingest: inout LogIngest, _ sink: (Activity) -> Void, checked: Bool? = nil) {
        router.cleanEnd = nil
        if let lf = chunk.lastIndex(of: 0x0A),
           checked ?? CleanText.check(UnsafeBufferPointer(rebasing: chunk[chunk.startIndex...lf]), reference: ingest.interpreter.reference) {
            router.cleanEnd = chunk.baseAddress! + (lf - chunk.startIndex + 1)
        }
        parser.feed(chunk) { router.handle($0, &ingest, sink) }
        router.cleanEnd = nil
    }

    // MARK: - Pieces of a large file, read on several threads

    /// What every piece of a split file shares, read once from its start.
    public struct SplitInfo: Sendable {
        public var delimiter: UInt8
        public var header: HeaderMap
        public var encodingName: String
        public var bomLength: Int
    }

    /// How a piece ended: `atRecordStart` false means its last line break was inside a
    /// quoted field, so the next piece began mid-record and the split must be undone.
    public struct PieceEnd: Sendable {
        public var atRecordStart: Bool
        public var lines: Int
    }

    /// The shared facts of a UTF-8 CSV file that can be read in pieces; nil for anything
    /// else (UTF-16, a legacy encoding, not text, no usable header), which is read whole.
    public static func splitInfo(_ file: LogFinder.Found, encoding forced: TextEncoding?) -> SplitInfo? {
        let ext = file.url.pathExtension.lowercased()
        guard ext != "xlsx" else { return nil }
        let fd = open(file.url.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let buffer = ReadBuffer()
        let all = buffer.all
        let n = readSome(fd, buffer)
        guard n > 3, !looksBinary(all[0..<n]) else { return nil }
        if (all[0] == 0xFF && all[1] == 0xFE) || (all[0] == 0xFE && all[1] == 0xFF) { return nil }
        let bom = all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
        let encoding: TextEncoding = bom == 3 ? .utf8 : (forced ?? EncodingDetector.detect(all[0..<n]).encoding)
        guard encoding == .utf8 else { return nil }
        let delimiter = ext == "tsv" ? UInt8(0x09) : CSVParser.detectDelimiter(headerBytes: all[bom..<n])
        var parser = CSVParser(delimiter: delimiter)  // the header only
        var header: HeaderMap?
        parser.feed(UnsafeBufferPointer(rebasing: all[bom..<n])) { r in
            guard header == nil, !r.isBlank, !r.unbalancedQuote else { return }
            header = HeaderMap(header: (0..<r.fieldCount).map { TextFolding.nfc(r.string($0)) })
        }
        guard let header, header.missingRequired.isEmpty else { return nil }
        return SplitInfo(delimiter: delimiter, header: header, encodingName: bom == 3 ? "utf-8-bom" : "utf-8",
                         bomLength: bom)
    }

    /// Offsets that cut a file of `size` bytes into about `pieces` pieces, each just after a
    /// line break: [0, b1, …, size].
    public static func splitPoints(_ file: LogFinder.Found, size: Int, pieces: Int) -> [Int] {
        var points = [0]
        let fd = open(file.url.path, O_RDONLY)
        guard fd >= 0, pieces > 1 else { if fd >= 0 { close(fd) }; return [0, size] }
        defer { close(fd) }
        var window = [UInt8](repeating: 0, count: 1 << 16)
        for k in 1..<pieces {
            var pos = max(size / pieces * k, points.last! + 1)
            var found: Int?
            while found == nil, pos < size {
                let n = window.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(pos)) }
                if n <= 0 { break }
                if let i = window[0..<n].firstIndex(of: 0x0A) { found = pos + i + 1 } else { pos += n }
            }
            guard let cut = found, cut < size else { break }
            points.append(cut)
        }
        points.append(size)
        return points
    }

    /// Reads bytes `range` of a split file. The first piece reads the header as a whole file
    /// does; a later piece starts on a line of data, its lines numbered from 1. Only the last
    /// piece ends the file (a record without a final line break, a missing header).
    public static func ingestPiece(_ file: LogFinder.Found, range: Range<Int>, isFirst: Bool, isLast: Bool,
                                   info: SplitInfo, into ingest: inout LogIngest, buffer: ReadBuffer = ReadBuffer(),
                                   sink: (Activity) -> Void) -> PieceEnd {
        var parser = CSVParser(delimiter: info.delimiter, reference: ingest.interpreter.reference)
        var router = CSVRowRouter(afterHeader: !isFirst)
        if isFirst {
            _ = ingest.beginFile(file.relativePath, encoding: info.encodingName)
        } else {
            ingest.beginPiece(of: file.relativePath, header: info.header, encoding: info.encodingName)
        }
        let fd = open(file.url.path, O_RDONLY)
        guard fd >= 0 else {
            ingest.failFile("Không mở được tệp: \(String(cString: strerror(errno))).")
            return PieceEnd(atRecordStart: true, lines: 0)
        }
        defer { close(fd) }
        var offset = range.lowerBound + (isFirst ? info.bomLength : 0)
        while offset < range.upperBound {
            let want = min(buffer.count, range.upperBound - offset)
            let n = { () -> Int in
                while true {
                    let r = pread(fd, buffer.base, want, off_t(offset))
                    if r < 0 && errno == EINTR { continue }
                    return r
                }
            }()
            if n < 0 { ingest.failFile("Lỗi khi đọc tệp: \(String(cString: strerror(errno)))."); break }
            if n == 0 { break }
            feedChecked(UnsafeBufferPointer(rebasing: buffer.all[0..<n]), &parser, &router, &ingest, sink)
            offset += n
        }
        let end = PieceEnd(atRecordStart: parser.isAtRecordStart, lines: parser.nextLine - 1)
        if isLast {
            parser.finish { router.handle($0, &ingest, sink) }
            router.finish(&ingest)
        }
        return end
    }

    /// SHA-256 of a whole file, read through the same fixed buffer; nil when unreadable.
    public static func digest(of url: URL, buffer: ReadBuffer = ReadBuffer()) -> String? {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        while true {
            let n = readSome(fd, buffer)
            if n < 0 { return nil }
            if n == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer.all[0..<n])))
        }
        return hex(hasher.finalize())
    }

    static func digest(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ d: SHA256.Digest) -> String {
        d.map { b in String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }.joined()
    }

    /// A workbook is read whole (units' workbooks are small; §11's limits refuse the rest).
    static func ingestWorkbook(_ file: LogFinder.Found, into ingest: inout LogIngest, sink: (Activity) -> Void) {
        do {
            let reader = try XLSXReader(url: file.url)
            var sheets: [(name: String, rows: [[GridCell?]])] = []
            for name in reader.sheetNames {
                let rows = try reader.rows(ofSheet: name).map { row in
                    row.map { cell -> GridCell? in
                        switch cell {
                        case nil: nil
                        case .text(let s): .text(s)
                        case .number(let d): .number(d)
                        }
                    }
                }
                sheets.append((name, rows))
            }
            ingest.ingestSheets(name: file.relativePath, sheets: sheets, sink: sink)
        } catch {
            _ = ingest.beginFile(file.relativePath, encoding: "xlsx")
            ingest.failFile("Tệp XLSX bị từ chối: \(error). Mở tệp bằng Excel, lưu lại (hoặc lưu dạng CSV UTF-8) rồi gửi lại.")
        }
    }

    /// Fills the buffer as far as the file goes; -1 on an error.
    private static func readSome(_ fd: Int32, _ buffer: ReadBuffer) -> Int {
        var total = 0
        while total < buffer.count {
            let n = read(fd, buffer.base + total, buffer.count - total)
            if n < 0 { if errno == EINTR { continue }; return -1 }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// NUL bytes or a zip/OLE signature in the first block: not a text file.
    static func looksBinary(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return true }
        return bytes.prefix(8192).contains(0)
    }
}

/// One fixed block of memory that files are read through. Owned by one thread at a time;
/// its bytes are only ever read after `read` has written them, so it is never zeroed.
public final class ReadBuffer: @unchecked Sendable {
    public let count: Int
    public let base: UnsafeMutablePointer<UInt8>

    public init(count: Int = LogFileReader.bufferSize) {
        self.count = count
        base = .allocate(capacity: count)
    }

    deinit { base.deallocate() }

    var all: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
