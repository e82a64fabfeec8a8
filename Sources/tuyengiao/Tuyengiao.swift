import ArgumentParser
import Foundation
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
        subcommands: [RunCommand.self, ValidateCommand.self, SummaryCommand.self, PlanCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Options every command shares (SPEC §8).
struct SharedOptions: ParsableArguments {
    @Option(help: "Thư mục đầu vào (plan.yaml và logs/).")
    var input: String = "Input"
    @Option(help: "Thư mục kết quả (bảng tính, JSON, dữ liệu lỗi).")
    var output: String = "Output"
    @Option(help: "Thư mục báo cáo văn bản.")
    var reports: String = "Reports"
    @Option(name: .customLong("as-of"), help: "Ngày tính số liệu, YYYY-MM-DD (mặc định: hôm nay).")
    var asOf: String?
    @Flag(help: "Chỉ in lỗi.")
    var quiet = false
    @Option(name: .customLong("log-format"), help: "Dạng nhật ký trên stderr: text hoặc json.")
    var logFormat: LogFormat = .text

    func validate() throws {
        if let asOf, Day.parseISO(asOf) == nil {
            throw ValidationError("--as-of phải có dạng YYYY-MM-DD (ví dụ 2020-07-20), đang là \"\(asOf)\"")
        }
    }

    var asOfDay: Day { asOf.flatMap(Day.parseISO) ?? Clock.today() }
    var inputURL: URL { URL(fileURLWithPath: input) }
    var outputURL: URL { URL(fileURLWithPath: output) }
    var reportsURL: URL { URL(fileURLWithPath: reports) }
    var console: Console { Console(format: logFormat, quiet: quiet) }
}

enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// The only place that reads the clock.
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

/// Messages on stderr; stdout carries only results.
struct Console {
    var format: LogFormat
    var quiet: Bool

    func info(_ message: String, _ fields: [(String, String)] = []) { log("info", message, fields) }
    func warning(_ message: String, _ fields: [(String, String)] = []) { log("warning", message, fields) }
    func error(_ message: String, _ fields: [(String, String)] = []) { log("error", message, fields, force: true) }

    private func log(_ level: String, _ message: String, _ fields: [(String, String)], force: Bool = false) {
        if quiet && !force { return }
        let line: String
        switch format {
        case .text:
            let prefix = level == "error" ? "lỗi: " : level == "warning" ? "cảnh báo: " : ""
            line = prefix + message + (fields.isEmpty ? "" : " (" + fields.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + ")")
        case .json:
            let iso = ISO8601DateFormatter().string(from: Date())
            line = JSONValue.object([("time", .string(iso)), ("level", .string(level)), ("message", .string(message))]
                                    + fields.map { ($0.0, JSONValue.string($0.1)) }).render(indent: 0)
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// A one-line progress bar, only when stderr is a terminal.
    func progress(_ done: Int, _ total: Int, _ name: String) {
        guard !quiet, format == .text, isatty(2) == 1, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let short = name.count > 40 ? "…" + name.suffix(39) : name
        FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) \(short)\u{1B}[K".utf8))
        if done == total { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// Reports a shell error and returns exit 1.
    func fail(_ error: Error) -> ExitCode {
        self.error("\(error)")
        return Exit.failed
    }
}

func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
}
