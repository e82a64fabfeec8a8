/// What the first block of a log file says about it (SPEC §4): the one place files are
/// sniffed — byte-order marks, UTF-16, not text at all, the encoding, the delimiter.
public enum LogSniff: Sendable, Equatable {
    case empty
    /// A zip or OLE signature, or mostly NUL bytes without a UTF-16 BOM. A line of binary junk
    /// among good rows is not that: it costs its own row (`malformed_row`), nothing more.
    case binary
    /// Excel's "Unicode text": small files in practice, decoded whole by the caller.
    case utf16(littleEndian: Bool)
    case text(TextFormat)

    public struct TextFormat: Sendable, Equatable {
        public var encoding: TextEncoding
        /// 3 after a UTF-8 BOM, else 0.
        public var bomLength: Int
        public var delimiter: UInt8
        /// The register's and the tally's name for it: "utf-8-bom", "utf-8", "windows-1258", …
        public var encodingName: String { bomLength == 3 ? "utf-8-bom" : encoding.name }
        /// The first block checked as clean UTF-8 up to its last line break (once: it settles
        /// the encoding and spares that block's rows their own check).
        var firstBlockClean: Bool
    }

    /// `forced`: the encoding of a file without a BOM (a BOM is never wrong).
    public static func sniff(_ first: UnsafeBufferPointer<UInt8>, tabSeparated: Bool, forced: TextEncoding?,
                             reference: Bool = false) -> LogSniff {
        let n = first.count
        if n == 0 { return .empty }
        if n >= 2, (first[0] == 0xFF && first[1] == 0xFE) || (first[0] == 0xFE && first[1] == 0xFF) {
            return .utf16(littleEndian: first[0] == 0xFF)
        }
        if looksBinary(first) { return .binary }
        let bom = n >= 3 && first[0] == 0xEF && first[1] == 0xBB && first[2] == 0xBF ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: first[bom...])
        let clean = body.lastIndex(of: 0x0A).map { CleanText.check(UnsafeBufferPointer(rebasing: body[...$0]), reference: reference) } ?? false
        let encoding: TextEncoding = bom == 3 || (forced == nil && clean) ? .utf8 : (forced ?? EncodingDetector.detect(first).encoding)
        let delimiter = tabSeparated ? UInt8(0x09) : CSVParser.detectDelimiter(headerBytes: body)
        return .text(TextFormat(encoding: encoding, bomLength: bom, delimiter: delimiter, firstBlockClean: clean))
    }

    static func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return true }
        let sample = bytes.prefix(8192)
        return sample.lazy.filter { $0 == 0 }.count * 4 > sample.count   // a quarter NUL: not text
    }
}

/// Reads one CSV log from its bytes, block by block as the shell reads them, into a
/// `LogIngest`: UTF-8 cut in place (one check of a whole block spares its rows the check of
/// each field), or a legacy encoding decoded line-ended block by block (the bytes after the
/// last line break wait for the next block, so a mark byte is never decoded apart from its
/// letter and NFC sees whole lines). Memory does not grow with the file (SPEC §11).
public struct CSVLogReader {
    private var parser: CSVParser
    private var router: CSVRowRouter
    private let encoding: TextEncoding
    private let maxCarry: Int
    private var carry: [UInt8] = []
    /// The first block's check, already made when the file was sniffed.
    private var knownClean: Bool?

    /// A whole file: `format` from `LogSniff`; the first block given to `consume` must be the
    /// one sniffed, BOM included (it is skipped here).
    public init(format: LogSniff.TextFormat, reference: Bool, maxCarry: Int = 1 << 20) {
        parser = CSVParser(delimiter: format.delimiter, reference: reference)
        router = CSVRowRouter()
        encoding = format.encoding
        self.maxCarry = maxCarry
        knownClean = format.firstBlockClean
        bomToSkip = format.bomLength
    }

    /// A piece of a UTF-8 file read apart: a later piece starts on a line of data.
    public init(pieceOf format: LogSniff.TextFormat, first: Bool, reference: Bool) {
        parser = CSVParser(delimiter: format.delimiter, reference: reference)
        router = CSVRowRouter(afterHeader: !first)
        encoding = .utf8
        maxCarry = 0
        bomToSkip = first ? format.bomLength : 0
    }

    private var bomToSkip: Int

    /// Where the reader stands: at a record's start (a piece whose last line break was inside
    /// a quoted field was not), and the lines read.
    public var atRecordStart: Bool { parser.isAtRecordStart }
    public var linesRead: Int { parser.nextLine - 1 }

    public mutating func consume(_ block: UnsafeBufferPointer<UInt8>, into ingest: inout LogIngest, sink: (Activity) -> Void) {
        var chunk = block
        if bomToSkip > 0 {
            chunk = UnsafeBufferPointer(rebasing: block[min(bomToSkip, block.count)...])
            bomToSkip = 0
        }
        if case .legacy(let legacy) = encoding {
            if let lf = chunk.lastIndex(of: 0x0A) {
                carry.append(contentsOf: chunk[chunk.startIndex...lf])
                feedDecoded(legacy, &ingest, sink)
                carry = Array(chunk[(lf + 1)..<chunk.endIndex])
            } else {
                carry.append(contentsOf: chunk)
                // A line longer than the buffer: decode what there is rather than grow.
                if carry.count > maxCarry { feedDecoded(legacy, &ingest, sink) }
            }
            return
        }
        let checked = knownClean
        knownClean = nil
        router.cleanEnd = nil
        if let lf = chunk.lastIndex(of: 0x0A),
           checked ?? CleanText.check(UnsafeBufferPointer(rebasing: chunk[chunk.startIndex...lf]), reference: parser.reference) {
            router.cleanEnd = chunk.baseAddress! + (lf - chunk.startIndex + 1)
        }
        parser.feed(chunk) { router.handle($0, &ingest, sink) }
        router.cleanEnd = nil
    }

    private mutating func feedDecoded(_ legacy: LegacyEncoding, _ ingest: inout LogIngest, _ sink: (Activity) -> Void) {
        let text = Array(legacy.decode(carry).utf8)
        carry.removeAll()
        text.withUnsafeBufferPointer { parser.feed($0) { router.handle($0, &ingest, sink) } }
    }

    /// The end of the file: the last line, without a line break, is read too.
    public mutating func finish(into ingest: inout LogIngest, sink: (Activity) -> Void) {
        if case .legacy(let legacy) = encoding, !carry.isEmpty { feedDecoded(legacy, &ingest, sink) }
        parser.finish { router.handle($0, &ingest, sink) }
        router.finish(&ingest)
    }
}
