/// The accounting of one input file (SPEC §7.4, §7.5): rows read = accepted + rejected + replaced.
public struct FileTally: Sendable {
    public var name: String
    public var rowsRead = 0
    public var accepted = 0
    public var rejected = 0
    public var replaced = 0
    public var units: Set<Int> = []
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
    private var interpreter: RowInterpreter
    private var header: HeaderMap?
    private var pending: [String: (activity: Activity, order: Int)] = [:]
    private var pendingOrder = 0

    public init(plan: Plan, asOf: Day) {
        interpreter = RowInterpreter(plan: plan, asOf: asOf)
    }

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
        return files.count - 1
    }

    /// Records the digest of the file being read.
    public mutating func setDigest(_ hex: String) {
        guard !files.isEmpty else { return }
        files[files.count - 1].sha256 = hex
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

    public mutating func row(_ row: some RowFields, line: Int, raw: () -> String, sink: (Activity) -> Void) {
        let f = files.count - 1
        files[f].rowsRead += 1
        guard let header else { return }
        let missing = header.missingRequired
        if !missing.isEmpty {
            reject(line: line, .missingColumn,
                   "Tệp thiếu cột \(missing.map(\.canonical).joined(separator: ", ")) ở dòng tiêu đề; sửa tiêu đề theo mẫu rồi gửi lại.",
                   raw: raw())
            return
        }
        switch interpreter.interpret(row, header: header, file: f) {
        case .rejected(let reason, let message):
            reject(line: line, reason, message, raw: raw())
        case .activity(let activity, let id):
            files[f].accepted += 1
            files[f].units.insert(activity.unit)
            if let id {
                let key = "\(activity.unit)\u{1F}\(TextFolding.matchKey(id))"
                if let earlier = pending[key] {
                    // The earlier row is the one replaced: it moves from accepted to replaced.
                    files[earlier.activity.file].accepted -= 1
                    files[earlier.activity.file].replaced += 1
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

    private mutating func reject(line: Int, _ reason: RejectReason, _ message: String, raw: String) {
        let f = files.count - 1
        files[f].rejected += 1
        rejections.append(Rejection(file: files[f].name, line: line, reason: reason, message: message, raw: raw))
    }
}
