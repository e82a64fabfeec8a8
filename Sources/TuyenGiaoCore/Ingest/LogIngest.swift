/// The accounting of one input file (SPEC §7.4, §7.5): rows read = accepted + rejected + replaced.
public struct FileTally: Sendable {
    public var name: String
    public var rowsRead = 0
    public var accepted = 0
    public var rejected = 0
    public var replaced = 0
    /// Rejected rows since corrected by an accepted resend ("Dòng gốc"); set on a run's
    /// totals only. Still rejected (pending): `rejected - corrected`.
    public var corrected = 0
    public var units = FileUnits()
    public var encoding: String = "utf-8"
    public var ignoredColumns: [String] = []
    /// Set when the whole file could not be used (no header, not text, …).
    public var fileError: String?
    /// SHA-256 of the file's bytes (hex), for the receipt register and duplicate files.
    public var sha256: String?
    /// Set when the file's bytes equal an earlier file's: it counts once, as that one.
    public var duplicateOf: String?

    public init(name: String) { self.name = name }
}

/// Drives the row interpreter over a run's files: keeps the per-file tallies, collects
/// rejections as values, and resolves re-sent activities (same unit and `ma`: the last
/// one in file order wins, the earlier ones count as replaced).
///
/// Activities without `ma` go straight to the sink. Those with one are held until
/// `finish`, since a later row may replace them; that table grows with the rows that
/// carry an id, which offices use for corrections, not for every row.
public struct LogIngest {
    public private(set) var files: [FileTally] = []
    public private(set) var rejections: [Rejection] = []
    /// References (`file:line`) of rejected rows that an accepted row sent back from a
    /// feedback workbook corrects (its "Dòng gốc"); grows with such rows only.
    public private(set) var corrected: Set<String> = []
    /// The interpreter and its caches; a worker hands it from one part of the input to the next.
    public private(set) var interpreter: RowInterpreter
    private var header: HeaderMap?
    private var pending: [String: (activity: Activity, order: Int)] = [:]
    private var pendingOrder = 0
    /// For each unit, 1 + the index (in `files`) of the last file it was seen in: the
    /// file's unit set is touched once per unit, not once per row.
    private var unitLastFile: [Int] = []
    /// The run-wide index of this value's first file: a part of a run read on another
    /// thread numbers its activities as the whole run does.
    public let fileBase: Int

    public init(plan: Plan, asOf: Day) {
        interpreter = RowInterpreter(plan: plan, asOf: asOf)
        fileBase = 0
    }

    /// A part of a run: the files from `fileBase` on (or a piece of one), read apart and
    /// merged back with `absorb` in input order.
    public init(interpreter: RowInterpreter, fileBase: Int) {
        self.interpreter = interpreter
        self.fileBase = fileBase
    }

    /// Room for `n` files' tallies in all.
    public mutating func reserveFiles(_ n: Int) { files.reserveCapacity(n) }

    public var totals: FileTally {
        var t = FileTally(name: "")
        for f in files {
            t.rowsRead += f.rowsRead; t.accepted += f.accepted; t.rejected += f.rejected; t.replaced += f.replaced
            t.units.formUnion(f.units)
        }
        return t
    }

    /// Starts a file; returns its index (the `file` of its activities).
    public mutating func beginFile(_ name: String, encoding: String = "utf-8") -> Int {
        var tally = FileTally(name: name)
        tally.encoding = encoding
        files.append(tally)
        header = nil
        return fileBase + files.count - 1
    }

    /// Starts a later piece of a file whose header was read elsewhere: its rows are data.
    public mutating func beginPiece(of name: String, header: HeaderMap, encoding: String) {
        _ = beginFile(name, encoding: encoding)
        self.header = header
    }

    /// A part that has been read keeps only what `absorb` needs: its tallies, rejections and
    /// re-sent activities. The working interpreter (its caches) is handed back for the worker's
    /// next part and `idle` — one shared, never-mutated copy — put in its place; the per-unit
    /// scratch array goes. Kept, they cost every part held for the merge a copy of the caches
    /// and an array as long as the unit list: 80 KB a file at 20,000 units (issue 21).
    public mutating func handBack(leaving idle: RowInterpreter) -> RowInterpreter {
        let working = interpreter
        interpreter = idle
        unitLastFile = []
        header = nil
        return working
    }

    /// What a part read apart keeps until it is merged: its tallies, rejections, corrections
    /// and re-sent activities — five words, not the whole ingest (its interpreter and header
    /// inline were 550 bytes a file, held for every file of a run until the merge; issue 21).
    public struct Part: Sendable {
        let fileBase: Int
        let files: [FileTally]
        let rejections: [Rejection]
        let corrected: Set<String>
        let pending: [String: (activity: Activity, order: Int)]
    }

    /// This value, read, as the part `absorb` merges.
    public var part: Part {
        Part(fileBase: fileBase, files: files, rejections: rejections, corrected: corrected, pending: pending)
    }

    /// Merges a part read apart (see `init(interpreter:fileBase:)`), in input order.
    /// `continuing`: the part is a later piece of this value's last file, its lines
    /// numbered from 1, which `lineOffset` turns into the file's own line numbers.
    public mutating func absorb(_ part: LogIngest, continuing: Bool, lineOffset: Int = 0) {
        absorb(part.part, continuing: continuing, lineOffset: lineOffset)
    }

    public mutating func absorb(_ part: Part, continuing: Bool, lineOffset: Int = 0) {
        var partFiles = part.files[...]
        if continuing, let first = partFiles.first {
            let last = files.count - 1
            files[last].rowsRead += first.rowsRead
            files[last].accepted += first.accepted
            files[last].rejected += first.rejected
            files[last].replaced += first.replaced
            files[last].units.formUnion(first.units)
            files[last].fileError = files[last].fileError ?? first.fileError
            partFiles = partFiles.dropFirst()
        }
        precondition(partFiles.isEmpty || part.fileBase + (continuing ? 1 : 0) == fileBase + files.count,
                     "parts must be absorbed in input order")
        files.append(contentsOf: partFiles)
        for var r in part.rejections {
            if r.line > 0 { r.line += lineOffset }
            rejections.append(r)
        }
        corrected.formUnion(part.corrected)
        // Re-sent activities across parts: as if the rows had been read in one go.
        for entry in part.pending.sorted(by: { $0.value.order < $1.value.order }) {
            if let earlier = pending[entry.key] {
                files[earlier.activity.file - fileBase].accepted -= 1
                files[earlier.activity.file - fileBase].replaced += 1
                pending[entry.key] = (entry.value.activity, earlier.order)
            } else {
                pending[entry.key] = (entry.value.activity, pendingOrder)
                pendingOrder += 1
            }
        }
    }

    /// Records the digest of the file being read.
    public mutating func setDigest(_ hex: String) {
        guard !files.isEmpty else { return }
        files[files.count - 1].sha256 = hex
    }

    /// Records the digest of a file read earlier (computed apart from its rows).
    public mutating func setDigest(_ hex: String, file: Int) {
        files[file - fileBase].sha256 = hex
    }

    /// A file whose bytes equal an earlier file's (SPEC §4): listed, not read again.
    public mutating func duplicateFile(_ name: String, of original: FileTally) {
        var tally = FileTally(name: name)
        tally.encoding = original.encoding
        tally.sha256 = original.sha256
        tally.duplicateOf = original.name
        files.append(tally)
        header = nil
    }

    /// A subordinate's JSON summary, in its place among the files; `settle` fills in its fate.
    public mutating func summaryFile(_ name: String) {
        var tally = FileTally(name: name)
        tally.encoding = "json"
        files.append(tally)
        header = nil
    }

    /// Records what became of each subordinate summary (issue 20) — one report each: taken
    /// (accepted), replaced by a later one, or refused as a whole (with a line in the
    /// rejected rows, as an unreadable file has) — and moves raw log rows set aside for a
    /// committee's summary (`setAside`: by file) from accepted to replaced.
    public mutating func settle(_ intake: SubordinateIntake, setAside: [Int: Int]) {
        for (file, outcome) in intake.outcomes.sorted(by: { $0.key < $1.key }) {
            let f = file - fileBase
            switch outcome {
            case .taken(let unit, _):
                files[f].rowsRead = 1; files[f].accepted = 1; files[f].units = [unit]
            case .replaced(_, _, let unit):
                files[f].rowsRead = 1; files[f].replaced = 1; files[f].units = [unit]
            case .refused(let message):
                files[f].fileError = message
                rejections.append(Rejection(file: files[f].name, line: 0, reason: .unreadableFile, message: message, raw: ""))
            }
        }
        for (file, n) in setAside {
            files[file - fileBase].accepted -= n
            files[file - fileBase].replaced += n
        }
    }

    /// A file that cannot be read at all costs that file only.
    public mutating func failFile(_ message: String) {
        guard !files.isEmpty else { return }
        files[files.count - 1].fileError = message
        rejections.append(Rejection(file: files[files.count - 1].name, line: 0, reason: .unreadableFile,
                                    message: message, raw: ""))
    }

    /// The first non-blank row of a file is its header. Returns false when required columns are missing.
    @discardableResult
    public mutating func setHeader(_ row: some RowFields) -> Bool {
        let names = (0..<row.fieldCount).map { i in
            TextFolding.nfc(row.withField(i) { String(decoding: $0, as: UTF8.self) })
        }
        let map = HeaderMap(header: names)
        header = map
        files[files.count - 1].ignoredColumns = map.ignored.filter { !$0.isEmpty }
        return map.missingRequired.isEmpty
    }

    public var currentHeader: HeaderMap? { header }

    mutating func row(_ row: some RowFields, line: Int, raw: () -> String, clean: Bool = false,
                             sink: (Activity) -> Void) {
        let f = files.count - 1
        files[f].rowsRead += 1
        guard let header else { return }
        let missing = header.missingRequired
        if !missing.isEmpty {
            reject(line: line, .missingColumn,
                   RejectionMessages.missingColumns(missing.map(\.canonical)),
                   raw: raw())
            return
        }
        switch interpreter.interpret(row, header: header, file: fileBase + f, clean: clean) {
        case .rejected(let reason, let message):
            // The row as sent, in the template's columns: the unit's feedback gives it back.
            let fields = LogColumn.allCases.map { c in
                header[c].map { i in i < row.fieldCount ? row.withField(i) { TextFolding.nfc(String(decoding: $0, as: UTF8.self)) } : "" } ?? ""
            }
            reject(line: line, reason, message, raw: raw(), fields: fields)
        case .activity(let activity, let id):
            files[f].accepted += 1
            if let i = header[.dongGoc], i < row.fieldCount {
                let reference = row.withField(i) { String(decoding: $0, as: UTF8.self) }.trimmingSpaces
                if !reference.isEmpty { corrected.insert(TextFolding.nfc(reference)) }
            }
            let u = activity.unit
            if u >= unitLastFile.count { unitLastFile += repeatElement(0, count: u + 1 - unitLastFile.count) }
            if unitLastFile[u] != f + 1 {
                unitLastFile[u] = f + 1
                files[f].units.insert(u)
            }
            if let id {
                let key = "\(activity.unit)\u{1F}\(TextFolding.matchKey(id))"
                if let earlier = pending[key] {
                    // The earlier row is the one replaced: it moves from accepted to replaced.
                    files[earlier.activity.file - fileBase].accepted -= 1
                    files[earlier.activity.file - fileBase].replaced += 1
                    pending[key] = (activity, earlier.order)
                } else {
                    pending[key] = (activity, pendingOrder)
                    pendingOrder += 1
                }
            } else {
                sink(activity)
            }
        }
    }

    /// A row the reader itself found broken (an unbalanced quote).
    public mutating func malformed(line: Int, message: String, raw: String) {
        files[files.count - 1].rowsRead += 1
        reject(line: line, .malformedRow, message, raw: raw)
    }

    /// Hands over the activities that carried an id, in the order first seen.
    public mutating func finish(sink: (Activity) -> Void) {
        for entry in pending.values.sorted(by: { $0.order < $1.order }) { sink(entry.activity) }
        pending.removeAll()
    }

    private mutating func reject(line: Int, _ reason: RejectReason, _ message: String, raw: String, fields: [String] = []) {
        let f = files.count - 1
        files[f].rejected += 1
        rejections.append(Rejection(file: files[f].name, line: line, reason: reason, message: message, raw: raw, fields: fields))
    }
}
