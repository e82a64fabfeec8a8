import Foundation
import TuyenGiaoCore

/// Reads cell values out of an old Excel workbook (`.xls`, BIFF inside an OLE compound file)
/// through the C library FreeXL — run in a helper process of its own (`tuyengiao-xls`, built
/// beside `tuyengiao`): FreeXL crashes on some damaged files (a bad free inside `freexl_open`,
/// found by scripts/fuzz.sh) and allocates a sheet's rows × columns at once, so it must not
/// run inside a night's run. A helper that crashes or runs out of its memory cap costs that
/// file, refused by name. Text comes converted from the file's code page to UTF-8.
final class XLSReader: LogWorkbook {
    static var format: String { "xls" }
    static let maxBytes = 64 << 20

    enum Failure: Error, CustomStringConvertible {
        case tooLarge(Int)
        case encrypted
        case damaged(String)
        case noHelper
        var description: String {
            switch self {
            case .tooLarge(let n): "tệp .xls nặng \(n >> 20) MB, vượt giới hạn \(XLSReader.maxBytes >> 20) MB"
            case .encrypted: "tệp có đặt mật khẩu; mở bằng Excel, bỏ mật khẩu rồi lưu lại"
            case .damaged(let why): "tệp .xls bị hỏng hoặc không phải tệp Excel (\(why))"
            case .noHelper: "không tìm thấy chương trình đọc tệp .xls (tuyengiao-xls) bên cạnh tuyengiao; chạy lại make build"
            }
        }
    }

    let sheetNames: [String]
    private let url: URL
    private let helper: URL

    init(url: URL, size: Int?) throws {
        if let size, size > Self.maxBytes { throw Failure.tooLarge(size) }
        guard let helper = Self.helper() else { throw Failure.noHelper }
        self.url = url
        self.helper = helper
        var names: [String] = []
        try Self.run(helper, [url.path]) { line in
            if line.hasPrefix("N\t") { names.append(Self.unescaped(line.dropFirst(2))) }
            return true
        }
        sheetNames = names
    }

    func forEachRow(ofSheet name: String, _ body: (Int, [GridCell?]) throws -> Bool) throws {
        guard let index = sheetNames.firstIndex(of: name) else { throw XLSXReader.Failure.missingPart("sheet \(name)") }
        try Self.run(helper, [url.path, String(index)]) { line in
            guard line.hasPrefix("R\t") else { return true }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let r = Int(fields[1]) else { return true }
            var cells: [GridCell?] = fields.dropFirst(2).map(Self.cell)
            while cells.last == .some(nil) { cells.removeLast() }
            return try body(r, cells)
        }
    }

    /// `n12`, `tText`, `d2020-07-15` (a date: as a spreadsheet serial, as an XLSX date is).
    static func cell(_ field: Substring) -> GridCell? {
        guard let kind = field.first else { return nil }
        let rest = field.dropFirst()
        switch kind {
        case "n": return Double(rest).map(GridCell.number)
        case "d":
            let parts = rest.prefix(10).split(separator: "-")
            if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
               let day = Day(year: y, month: m, day: d), let base = Day(year: 1899, month: 12, day: 30) {
                return .number(Double(day - base))
            }
            return .text(unescaped(rest))
        default: return .text(unescaped(rest))
        }
    }

    static func unescaped(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = "", escape = false
        for ch in s {
            if escape {
                switch ch { case "t": out += "\t"; case "n": out += "\n"; case "r": out += "\r"; default: out.append(ch) }
                escape = false
            } else if ch == "\\" { escape = true } else { out.append(ch) }
        }
        return out
    }

    /// `tuyengiao-xls` beside the running program (or `TUYENGIAO_XLS_HELPER`).
    static func helper() -> URL? {
        if let path = ProcessInfo.processInfo.environment["TUYENGIAO_XLS_HELPER"] { return URL(fileURLWithPath: path) }
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let candidate = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("tuyengiao-xls")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }

    /// Runs the helper and hands its output line by line to `line` (false: stop reading).
    static func run(_ helper: URL, _ arguments: [String], _ line: (Substring) throws -> Bool) throws {
        let p = Process()
        p.executableURL = helper
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        // A crash there is an answer, not something to explain at length.
        p.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new }
        do { try p.run() } catch { throw Failure.noHelper }
        // Read with read(2), retried on EINTR: FileHandle.availableData traps when a signal
        // (the child's SIGCHLD, say) interrupts it (found by scripts/fuzz.sh).
        let fd = out.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var pending = Data()
        var stopped = false
        var failure: String?
        do {
            reading: while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                pending.append(contentsOf: buffer[0..<n])
                while let nl = pending.firstIndex(of: 0x0A) {
                    let text = String(decoding: pending[pending.startIndex..<nl], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...nl)
                    if text.hasPrefix("E\t") { failure = "mã lỗi FreeXL \(text.dropFirst(2))"; continue }
                    if try !line(Substring(text)) { stopped = true; break reading }
                }
                if pending.count > 64 << 20 { failure = "một dòng quá dài"; stopped = true; break }
            }
        } catch {
            p.terminate()
            p.waitUntilExit()
            throw error
        }
        if stopped { p.terminate() }
        p.waitUntilExit()
        if stopped && failure == nil { return }
        if p.terminationReason == .uncaughtSignal { throw Failure.damaged("trình đọc FreeXL dừng đột ngột") }
        switch p.terminationStatus {
        case 0: if let failure { throw Failure.damaged(failure) }
        case 4: throw Failure.encrypted
        default: throw Failure.damaged(failure ?? "trình đọc FreeXL thoát với mã \(p.terminationStatus)")
        }
    }
}
