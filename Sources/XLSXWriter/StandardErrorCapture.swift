import Foundation

/// Runs a C call with file descriptor 2 pointed at a temporary file and returns what it
/// printed. Single-threaded use only: anything else written to stderr meanwhile is captured too.
enum StandardErrorCapture {
    static func run(_ body: () -> Void) -> String {
        fflush(nil)
        guard let sink = tmpfile() else { body(); return "" }
        defer { fclose(sink) }
        let saved = dup(2)
        guard saved >= 0, dup2(fileno(sink), 2) >= 0 else { body(); return "" }
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
