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
        if let refusal = file.refusal {
            _ = ingest.beginFile(file.relativePath, encoding: "")
            ingest.failFile(refusal)
            return
        }
        let ext = file.pathExtension.lowercased()
        if LogFinder.workbookExtensions.contains(ext) {
            ingestWorkbook(file, kind: ext, into: &ingest, sink: sink)
            if hash, let digest = digest(of: file.url) { ingest.setDigest(digest) }
            return
        }
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile(RejectionMessages.cannotOpen(String(cString: strerror(errno))))
            return
        }
        defer { close(fd) }
        var n = readSome(fd, buffer)
        guard n >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile(RejectionMessages.cannotRead(String(cString: strerror(errno))))
            return
        }
        let reference = ingest.interpreter.reference
        let format: LogSniff.TextFormat
        switch LogSniff.sniff(UnsafeBufferPointer(rebasing: buffer.all[0..<n]), tabSeparated: ext == "tsv", forced: forced,
                              reference: reference) {
        case .empty:
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile(RejectionMessages.empty)
            return
        case .binary:
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile(RejectionMessages.notCSV)
            return
        case .utf16(let little):
            // Small files in practice: decoded whole, then read as UTF-8 text.
            let encoding = little ? "utf-16le" : "utf-16be"
            guard let data = try? Data(contentsOf: file.url),
                  let text = String(data: data, encoding: little ? .utf16LittleEndian : .utf16BigEndian) else {
                _ = ingest.beginFile(file.relativePath, encoding: encoding)
                ingest.failFile(RejectionMessages.brokenUTF16)
                return
            }
            ingest.ingestCSV(name: file.relativePath, text: text, encoding: encoding, sink: sink)
            if hash { ingest.setDigest(digest(of: data)) }
            return
        case .text(let f):
            format = f
        }
        _ = ingest.beginFile(file.relativePath, encoding: format.encodingName)
        var reader = CSVLogReader(format: format, reference: reference, maxCarry: bufferSize)
        var hasher: SHA256? = hash ? SHA256() : nil
        while n > 0 {
            let block = UnsafeBufferPointer(rebasing: buffer.all[0..<n])
            hasher?.update(bufferPointer: UnsafeRawBufferPointer(block))
            reader.consume(block, into: &ingest, sink: sink)
            n = readSome(fd, buffer)
        }
        if n < 0 {
            ingest.failFile(RejectionMessages.readFailed(String(cString: strerror(errno))))
        }
        reader.finish(into: &ingest, sink: sink)
        if let hasher { ingest.setDigest(Hex.lowercase(hasher.finalize())) }
    }

    // MARK: - Pieces of a large file, read on several threads

    /// What every piece of a split file shares, read once from its start.
    public struct SplitInfo: Sendable {
        public var format: LogSniff.TextFormat
        public var header: HeaderMap
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
        guard file.refusal == nil else { return nil }
        let ext = file.pathExtension.lowercased()
        guard !LogFinder.workbookExtensions.contains(ext) else { return nil }
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let buffer = ReadBuffer()
        let n = readSome(fd, buffer)
        guard n > 3, case .text(let format) = LogSniff.sniff(UnsafeBufferPointer(rebasing: buffer.all[0..<n]),
                                                              tabSeparated: ext == "tsv", forced: forced),
              format.encoding == .utf8 else { return nil }
        var parser = CSVParser(delimiter: format.delimiter)  // the header only
        var header: HeaderMap?
        parser.feed(UnsafeBufferPointer(rebasing: buffer.all[format.bomLength..<n])) { r in
            guard header == nil, !r.isBlank, !r.unbalancedQuote else { return }
            header = HeaderMap(header: (0..<r.fieldCount).map { TextFolding.nfc(r.string($0)) })
        }
        guard let header, header.missingRequired.isEmpty else { return nil }
        return SplitInfo(format: format, header: header)
    }

    /// Offsets that cut a file of `size` bytes into about `pieces` pieces, each just after a
    /// line break: [0, b1, …, size].
    public static func splitPoints(_ file: LogFinder.Found, size: Int, pieces: Int) -> [Int] {
        var points = [0]
        let fd = open(file.path, O_RDONLY)
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
        var reader = CSVLogReader(pieceOf: info.format, first: isFirst, reference: ingest.interpreter.reference)
        if isFirst {
            _ = ingest.beginFile(file.relativePath, encoding: info.format.encodingName)
        } else {
            ingest.beginPiece(of: file.relativePath, header: info.header, encoding: info.format.encodingName)
        }
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else {
            ingest.failFile(RejectionMessages.cannotOpen(String(cString: strerror(errno))))
            return PieceEnd(atRecordStart: true, lines: 0)
        }
        defer { close(fd) }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let want = min(buffer.count, range.upperBound - offset)
            let n = { () -> Int in
                while true {
                    let r = pread(fd, buffer.base, want, off_t(offset))
                    if r < 0 && errno == EINTR { continue }
                    return r
                }
            }()
            if n < 0 { ingest.failFile(RejectionMessages.readFailed(String(cString: strerror(errno)))); break }
            if n == 0 { break }
            reader.consume(UnsafeBufferPointer(rebasing: buffer.all[0..<n]), into: &ingest, sink: sink)
            offset += n
        }
        let end = PieceEnd(atRecordStart: reader.atRecordStart, lines: reader.linesRead)
        if isLast { reader.finish(into: &ingest, sink: sink) }
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
        return Hex.lowercase(hasher.finalize())
    }

    static func digest(of data: Data) -> String { Hex.lowercase(SHA256.hash(data: data)) }

    static func digest(of bytes: [UInt8]) -> String { Hex.lowercase(SHA256.hash(data: bytes)) }


    /// A workbook (`.xlsx`, `.ods`, `.xls`) streams row by row into the ingest: memory holds
    /// the shared strings and one row, never the sheet (SPEC §11). It is read twice: first to
    /// find the log sheet and check that it reads to its end, then into the ingest, so that a
    /// workbook damaged half way costs the whole file and never half of it.
    static func ingestWorkbook(_ file: LogFinder.Found, kind: String, into ingest: inout LogIngest, sink: (Activity) -> Void) {
        _ = ingest.beginFile(file.relativePath, encoding: kind)
        do {
            let workbook: any LogWorkbook = switch kind {
            case "ods": try ODSReader(url: file.url)
            case "xls": try XLSReader(url: file.url, size: file.size)
            default: try XLSXReader(url: file.url, reference: ingest.interpreter.reference)
            }
            guard let logSheet = try workbook.sheetNames.first(where: { try isLogSheet(workbook, $0) }) else {
                var log = WorkbookLogReader()
                for name in workbook.sheetNames { log.beginSheet(name) }
                log.finish(into: &ingest)
                return
            }
            var log = WorkbookLogReader()
            log.beginSheet(logSheet)
            try workbook.forEachRow(ofSheet: logSheet) { r, cells in
                log.row(r, cells, into: &ingest, sink: sink)
            }
        } catch {
            ingest.failFile(RejectionMessages.workbookRefused("\(error)", format: kind))
        }
    }

    /// Whether the sheet's first non-blank row is a log header; when it is, the whole sheet
    /// is read through once, so that damage anywhere in it is found before a row counts.
    private static func isLogSheet(_ workbook: any LogWorkbook, _ name: String) throws -> Bool {
        var verdict: Bool?
        try workbook.forEachRow(ofSheet: name) { _, cells in
            if verdict == nil {
                if WorkbookLogReader.isBlank(cells) { return true }
                verdict = WorkbookLogReader.isHeader(cells)
            }
            return verdict == true
        }
        return verdict == true
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
