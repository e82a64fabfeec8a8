import Foundation
import CXlsxWriter

/// Keeps libxlsxwriter's own diagnostics off a program's stderr, which may carry one JSON
/// log line per line. The library prints with `fprintf(stderr, …)`: C's `stderr` stream, not
/// file descriptor 2. So the C stream is pointed, once, at a temporary file, and Swift's own
/// output — written to descriptor 2 — is untouched. Nothing is redirected per call, so
/// workbooks are written on every core at once (issue 21: a province's thousands of unit
/// workbooks were written one at a time under the old per-call redirection of fd 2).
/// Only the command-line tool turns it on (`Workbook.captureLibraryDiagnostics`); tests and
/// other hosts see the library's messages on stderr as they are.
enum StandardErrorCapture {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sink: UnsafeMutablePointer<FILE>?
    nonisolated(unsafe) private static var installed = false

    /// Points C's `stderr` at a temporary file, once.
    static func installIfWanted() {
        lock.lock()
        defer { lock.unlock() }
        guard Workbook.captureLibraryDiagnostics, !installed else { return }
        installed = true
        guard let file = tmpfile() else { return }
        setvbuf(file, nil, _IOLBF, 0)
        sink = file
        tuyengiao_redirect_c_stderr(file)
    }

    /// Runs `body` (a C call) and returns what the library printed meanwhile — only looked
    /// at when the call failed, to name the system's reason. With workbooks written on
    /// several threads the text may include another workbook's lines: a hint beside errno.
    static func run(_ body: () -> Void) -> String {
        installIfWanted()
        guard let sink else { body(); return "" }
        let before = offset(of: sink)
        body()
        lock.lock()
        defer { lock.unlock() }
        fflush(sink)
        let end = Int(ftell(sink))
        let take = min(end - before, 4096)
        guard take > 0 else { return "" }
        // pread leaves the stream's position alone: the library may be printing meanwhile.
        var bytes = [UInt8](repeating: 0, count: take)
        let n = pread(fileno(sink), &bytes, take, off_t(end - take))
        return String(decoding: bytes.prefix(max(0, n)), as: UTF8.self)
    }

    private static func offset(of file: UnsafeMutablePointer<FILE>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        fflush(file)
        return Int(ftell(file))
    }
}
