import Foundation

/// Runs a C call with file descriptor 2 pointed at a temporary file and returns what it
/// printed. Redirecting fd 2 is process-wide: it is only safe in a program that owns its
/// stderr and writes workbooks from one thread — the command-line tool, which turns it on
/// with `Workbook.captureLibraryDiagnostics` at start-up. Everywhere else (tests run in
/// parallel, other hosts) the library's messages go to stderr as they are.
enum StandardErrorCapture {
    private static let lock = NSLock()

    static func run(_ body: () -> Void) -> String {
        guard Workbook.captureLibraryDiagnostics else { body(); return "" }
        lock.lock()
        defer { lock.unlock() }
        fflush(nil)
        guard let sink = tmpfile() else { body(); return "" }
        defer { fclose(sink) }
        let saved = dup(2)
        guard saved >= 0, dup2(fileno(sink), 2) >= 0 else {
            if saved >= 0 { close(saved) }
            body()
            return ""
        }
        body()
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        let size = Int(lseek(fileno(sink), 0, SEEK_END))
        guard size > 0 else { return "" }
        rewind(sink)
        var bytes = [UInt8](repeating: 0, count: min(size, 1 << 16))
        let n = fread(&bytes, 1, bytes.count, sink)
        return String(decoding: bytes.prefix(n), as: UTF8.self)
    }
}
