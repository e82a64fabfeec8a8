/// Routes the records of one CSV file into a `LogIngest`: the first non-blank record is
/// the header, blank lines are not rows, a record cut at an unbalanced quote is a
/// malformed row. Shared by the file reader and by tests that ingest text.
public struct CSVRowRouter {
    public private(set) var sawHeader = false
    /// The end of the part of the current buffer known to be clean text (`CleanText`):
    /// records cut in place before it skip the per-field check.
    var cleanEnd: UnsafePointer<UInt8>?

    public init() {}

    /// For a later piece of a file: its header was read with the first piece.
    public init(afterHeader: Bool) { sawHeader = afterHeader }

    public mutating func handle(_ r: CSVParser.Record, _ ingest: inout LogIngest, _ sink: (Activity) -> Void) {
        if r.unbalancedQuote {
            ingest.malformed(line: r.line,
                             message: RejectionMessages.unbalancedQuote,
                             raw: r.rawString)
            return
        }
        if r.oversized {
            ingest.malformed(line: r.line, message: RejectionMessages.oversized(bytes: r.raw.count),
                             raw: String(decoding: r.raw.prefix(200), as: UTF8.self) + "…")
            return
        }
        if r.isBlank { return }
        if !sawHeader {
            sawHeader = true
            if !ingest.setHeader(r) {
                let missing = ingest.currentHeader?.missingRequired.map(\.canonical).joined(separator: ", ") ?? ""
                ingest.failFile(RejectionMessages.headerMissing(missing))
            }
            return
        }
        var clean = false
        if r.inPlace, let end = cleanEnd, let start = r.raw.baseAddress { clean = start + r.raw.count <= end }
        ingest.row(r, line: r.line, raw: { r.rawString }, clean: clean, sink: sink)
    }

    public func finish(_ ingest: inout LogIngest) {
        if !sawHeader { ingest.failFile(RejectionMessages.noHeader) }
    }
}

extension LogIngest {
    /// Ingests one CSV file held in memory (a leading BOM is skipped). `encoding` names what
    /// the text was decoded from, for the file's tally.
    public mutating func ingestCSV(name: String, text: String, encoding: String? = nil, sink: (Activity) -> Void) {
        var bytes = Array(text.utf8)
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if bom { bytes.removeFirst(3) }
        _ = beginFile(name, encoding: encoding ?? (bom ? "utf-8-bom" : "utf-8"))
        var parser = CSVParser(delimiter: CSVParser.detectDelimiter(headerBytes: bytes), reference: interpreter.reference)
        var router = CSVRowRouter()
        bytes.withUnsafeBufferPointer { parser.feed($0) { router.handle($0, &self, sink) } }
        parser.finish { router.handle($0, &self, sink) }
        router.finish(&self)
    }
}
