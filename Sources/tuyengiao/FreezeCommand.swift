import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct FreezeCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "freeze",
        abstract: "Chốt báo cáo đã gửi: giữ nguyên bảng tính, JSON và báo cáo của tháng trong Reports/da-gui/YYYY-MM/.",
        discussion: """
        Chạy sau khi đã ký và gửi báo cáo tháng lên cấp trên. Các lần chạy sau vẫn ghi số liệu mới nhất, \
        nhưng không bao giờ thay đổi hay xóa bản đã chốt, và ghi rõ số liệu thay đổi thế nào so với bản đã gửi.
        """)

    @OptionGroup var shared: SharedOptions
    @Option(help: ArgumentHelp("Tháng cần chốt.", valueName: "YYYY-MM"), transform: MonthKey.argument)
    var month: MonthKey
    @Option(help: ArgumentHelp("Ngày gửi báo cáo (mặc định: hôm nay).", valueName: "YYYY-MM-DD"), transform: Day.argument)
    var date: Day?

    func execute() throws -> Outcome {
        let m = month
        let when = date ?? Clock.today()
        let kept = try Freeze.freeze(month: m, date: when, input: shared.inputURL, output: shared.outputURL,
                                     reports: shared.reportsURL)
        if !shared.quiet {
            let folder = Freeze.folder(reports: shared.reportsURL, month: m).relativePath
            printOut("Đã chốt báo cáo tháng \(m.vietnamese) (gửi ngày \(when.vietnamese)) tại \(folder): \(kept.joined(separator: ", "))\n")
        }
        return .done
    }
}
