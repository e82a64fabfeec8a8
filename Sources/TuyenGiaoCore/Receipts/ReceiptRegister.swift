/// The receipt register `Output/so-nhan.csv` (SPEC §7.5): one line per file version
/// received — `file,sha256,first_seen,rows,accepted,rejected,units,encoding`. A run adds
/// the versions it sees for the first time (first_seen = the run's as-of date) and never
/// changes a line already there: it is the record timeliness is judged by (§5).
public struct ReceiptRegister: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var file: String
        public var sha256: String
        public var firstSeen: Day
        public var rows: Int
        public var accepted: Int
        public var rejected: Int
        public var units: [String]
        public var encoding: String

        public init(file: String, sha256: String, firstSeen: Day, rows: Int, accepted: Int, rejected: Int,
                    units: [String], encoding: String) {
            self.file = file; self.sha256 = sha256; self.firstSeen = firstSeen; self.rows = rows
            self.accepted = accepted; self.rejected = rejected; self.units = units; self.encoding = encoding
        }
    }

    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var message: String
        public var description: String { "dòng \(line): \(message)" }
    }

    public static let header = ["file", "sha256", "first_seen", "rows", "accepted", "rejected", "units", "encoding"]

    public private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    public init(entries: [Entry] = []) {
        for e in entries { append(e) }
    }

    private static func key(_ file: String, _ sha: String) -> String { file + "\u{1F}" + sha }

    private mutating func append(_ e: Entry) {
        index[Self.key(e.file, e.sha256)] = entries.count
        entries.append(e)
    }

    public func entry(file: String, sha256: String) -> Entry? {
        index[Self.key(file, sha256)].map { entries[$0] }
    }

    /// Records a file version; a version already in the register keeps its line and its
    /// first_seen. Returns the version's first_seen and whether it was new.
    @discardableResult
    public mutating func record(file: String, sha256: String, asOf: Day, tally: FileTally, unitCodes: [String]) -> (Day, Bool) {
        if let e = entry(file: file, sha256: sha256) { return (e.firstSeen, false) }
        append(Entry(file: file, sha256: sha256, firstSeen: asOf, rows: tally.rowsRead, accepted: tally.accepted,
                     rejected: tally.rejected, units: unitCodes.sorted(), encoding: tally.encoding))
        return (asOf, true)
    }

    /// The register as people open it: UTF-8 with BOM, formulas neutralised (SPEC §7.4).
    public func render() -> String {
        var out = CSVText.bom + CSVText.line(Self.header, for: .people)
        for e in entries {
            out += CSVText.line([e.file, e.sha256, e.firstSeen.iso, String(e.rows), String(e.accepted), String(e.rejected),
                                 e.units.joined(separator: ";"), e.encoding], for: .people)
        }
        return out
    }

    /// Reads a register written by `render` (or saved again by a spreadsheet program as CSV).
    /// A register that cannot be read is an error, never a reason to start history afresh.
    public static func parse(_ text: String) throws(Problem) -> ReceiptRegister {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records: [(Int, [String])] = []
        var parser = CSVParser(delimiter: CSVParser.detectDelimiter(headerBytes: bytes))
        let collect: (CSVParser.Record) -> Void = { r in
            if r.isBlank { return }
            records.append((r.line, (0..<r.fieldCount).map { i in r.withField(i) { String(decoding: $0, as: UTF8.self) } }))
        }
        bytes.withUnsafeBufferPointer { parser.feed($0, collect) }
        parser.finish(collect)
        guard let first = records.first else { return ReceiptRegister() }
        guard first.1.map({ $0.lowercased() }) == header else {
            throw Problem(line: first.0, message: "dòng tiêu đề phải là \(header.joined(separator: ","))")
        }
        var register = ReceiptRegister()
        for (line, f) in records.dropFirst() {
            guard f.count == header.count else {
                throw Problem(line: line, message: "có \(f.count) cột, cần \(header.count)")
            }
            let file = unneutralised(f[0])
            guard let seen = Day.parseISO(f[2]) else { throw Problem(line: line, message: "first_seen \"\(f[2])\" không phải ngày YYYY-MM-DD") }
            guard let rows = Int(f[3]), let accepted = Int(f[4]), let rejected = Int(f[5]) else {
                throw Problem(line: line, message: "rows, accepted, rejected phải là số")
            }
            let units = f[6].isEmpty ? [] : f[6].split(separator: ";").map(String.init)
            register.append(Entry(file: file, sha256: f[1], firstSeen: seen, rows: rows, accepted: accepted,
                                  rejected: rejected, units: units, encoding: f[7]))
        }
        return register
    }

    /// Undoes `CSVText`'s formula guard ("'=x" was written for "=x").
    static func unneutralised(_ s: String) -> String {
        if s.hasPrefix("'"), let second = s.dropFirst().unicodeScalars.first, "=+-@".unicodeScalars.contains(second) {
            return String(s.dropFirst())
        }
        return s
    }
}
