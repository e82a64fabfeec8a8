import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct TemplateCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Tạo mẫu nhật ký XLSX cho các đơn vị (danh sách chọn nội dung, hình thức, đơn vị; trang hướng dẫn).")

    @OptionGroup var shared: SharedOptions
    @Option(help: "Mẫu riêng cho một đơn vị (mã đơn vị).")
    var unit: String?
    @Option(help: "Thư mục ghi mẫu (mặc định: thư mục --output).")
    var out: String?

    func execute() throws -> Outcome {
        let plan = try PlanFile.load(shared.inputURL.appendingPathComponent("plan.yaml"))
        var unitIndex: Int?
        if let unit {
            guard let i = plan.units.units.firstIndex(where: { $0.code.lowercased() == unit.lowercased() }) else {
                throw ValidationError("không có đơn vị mã \"\(unit)\" trong kế hoạch")
            }
            unitIndex = i
        }
        let folder = URL(fileURLWithPath: out ?? shared.output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "mau-nhat-ky" + (unitIndex.map { "_" + plan.units[$0].code } ?? "") + ".xlsx"
        let target = folder.appendingPathComponent(name)
        let model = LogTemplate.build(plan, unit: unitIndex, created: shared.asOfDay)
        let batch = OutputBatch()
        try batch.stage(to: target) { try WorkbookRenderer.write(model, to: $0.path) }
        try batch.commit()
        if !shared.quiet { printOut(target.relativePath + "\n") }
        return .done
    }
}
