import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Làm việc với tệp kế hoạch.",
        subcommands: [PlanCheckCommand.self])
}

struct PlanCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Kiểm tra tệp kế hoạch (mặc định INPUT/plan.yaml); liệt kê mọi lỗi kèm số dòng.")

    @OptionGroup var shared: SharedOptions
    @Argument(help: "Tệp kế hoạch YAML.")
    var file: String?

    func run() throws {
        let url = file.map { URL(fileURLWithPath: $0) } ?? shared.inputURL.appendingPathComponent("plan.yaml")
        do {
            let plan = try PlanFile.load(url)
            let leaves = plan.units.expectedUnits.count
            printOut("\(url.relativePath): hợp lệ — \(plan.items.count) nội dung, \(plan.forms.count) hình thức, \(plan.phases.count) đợt, \(plan.slogans.count) khẩu hiệu, \(plan.units.count) đơn vị (\(leaves) phải báo cáo)\n")
        } catch let ShellError.invalidPlan(path, problems) {
            for p in problems {
                printOut(p.located(in: path) + "\n")
            }
            shared.console.error("kế hoạch không hợp lệ: \(problems.count) lỗi")
            throw Exit.failed
        } catch {
            throw shared.console.fail(error)
        }
    }
}
