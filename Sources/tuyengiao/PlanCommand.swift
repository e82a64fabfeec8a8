import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Làm việc với tệp kế hoạch.",
        subcommands: [PlanCheckCommand.self, PlanDraftCommand.self])
}

struct PlanCheckCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra tệp kế hoạch (mặc định INPUT/plan.yaml); liệt kê mọi lỗi kèm số dòng.")

    @OptionGroup var shared: SharedOptions
    @Argument(help: "Tệp kế hoạch YAML.")
    var file: String?

    func execute() throws -> Outcome {
        let url = file.map { URL(fileURLWithPath: $0) } ?? shared.inputURL.appendingPathComponent("plan.yaml")
        do {
            let plan = try PlanFile.load(url)
            let leaves = plan.units.expectedUnits.count
            printOut("\(url.relativePath): hợp lệ — \(plan.items.count) nội dung, \(plan.forms.count) hình thức, \(plan.phases.count) đợt, \(plan.slogans.count) khẩu hiệu, \(plan.units.count) đơn vị (\(leaves) phải báo cáo\(plan.units.committees.isEmpty ? "" : ", trong đó \(plan.units.committees.count) cấp ủy cấp dưới báo cáo bằng bản tổng hợp"))\n")
            return .done
        } catch let ShellError.invalidPlan(path, problems) {
            for p in problems {
                printOut(p.located(in: path) + "\n")
            }
            shared.console.error("kế hoạch không hợp lệ: \(problems.count) lỗi")
            throw Exit.failed
        }
    }
}

struct PlanDraftCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Đọc văn bản Kế hoạch (.docx, .odt, .pdf có lớp chữ, .doc, .txt) thành bản nháp tệp kế hoạch YAML để rà soát.",
        discussion: """
        Những gì văn bản không nói rõ được ghi null kèm chú thích cần điền gì; điền xong thì chạy \
        `tuyengiao plan check`. Không có --out thì in ra màn hình.
        """)

    @OptionGroup var shared: SharedOptions
    @Argument(help: "Văn bản kế hoạch: tệp Word (.docx), LibreOffice (.odt), PDF có lớp chữ, Word 97 (.doc) hoặc chữ UTF-8 (.txt).")
    var document: String
    @Option(help: "Ghi bản nháp vào tệp này.")
    var out: String?
    @Flag(help: "Ghi đè tệp --out nếu đã có.")
    var force = false
    @Flag(help: "In bảng kê từng mục: tìm thấy gì, ở dòng nào, còn thiếu gì (thay cho bản nháp nếu không có --out).")
    var report = false

    func execute() throws -> Outcome {
        let console = shared.console
        let url = URL(fileURLWithPath: document)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ShellError.unreadableInput(document, "không có tệp hoặc không đọc được")
        }
        let text: String
        do { text = try PlanDocumentReader.text(of: url) } catch let failure as PlanDocumentReader.Failure {
            throw ShellError.unreadableInput(document, failure.description)
        }
        let draft = PlanDrafter.draft(text)
        let yaml = PlanDraftYAML.render(draft, source: url.lastPathComponent)
        if let out {
            let target = URL(fileURLWithPath: out)
            if !force && FileManager.default.fileExists(atPath: target.path) {
                throw ShellError.unwritableOutput(out, "tệp đã có; dùng --force để ghi đè")
            }
            try AtomicFile.write(yaml, to: target)
        } else if !report {
            printOut(yaml)
        }
        if report { printOut(PlanDraftReport.render(draft, source: url.lastPathComponent)) }
        let undated = draft.phases.filter { $0.window == nil }.count
        console.info("bản nháp: \(draft.items.count) nội dung, \(draft.phases.count) đợt"
            + (undated > 0 ? " (\(undated) chưa có ngày)" : "")
            + ", \(draft.forms.count) hình thức, \(draft.slogans.count) khẩu hiệu, \(draft.units.count) đơn vị"
            + (out.map { " → \($0)" } ?? ""))
        return .done
    }
}
