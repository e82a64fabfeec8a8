/// A unit and a reporting month: the key receipts are looked up by.
public struct UnitMonth: Hashable, Sendable {
    public var unit: Int
    public var month: MonthKey
    public init(unit: Int, month: MonthKey) { self.unit = unit; self.month = month }
}

/// When each input file was received (from the receipt register, SPEC §5, §7.5).
public struct Receipts: Sendable {
    /// File index (in this run's list) → its receipt day; a file missing here has an
    /// unknown receipt date.
    public var received: [Int: Day]
    /// Versions that are no longer in the folder (a file replaced by its correction, a file
    /// removed): the receipt dates of each unit's months they held, nil where unknown. The
    /// first receipt of a unit's month may be one of them.
    public var earlier: [UnitMonth: [Day?]]

    public init(received: [Int: Day], earlier: [UnitMonth: [Day?]] = [:]) {
        self.received = received
        self.earlier = earlier
    }
}

/// Matches the files a run read against the register: what each file's receipt date is, and
/// which lines the register gains. Values in, values out; the shell decides whether the
/// register is written (never with `--as-of`).
public enum ReceiptReconciler {
    /// One file version as the run read it.
    public struct FileSeen: Sendable {
        public var name: String
        public var sha256: String
        public var tally: FileTally
        public var unitCodes: [String]
        public var months: [MonthKey]
        public init(name: String, sha256: String, tally: FileTally, unitCodes: [String], months: [MonthKey]) {
            self.name = name; self.sha256 = sha256; self.tally = tally; self.unitCodes = unitCodes; self.months = months
        }
    }

    /// How a version the register does not hold yet gets its line.
    public enum NewVersions: Sendable {
        /// The register is being created: what is in the folder was received on a day no
        /// one knows (`initial`).
        case initial
        /// First seen by a run on this local date (`run`).
        case seenOn(Day)
    }

    public struct Outcome: Sendable {
        public var receipts: Receipts
        public var register: ReceiptRegister
        /// Lines added to the register (0: nothing to write).
        public var added: Int
    }

    /// `intake`: versions filed by `receive` in this call, by file name, with their date.
    public static func reconcile(register: ReceiptRegister, files: [FileSeen?], plan: Plan, newVersions: NewVersions,
                                 intake: [String: Day] = [:], asOf: Day) -> Outcome {
        var register = register
        var received: [Int: Day] = [:]
        var current = Set<String>()
        var added = 0
        for (i, seen) in files.enumerated() {
            guard let f = seen else { continue }
            current.insert(f.name + "\u{1F}" + f.sha256)
            var line = ReceiptRegister.Entry(file: f.name, sha256: f.sha256, received: nil, source: .initial,
                                             rows: f.tally.rowsRead, accepted: f.tally.accepted, rejected: f.tally.rejected,
                                             units: f.unitCodes.sorted(),
                                             encoding: f.sha256 == ReceiptRegister.notRead ? "không đọc được" : f.tally.encoding,
                                             months: f.months.sorted())
            if let day = intake[f.name] {
                (line.received, line.source) = (day, .receive)
            } else if case .seenOn(let day) = newVersions {
                (line.received, line.source) = (day, .run)
            }
            let (kept, isNew) = register.record(line)
            if isNew { added += 1 }
            if let day = kept.received, !register.hasUnreadableLine(for: f.name) { received[i] = day }
        }
        return Outcome(receipts: Receipts(received: received, earlier: earlier(register, current: current, plan: plan, asOf: asOf)),
                       register: register, added: added)
    }

    /// The register's other versions, by the units and months they held. A version received
    /// after the as-of day had not arrived yet then, and does not count.
    static func earlier(_ register: ReceiptRegister, current: Set<String>, plan: Plan, asOf: Day) -> [UnitMonth: [Day?]] {
        var unitIndex: [String: Int] = [:]
        for (i, u) in plan.units.units.enumerated() { unitIndex[TextFolding.matchKey(u.code)] = i }
        var out: [UnitMonth: [Day?]] = [:]
        for e in register.entries where e.verbatim == nil && !current.contains(e.file + "\u{1F}" + e.sha256) {
            if let day = e.received, day > asOf { continue }
            for code in e.units {
                guard let u = unitIndex[TextFolding.matchKey(code)] else { continue }
                for m in e.months { out[UnitMonth(unit: u, month: m), default: []].append(e.received) }
            }
        }
        return out
    }
}
