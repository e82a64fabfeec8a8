/// A CSV reader as a small state machine over bytes (after BurntSushi's csv-core):
/// feed it buffers of any size, it calls back once per record with views into memory it
/// does not copy, so a row costs no allocation.
///
/// Two paths, one grammar. A record that lies whole inside the buffer just fed, with no
/// line break inside quotes (nearly every record of a real log) is cut where an index of
/// the four bytes that matter says (`StopCursor`), and its fields point into the caller's
/// buffer (or, when a field holds doubled quotes, into one copy of the record's text with
/// one quote for each pair). Anything else (a record split across buffers, a quoted line
/// break, text after a closing quote) goes through the byte-at-a-time state machine, which
/// copies the record into its own buffers. The fast path only ever hands a record to the
/// slow path from its first byte, so the two cannot disagree about where a record starts.
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
    public let reference: Bool
    public var maxQuotedLines = 50
    /// Bytes kept per record (its raw text, and its fields); a longer record is read to its
    /// end but kept no further, and comes out `oversized`: memory stays bounded whatever one
    /// line holds (SPEC §11).
    public var maxRecordBytes = 1 << 20
    /// Fields kept per record; a record with more is `oversized` too.
    public var maxFields = 10_000

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var ends: [Int] = []
    private var raw: [UInt8] = []
    private var rawTruncated = false
    private var oversized = false
    private var lineInRecord = 0
    /// 1-based line number of the next byte's line.
    private var line = 1
    private var recordLine = 1
    private var pendingCR = false
    /// Field bounds of fast-path records, reused from record to record.
    private let fast: FieldBounds
    /// The fields of a fast-path record with doubled quotes, unescaped.
    private let unescaped: FieldBounds
    /// Bytes that end an unquoted field: the delimiter, `"`, CR and LF.
    private let stops: StopTable
    /// Bytes that end a quoted field's text on the fast path: `"`, CR and LF (the same
    /// scan, with the quote in the delimiter's place).
    private let quotedStops = StopTable(0x22)

    /// `reference`: every record through the byte state machine (`TUYENGIAO_REFERENCE=1`), the
    /// plain twin of the zero-copy scan, its stop index and its doubled-quote loop.
    public init(delimiter: UInt8, reference: Bool = false) {
        self.delimiter = delimiter
        self.reference = reference
        field.reserveCapacity(4096)
        ends.reserveCapacity(32)
        raw.reserveCapacity(4096)
        fast = FieldBounds(capacity: 256)
        unescaped = FieldBounds(capacity: 256, bytes: 1 << 16)
        stops = StopTable(delimiter)
    }

    /// The 1-based line number the next record will start on; after the input ended on a
    /// line break, the number of lines read plus one.
    public var nextLine: Int { line }

    /// True between records: nothing of a record is held, the next byte starts a new one.
    public var isAtRecordStart: Bool { state == .fieldStart && ends.isEmpty && raw.isEmpty && field.isEmpty }

    /// A record, valid only during the callback.
    public struct Record {
        public let line: Int
        public let fieldCount: Int
        /// Set when the record was cut at an unbalanced quote: `raw` is its first line only.
        public let unbalancedQuote: Bool
        /// Set when the record ran past `maxRecordBytes` or `maxFields`: its fields are cut.
        public var oversized = false
        fileprivate let base: UnsafePointer<UInt8>?
        fileprivate let starts: UnsafePointer<Int>
        fileprivate let ends: UnsafePointer<Int>
        public let raw: UnsafeBufferPointer<UInt8>
        /// True when the fields point into the buffer that was fed (not into the parser's copy).
        public let inPlace: Bool

        public func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < fieldCount, let base else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: base + starts[i], count: ends[i] - starts[i])
        }

        public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

        public var rawString: String { String(decoding: raw, as: UTF8.self) }

        /// True when every field is empty (a blank line, or a row of bare delimiters).
        public var isBlank: Bool {
            for i in 0..<fieldCount where ends[i] != starts[i] { return false }
            return true
        }
    }

    public mutating func feed(_ input: UnsafeBufferPointer<UInt8>, _ emit: (Record) -> Void) {
        guard let p = input.baseAddress else { return }
        let n = input.count
        var i = 0
        var cursor = StopCursor()
        while i < n {
            if pendingCR {
                pendingCR = false
                if p[i] == 0x0A { i += 1; continue }  // the LF of a CRLF belongs to the record before
            }
            if !reference, isAtRecordStart, let next = fastRecord(p, from: i, count: n, &cursor, emit) {
                i = next
                continue
            }
            i = slowRecord(p, from: i, count: n, emit)
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

    // MARK: - Fast path

    /// Cuts one record that lies whole in `p[from..<count]` without copying it; returns where
    /// the next record starts, or nil to let the state machine take this record from its start.
    @inline(__always)
    private mutating func fastRecord(_ p: UnsafePointer<UInt8>, from: Int, count n: Int, _ cursor: inout StopCursor,
                                     _ emit: (Record) -> Void) -> Int? {
        let starts = fast.starts, ends = fast.ends
        let quote: UInt8 = 0x22
        var j = from, f = 0
        while true {
            guard f < fast.capacity, j < n else { return nil }
            var stop: UInt8
            if p[j] == quote {
                let k = quotedStops.first(in: p, from: j + 1, count: n)
                guard k + 1 < n, p[k] == quote else { return nil }  // a line break in quotes, or the buffer's end
                stop = p[k + 1]
                if stop == quote { return unescapedRecord(p, from: from, count: n, emit) }
                guard stop == delimiter || stop == 0x0A || stop == 0x0D else { return nil }  // text after the quote
                starts[f] = j + 1; ends[f] = k
                j = k + 1
            } else {
                let k = cursor.first(from: j, in: p, count: n, stops)
                guard k < n else { return nil }
                stop = p[k]
                if stop == quote { return nil }
                starts[f] = j; ends[f] = k
                j = k
            }
            f += 1
            if stop == delimiter { j += 1; continue }
            break
        }
        return endFastRecord(p, from: from, at: j, count: n, fields: f, base: p, starts: starts, ends: ends, emit)
    }

    /// Emits a record cut by the fast path, which ends at `p[j]` (CR or LF); returns where
    /// the next record starts.
    @inline(__always)
    private mutating func endFastRecord(_ p: UnsafePointer<UInt8>, from: Int, at end: Int, count n: Int, fields f: Int,
                                        base: UnsafePointer<UInt8>, starts: UnsafeMutablePointer<Int>,
                                        ends: UnsafeMutablePointer<Int>, _ emit: (Record) -> Void) -> Int {
        var j = end
        emit(Record(line: line, fieldCount: f, unbalancedQuote: false, base: base, starts: starts, ends: ends,
                    raw: UnsafeBufferPointer(start: p + from, count: j - from), inPlace: true))
        line += 1
        recordLine = line
        if p[j] == 0x0D {
            if j + 1 < n {
                if p[j + 1] == 0x0A { j += 1 }
            } else {
                pendingCR = true
            }
        }
        return j + 1
    }

    /// The fast path for a record with doubled quotes (one in a hundred in real logs): cut
    /// again from its start, each field's text copied to `unescaped` with one quote for
    /// each pair, so that the record's fields still have one base. Nil as `fastRecord`.
    /// A loop of its own, beside `fastRecord`'s: with the copying folded into that loop, the
    /// compiler stopped inlining the hot path (callgrind, 200k rows: 539M against 600M
    /// instructions).
    private mutating func unescapedRecord(_ p: UnsafePointer<UInt8>, from: Int, count n: Int,
                                          _ emit: (Record) -> Void) -> Int? {
        let starts = unescaped.starts, ends = unescaped.ends, out = unescaped.bytes
        let quote: UInt8 = 0x22
        var j = from, f = 0, used = 0
        /// Appends `p[a..<b]`; false when it does not fit.
        func copy(_ a: Int, _ b: Int) -> Bool {
            guard used + (b - a) <= unescaped.byteCapacity else { return false }
            (out + used).update(from: p + a, count: b - a)
            used += b - a
            return true
        }
        while true {
            guard f < unescaped.capacity, j < n else { return nil }
            var stop: UInt8
            starts[f] = used
            if p[j] == quote {
                var text = j + 1
                while true {
                    let k = quotedStops.first(in: p, from: text, count: n)
                    guard k + 1 < n, p[k] == quote else { return nil }  // a line break in quotes, or the buffer's end
                    stop = p[k + 1]
                    if stop == quote {
                        guard copy(text, k + 1) else { return nil }   // the text and one quote of the pair
                        text = k + 2
                        continue
                    }
                    guard stop == delimiter || stop == 0x0A || stop == 0x0D, copy(text, k) else { return nil }
                    j = k + 1
                    break
                }
            } else {
                let k = stops.first(in: p, from: j, count: n)
                guard k < n else { return nil }
                stop = p[k]
                guard stop != quote, copy(j, k) else { return nil }
                j = k
            }
            ends[f] = used
            f += 1
            if stop == delimiter { j += 1; continue }
            break
        }
        return endFastRecord(p, from: from, at: j, count: n, fields: f, base: UnsafePointer(out), starts: starts,
                             ends: ends, emit)
    }

    // MARK: - Slow path

    /// Runs the state machine from `from` until a record ends or the input does; returns
    /// where it stopped.
    private mutating func slowRecord(_ p: UnsafePointer<UInt8>, from: Int, count n: Int,
                                     _ emit: (Record) -> Void) -> Int {
        var i = from
        while i < n {
            let b = p[i]
            i += 1
            if pendingCR {
                pendingCR = false
                if b == 0x0A { continue }
            }
            switch state {
            case .fieldStart:
                if b == 0x22 { state = .quoted; appendRaw(b) }
                else if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit); return i }
                else { appendRaw(b); appendField(b); state = .unquoted }
            case .unquoted:
                if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit); return i }
                else { appendRaw(b); appendField(b) }
            case .quoted:
                appendRaw(b)
                if b == 0x22 { state = .quoteInQuoted }
                else {
                    appendField(b)
                    if b == 0x0A {
                        line += 1
                        lineInRecord += 1
                        if lineInRecord > maxQuotedLines || rawTruncated {
                            resync(emit)
                            return i
                        }
                    }
                }
            case .quoteInQuoted:
                if b == 0x22 { appendRaw(b); appendField(b); state = .quoted }
                else if b == delimiter { appendRaw(b); endField() }
                else if b == 0x0A || b == 0x0D { endRecord(b, emit); return i }
                else { appendRaw(b); appendField(b); state = .unquoted }
            }
        }
        return i
    }

    @inline(__always) private mutating func appendRaw(_ b: UInt8) {
        if raw.count < maxRecordBytes { raw.append(b) } else { rawTruncated = true }
    }

    @inline(__always) private mutating func appendField(_ b: UInt8) {
        if field.count < maxRecordBytes { field.append(b) } else { oversized = true }
    }

    @inline(__always) private mutating func endField() {
        if ends.count < maxFields { ends.append(field.count) } else { oversized = true }
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
        // Field starts: each field begins where the one before ended (the bytes are contiguous).
        var starts = [Int](repeating: 0, count: ends.count)
        for i in 1..<ends.count { starts[i] = ends[i - 1] }
        field.withUnsafeBufferPointer { bytes in
            starts.withUnsafeBufferPointer { startsPtr in
                ends.withUnsafeBufferPointer { endsPtr in
                    raw.withUnsafeBufferPointer { rawPtr in
                        var record = Record(line: recordLine, fieldCount: endsPtr.count, unbalancedQuote: unbalanced,
                                            base: bytes.baseAddress, starts: startsPtr.baseAddress!, ends: endsPtr.baseAddress!,
                                            raw: rawPtr, inPlace: false)
                        record.oversized = oversized || rawTruncated
                        emit(record)
                    }
                }
            }
        }
    }

    private mutating func reset() {
        field.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        rawTruncated = false
        oversized = false
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
        emitRecord(emit, unbalanced: true)
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

/// Where each field of a fast-path record starts and ends: two fixed arrays, allocated once
/// per parser (a record with more fields than this goes the slow way); `bytes`, room for
/// the record's text when it is copied out of the input.
final class FieldBounds: @unchecked Sendable {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let byteCapacity: Int
    let bytes: UnsafeMutablePointer<UInt8>
    init(capacity: Int, bytes: Int = 0) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        byteCapacity = bytes
        self.bytes = .allocate(capacity: max(bytes, 1))
    }
    deinit { starts.deallocate(); ends.deallocate(); bytes.deallocate() }
}

/// Where the stop bytes of a buffer are, 64 bytes at a time: one mask per block, made
/// without a branch, then read a bit at a time (after simdjson's structural index). The
/// parser asks for the first stop at or after a position over and over, once per field;
/// a field that ends inside the block already indexed costs a shift and a bit count,
/// with no scan and no branch on the bytes themselves.
struct StopCursor {
    /// Where the indexed block starts (any offset: blocks are loaded unaligned).
    private var block = Int.min / 2
    /// Bit k set: byte `block + k` is a stop.
    private var bits: UInt64 = 0

    @inline(__always)
    mutating func first(from j: Int, in p: UnsafePointer<UInt8>, count n: Int, _ stops: StopTable) -> Int {
        var d = j &- block
        if d < 0 || d >= 64 {
            guard j &+ 64 <= n else { return stops.first(in: p, from: j, count: n) }
            block = j
            bits = stops.mask64(p + j)
            d = 0
        }
        var m = bits & (~0 << UInt64(d))
        while m == 0 {
            guard block &+ 128 <= n else {
                let next = block &+ 64
                block = Int.min / 2
                return stops.first(in: p, from: next, count: n)
            }
            block &+= 64
            bits = stops.mask64(p + block)
            m = bits
        }
        return block &+ m.trailingZeroBitCount
    }
}

/// Which bytes end an unquoted field: the delimiter, `"`, CR and LF.
struct StopTable {
    private typealias Block = SIMD16<UInt8>
    private let flags: [Bool]
    private let delimiterWord: UInt64
    private let delimiterBlock: Block
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080

    init(_ delimiter: UInt8) {
        var f = [Bool](repeating: false, count: 256)
        for b in [delimiter, 0x22, 0x0A, 0x0D] { f[Int(b)] = true }
        flags = f
        delimiterWord = UInt64(delimiter) &* Self.ones
        delimiterBlock = Block(repeating: delimiter)
    }

    @inline(__always) subscript(_ b: UInt8) -> Bool { flags.withUnsafeBufferPointer { $0[Int(b)] } }

    /// Bit k set where `q[k]` is a stop, for k in 0..<64: sixteen bytes at a time (SSE2
    /// through `SIMD16`, four exact byte compares), each compare's lanes of all ones or all
    /// zeros gathered into bits by one multiplication per eight lanes (SSE2 has no way to
    /// ask for them that Swift can name).
    @inline(__always)
    func mask64(_ q: UnsafePointer<UInt8>) -> UInt64 {
        // Vector constants as vectors: the `vector .== scalar` form compiles to a loop per lane.
        let quote = Block(repeating: 0x22), lf = Block(repeating: 0x0A), cr = Block(repeating: 0x0D)
        var mask: UInt64 = 0
        for part in 0..<4 {
            let v = UnsafeRawPointer(q + part &* 16).loadUnaligned(as: Block.self)
            let hits = (v .== delimiterBlock) .| (v .== quote) .| (v .== lf) .| (v .== cr)
            let words = unsafeBitCast(hits, to: SIMD2<UInt64>.self)
            mask |= Self.gather(words[0]) << UInt64(part &* 16) | Self.gather(words[1]) << UInt64(part &* 16 &+ 8)
        }
        return mask
    }

    /// Eight lanes of 0xFF or 0x00 → eight bits: lane k keeps its bit k, and the product
    /// with 0x0101…01 adds every lane into the top byte without a carry.
    @inline(__always)
    private static func gather(_ w: UInt64) -> UInt64 {
        ((w & 0x8040_2010_0804_0201) &* 0x0101_0101_0101_0101) >> 56
    }

    /// The index of the first stop byte in `p[from..<count]`, or `count`, for the last bytes
    /// of a buffer (where a 64-byte block no longer fits) and for quoted text: eight bytes
    /// at a time (SWAR), then one. A word is flagged where a byte equals the delimiter or
    /// `"`, or is below 0x20 (CR, LF, and tab, which is checked byte-wise since it stops
    /// only as delimiter). The borrow of the subtractions can flag bytes above a true hit,
    /// never below it, so the lowest flag is exact.
    @inline(__always)
    func first(in p: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int {
        var k = from
        while k + 8 <= n {
            let w = UnsafeRawPointer(p + k).loadUnaligned(as: UInt64.self)
            let control = (w &- 0x2020_2020_2020_2020) & ~w
            let q = w ^ 0x2222_2222_2222_2222
            let quote = (q &- Self.ones) & ~q
            let d = w ^ delimiterWord
            let delimiter = (d &- Self.ones) & ~d
            let hits = (control | quote | delimiter) & Self.high
            if hits != 0 {
                let at = k + hits.trailingZeroBitCount >> 3
                if self[p[at]] { return at }
                k = at + 1  // a tab (or another control byte) inside the field
                continue
            }
            k += 8
        }
        while k < n, !self[p[k]] { k += 1 }
        return k
    }
}
