import Foundation
import TuyenGiaoCore

/// The batch job (SPEC §8 `run`): plan → logs → cube → for every period the workbook,
/// the text report and the JSON; the rejected rows once.
public struct MonthlyRun {
    public struct Options {
        public var input: URL
        public var output: URL
        public var reports: URL
        public var asOf: Day
        public var month: MonthKey?
        /// Forces the encoding of log files without a byte-order mark (nil: detect).
        public var encoding: TextEncoding?
        /// Whether this run records the file versions it sees first in the receipt register:
        /// a run on today's date does; a run with `--as-of` (what-if, history) never does.
        public var recordsReceipts: Bool
        /// Runs every fast path's plain reference twin (`TUYENGIAO_REFERENCE=1`).
        public var reference: Bool
        public init(input: URL, output: URL, reports: URL, asOf: Day, month: MonthKey? = nil, encoding: TextEncoding? = nil,
                    recordsReceipts: Bool = false, reference: Bool = false) {
            self.input = input; self.output = output; self.reports = reports; self.asOf = asOf; self.month = month
            self.encoding = encoding; self.recordsReceipts = recordsReceipts; self.reference = reference
        }
    }

    public struct Result {
        public var plan: Plan
        public var periods: [MonthKey]
        public var files: [FileTally]
        public var totals: FileTally
        public var rejections: [Rejection]
        public var written: [String]
        public var unchanged: Int
        public var latest: MonthlyFigures?
        public var outsideByUnit: [Int: Int]
        /// File versions this run added to the receipt register.
        public var newFiles: Int
        /// What the run has to say about the register (carried over, lines it could not read).
        public var registerNotes: [String]
        /// Final periods (due date passed) whose report was not kept as sent (`freeze`).
        public var unfrozen: [MonthKey]
        /// The rejected rows still pending, with the unit and month each belongs to.
        public var feedback: UnitFeedbackInput
        /// What the run has to say about its subordinate committees' summaries (issue 20).
        public var consolidationNotes: [String] = []
        /// Rejected rows that belong to no unit (`SenderAttribution`).
        public var unattributed: [Rejection] { feedback.unattributed }
    }

    /// The periods a run writes (`ReportedPeriods`).
    public static func periods(plan: Plan, asOf: Day) -> [MonthKey] { ReportedPeriods.list(plan: plan, asOf: asOf) }

    public static func run(_ o: Options, progress: ((Int, Int, String) -> Void)? = nil) throws -> Result {
        let plan = try PlanFile.load(o.input.appendingPathComponent("plan.yaml"))
        let logs = try LogFinder.find(in: o.input.appendingPathComponent("logs"))
        for dir in [o.output, o.reports] {
            do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
                throw ShellError.unwritableOutput(dir.relativePath, AtomicFile.describe(error))
            }
            guard access(dir.path, W_OK) == 0 else { throw ShellError.unwritableOutput(dir.relativePath, AtomicFile.describe(errno: errno)) }
        }
        let lock = try RunLock(folder: o.output)
        // Every folder the run writes to is locked (its start-up sweep removes temporaries
        // there: another run's, without the lock); whatever writes the register holds the
        // input folder's lock as well.
        let reportsLock = o.reports.standardizedFileURL.path != o.output.standardizedFileURL.path
            ? try RunLock(folder: o.reports) : nil
        let inputLock = o.recordsReceipts ? try RunLock(folder: o.input) : nil
        defer { withExtendedLifetime((lock, reportsLock, inputLock)) {} }
        Failpoint.locked.hit()
        AtomicFile.sweep(o.output)
        AtomicFile.sweep(o.output.appendingPathComponent(UnitFeedback.folder))
        AtomicFile.sweep(o.reports)
        if inputLock != nil { AtomicFile.sweep(o.input) }

        let (outcome, cube, intake) = SubordinateFiles.ingest(plan: plan, files: logs, asOf: o.asOf,
                                                              options: .init(encoding: o.encoding, reference: o.reference),
                                                              progress: progress)
        // Read after the logs, so that its lines share the names and digests the run holds
        // already; a register that cannot be read still stops the run before anything is written.
        var book = try ReceiptBook.load(input: o.input, output: o.output, logsExist: !logs.isEmpty, files: outcome.files)
        let registerNotes = Self.registerNotes(book, recorded: o.recordsReceipts)
        // The months each file's rows fall in: for the register, and to date rejected rows.
        let fileMonths = cube.monthsByFile(fileCount: outcome.files.count)
        // The register is taken out of the book, so that adding lines changes it in place and
        // not a copy beside it.
        let register = book.register
        book.register = ReceiptRegister()
        var reconciled: ReceiptReconciler.Outcome? = ReceiptReconciler.reconcile(
            register: consume register, fileCount: outcome.files.count,
            file: { Self.fileSeen(outcome.files[$0], plan: plan, months: fileMonths[$0]) }, plan: plan,
            newVersions: book.isNew ? .initial : .seenOn(o.asOf), asOf: o.asOf)
        let receipts = reconciled!.receipts
        let added = reconciled!.added
        var periods = periods(plan: plan, asOf: o.asOf)
        if let m = o.month { periods = [m] }

        // Everything is staged first and renamed only when all of it is ready: a full disk
        // half-way through changes no output (SPEC §9 exit 1).
        let batch = OutputBatch()
        // A rejected row that an accepted resend names in its "Dòng gốc" is corrected: it
        // leaves du-lieu-loi.csv, the error counts and the unit's feedback.
        let pending = outcome.rejections.filter { !outcome.ingest.corrected.contains($0.reference) }
        var totals = outcome.totals
        totals.corrected = outcome.rejections.count - pending.count
        let feedback = UnitFeedbackInput(plan: plan, rejections: pending, files: outcome.files, fileMonths: fileMonths)
        try batch.stage(CSVText.rejections(pending), to: o.output.appendingPathComponent("du-lieu-loi.csv"))
        // The register changes only by new lines (a clerk's own edits, and the way Excel saved
        // it, are left alone otherwise), and never on a what-if run.
        if o.recordsReceipts, added > 0 || book.isNew || book.migratedFrom != nil {
            let register = reconciled!.register
            try batch.stage(streaming: { register.render($0) }, to: ReceiptBook.url(input: o.input), changed: added > 0)
        }
        // Staged: the register, a line per file version ever received, is let go before the
        // periods are worked out (a province's 100,000 lines were a fifth of the run's peak).
        reconciled = nil

        // Each period's figures and files depend on the cube alone: worked out and written to
        // their temporary names on every core at once, then adopted in period order.
        let context = PeriodOutputs.Context(
            plan: plan, cube: cube, asOf: o.asOf, receipts: receipts, sent: Freeze.sentVersions(reports: o.reports),
            files: outcome.files, fileMonths: fileMonths, feedback: feedback, rejections: pending, totals: totals,
            output: o.output, reports: o.reports, intake: intake, periods: periods)
        // Every period but the last: figures and files, then only what the units' workbooks
        // need is kept (24 months of a province are never held whole at once).
        let earlier = PeriodOutputs.prepare(periods: Array(periods.dropLast()), context)
        // The last period's figures now, its files below beside the units' workbooks: a
        // province's single month kept one core idle for seconds while its workbook was written.
        let last = periods.last.map { PeriodOutputs.figures(of: $0, context) }
        var allFigures = earlier.compactMap { try? $0.get().figures }
        if let last { allFigures.append(last) }
        // Each unit's own feedback workbook, from every period's figures.
        let folder = o.output.appendingPathComponent(UnitFeedback.folder)
        let builder = UnitFeedback.Builder(feedback, figures: allFigures, created: o.asOf)
        // A first run makes the folder whole, renamed into place at once at the commit.
        let newFolder = builder.units.isEmpty ? nil : try batch.newFolder(folder)
        // One pool: the last period's two halves first (the longest pieces), then one unit at a
        // time on every core (a province has thousands; none is held longer than its writing).
        // What failed costs the run; what was prepared the batch removes.
        let halves = last == nil ? 0 : PeriodOutputs.halves
        let prepared = Concurrently.map(halves + builder.units.count) { k -> [OutputBatch.Prepared] in
            if let last, k < halves { return try PeriodOutputs.half(k, of: last, context) }
            let unit = builder.units[k - halves]
            let model = o.reference ? builder.plainModel(for: unit) : builder.model(for: unit)
            let writer: WorkbookRenderer.Writer = o.reference ? .libxlsxwriter : .smallWhenItFits
            if let newFolder { return [try WorkbookRenderer.prepare(model.workbook, named: model.fileName, in: newFolder, writer: writer)] }
            // A file, said so: without the hint Foundation asks the file system whether the name
            // is a folder, a stat per unit.
            return [try WorkbookRenderer.prepare(model.workbook, for: folder.appendingPathComponent(model.fileName, isDirectory: false),
                                                 writer: writer)]
        }
        for case .success(let period) in earlier { period.files.forEach(batch.adopt) }
        for case .success(let files) in prepared { files.forEach(batch.adopt) }
        for case .failure(let error) in earlier { throw error }
        for case .failure(let error) in prepared { throw error }
        let unchanged = batch.unchanged.count
        let written = try batch.commit()
        return Result(plan: plan, periods: periods, files: outcome.files, totals: totals,
                      rejections: pending, written: written, unchanged: unchanged, latest: last,
                      outsideByUnit: cube.outsideByUnit, newFiles: o.recordsReceipts ? added : 0,
                      registerNotes: registerNotes,
                      unfrozen: periods.filter { plan.calendar.due(of: $0) <= o.asOf && context.sent[$0] == nil },
                      feedback: feedback,
                      consolidationNotes: SubordinateFiles.notes(intake, setAside: cube.setAside, plan: plan))
    }

    /// A file version as the register needs it; an entry that could not be read at all (no
    /// digest) is recorded by name, with `khong-doc` for its digest.
    static func fileSeen(_ f: FileTally, plan: Plan, months: [MonthKey]) -> ReceiptReconciler.FileSeen? {
        guard let sha = f.sha256 else {
            return f.fileError == nil ? nil
                : ReceiptReconciler.FileSeen(name: f.name, sha256: ReceiptRegister.notRead, tally: f, unitCodes: [], months: [])
        }
        // Lower-case already (Hex): the tally's string is shared, not copied per file.
        return ReceiptReconciler.FileSeen(name: f.name, sha256: sha, tally: f,
                                          unitCodes: f.units.map { plan.units[$0].code }, months: months)
    }

    static func registerNotes(_ book: ReceiptBook.Loaded, recorded: Bool) -> [String] {
        var notes: [String] = []
        if let old = book.migratedFrom {
            notes.append(recorded
                ? "đã chuyển sổ nhận cũ \(old) sang \(ReceiptBook.fileName) trong thư mục đầu vào (một lần; tệp cũ để nguyên)"
                : "đang dùng sổ nhận cũ \(old); chạy không có --as-of để chuyển nó sang thư mục đầu vào")
        }
        if book.isNew && recorded {
            notes.append("đã lập sổ nhận mới; các tệp đang có được ghi là \"initial\" (chưa rõ ngày nhận) — sửa cột received nếu biết ngày")
        }
        notes += book.problems.map { "sổ nhận \($0)" }
        return notes
    }
}

/// The outputs of one period: its figures, and its files prepared for the batch.
struct PeriodOutputs {
    let figures: MonthlyFigures
    let files: [OutputBatch.Prepared]

    /// What every period's figures and files are made of; the by-month tables once for all.
    struct Context {
        let plan: Plan, cube: ActivityCube, asOf: Day, receipts: Receipts, sent: [MonthKey: SentVersion]
        let feedback: UnitFeedbackInput, rejections: [Rejection], totals: FileTally
        let output: URL, reports: URL, intake: SubordinateIntake
        let rejectedByMonth: [MonthKey: RejectedRows]
        let history: CubeHistory

        init(plan: Plan, cube: ActivityCube, asOf: Day, receipts: Receipts, sent: [MonthKey: SentVersion],
             files: [FileTally], fileMonths: [[MonthKey]], feedback: UnitFeedbackInput, rejections: [Rejection],
             totals: FileTally, output: URL, reports: URL, intake: SubordinateIntake = SubordinateIntake(),
             periods: [MonthKey]) {
            self.plan = plan; self.cube = cube; self.asOf = asOf; self.receipts = receipts; self.sent = sent
            self.feedback = feedback; self.rejections = rejections; self.totals = totals
            self.output = output; self.reports = reports; self.intake = intake
            rejectedByMonth = RejectedRows.byMonth(rejections, files: files, fileMonths: fileMonths, calendar: plan.calendar)
            history = CubeHistory(cube: cube, plan: plan, through: periods.map { cube.monthIndex($0) }.max() ?? 0)
        }
    }

    /// A period's figures, whole (its files are made from them).
    static func figures(of period: MonthKey, _ c: Context) -> MonthlyFigures {
        let refused = Set(c.intake.refusedSenders.filter { $0.month == period }.map(\.unit))
        var figures = MonthlyFigures(plan: c.plan, cube: c.cube, period: period, asOf: c.asOf, receipts: c.receipts,
                                     rejectedSenders: c.feedback.senders(in: period).union(refused), ledger: c.intake.ledger,
                                     history: c.history, spread: c.cube.reference ? .inTurn : Self.everyCore)
        figures.sent = c.sent[period]
        figures.rejectedInMonth = c.rejectedByMonth[period] ?? RejectedRows()
        return figures
    }

    /// A period's phases on every core (`MonthlyFigures.Spread`); nothing in them throws.
    static var everyCore: MonthlyFigures.Spread { .init { count, body in
        Concurrently.map(count, body).map { result in
            switch result {
            case .success(let coverage): coverage
            case .failure(let error): preconditionFailure("a phase's coverage threw: \(error)")
            }
        }
    } }

    /// A period's files come in two halves of about the same work, made on two cores: the
    /// summary workbook (0), and the JSON, the reports and the letters (1).
    static let halves = 2

    static func half(_ h: Int, of figures: MonthlyFigures, _ c: Context) throws -> [OutputBatch.Prepared] {
        let stem = figures.period.description
        if h == 0 {
            let model = SummaryWorkbook.build(figures, rejections: c.rejections, rowsRejected: c.totals.rejected - c.totals.corrected)
            return [try WorkbookRenderer.prepare(model, for: c.output.appendingPathComponent("tong-hop_\(stem).xlsx"))]
        }
        return try documents(figures, stem: stem, c)
    }

    /// Every period's figures and files, on every core at once; each period keeps of its
    /// figures only what the units' workbooks and the run's summary need once its files are
    /// made (a province's 24 months are never held whole at once).
    static func prepare(periods: [MonthKey], _ c: Context) -> [Result<PeriodOutputs, any Error>] {
        Concurrently.map(periods.count) { k in
            let figures = Self.figures(of: periods[k], c)
            // The workbook on one core, the JSON and the letters on another: a province's single
            // month was 2.5 s of workbook then 1 s of JSON, one core idle all along. Both halves
            // are prepared, or neither (what one prepared is removed when the other failed).
            let halves = Concurrently.map(Self.halves) { try half($0, of: figures, c) }
            var files: [OutputBatch.Prepared] = []
            for case .success(let prepared) in halves { files += prepared }
            for case .failure(let error) in halves {
                OutputBatch.Prepared.discard(files)
                throw error
            }
            // Written: the per-unit phase rows and the rest let go.
            return PeriodOutputs(figures: figures.keepingUnitStatuses(), files: files)
        }
    }

    /// A period's JSON, text and Word report, and before the due date the reminders; what was
    /// prepared is removed when a later one fails.
    static func documents(_ figures: MonthlyFigures, stem: String, _ c: Context) throws -> [OutputBatch.Prepared] {
        let (plan, asOf, totals, feedback, output, reports) = (c.plan, c.asOf, c.totals, c.feedback, c.output, c.reports)
        var files: [OutputBatch.Prepared] = []
        do {
            let json = SummaryJSON.build(figures, input: totals) { LogFileReader.digest(of: $0) }
            var bytes = json.bytes()   // a province's is 20 MB: not copied into a text and back
            bytes.append(0x0A)
            files.append(try OutputBatch.prepare(Data(bytes), for: output.appendingPathComponent("tong-hop_\(stem).json")))
            let content = ReportContent(figures, nextPeriod: .init(plan: plan, after: figures.period))
            files.append(try OutputBatch.prepare(Data(TextReport.render(content).utf8),
                                                 for: reports.appendingPathComponent("bao-cao_\(stem).txt")))
            let document = ReportDocument.build(content, created: asOf)
            files.append(try OutputBatch.prepare(try DocumentRenderer.data(document),
                                                 for: reports.appendingPathComponent("bao-cao_\(stem).docx")))
            // Before the due date, a reminder to the units still missing.
            if let letter = Reminder.letter(figures) {
                files.append(try OutputBatch.prepare(Data(TextReport.render(letter).utf8),
                                                     for: reports.appendingPathComponent("don-doc_\(stem).txt")))
                files.append(try OutputBatch.prepare(try DocumentRenderer.data(ReportDocument.build(letter, created: asOf)),
                                                     for: reports.appendingPathComponent("don-doc_\(stem).docx")))
            }
            if let list = Reminder.list(figures, pendingRows: feedback.pendingRows(in: figures.period)) {
                files.append(try OutputBatch.prepare(Data(list.utf8), for: output.appendingPathComponent("nhac-nho_\(stem).csv")))
            }
        } catch {
            OutputBatch.Prepared.discard(files)
            throw error
        }
        return files
    }
}
