/// A CSV reader as a small state machine over bytes (after BurntSushi's csv-core):
/// feed it buffers of any size, it calls back once per record with views into its
/// own reusable buffers, so a row costs no allocation.
///
/// RFC 4180: fields may be quoted; a quoted field holds delimiters, doubled quotes and
/// line breaks. LF or CRLF. Lenient where Excel is: a quote inside an unquoted field, or
/// text after a closing quote, is kept as written.
///
/// SPEC §10: an unbalanced quote must cost one row, not the rest of the file. A quoted
/// field may therefore span at most `maxQuotedLines` lines; past that (or at the end of
/// input) the record is reported as malformed — its first line only — and the bytes
/// after that line are parsed again from a clean state.
public struct CSVParser {
    public let delimiter: UInt8
    public var maxQuotedLines = 50
    /// Raw bytes kept per record for error reports and resync; longer records are cut.
    public var maxRecordBytes = 1 << 20

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var ends: [Int] = []
    private var raw: [UInt8] = []
    private var rawTruncated = false
    private var lineInRecord = 0
    /// 1-based line number of the next byte's line.
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
        field.reserveCapacity(4096)
        ends.reserveCapacity(32)
        raw.reserveCapacity(4096)
    }

    /// A record, valid only during the callback.
    public struct Record {
        public let line: Int
        public let fieldCount: Int
        /// Set when the record was cut at an unbalanced quote: `raw` is its first line only.
        public let unbalancedQuote: Bool
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ends: UnsafeBufferPointer<Int>
        public let raw: UnsafeBufferPointer<UInt8>

        public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < fieldCount else { return UnsafeBufferPointer(start: nil, count: 0) }
            let start = i == 0 ? 0 : ends[i - 1]
            return UnsafeBufferPointer(rebasing: bytes[start..<ends[i]])
        }

        public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

        public var rawString: String { String(decoding: raw, as: UTF8.self) }

        /// True when every field is empty (a blank line, or a row of bare delimiters).
        public var isBlank: Bool { ends[fieldCount - 1] == 0 }
    }

    public mutating func feed(_ input: UnsafeBufferPointer<UInt8>, _ emit: (Record) -> Void) {
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            i += 1
            if pendingCR {
                pendingCR = false
                if b == 0x0A { continue }  // the LF of a CRLF belongs to the record before
            }
            switch state {
            case .fieldStart:
                if b == 0x22 { state = .quoted; appendRaw(b) }
                else if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit) }
                else { appendRaw(b); field.append(b); state = .unquoted }
            case .unquoted:
                if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit) }
                else { appendRaw(b); field.append(b) }
            case .quoted:
                appendRaw(b)
                if b == 0x22 { state = .quoteInQuoted }
                else {
                    field.append(b)
                    if b == 0x0A {
                        line += 1
                        lineInRecord += 1
                        if lineInRecord > maxQuotedLines || rawTruncated {
                            resync(emit)
                        }
                    }
                }
            case .quoteInQuoted:
                if b == 0x22 { appendRaw(b); field.append(b); state = .quoted }
                else if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit) }
                else { appendRaw(b); field.append(b); state = .unquoted }
            }
        }
    }

    /// Ends the input: the last record, if it had no line break, is emitted.
    public mutating func finish(_ emit: (Record) -> Void) {
        if state == .quoted {
            resync(emit)
            finish(emit)
            return
        }
        if state != .fieldStart || !ends.isEmpty || !raw.isEmpty {
            emitRecord(emit, unbalanced: false)
        }
        reset()
    }

    // MARK: - Internals

    @inline(__always) private mutating func appendRaw(_ b: UInt8) {
        if raw.count < maxRecordBytes { raw.append(b) } else { rawTruncated = true }
    }

    @inline(__always) private mutating func endField() {
        ends.append(field.count)
        state = .fieldStart
    }

    private mutating func endRecord(_ b: UInt8, _ emit: (Record) -> Void) {
        emitRecord(emit, unbalanced: false)
        reset()
        line += 1
        recordLine = line
        if b == 0x0D { pendingCR = true }
    }

    private mutating func emitRecord(_ emit: (Record) -> Void, unbalanced: Bool) {
        ends.append(field.count)
        field.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { endsPtr in
                raw.withUnsafeBufferPointer { rawPtr in
                    emit(Record(line: recordLine, fieldCount: endsPtr.count, unbalancedQuote: unbalanced,
                                bytes: bytes, ends: endsPtr, raw: rawPtr))
                }
            }
        }
    }

    private mutating func reset() {
        field.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        rawTruncated = false
        state = .fieldStart
        lineInRecord = 0
    }

    /// The open quote was never closed: report the record's first line as malformed and
    /// parse everything after that line again.
    private mutating func resync(_ emit: (Record) -> Void) {
        let saved = raw
        let firstBreak = saved.firstIndex(of: 0x0A)
        let firstLineEnd = firstBreak ?? saved.count
        var firstLine = Array(saved[..<firstLineEnd])
        if firstLine.last == 0x0D { firstLine.removeLast() }
        let rest = firstBreak.map { Array(saved[($0 + 1)...]) } ?? []
        let startLine = recordLine
        // Emit the malformed record: one field holding the first line.
        field = firstLine
        ends = []
        raw = firstLine
        ends.append(field.count)
        field.withUnsafeBufferPointer { bytes in
            ends.withUnsafeBufferPointer { endsPtr in
                raw.withUnsafeBufferPointer { rawPtr in
                    emit(Record(line: startLine, fieldCount: 1, unbalancedQuote: true,
                                bytes: bytes, ends: endsPtr, raw: rawPtr))
                }
            }
        }
        reset()
        line = startLine + 1
        recordLine = line
        pendingCR = false
        rest.withUnsafeBufferPointer { feed($0, emit) }
    }

    /// Picks the delimiter of a file from its header line: the most frequent of `,` `;`
    /// and tab outside quotes (comma on a tie or when there is none).
    public static func detectDelimiter(headerBytes: some Sequence<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0]
        var inQuotes = false
        for b in headerBytes {
            if b == 0x0A { break }
            if b == 0x22 { inQuotes.toggle(); continue }
            if !inQuotes, counts[b] != nil { counts[b]! += 1 }
        }
        let best = [UInt8(0x2C), 0x3B, 0x09].max { counts[$0]! < counts[$1]! }!
        return counts[best]! == 0 ? 0x2C : best
    }
}

/// A convenience over `CSVParser` for small texts (units files, tests): whole records as strings.
public struct CSVRecordSplitter {
    private var records: [([String], Int)] = []
    private var position = 0

    public init(text: String, delimiter: UInt8? = nil) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = CSVParser(delimiter: delimiter ?? CSVParser.detectDelimiter(headerBytes: bytes))
        var out: [([String], Int)] = []
        let collect = { (r: CSVParser.Record) in
            if r.isBlank { return }
            out.append(((0..<r.fieldCount).map { r.string($0) }, r.line))
        }
        bytes.withUnsafeBufferPointer { parser.feed($0, collect) }
        parser.finish(collect)
        records = out
    }

    public mutating func next() -> [String]? { nextWithLine()?.0 }

    public mutating func nextWithLine() -> ([String], Int)? {
        guard position < records.count else { return nil }
        defer { position += 1 }
        return records[position]
    }
}
