/// The rejected rows of a run with the unit and month each belongs to (`SenderAttribution`),
/// worked out once for every period and every unit's feedback.
public struct UnitFeedbackInput: Sendable {
    public let plan: Plan
    public let rows: [(rejection: Rejection, owner: SenderAttribution.Owner)]
    private let sendersByMonth: [MonthKey: Set<Int>]

    public init(plan: Plan, rejections: [Rejection], files: [FileTally], fileMonths: [[MonthKey]]) {
        self.plan = plan
        // Made only for refused rows to attribute: it indexes every unit's code and name.
        if rejections.isEmpty {
            rows = []
        } else {
            let attribution = SenderAttribution(plan: plan)
            var fileIndex: [String: Int] = [:]
            for (i, f) in files.enumerated() where fileIndex[f.name] == nil { fileIndex[f.name] = i }
            rows = rejections.map { r in
                (r, attribution.owner(of: r, fileMonths: fileIndex[r.file].map { fileMonths[$0] } ?? []))
            }
        }
        var senders: [MonthKey: Set<Int>] = [:]
        for (_, owner) in rows {
            if let u = owner.unit, let m = owner.month { senders[m, default: []].insert(u) }
        }
        sendersByMonth = senders
    }

    /// Units with refused rows attributed to the month.
    public func senders(in month: MonthKey) -> Set<Int> { sendersByMonth[month] ?? [] }

    /// Refused rows per unit and month.
    public func pendingRows(in month: MonthKey) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for (_, owner) in rows where owner.month == month { if let u = owner.unit { out[u, default: 0] += 1 } }
        return out
    }

    /// Refused rows that belong to no unit (the run summary lists them).
    public var unattributed: [Rejection] { rows.filter { $0.owner.unit == nil }.map(\.rejection) }
}

/// Each unit's own feedback workbook `Output/don-vi/CODE.xlsx` (issue 17): how its months
/// stand, its refused rows in the log template's own columns — to fix in place and send back
/// as they are, each naming the row it corrects ("Dòng gốc") — and the required items of the
/// running phases it has not covered yet.
public enum UnitFeedback {
    public static let folder = "don-vi"
    public static let statusSheet = "Tình hình"
    public static let fixSheet = "Dòng cần sửa"
    public static let missingSheet = "Nội dung còn thiếu"

    public struct Model: Sendable {
        public var unit: Int
        public var code: String
        /// The file name: the unit's code, with characters no file name may hold replaced.
        public var fileName: String
        public var workbook: WorkbookModel
    }

    /// One workbook per unit that is expected to report or sent something. `figures`: every
    /// period of the run, oldest first.
    public static func build(_ input: UnitFeedbackInput, figures: [MonthlyFigures], created: Day) -> [Model] {
        let b = Builder(input, figures: figures, created: created)
        return b.units.map(b.model)
    }

    /// What every unit's workbook is made from, worked out once; `model(for:)` then builds one
    /// unit's workbook on its own, so a province's thousands are built on every core, one at a
    /// time, never all held at once (issue 21).
    public struct Builder: Sendable {
        let plan: Plan
        let figures: [MonthlyFigures]
        let created: Day
        let rowsByUnit: [Int: [Rejection]]
        /// [period][unit] → its row in that period's `units` (-1: none). Flat arrays indexed by
        /// unit: dictionaries of 100,000 units per period, and per phase below, were a quarter
        /// of a second of a province's run before its units' workbooks could start.
        let indexes: [[Int32]]
        let sharedLists: [[String]]
        /// The latest period's active phases, each with unit → the items it still misses:
        /// looked up per unit, never searched (a province has thousands of units).
        /// [unit] → its entry in the phase's `missingByUnit` (-1: none).
        let latestMissing: [(phase: PhaseCoverage, missingAt: [Int32])]
        /// Item code → title.
        let itemTitles: [String: String]
        /// The units that get a workbook, in the tree's order.
        public let units: [Int]
        /// The sheets that are the same for every unit but for its own name, built once: a
        /// province built them 100,000 times over (issue 21). `model(for:)` puts the unit in
        /// (`Builder.plainModel(for:)` builds them anew, the twin the tests compare with).
        let listsTemplate: SheetModel
        /// "Dòng cần sửa" of a unit with no refused row (the unit's name is only in "Danh mục").
        let emptyFixSheet: SheetModel

        public init(_ input: UnitFeedbackInput, figures: [MonthlyFigures], created: Day) {
            plan = input.plan
            self.figures = figures
            self.created = created
            var rows: [Int: [Rejection]] = [:]
            for (r, owner) in input.rows { if let u = owner.unit { rows[u, default: []].append(r) } }
            rowsByUnit = rows
            let unitCount = plan.units.count
            func positions(_ units: some Sequence<Int>) -> [Int32] {
                var at = [Int32](repeating: -1, count: unitCount)
                for (i, u) in units.enumerated() where at[u] < 0 { at[u] = Int32(i) }
                return at
            }
            indexes = figures.map { positions($0.units.lazy.map(\.unit)) }
            sharedLists = [plan.items.map { "\($0.code) - \($0.title)" }, plan.forms.map { "\($0.code) - \($0.title)" },
                           plan.phases.map { "\($0.code) - \($0.title)" }]
            latestMissing = (figures.last?.activePhases ?? []).map { p in (p, positions(p.missingByUnit.lazy.map(\.unit))) }
            itemTitles = Dictionary(plan.items.map { ($0.code, $0.title) }, uniquingKeysWith: { a, _ in a })
            var sent = [Bool](repeating: false, count: unitCount)
            for f in figures { for i in f.units.indices where f.units[i].status != .notReported { sent[f.units[i].unit] = true } }
            let plan = plan
            units = plan.units.preorder.filter { plan.units[$0].expected || sent[$0] || rows[$0] != nil }
            // Only the lists' lengths shape the sheets: an empty name holds the unit's place.
            let anyUnit = [[""]] + sharedLists
            listsTemplate = LogTemplate.listsSheet(anyUnit)
            emptyFixSheet = fixSheetModel(plan, rows: [], lists: anyUnit)
        }

        /// "CODE - name", as the unit's drop-down lists it.
        static func listed(_ unit: PlanUnit) -> String { "\(unit.code) - \(unit.name)" }

        public func model(for u: Int) -> Model {
            let unit = plan.units[u]
            let rows = rowsByUnit[u] ?? []
            let name = Self.listed(unit)
            // The lists sheet's first list is the unit alone: its first cell below the header.
            var lists = listsTemplate
            lists.rows[1][0] = .t(name)
            return model(u, rows: rows, fix: rows.isEmpty ? emptyFixSheet : fixSheetModel(plan, rows: rows, lists: [[name]] + sharedLists),
                         lists: lists)
        }

        /// `model(for:)` with every sheet built for the unit from the start.
        public func plainModel(for u: Int) -> Model {
            let lists = [[Self.listed(plan.units[u])]] + sharedLists
            let rows = rowsByUnit[u] ?? []
            return model(u, rows: rows, fix: fixSheetModel(plan, rows: rows, lists: lists), lists: LogTemplate.listsSheet(lists))
        }

        /// The unit's workbook around its "Dòng cần sửa" and "Danh mục"; `rows`: its refused rows.
        private func model(_ u: Int, rows: [Rejection], fix: SheetModel, lists: SheetModel) -> Model {
            let unit = plan.units[u]
            let perMonth = zip(figures, indexes).compactMap { f, index in index[u] < 0 ? nil : (f, f.units[Int(index[u])]) }
            let sheets = [statusSheetModel(unit, perMonth: perMonth, pending: rows.count),
                          fix,
                          missingSheetModel(latestMissing.map { p in (p.phase, p.missingAt[u] < 0 ? nil : p.phase.missingByUnit[Int(p.missingAt[u])].missing) },
                                            titles: itemTitles),
                          lists]
            return Model(unit: u, code: unit.code, fileName: UnitFeedback.fileName(code: unit.code),
                         workbook: WorkbookModel(title: "Phản hồi báo cáo — \(unit.name)", author: plan.issuer,
                                                 created: created, sheets: sheets))
        }
    }

    /// A unit's workbook's name: its code, with "-" for each character a file name cannot hold.
    /// A code has none of them as a rule, found by its bytes — walking its characters was a
    /// tenth of making the unit's model.
    static func fileName(code: String) -> String {
        let forbidden = "/\\:*?\"<>|"
        let safe = code.utf8.contains { forbidden.utf8.contains($0) }
            ? String(code.map { forbidden.contains($0) ? "-" : $0 }) : code
        return safe + ".xlsx"
    }

    static func statusSheetModel(_ unit: PlanUnit, perMonth: [(MonthlyFigures, UnitFigures)], pending: Int) -> SheetModel {
        var s = SheetModel(name: statusSheet)
        s.columnWidths = [12, 28, 14, 18, 12, 14]
        s.append([.t("Tình hình báo cáo — \(unit.code) - \(unit.name)", .title)])
        s.append([.t(pending == 0
            ? "Không có dòng nào cần sửa."
            : "Có \(VietnameseFormat.integer(pending)) dòng cần sửa: xem trang \(fixSheet), sửa ngay trên các ô rồi gửi lại chính tệp này.", .bold)])
        let header = s.append(["Tháng", "Tình trạng", "Ngày nhận", "Đúng hạn", "Hoạt động", "Lượt người"].map { .t($0, .header) })
        for (f, uf) in perMonth {
            let timeliness = f.provisional && !uf.status.didReport ? "Hạn \(f.due.vietnamese)" : SummaryWorkbook.timelinessText(uf.timeliness)
            s.append([.t(f.period.vietnamese), .t(SummaryWorkbook.statusText(uf.status)), .t(uf.firstReceipt?.vietnamese ?? ""),
                      .t(timeliness), .n(uf.month.activities), .n(uf.month.participants)])
        }
        s.freeze = (header + 1, 0)
        s.repeatRows = header...header
        return s
    }

    /// The refused rows as sent, in the template's columns with its drop-downs, then "Dòng
    /// gốc" (the row's file and line), "Lỗi" and "Cách sửa". Read back like any log: the two
    /// last columns are passed over, "Dòng gốc" marks the original corrected.
    static func fixSheetModel(_ plan: Plan, rows: [Rejection], lists: [[String]]) -> SheetModel {
        var s = LogTemplate.logSheet(plan, lists: lists, name: fixSheet,
                                     extraHeaders: [LogColumn.dongGoc.vietnameseHeader, "Lỗi", "Cách sửa"],
                                     rows: max(rows.count, 1))
        s.columnWidths += [26, 44, 40]
        for r in rows {
            var cells: [Cell] = LogTemplate.columns.map { .t(r.field($0)) }
            cells += [.t(r.reference), .t(r.message, .wrapped), .t(howToFix(r), .wrapped)]
            s.append(cells)
        }
        return s
    }

    /// `phases`: the latest period's active phases, each with the items the unit still misses
    /// (nil: the unit is not expected, so nothing is required of it).
    static func missingSheetModel(_ phases: [(PhaseCoverage, [String]?)], titles: [String: String]) -> SheetModel {
        var s = SheetModel(name: missingSheet)
        s.columnWidths = [30, 12, 60]
        let header = s.append(["Đợt", "Mã", "Nội dung chưa thực hiện"].map { .t($0, .header) })
        var any = false
        for (p, missing) in phases {
            for code in missing ?? [] {
                let title = titles[code] ?? ""
                // A phase's title is a sentence: wrapped, or the code column cuts it off.
                s.append([.t("\(p.code) - \(p.title)", .wrapped), .t(code), .t(title, .wrapped)])
                any = true
            }
        }
        if !any { s.append([.t("Đã thực hiện đủ các nội dung của các đợt đang diễn ra.", .note)]) }
        s.freeze = (header + 1, 0)
        return s
    }

    /// What the unit does about a refused row, in plain words.
    public static func howToFix(_ r: Rejection) -> String {
        switch r.reason {
        case .unknownUnit: "Chọn đơn vị trong danh sách ở ô Đơn vị."
        case .unknownItem: "Chọn nội dung trong danh sách; nhiều nội dung thì gõ mã cách nhau bằng dấu ; (ví dụ ND01; ND03)."
        case .unknownForm: "Chọn hình thức trong danh sách ở ô Hình thức."
        case .ambiguousValue: "Chọn đúng mục trong danh sách (có mã) thay vì gõ tên."
        case .badDate: "Gõ ngày dạng dd/mm/yyyy, ví dụ 05/03/2020."
        case .futureDate: "Ngày chưa tới: kiểm tra lại ngày, tháng, năm."
        case .beforePlan: "Ngày trước khi kế hoạch bắt đầu: kiểm tra lại năm."
        case .badNumber: "Gõ số nguyên từ 0 (không có chữ, dấu cách hay dấu phẩy)."
        case .missingField: "Điền đủ các ô Ngày, Đơn vị, Nội dung, Hình thức."
        case .malformedRow: "Gõ lại dòng này vào các cột: " + RejectionMessages.quoted(r.raw, limit: 120)
        case .unknownPhase: "Chọn đợt trong danh sách hoặc để trống."
        case .missingColumn: "Dùng mẫu nhật ký, giữ nguyên dòng tiêu đề, rồi gửi lại."
        case .unreadableFile: "Lưu lại tệp (dạng .xlsx hoặc CSV UTF-8) rồi gửi lại tệp."
        }
    }
}
