import Foundation
import TuyenGiaoCore

/// The receipt register on disk: `Input/so-nhan.csv`, kept with the inputs (SPEC §7.5).
public enum ReceiptBook {
    public static let fileName = "so-nhan.csv"

    public struct Loaded {
        public var register: ReceiptRegister
        /// No register yet: it is created now, and what is in the folder is `initial`.
        public var isNew: Bool
        /// The old register under the output folder whose lines were carried over.
        public var migratedFrom: String?
        /// Lines that could not be read whole (warnings; those files' dates are unknown).
        public var problems: [ReceiptRegister.Problem]
    }

    public static func url(input: URL) -> URL { input.appendingPathComponent(fileName) }

    /// Reads the register. A register that is empty or unreadable while logs exist stops the
    /// run (exit 1): starting a new history silently would turn every unit's receipt date
    /// into today's. An absent one is created; the old `Output/so-nhan.csv` of earlier
    /// versions is carried over once.
    public static func load(input: URL, output: URL, logsExist: Bool) throws -> Loaded {
        let url = url(input: input)
        let restore = "khôi phục sổ nhận từ bản sao lưu rồi chạy lại (nếu thật sự muốn lập sổ mới, xóa hẳn tệp \(url.relativePath): "
            + "mọi tệp đang có sẽ được ghi là chưa rõ ngày nhận)"
        if FileManager.default.fileExists(atPath: url.path) {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ShellError.unreadableInput(url.relativePath, "không mở được sổ nhận; kiểm tra quyền đọc, hoặc \(restore)")
            }
            let text = decode(data)
            if logsExist, text.allSatisfy({ $0.isWhitespace || $0 == "\u{FEFF}" }) {
                throw ShellError.unreadableInput(url.relativePath, "sổ nhận trống trong khi thư mục logs/ có tệp; \(restore)")
            }
            do {
                let (register, problems) = try ReceiptRegister.parse(text)
                return Loaded(register: register, isNew: false, migratedFrom: nil, problems: problems)
            } catch {
                throw ShellError.unreadableInput(url.relativePath, "sổ nhận hỏng: \(error); \(restore)")
            }
        }
        let old = output.appendingPathComponent(fileName)
        if let data = FileManager.default.contents(atPath: old.path),
           let (register, problems) = try? ReceiptRegister.parse(decode(data)) {
            return Loaded(register: register, isNew: false, migratedFrom: old.relativePath, problems: problems)
        }
        return Loaded(register: ReceiptRegister(), isNew: true, migratedFrom: nil, problems: [])
    }

    /// UTF-8 as we write it; a register saved by Excel as "CSV (Comma delimited)" on a
    /// Vietnamese Windows is in Windows-1258.
    static func decode(_ data: Data) -> String {
        String(data: data, encoding: .utf8) ?? LegacyEncoding.windows1258.decode(data)
    }
}
