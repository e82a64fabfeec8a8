import Foundation
import TuyenGiaoCore

/// `tuyengiao freeze --month M` (SPEC §8): keeps the month's report, workbook and JSON, byte
/// for byte as they are, in `Reports/da-gui/M/`. Nothing later changes or deletes them; later
/// runs read the kept JSON to say what changed since (`SentVersion`).
public enum Freeze {
    /// Written last: a folder without it (a freeze killed half-way) is not a sent version.
    public static let marker = "da-gui.json"

    public static func folder(reports: URL, month: MonthKey) -> URL {
        reports.appendingPathComponent("da-gui").appendingPathComponent(month.description)
    }

    /// The files kept for a month: those that exist of the workbook, the JSON, the Word report
    /// and its text.
    static func sources(month: MonthKey, output: URL, reports: URL) -> [URL] {
        let stem = month.description
        return [output.appendingPathComponent("tong-hop_\(stem).xlsx"), output.appendingPathComponent("tong-hop_\(stem).json"),
                reports.appendingPathComponent("bao-cao_\(stem).docx"), reports.appendingPathComponent("bao-cao_\(stem).txt")]
    }

    @discardableResult
    public static func freeze(month: MonthKey, date: Day, input: URL, output: URL, reports: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let lock = try RunLock(folder: output), inputLock = try RunLock(folder: input)
        defer { withExtendedLifetime((lock, inputLock)) {} }
        let target = folder(reports: reports, month: month)
        if let sent = sentVersion(in: target) {
            throw ShellError.unwritableOutput(target.relativePath,
                "tháng \(month) đã được chốt ngày \(sent.date.vietnamese); bản đã gửi không bao giờ bị ghi đè")
        }
        let files = sources(month: month, output: output, reports: reports)
        let present = files.filter { FileManager.default.fileExists(atPath: $0.path) }
        for needed in [files[0], files[1]] where !present.contains(needed) {
            throw ShellError.unreadableInput(needed.relativePath, "chưa có kết quả của tháng \(month); chạy tuyengiao run trước rồi chốt")
        }
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let batch = OutputBatch()
        var listed: [JSONValue] = []
        for file in present {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw ShellError.unreadableInput(file.relativePath, "không đọc được")
            }
            try batch.stage(data, to: target.appendingPathComponent(file.lastPathComponent))
            listed.append(.object([("file", .string(file.lastPathComponent)), ("sha256", .string(LogFileReader.digest(of: data)))]))
        }
        let record = JSONValue.object([("month", .string(month.description)), ("sent", .string(date.iso)), ("files", .array(listed))])
        try batch.stage(record.render() + "\n", to: target.appendingPathComponent(marker))
        try batch.commit()
        return present.map(\.lastPathComponent)
    }

    /// Every frozen month under `reports/da-gui/`, with what was sent.
    public static func sentVersions(reports: URL) -> [MonthKey: SentVersion] {
        let root = reports.appendingPathComponent("da-gui")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [:] }
        var out: [MonthKey: SentVersion] = [:]
        for name in names {
            guard let month = MonthKey.parse(name), let sent = sentVersion(in: root.appendingPathComponent(name)) else { continue }
            out[month] = sent
        }
        return out
    }

    static func sentVersion(in folder: URL) -> SentVersion? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(marker).path),
              let record = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let date = (record["sent"] as? String).flatMap(Day.parseISO) else { return nil }
        var totals: [String: Int] = [:]
        let month = record["month"] as? String ?? folder.lastPathComponent
        if let json = FileManager.default.contents(atPath: folder.appendingPathComponent("tong-hop_\(month).json").path),
           let summary = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
           let t = summary["totals"] as? [String: Any] {
            for key in SentVersion.keys { if let v = t[key] as? Int { totals[key] = v } }
        }
        return SentVersion(date: date, totals: totals)
    }
}
