import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct ValidateCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Kiểm tra kế hoạch và nhật ký; in mọi lỗi dạng tệp:dòng: mã lỗi: nội dung; không ghi gì.")

    @OptionGroup var shared: SharedOptions
    @Argument(help: "Các tệp nhật ký cần kiểm tra (mặc định: mọi tệp trong INPUT/logs).")
    var files: [String] = []

    func execute() throws -> Outcome {
        let console = shared.console
        let plan = try PlanFile.load(shared.inputURL.appendingPathComponent("plan.yaml"))
        let found: [LogFinder.Found]
        if files.isEmpty {
            found = try LogFinder.find(in: shared.inputURL.appendingPathComponent("logs"))
        } else {
            found = files.map { LogFinder.Found(relativePath: $0, url: URL(fileURLWithPath: $0),
                                                isSummary: SummaryIntegrity.isSummaryName(URL(fileURLWithPath: $0).lastPathComponent)) }
        }
        var (outcome, _) = Ingestion.run(plan: plan, files: found, asOf: shared.asOfDay,
                                         options: .init(encoding: shared.forcedEncoding, digests: false, reference: shared.reference)) { DiscardActivities() }
        // Subordinate committees' summaries are checked as a run takes them (issue 20).
        outcome.ingest.settle(SubordinateFiles.intake(found, plan: plan), setAside: [:])
        for r in outcome.rejections {
            printOut("\(r.file):\(r.line): \(r.reason.rawValue): \(r.message)\n")
        }
        let t = outcome.totals
        console.info("\(found.count) tệp, \(t.rowsRead) dòng: \(t.accepted) hợp lệ, \(t.rejected) lỗi, \(t.replaced) bị thay thế")
        return t.rejected > 0 || outcome.files.contains(where: { $0.fileError != nil }) ? .rowsRejected : .done
    }
}
