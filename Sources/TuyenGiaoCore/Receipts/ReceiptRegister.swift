/// Where a receipt date comes from (SPEC §7.5).
public enum ReceiptSource: String, Sendable, CaseIterable {
    /// Recorded at intake (`tuyengiao receive`), with the date given or today's.
    case receive
    /// First seen by a run without `--as-of` on that local date.
    case run
    /// Already in the folder when the register was created: its receipt date is unknown.
    case initial
}

/// The receipt register `Input/so-nhan.csv` (SPEC §7.5), the office's record of what was
/// received and when: one line per file version —
/// `file,sha256,received,source,rows,accepted,rejected,units,encoding,months`.
/// It is kept with the inputs, read as people leave it (saved again by Excel or LibreOffice:
/// `;` or `,`, `d/m/yyyy` or ISO dates, CRLF, BOM or none, quoted or not), and only ever
/// grows: a line already there, a date a clerk corrected by hand included, is kept as it is.
/// An entry under `logs/` that could not be read (refused by name, never opened: a link out of
/// the folder, a FIFO, a .docx; or unopenable) has its line too, with `khong-doc` for its digest
/// (`notRead`; not `-`, which Excel would take for a formula): the register names everything that arrived, read or not.
public struct ReceiptRegister: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var file: String
        public var sha256: String
        /// nil when unknown: an `initial` line, or a date that could not be read.
        public var received: Day?
        public var source: ReceiptSource?
        public var rows: Int
        public var accepted: Int
        public var rejected: Int
        public var units: [String]
        public var encoding: String
        /// The months its accepted rows (or nil reports) fall in: a version no longer in the
        /// folder still counts as the first receipt of its units for these months (§5).
        public var months: [MonthKey]
        /// The cells of a line that could not be read whole, written back exactly as read.
        public var verbatim: [String]?

        public init(file: String, sha256: String, received: Day?, source: ReceiptSource?, rows: Int = 0,
                    accepted: Int = 0, rejected: Int = 0, units: [String] = [], encoding: String = "",
                    months: [MonthKey] = []) {
            self.file = file; self.sha256 = sha256; self.received = received; self.source = source
            self.rows = rows; self.accepted = accepted; self.rejected = rejected; self.units = units
            self.encoding = encoding; self.months = months
        }
    }

    /// A line that could not be read: a warning naming the line, never a stopped run.
    public struct Problem: Error, CustomStringConvertible, Sendable, Equatable {
        public var line: Int
        public var message: String
        public var description: String { "dòng \(line): \(message)" }
    }

    public static let header = ["file", "sha256", "received", "source", "rows", "accepted", "rejected", "units",
                                "encoding", "months"]

    public private(set) var entries: [Entry] = []
    private var index: [Key: Int] = [:]
    /// File names with a line whose digest could not be read (see `hasUnreadableLine`).
    private var unreadableNames: Set<String> = []

    public init(entries: [Entry] = []) {
        for e in entries { append(e) }
    }

    /// A version's name and digest, the strings themselves (a key built by joining them was
    /// a new string of a hundred bytes per file of a province's register; issue 21).
    private struct Key: Hashable {
        let file: String
        let sha256: String
    }

    private static func key(_ file: String, _ sha: String) -> Key {
        // Digests are written lower-case; a clerk's or an old tool's upper-case one matches too.
        Key(file: file, sha256: sha.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? sha.lowercased() : sha)
    }

    public mutating func append(_ e: Entry) {
        if !e.sha256.isEmpty { index[Self.key(e.file, e.sha256)] = entries.count }
        if e.verbatim != nil && e.sha256.isEmpty { unreadableNames.insert(e.file) }
        entries.append(e)
    }

    /// Room for `n` lines in all, so that adding up to that many grows nothing.
    public mutating func reserveCapacity(_ n: Int) {
        entries.reserveCapacity(n)
        index.reserveCapacity(n)
    }

    public func entry(file: String, sha256: String) -> Entry? {
        line(file: file, sha256: sha256).map { entries[$0] }
    }

    /// Where in `entries` a version's line is (its last, if a clerk copied it).
    public func line(file: String, sha256: String) -> Int? { index[Self.key(file, sha256)] }

    /// Lines whose file and digest could not be read mark every version of that file name
    /// as received on an unknown date (the line might have been any of them).
    public func hasUnreadableLine(for file: String) -> Bool {
        unreadableNames.contains(file)  // a set: asked once per file of a run, not a scan per file
    }

    /// Records a file version unless the register has it; the existing line, with its date,
    /// always wins. Returns the version's line number in `entries` and whether it was new.
    @discardableResult
    public mutating func record(_ e: Entry) -> (at: Int, isNew: Bool) {
        if let old = index[Self.key(e.file, e.sha256)] { return (old, false) }
        append(e)
        return (entries.count - 1, true)
    }

    /// The register as people open it: UTF-8 with BOM, formulas neutralised (SPEC §7.4).
    public func render() -> String {
        var out = ""
        render { out += $0 }
        return out
    }

    /// The same, a line at a time, for a writer that never holds it whole (a province's
    /// register is 15 MB, and the text beside the register it is made from was the largest
    /// thing a first run held; issue 21).
    public func render(_ emit: (String) -> Void) {
        emit(CSVText.bom + CSVText.line(Self.header, for: .people))
        for e in entries {
            if let cells = e.verbatim {
                emit(CSVText.line(cells, for: .machines))  // as read: it was the clerk's text
                continue
            }
            emit(CSVText.line([e.file, e.sha256, e.received?.iso ?? "", e.source?.rawValue ?? "", String(e.rows),
                               String(e.accepted), String(e.rejected), e.units.joined(separator: ";"), e.encoding,
                               e.months.map(\.description).joined(separator: ";")], for: .people))
        }
    }
}

extension ReceiptRegister {
    /// A register whose header cannot be recognised: the whole file is in doubt, and the run
    /// stops rather than start a new history (§7.5).
    public struct Unreadable: Error, CustomStringConvertible, Sendable {
        public var message: String
        public var description: String { message }
    }

    /// Names a column may have: ours, the old register's (`first_seen`), and what a clerk
    /// might type in Vietnamese.
    static let columnNames: [String: [String]] = [
        "file": ["file", "tep", "ten tep"], "sha256": ["sha256", "sha-256", "ma bam"],
        "received": ["received", "first_seen", "ngay nhan"], "source": ["source", "nguon"],
        "rows": ["rows", "so dong"], "accepted": ["accepted", "nhan"], "rejected": ["rejected", "loi"],
        "units": ["units", "don vi"], "encoding": ["encoding", "bang ma"], "months": ["months", "thang"],
    ]

    /// Reads a register as people leave it. Returns it with a warning per line that could
    /// not be read whole (that file's receipt date then counts as unknown). Each line becomes
    /// its entry as the parser reaches it: a province's register is 100,000 lines, and a list
    /// of every line's cells first was twice the register itself (issue 21).
    ///
    /// `sharing` may give, for a line's name and digest, the same two strings as a run already
    /// holds them (its file list; the caller vouches they are the same text): the line keeps
    /// those rather than copies of its own.
    public static func parse(_ text: String, sharing: ((_ file: String, _ sha256: String) -> (String, String)?)? = nil)
        throws(Unreadable) -> (ReceiptRegister, [Problem]) {
        var text = text
        var outcome: (ReceiptRegister, [Problem])?
        var failure: Unreadable?
        text.withUTF8 { all in
            do throws(Unreadable) { outcome = try parse(utf8: all, sharing: sharing) } catch { failure = error }
        }
        if let failure { throw failure }
        return outcome!
    }

    /// The same, from the file's bytes as they are (valid UTF-8): no text copy of the whole
    /// register beside them.
    public static func parse(utf8 all: UnsafeBufferPointer<UInt8>,
                             sharing: ((_ file: String, _ sha256: String) -> (String, String)?)? = nil)
        throws(Unreadable) -> (ReceiptRegister, [Problem]) {
        var reader: LineReader?
        var unreadable: Unreadable?
        var register = ReceiptRegister(), problems: [Problem] = []
        var bytes = all[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        // A line per version: room for them all at once, not a list and an index doubling.
        register.reserveCapacity(bytes.count { $0 == 0x0A } + 1)
        // The delimiter is the header's, blank lines above it skipped.
        let header = bytes.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }.prefix { $0 != 0x0A }
        var parser = CSVParser(delimiter: CSVParser.detectDelimiter(headerBytes: header))
        let take: (CSVParser.Record) -> Void = { r in
            if r.isBlank || unreadable != nil { return }
            let cells = (0..<r.fieldCount).map { i in r.withField(i) { String(decoding: $0, as: UTF8.self) } }
            guard reader != nil else {
                do throws(Unreadable) { reader = try LineReader(header: cells) } catch { unreadable = error }
                return
            }
            reader!.read(line: r.line, cells: cells, sharing: sharing, into: &register, problems: &problems)
        }
        parser.feed(UnsafeBufferPointer(rebasing: bytes), take)
        parser.finish(take)
        if let unreadable { throw unreadable }
        return (register, problems)
    }

    /// The columns of a register's header, and how a line under it becomes an entry.
    private struct LineReader {
        /// Each of our column names → where the header has it.
        let at: [String: Int]
        let legacy: Bool
        /// The unit and month lists read so far, by their cell's text: the lines of one unit's
        /// month share one list rather than each holding its own (a nightly run over a
        /// province's 100,000 lines: 123 -> 115 MB; issue 21).
        var unitLists: [String: [String]] = [:]
        var monthLists: [String: [MonthKey]] = [:]

        init(header: [String]) throws(Unreadable) {
            let columns = header.map { TextFolding.matchKey($0).replacingAll("_", with: " ") }
            var at: [String: Int] = [:]
            for (name, spellings) in columnNames {
                let names = spellings.map { $0.replacingAll("_", with: " ") }
                at[name] = columns.firstIndex { names.contains($0) }
            }
            guard at["file"] != nil, at["sha256"] != nil, at["received"] != nil else {
                throw Unreadable(message: "dòng tiêu đề không có đủ các cột file, sha256, received")
            }
            self.at = at
            legacy = at["source"] == nil && columns.contains("first seen")
        }

        mutating func read(line: Int, cells f: [String], sharing: ((String, String) -> (String, String)?)?,
                  into register: inout ReceiptRegister, problems: inout [Problem]) {
            func cell(_ name: String) -> String {
                at[name].flatMap { $0 < f.count ? f[$0].trimmingSpaces : nil } ?? ""
            }
            var file = unneutralised(cell("file")), sha = cell("sha256").lowercased()
            if let (held, digest) = sharing?(file, sha) { (file, sha) = (held, digest) }
            guard at["file"]! < f.count, at["sha256"]! < f.count, at["received"]! < f.count,
                  !file.isEmpty, isDigest(sha) else {
                problems.append(Problem(line: line, message: "không đọc được tên tệp và mã sha256; ngày nhận của tệp này coi là chưa xác định"))
                register.append(unreadable(f, file: file))
                return
            }
            var e = Entry(file: file, sha256: sha, received: nil, source: ReceiptSource(rawValue: cell("source").lowercased()),
                          rows: Int(cell("rows")) ?? 0, accepted: Int(cell("accepted")) ?? 0,
                          rejected: Int(cell("rejected")) ?? 0,
                          units: list(cell("units"), in: &unitLists) { let v = String($0).trimmingSpaces; return v.isEmpty ? nil : v },
                          encoding: cell("encoding"),
                          months: list(cell("months"), in: &monthLists) { MonthKey.parse(String($0).trimmingSpaces) })
            if legacy { e.source = .run }
            let dateText = cell("received")
            if let d = LogDate.parse(dateText) {
                e.received = d
                if e.source == .initial { e.source = .receive }  // a clerk filled in a date: it is known now
            } else if !(dateText.isEmpty && e.source == .initial) {
                problems.append(Problem(line: line, message: "ngày nhận \"\(dateText)\" không đọc được (cần dd/mm/yyyy hoặc yyyy-mm-dd); ngày nhận của tệp \(file) coi là chưa xác định"))
                register.append(unreadable(f, file: file, sha256: sha))
                return
            }
            register.append(e)
        }
    }

    /// The `;`-separated values of a cell, each read by `value` (nil: left out); a cell read
    /// before gives the list made then.
    private static func list<T>(_ cell: String, in cache: inout [String: [T]], _ value: (Substring) -> T?) -> [T] {
        if let known = cache[cell] { return known }
        let made = cell.split(separator: ";").compactMap(value)
        cache[cell] = made
        return made
    }

    /// A line kept as read. With its digest readable it still stands for its version (whose
    /// date is then unknown); without, for every version of its file name.
    private static func unreadable(_ cells: [String], file: String, sha256: String = "") -> Entry {
        var e = Entry(file: file, sha256: sha256, received: nil, source: nil)
        e.verbatim = cells
        return e
    }

    /// The digest column of an entry that was never read.
    public static let notRead = "khong-doc"

    private static func isDigest(_ s: String) -> Bool {
        s == notRead || s.utf8.count == 64 && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Undoes `CSVText`'s formula guard ("'=x" was written for "=x", "''=x" for "'=x").
    static func unneutralised(_ s: String) -> String { CSVText.unguarded(s) }
}
