import Foundation
import TuyenGiaoCore

/// What stops a run before or while writing (SPEC §9 exit 1). Each says what and where.
public enum ShellError: Error, CustomStringConvertible {
    case invalidPlan(path: String, problems: [PlanProblem])
    case unreadableInput(String, String)
    case unwritableOutput(String, String)
    case lockHeld(String)
    case workbook(String, String)

    public var description: String {
        switch self {
        case .invalidPlan(let path, let problems):
            "kế hoạch \(path) không hợp lệ (\(problems.count) lỗi):\n" + problems.map { "  " + $0.located(in: path) }.joined(separator: "\n")
        case .unreadableInput(let path, let why): "không đọc được \(path): \(why)"
        case .unwritableOutput(let path, let why): "không ghi được \(path): \(why)"
        case .lockHeld(let path): "một lần chạy khác đang giữ khóa \(path); chờ lần đó kết thúc rồi chạy lại"
        case .workbook(let path, let why): "không ghi được bảng tính \(path): \(why)"
        }
    }
}
