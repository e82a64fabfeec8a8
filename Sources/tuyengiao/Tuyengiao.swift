import ArgumentParser
import Foundation
import Logging
import XLSXWriter
import TuyenGiaoCore
import TuyenGiaoIO

@main
struct Tuyengiao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tuyengiao",
        abstract: "Tổng hợp báo cáo tuyên truyền hằng tháng từ nhật ký hoạt động của các đơn vị.",
        discussion: """
        Mã thoát: 0 xong, không có dòng lỗi; 1 không làm được (kế hoạch sai, không đọc/ghi được, \
        đang có lần chạy khác) và không tệp nào bị thay đổi; 2 đã ghi kết quả nhưng có dòng bị loại \
        (xem Output/du-lieu-loi.csv); 64 sai cú pháp lệnh.
        """,
        subcommands: [RunCommand.self, ReceiveCommand.self, FreezeCommand.self, ValidateCommand.self, SummaryCommand.self,
                      TemplateCommand.self, PlanCommand.self],
        defaultSubcommand: RunCommand.self
    )

    static func main() {
        // A file-size limit (ulimit -f) must surface as a write error the run reports
        // (exit 1, outputs untouched), not as a signal that kills it without a word.
        signal(SIGXFSZ, SIG_IGN)
        // This program owns its stderr (log lines, maybe JSON): libxlsxwriter's own messages
        // are folded into the errors we report instead of being printed around them.
        Workbook.captureLibraryDiagnostics = true
        main(nil)
    }
}

/// Options every command shares (SPEC §8).
struct SharedOptions: ParsableArguments {
    @Option(help: "Thư mục đầu vào (plan.yaml và logs/).")
    var input: String = "Input"
    @Option(help: "Thư mục kết quả (bảng tính, JSON, dữ liệu lỗi).")
    var output: String = "Output"
    @Option(help: "Thư mục báo cáo văn bản.")
    var reports: String = "Reports"
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Ngày tính số liệu (mặc định: hôm nay); không ghi sổ nhận.",
                                                           valueName: "YYYY-MM-DD"), transform: Day.argument)
    var asOf: Day?
    @Flag(help: "Chỉ in lỗi.")
    var quiet = false
    @Option(name: .customLong("log-format"), help: "Dạng nhật ký trên stderr: text hoặc json (mỗi dòng một đối tượng JSON).")
    var logFormat: LogFormat = .text
    @Flag(help: "Ghi thêm một dòng nhật ký cho từng tệp đã đọc.")
    var verbose = false
    @Option(help: ArgumentHelp("Bảng mã của tệp nhật ký CSV không có BOM: auto (tự nhận), utf-8, windows-1258, tcvn3 (ABC), vni.",
                               valueName: "bảng-mã"), transform: EncodingChoice.argument)
    var encoding = EncodingChoice(forced: nil)

    /// nil: detect per file.
    var forcedEncoding: TextEncoding? { encoding.forced }

    var asOfDay: Day { asOf ?? Clock.today() }
    /// `TUYENGIAO_REFERENCE=1`: every fast path's plain twin (read once, here, and passed down).
    var reference: Bool { ProcessInfo.processInfo.environment["TUYENGIAO_REFERENCE"] == "1" }
    var inputURL: URL { URL(fileURLWithPath: input) }
    var outputURL: URL { URL(fileURLWithPath: output) }
    var reportsURL: URL { URL(fileURLWithPath: reports) }
    var console: Console { Console(format: logFormat, quiet: quiet, verbose: verbose) }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// The only place that reads the clock. "Today" is the local date in the machine's time
/// zone: a server must run in the office's zone (or set `TZ=Asia/Ho_Chi_Minh`).
enum Clock {
    static func today() -> Day {
        var t = time(nil)
        var parts = tm()
        localtime_r(&t, &parts)
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))!
    }
}

/// Exit codes of SPEC §9.
enum Exit {
    static let failed = ExitCode(1)
    static let rejected = ExitCode(2)
}

/// Messages on stderr through swift-log; stdout carries only results (SPEC §9).
struct Console {
    var format: LogFormat
    var quiet: Bool
    var verbose = false
    let logger: Logger

    init(format: LogFormat, quiet: Bool, verbose: Bool = false) {
        self.format = format
        self.quiet = quiet
        self.verbose = verbose
        let level: Logger.Level = quiet ? .error : verbose ? .debug : .info
        let handlerFormat: StderrLogHandler.Format = format == .json ? .json : .text
        logger = Logger(label: "tuyengiao") { _ in StderrLogHandler(format: handlerFormat, level: level) }
    }

    func debug(_ message: String, _ fields: Logger.Metadata = [:]) { logger.debug("\(message)", metadata: fields) }
    func info(_ message: String, _ fields: Logger.Metadata = [:]) { logger.info("\(message)", metadata: fields) }
    func warning(_ message: String, _ fields: Logger.Metadata = [:]) { logger.warning("\(message)", metadata: fields) }
    func error(_ message: String, _ fields: Logger.Metadata = [:]) { logger.error("\(message)", metadata: fields) }

    /// A one-line progress bar, only when stderr is a terminal and logs are for a person.
    func progress(_ done: Int, _ total: Int, _ name: String) {
        guard !quiet, format == .text, isatty(2) == 1, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let short = name.count > 40 ? "…" + name.suffix(39) : name
        StandardError.write("\r\(bar) \(done)/\(total) \(short)\u{1B}[K")
        if done == total { StandardError.write("\r\u{1B}[K") }
    }

    /// Reports a shell error (one line saying what and where) and returns exit 1.
    func fail(_ error: any Error) -> ExitCode {
        self.error("\(error)")
        return Exit.failed
    }
}

func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
}
