import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct FreezeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "freeze",
        abstract: "Chốt báo cáo đã gửi: giữ nguyên bảng tính, JSON và báo cáo của tháng trong Reports/da-gui/YYYY-MM/.",
        discussion: """
        Chạy sau khi đã ký và gửi báo cáo tháng lên cấp trên. Các lần chạy sau vẫn ghi số liệu mới nhất, \
        nhưng không bao giờ thay đổi hay xóa bản đã chốt, và ghi rõ số liệu thay đổi thế nào so với bản đã gửi.
        """)

    @OptionGroup var shared: SharedOptions
    @Option(help: "Tháng cần chốt (YYYY-MM).")
    var month: String
    @Option(help: "Ngày gửi báo cáo, YYYY-MM-DD (mặc định: hôm nay).")
    var date: String?

    func validate() throws {
        if MonthKey.parse(month) == nil {
            throw ValidationError("--month phải có dạng YYYY-MM (ví dụ 2020-07), đang là \"\(month)\"")
        }
        if let date, Day.parseISO(date) == nil {
            throw ValidationError("--date phải có dạng YYYY-MM-DD (ví dụ 2020-08-20), đang là \"\(date)\"")
        }
    }

    func run() throws {
        let console = shared.console
        let m = MonthKey.parse(month)!
        let when = date.flatMap(Day.parseISO) ?? Clock.today()
        do {
            let kept = try Freeze.freeze(month: m, date: when, input: shared.inputURL, output: shared.outputURL,
                                         reports: shared.reportsURL)
            if !shared.quiet {
                let folder = Freeze.folder(reports: shared.reportsURL, month: m).relativePath
                printOut("Đã chốt báo cáo tháng \(m.vietnamese) (gửi ngày \(when.vietnamese)) tại \(folder): \(kept.joined(separator: ", "))\n")
            }
        } catch {
            throw console.fail(error)
        }
    }
}
