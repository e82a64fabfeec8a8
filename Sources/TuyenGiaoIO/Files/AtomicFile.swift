import Foundation

/// The file-level pieces of crash-safe output (SPEC §7): temporary names beside the
/// destination, flushed writes, a sweep of what a killed run left behind, and a one-file
/// write for commands that produce a single output.
public enum AtomicFile {
    public static let tempMarker = ".tuyengiao-tmp-"

    /// A temporary path beside `destination`, hidden, and marked so the next run can sweep it.
    public static func temporaryPath(for destination: URL) -> URL {
        destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent)\(tempMarker)\(getpid())", isDirectory: false)
    }

    /// Writes one file crash-safely. Returns true when the file changed.
    @discardableResult
    public static func write(_ data: Data, to destination: URL) throws -> Bool {
        let batch = OutputBatch()
        try batch.stage(data, to: destination)
        return try !batch.commit().isEmpty
    }

    @discardableResult
    public static func write(_ text: String, to destination: URL) throws -> Bool {
        try write(Data(text.utf8), to: destination)
    }

    /// Removes temporary files a killed run left behind.
    public static func sweep(_ folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.contains(tempMarker) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    static func writeSynced(_ data: Data, to url: URL, sync: Bool = true) throws {
        try data.withUnsafeBytes { try writeSynced($0, to: url, sync: sync) }
    }

    static func writeSynced(_ bytes: [UInt8], to url: URL, sync: Bool = true) throws {
        try bytes.withUnsafeBytes { try writeSynced($0, to: url.path, sync: sync) }
    }

    static func writeSynced(_ bytes: [UInt8], toPath path: String, sync: Bool = true) throws {
        try bytes.withUnsafeBytes { try writeSynced($0, to: path, sync: sync) }
    }

    private static func writeSynced(_ raw: UnsafeRawBufferPointer, to url: URL, sync: Bool) throws {
        try writeSynced(raw, to: url.path, sync: sync)
    }

    private static func writeSynced(_ raw: UnsafeRawBufferPointer, to path: String, sync: Bool) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw posixError() }
        defer { close(fd) }
        try writeAll(raw, to: fd)
        if sync { guard fsync(fd) == 0 else { throw posixError() } }
    }

    /// Every byte to `fd`, a short write or an interrupted one continued.
    private static func writeAll(_ raw: UnsafeRawBufferPointer, to fd: Int32) throws {
        var offset = 0
        while offset < raw.count {
            let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw posixError()
            }
            offset += n
        }
    }

    /// Writes what `produce` hands over, piece by piece, through a buffer of 1 MB: a large
    /// text (a province's register) is never held whole beside what it is made from.
    static func writeStreamed(to url: URL, _ produce: ((String) -> Void) -> Void) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw posixError() }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var failure: (any Error)?
        func flush() {
            guard failure == nil else { return }
            do { try buffer.withUnsafeBytes { try writeAll($0, to: fd) } } catch { failure = error }
            buffer.removeAll(keepingCapacity: true)
        }
        produce { piece in
            buffer += piece.utf8
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        if let failure { throw failure }
    }

    static func sync(_ url: URL) throws { try sync(path: url.path) }

    static func sync(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw posixError() }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError() }
    }

    /// Flushes the whole file system holding `folder` (syncfs): one call for a batch of
    /// thousands of files rather than an fsync each.
    /// False where the C library has no syncfs: the caller then flushes file by file.
    static func syncFileSystem(of folder: String) throws -> Bool {
        guard let syncfs = syncfsFunction else { return false }
        let fd = open(folder, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw posixError() }
        defer { close(fd) }
        guard syncfs(fd) == 0 else { throw posixError() }
        return true
    }

    /// glibc declares syncfs only for _GNU_SOURCE, which Swift's Glibc module is not built
    /// with: looked up by name once.
    private static let syncfsFunction: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// fsync on the folder makes a rename durable; best effort (some file systems refuse).
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private static func posixError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

    static func describe(_ error: any Error) -> String {
        if let p = error as? POSIXError { return describe(errno: p.code.rawValue) }
        if let n = error as NSError?, let u = n.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(u.code))
        }
        return "\(error)"
    }

    /// The errors an office meets when writing, said in Vietnamese with what to do;
    /// the system's own words follow in brackets for whoever searches for them.
    static func describe(errno code: Int32) -> String {
        let system = String(cString: strerror(code))
        let said: String? = switch code {
        case ENOSPC: "ổ đĩa đã đầy — giải phóng chỗ trống rồi chạy lại"
        case EDQUOT: "đã hết hạn mức dung lượng — giải phóng chỗ trống rồi chạy lại"
        case EFBIG: "tệp vượt giới hạn kích thước được phép (ulimit -f)"
        case EACCES, EPERM: "không có quyền ghi — kiểm tra quyền của thư mục"
        case EROFS: "ổ đĩa chỉ cho đọc"
        case ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục"
        case ENOENT: "thư mục không tồn tại"
        case EIO: "lỗi vào/ra của ổ đĩa"
        default: nil
        }
        return said.map { "\($0) [\(system)]" } ?? system
    }
}
