import Foundation
import TuyenGiaoCore

/// The receipt register on disk (`Output/so-nhan.csv`).
enum ReceiptBook {
    /// An absent register is an empty one (the first run); one that cannot be read stops the
    /// run (exit 1), since rewriting it would lose the history timeliness rests on.
    static func load(_ url: URL) throws -> ReceiptRegister {
        guard FileManager.default.fileExists(atPath: url.path) else { return ReceiptRegister() }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ShellError.unreadableInput(url.relativePath, "không đọc được sổ nhận")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ShellError.unreadableInput(url.relativePath, "sổ nhận phải là văn bản UTF-8; khôi phục bản sao trước đó")
        }
        do {
            return try ReceiptRegister.parse(text)
        } catch {
            throw ShellError.unreadableInput(url.relativePath, "sổ nhận hỏng ở \(error); sửa lại hoặc khôi phục bản sao trước đó")
        }
    }
}
