import Foundation
import ZIPFoundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let small = folder.appendingPathComponent("small")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// A fresh temporary folder, removed when the value is dropped.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func sub(_ name: String) -> URL { url.appendingPathComponent(name) }
}

func day(_ s: String) -> Day { Day.parseISO(s)! }

/// The sheet as a grid of display texts (numbers as written by `Value.text`).
func grid(_ reader: XLSXReader, _ sheet: String) throws -> [[XLSXReader.Value?]] {
    try reader.rows(ofSheet: sheet)
}

func row(_ g: [[XLSXReader.Value?]], labelled label: String, column: Int = 0) -> [XLSXReader.Value?]? {
    g.first { $0.count > column && $0[column]?.text == label }
}

func number(_ v: XLSXReader.Value?) -> Double? { if case .number(let d) = v { d } else { nil } }

/// One part of a zip package (.docx, .xlsx) as text, read with ZIPFoundation.
func zipPart(_ url: URL, _ path: String) throws -> String {
    let archive = try Archive(url: url, accessMode: .read)
    let entry = try #require(archive[path], "\(path) missing in \(url.lastPathComponent)")
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
}

/// A workspace with the small fixture's plan and an empty `logs/`, for the register and
/// bad-input tests: runs on a day the test chooses.
final class SmallOffice {
    let tmp: TempDir
    var input: URL { tmp.sub("Input") }
    var register: URL { tmp.sub("Input/so-nhan.csv") }
    var logs: URL { tmp.sub("Input/logs") }
    static let header = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi\n"

    init() throws {
        tmp = try TempDir()
        try FileManager.default.createDirectory(at: input.appendingPathComponent("logs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixture.small.appendingPathComponent("plan.yaml"),
                                         to: input.appendingPathComponent("plan.yaml"))
    }

    func write(_ name: String, _ data: Data) throws { try data.write(to: logs.appendingPathComponent(name)) }

    func log(_ name: String, _ rows: String) throws {
        try (Self.header + rows).write(to: input.appendingPathComponent("logs/\(name)"), atomically: true, encoding: .utf8)
    }

    /// A run on `today` (recording receipts), or a what-if run `--as-of` (recording nothing).
    @discardableResult
    func run(_ today: String, whatIf: Bool = false, output: String = "Output") throws -> MonthlyRun.Result {
        try MonthlyRun.run(.init(input: input, output: tmp.sub(output), reports: tmp.sub("Reports"), asOf: day(today),
                                 recordsReceipts: !whatIf))
    }

    func json(_ month: String, output: String = "Output") throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.sub("\(output)/tong-hop_\(month).json"))) as! [String: Any]
    }

    func unit(_ code: String, _ month: String, output: String = "Output") throws -> [String: Any] {
        try #require((try json(month, output: output)["units"] as! [[String: Any]]).first { $0["code"] as? String == code })
    }

    func lines() throws -> [String] {
        try String(contentsOf: register, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
