import Foundation

/// Writes each output to a temporary name in its own folder, flushes it, and renames it
/// into place (SPEC §7): a crash leaves the old file or the new one, never half of one.
/// An unchanged file is not rewritten, so a rerun with no new input changes nothing.
public enum AtomicFile {
    public static let tempMarker = ".tuyengiao-tmp-"

    /// A temporary path beside `destination`.
    public static func temporaryPath(for destination: URL) -> URL {
        destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent)\(tempMarker)\(getpid())")
    }

    /// Returns true when the file changed.
    @discardableResult
    public static func write(_ data: Data, to destination: URL) throws -> Bool {
        if let old = try? Data(contentsOf: destination), old == data { return false }
        let temp = temporaryPath(for: destination)
        do {
            try writeSynced(data, to: temp)
            try replace(destination, with: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ShellError.unwritableOutput(destination.path, describe(error))
        }
        return true
    }

    @discardableResult
    public static func write(_ text: String, to destination: URL) throws -> Bool {
        try write(Data(text.utf8), to: destination)
    }

    /// Moves a finished temporary file into place unless it equals the existing one.
    @discardableResult
    public static func commit(_ temp: URL, to destination: URL) throws -> Bool {
        if let old = try? Data(contentsOf: destination), let new = try? Data(contentsOf: temp), old == new {
            try? FileManager.default.removeItem(at: temp)
            return false
        }
        do {
            let fd = open(temp.path, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
            try replace(destination, with: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ShellError.unwritableOutput(destination.path, describe(error))
        }
        return true
    }

    /// Removes temporary files a killed run left behind.
    public static func sweep(_ folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.contains(tempMarker) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private static func writeSynced(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    private static func replace(_ destination: URL, with temp: URL) throws {
        guard rename(temp.path, destination.path) == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    static func describe(_ error: Error) -> String {
        if let p = error as? POSIXError { return String(cString: strerror(p.code.rawValue)) }
        return "\(error)"
    }
}
