import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct SummaryCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Tổng hợp nhanh theo chiều tùy chọn (phase, unit, parent, item, form, month).",
        discussion: """
        Cột: các chiều, rồi activities, participants, quantity; với --by phase,unit thêm covered, required, coverage. \
        unit là đơn vị ghi nhật ký (không cộng dồn), parent là đơn vị cấp trên của nó. Không liệt kê nhóm không có hoạt động.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, xlsx }

    @OptionGroup var shared: SharedOptions
    @Option(help: "Các chiều, cách nhau bằng dấu phẩy: phase, unit, parent, item, form, month.")
    var by: String
    @Option(help: "Chỉ đợt này (mã).") var phase: String?
    @Option(help: "Chỉ đơn vị này và các đơn vị trực thuộc (mã).") var unit: String?
    @Option(help: "Chỉ nội dung này (mã).") var item: String?
    @Option(help: "Chỉ hình thức này (mã).") var form: String?
    @Option(help: ArgumentHelp("Từ ngày.", valueName: "YYYY-MM-DD"), transform: Day.argument) var from: Day?
    @Option(help: ArgumentHelp("Đến ngày.", valueName: "YYYY-MM-DD"), transform: Day.argument) var to: Day?
    @Option(help: "Định dạng: table, csv, json, xlsx.") var format: Format = .table
    @Option(help: "Ghi vào tệp này thay vì stdout (bắt buộc với xlsx).") var out: String?

    var dimensions: [SummaryDimension] {
        by.split(separator: ",").compactMap { SummaryDimension(rawValue: $0.trimmingCharacters(in: .whitespaces).lowercased()) }
    }

    func validate() throws {
        let parts = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for p in parts where SummaryDimension(rawValue: p) == nil {
            throw ValidationError("chiều \"\(p)\" không có; dùng: phase, unit, parent, item, form, month")
        }
        if Set(parts).count != parts.count || parts.isEmpty { throw ValidationError("--by cần các chiều khác nhau") }
        if format == .xlsx && out == nil { throw ValidationError("--format xlsx cần --out TỆP.xlsx") }
    }

    func execute() throws -> Outcome {
        let console = shared.console
        let plan = try PlanFile.load(shared.inputURL.appendingPathComponent("plan.yaml"))
        func lookup(_ code: String?, _ codes: [String], _ what: String) throws -> Int? {
            guard let code else { return nil }
            guard let i = codes.firstIndex(where: { $0.uppercased() == code.uppercased() }) else {
                throw ValidationError("\(what) \"\(code)\" không có trong kế hoạch")
            }
            return i
        }
        let phaseIndex = try lookup(phase, plan.phases.map(\.code), "đợt")
        let unitIndex = try lookup(unit, plan.units.units.map(\.code), "đơn vị")
        let itemIndex = try lookup(item, plan.items.map(\.code), "nội dung")
        let formIndex = try lookup(form, plan.forms.map(\.code), "hình thức")
        let query = SummaryQuery(dimensions: dimensions,
                                 phases: phaseIndex.map { [$0] }, units: unitIndex.map { Set(plan.units.subtree(of: $0)) },
                                 items: itemIndex.map { [$0] }, forms: formIndex.map { [$0] },
                                 from: from, to: to)
        let asOf = shared.asOfDay
        let files = try LogFinder.find(in: shared.inputURL.appendingPathComponent("logs"))
        let (outcome, summary) = Ingestion.run(plan: plan, files: files, asOf: asOf,
                                               options: .init(encoding: shared.forcedEncoding, digests: false,
                                                              reference: shared.reference)) {
            AdHocSummary(plan: plan, query: query, lastPeriod: plan.calendar.period(of: asOf), reference: shared.reference)
        }
        let rows = summary.rows()
        let t = outcome.totals
        if t.rejected > 0 {
            console.warning("\(t.rejected) dòng lỗi không được tính (xem tuyengiao validate)")
        }
        // Ad hoc summaries group raw rows by day, unit and item; a committee's summary has none.
        let summaries = files.filter(\.isSummary).count
        if summaries > 0 {
            console.warning("\(summaries) báo cáo tổng hợp của cấp dưới không được tính ở đây (summary chỉ tổng hợp các dòng nhật ký); số liệu gộp cả cấp dưới có trong Output/tong-hop_YYYY-MM.xlsx|.json sau khi chạy run")
        }
        switch format {
        case .xlsx:
            let url = URL(fileURLWithPath: out!)
            let batch = OutputBatch()
            try batch.stage(to: url) {
                try WorkbookRenderer.write(SummaryTable.workbook(query, rows, plan: plan, asOf: asOf), to: $0.path)
            }
            try batch.commit()
        default:
            let text: String = switch format {
            case .csv: SummaryText.csv(query, rows)
            case .json: SummaryText.json(query, rows)
            default: SummaryText.table(query, rows)
            }
            if let out { try AtomicFile.write(text, to: URL(fileURLWithPath: out)) } else { printOut(text) }
        }
        return .done
    }
}
