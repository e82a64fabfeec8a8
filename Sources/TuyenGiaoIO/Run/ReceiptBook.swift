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
    ///
    /// `files`: the run's tallies, in the finder's order; a line for one of them keeps the
    /// tally's name and digest strings instead of its own copies (a nightly run over a
    /// province's 100,000 files held both; issue 21).
    public static func load(input: URL, output: URL, logsExist: Bool, files: [FileTally] = []) throws -> Loaded {
        let url = url(input: input)
        let restore = "khôi phục sổ nhận từ bản sao lưu rồi chạy lại (nếu thật sự muốn lập sổ mới, xóa hẳn tệp \(url.relativePath): "
            + "mọi tệp đang có sẽ được ghi là chưa rõ ngày nhận)"
        if FileManager.default.fileExists(atPath: url.path) {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ShellError.unreadableInput(url.relativePath, "không mở được sổ nhận; kiểm tra quyền đọc, hoặc \(restore)")
            }
            if logsExist, isBlank(data) {
                throw ShellError.unreadableInput(url.relativePath, "sổ nhận trống trong khi thư mục logs/ có tệp; \(restore)")
            }
            do {
                let sharing = { (file: String, sha: String) in held(file, sha, in: files) }
                // UTF-8 as we write it is read from its bytes; a register saved by Excel as "CSV
                // (Comma delimited)" on a Vietnamese Windows is in Windows-1258, decoded first.
                let (register, problems) = isUTF8(data)
                    ? try parse(bytesOf: data, sharing: sharing)
                    : try ReceiptRegister.parse(LegacyEncoding.windows1258.decode(data), sharing: sharing)
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

    /// The tally's own name and digest strings for a line naming the same version: found by
    /// halving, as the finder sorts the files by their names' bytes (a list out of that order
    /// only misses, and the line keeps its own strings).
    static func held(_ file: String, _ sha: String, in files: [FileTally]) -> (String, String)? {
        var (low, high) = (0, files.count)
        while low < high {
            let mid = (low + high) / 2
            if files[mid].name.utf8.lexicographicallyPrecedes(file.utf8) { low = mid + 1 } else { high = mid }
        }
        guard low < files.count, files[low].name == file, let digest = files[low].sha256, digest == sha else { return nil }
        return (files[low].name, digest)
    }

    /// The register read from the file's own bytes (well-formed UTF-8): no decoded copy of
    /// the whole register beside them (12 MB for a province's 100,000 lines).
    static func parse(bytesOf data: Data, sharing: @escaping (String, String) -> (String, String)?) throws -> (ReceiptRegister, [ReceiptRegister.Problem]) {
        var outcome: (ReceiptRegister, [ReceiptRegister.Problem])?
        var failure: ReceiptRegister.Unreadable?
        data.withUnsafeBytes { raw in
            do throws(ReceiptRegister.Unreadable) {
                outcome = try ReceiptRegister.parse(utf8: raw.bindMemory(to: UInt8.self), sharing: sharing)
            } catch { failure = error }
        }
        if let failure { throw failure }
        return outcome!
    }

    /// Nothing but spaces, line ends and a byte-order mark.
    static func isBlank(_ data: Data) -> Bool {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
        return body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    /// Whether the bytes are well-formed UTF-8, checked without making a string of them.
    static func isUTF8(_ data: Data) -> Bool {
        var bytes = data.makeIterator()
        var codec = UTF8()
        while true {
            switch codec.decode(&bytes) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// UTF-8 as we write it; a register saved by Excel as "CSV (Comma delimited)" on a
    /// Vietnamese Windows is in Windows-1258.
    static func decode(_ data: Data) -> String {
        String(data: data, encoding: .utf8) ?? LegacyEncoding.windows1258.decode(data)
    }
}
