import Foundation
import TuyenGiaoCore

/// The intake desk (`tuyengiao receive`, SPEC §8): files each log under `logs/`, records
/// its receipt (`source=receive`) in the register, reads it at once and returns what the
/// clerk forwards to the unit.
public enum Intake {
    public struct Options {
        public var input: URL
        public var output: URL
        /// The receipt date: the one given, or today's local date.
        public var date: Day
        /// The unit that sent the files, when the clerk knows it (goes into the filed name).
        public var unit: String?
        public var encoding: TextEncoding?
        public init(input: URL, output: URL, date: Day, unit: String? = nil, encoding: TextEncoding? = nil) {
            self.input = input; self.output = output; self.date = date; self.unit = unit; self.encoding = encoding
        }
    }

    /// One unit's month in a received file, and whether its first receipt was in time.
    public struct MonthStatus {
        public var unit: String
        public var unitName: String
        public var month: MonthKey
        public var due: Day
        public var timeliness: Timeliness
        public var firstReceipt: Day?
        /// The unit's month as the feedback workbook's first sheet shows it.
        public var status: ReportStatus = .notReported
        public var activities = 0
    }

    public struct Receipt {
        public var source: String
        /// The path under the input folder it was filed as; for a copy of bytes already
        /// received, the earlier file's.
        public var filedAs: String
        /// Set when these bytes were received before: that line's date (nil: unknown).
        public var alreadyReceived: (file: String, date: Day?)?
        public var tally: FileTally
        public var rejections: [Rejection]
        public var months: [MonthStatus]
    }

    public static func receive(_ sources: [URL], _ o: Options) throws -> (plan: Plan, receipts: [Receipt]) {
        let plan = try PlanFile.load(o.input.appendingPathComponent("plan.yaml"))
        let logsFolder = o.input.appendingPathComponent("logs")
        if let unit = o.unit, !plan.units.units.contains(where: { $0.code.lowercased() == unit.lowercased() }) {
            throw ShellError.unreadableInput(unit, "không có đơn vị mã này trong kế hoạch")
        }
        try FileManager.default.createDirectory(at: o.output, withIntermediateDirectories: true)
        let lock = try RunLock(folder: o.output), inputLock = try RunLock(folder: o.input)
        defer { withExtendedLifetime((lock, inputLock)) {} }
        AtomicFile.sweep(o.input)
        let before = try LogFinder.find(in: logsFolder)
        let book = try ReceiptBook.load(input: o.input, output: o.output, logsExist: !before.isEmpty)

        // Bytes already in the register or the folder are not filed again.
        var known: [String: (String, Day?)] = [:]
        for e in book.register.entries where !e.sha256.isEmpty { known[e.sha256] = known[e.sha256] ?? (e.file, e.received) }
        for f in before where f.refusal == nil { if let d = LogFileReader.digest(of: f.url), known[d] == nil { known[d] = (f.relativePath, nil) } }
        var filed: [(source: URL, path: String?, earlier: (String, Day?)?)] = []
        let batch = OutputBatch()
        var taken = Set(before.map(\.relativePath))
        for source in sources {
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw ShellError.unreadableInput(source.relativePath, "không mở được tệp")
            }
            let ext = source.pathExtension.lowercased()
            guard LogFinder.extensions.contains(ext) || SummaryIntegrity.isSummaryName(source.lastPathComponent) else {
                throw ShellError.unreadableInput(source.relativePath,
                    "không nhận loại tệp .\(ext); nhật ký phải là .csv, .tsv, .txt, .xlsx, .ods hoặc .xls (lưu lại từ Excel rồi nhận), báo cáo tổng hợp của cấp dưới là tong-hop_YYYY-MM.json")
            }
            let digest = LogFileReader.digest(of: data)
            if let earlier = known[digest] {
                filed.append((source, nil, earlier))
                continue
            }
            let path = destination(for: source, unit: o.unit, date: o.date, taken: taken)
            taken.insert(path)
            known[digest] = (path, o.date)
            let target = logsFolder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try batch.stage(data, to: target)
            filed.append((source, path, nil))
        }
        try batch.commit()

        let logs = try LogFinder.find(in: logsFolder)
        let (outcome, cube, _) = SubordinateFiles.ingest(plan: plan, files: logs, asOf: o.date,
                                                         options: .init(encoding: o.encoding))
        var intake: [String: Day] = [:]
        for f in filed { if let p = f.path { intake[p] = o.date } }
        let months = cube.monthsByFile(fileCount: logs.count)
        let reconciled = ReceiptReconciler.reconcile(
            register: book.register, fileCount: outcome.files.count,
            file: { MonthlyRun.fileSeen(outcome.files[$0], plan: plan, months: months[$0]) }, plan: plan,
            newVersions: book.isNew ? .initial : .seenOn(o.date), intake: intake, asOf: o.date)
        if reconciled.added > 0 || book.isNew || book.migratedFrom != nil {
            try AtomicFile.write(reconciled.register.render(), to: ReceiptBook.url(input: o.input))
        }
        let receipts = filed.map { f -> Receipt in
            let name = f.path ?? f.earlier!.0
            let i = logs.firstIndex { $0.relativePath == name }
            let tally = i.map { outcome.files[$0] } ?? FileTally(name: name)
            var statuses = i.map { i in
                tally.units.sorted().flatMap { u in
                    months[i].map { m in status(unit: u, month: m, plan: plan, cube: cube, receipts: reconciled.receipts) }
                }
            } ?? []
            // A unit whose rows in this file were all refused: "sent, but nothing accepted".
            let feedback = UnitFeedbackInput(plan: plan, rejections: outcome.rejections.filter { $0.file == name },
                                             files: outcome.files, fileMonths: months)
            for case let (_, owner) in feedback.rows {
                guard let u = owner.unit, let m = owner.month,
                      !statuses.contains(where: { $0.unit == plan.units[u].code && $0.month == m }) else { continue }
                var s = status(unit: u, month: m, plan: plan, cube: cube, receipts: reconciled.receipts)
                if !s.status.didReport { s.status = .rejected }
                statuses.append(s)
            }
            return Receipt(source: f.source.relativePath, filedAs: "logs/" + name, alreadyReceived: f.earlier, tally: tally,
                           rejections: outcome.rejections.filter { $0.file == name }, months: statuses)
        }
        return (plan, receipts)
    }

    /// `logs/YYYY-MM-DD/NAME`: the receipt day's folder and the name as sent, the unit's code
    /// in front when the clerk named it and the name does not hold it; `-2`, `-3`, … before
    /// the extension rather than overwrite another file.
    static func destination(for source: URL, unit: String?, date: Day, taken: Set<String>) -> String {
        var name = source.lastPathComponent
        if let unit, !name.lowercased().contains(unit.lowercased()) { name = unit + "_" + name }
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var candidate = date.iso + "/" + name, n = 2
        while taken.contains(candidate) {
            candidate = date.iso + "/" + stem + "-\(n)" + (ext.isEmpty ? "" : "." + ext)
            n += 1
        }
        return candidate
    }

    static func status(unit u: Int, month m: MonthKey, plan: Plan, cube: ActivityCube, receipts: Receipts) -> MonthStatus {
        let due = plan.calendar.due(of: m)
        let dates = cube.files(month: cube.monthIndex(m), unit: u).map { receipts.received[Int($0)] }
            + (receipts.earlier[UnitMonth(unit: u, month: m)] ?? [])
        let (t, first) = Timeliness.judge(receipts: dates, due: due)
        let k = cube.monthIndex(m)
        let activities = cube.unitMeasures(month: k, unit: u).activities
        return MonthStatus(unit: plan.units[u].code, unitName: plan.units[u].name, month: m, due: due, timeliness: t,
                           firstReceipt: first,
                           status: ReportStatus.of(activities: activities, hasNilReport: cube.hasNilReport(month: k, unit: u)),
                           activities: activities)
    }
}
