import Foundation
import TuyenGiaoCore

/// Reads and validates `plan.yaml` (units files are resolved beside it).
public enum PlanFile {
    public static func load(_ url: URL) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ShellError.unreadableInput(url.relativePath, "không có tệp kế hoạch")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShellError.unreadableInput(url.relativePath, "tệp kế hoạch phải là văn bản UTF-8")
        }
        let folder = url.deletingLastPathComponent()
        do {
            return try PlanLoader.load(yaml: text) { name in
                let file = folder.appendingPathComponent(name)
                guard let d = FileManager.default.contents(atPath: file.path), let s = String(data: d, encoding: .utf8) else {
                    throw ShellError.unreadableInput(file.path, "không đọc được")
                }
                return s
            }
        } catch {
            throw ShellError.invalidPlan(path: url.relativePath, problems: error.problems)
        }
    }
}
