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
    /// `file(i)` is the i-th file version of the run, nil for one the register does not name;
    /// asked once each, so a province's 100,000 files are never all held as `FileSeen`s at once.
    /// The register is consumed: a caller that lets go of its own adds lines in place.
    public static func reconcile(register: consuming ReceiptRegister, fileCount: Int, file: (Int) -> FileSeen?, plan: Plan,
                                 newVersions: NewVersions, intake: [String: Day] = [:], asOf: Day) -> Outcome {
        // Room for the new lines at once: a list and an index doubling as they grow held both
        // their old and new storage at the run's peak (a province's first run adds 100,000).
        register.reserveCapacity(register.entries.count + (0..<fileCount).count { i in
            file(i).map { register.line(file: $0.name, sha256: $0.sha256) == nil } ?? false
        })
        var received: [Int: Day] = [:]
        // The register's lines that stand for a version in the folder now, by line.
        var current = [Bool](repeating: false, count: register.entries.count)
        var added = 0
        for i in 0..<fileCount {
            guard let f = file(i) else { continue }
            var line = ReceiptRegister.Entry(file: f.name, sha256: f.sha256, received: nil, source: .initial,
                                             rows: f.tally.rowsRead, accepted: f.tally.accepted, rejected: f.tally.rejected,
                                             units: sortedKeepingShared(f.unitCodes),
                                             encoding: f.sha256 == ReceiptRegister.notRead ? "không đọc được" : f.tally.encoding,
                                             months: sortedKeepingShared(f.months))
            if let day = intake[f.name] {
                (line.received, line.source) = (day, .receive)
            } else if case .seenOn(let day) = newVersions {
                (line.received, line.source) = (day, .run)
            }
            let (at, isNew) = register.record(line)
            if isNew { added += 1; current.append(true) } else { current[at] = true }
            if let day = register.entries[at].received, !register.hasUnreadableLine(for: f.name) { received[i] = day }
        }
        return Outcome(receipts: Receipts(received: received, earlier: earlier(register, current: current, plan: plan, asOf: asOf)),
                       register: register, added: added)
    }

    /// The files' list as it is when already in order (a file's months come sorted, most
    /// files hold one unit): the line shares it instead of a sorted copy per file.
    static func sortedKeepingShared<T: Comparable>(_ list: [T]) -> [T] {
        zip(list, list.dropFirst()).allSatisfy { $0 <= $1 } ? list : list.sorted()
    }

    /// The register's other versions, by the units and months they held. A version received
    /// after the as-of day had not arrived yet then, and does not count.
    static func earlier(_ register: ReceiptRegister, current: [Bool], plan: Plan, asOf: Day) -> [UnitMonth: [Day?]] {
        var unitIndex: [String: Int] = [:]
        for (i, u) in plan.units.units.enumerated() { unitIndex[TextFolding.matchKey(u.code)] = i }
        var out: [UnitMonth: [Day?]] = [:]
        for e in register.entries where e.verbatim == nil {
            // A version in the folder now, whichever of its lines this is (a line copied twice,
            // a digest typed in capitals, stand for the same version).
            if let at = register.line(file: e.file, sha256: e.sha256), current[at] { continue }
            if let day = e.received, day > asOf { continue }
            for code in e.units {
                guard let u = unitIndex[TextFolding.matchKey(code)] else { continue }
                for m in e.months { out[UnitMonth(unit: u, month: m), default: []].append(e.received) }
            }
        }
        return out
    }
}
