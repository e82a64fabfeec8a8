import Foundation
import Testing

/// The built `tuyengiao` binary, spawned as cron would spawn it.
enum Binary {
    struct Ran { var code: Int32; var out: String; var err: String }

    static func path() throws -> URL {
        let candidates = [".build/debug/tuyengiao", ".build/release/tuyengiao"].map { Fixture.packageRoot.appendingPathComponent($0) }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "build the tuyengiao product first")
    }

    /// Runs to the end. `shellPrefix` runs the binary under /bin/sh after that text (e.g. a ulimit).
    static func run(_ args: [String], cwd: URL, shellPrefix: String? = nil) throws -> Ran {
        let p = Process()
        if let shellPrefix {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", shellPrefix + " exec \"$0\" \"$@\"", try path().path] + args
        } else {
            p.executableURL = try path()
            p.arguments = args
        }
        p.currentDirectoryURL = cwd
        // Files, not pipes: nothing can block on a full pipe, and no thread is needed.
        let stamp = UUID().uuidString
        let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-out-\(stamp)")
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-err-\(stamp)")
        _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile); try? FileManager.default.removeItem(at: errFile) }
        p.standardOutput = try FileHandle(forWritingTo: outFile)
        p.standardError = try FileHandle(forWritingTo: errFile)
        try p.run()
        p.waitUntilExit()
        return Ran(code: p.terminationStatus, out: try String(contentsOf: outFile, encoding: .utf8),
                   err: try String(contentsOf: errFile, encoding: .utf8))
    }

    /// Runs another program quietly and returns its exit code.
    static func runTool(_ path: String, _ args: [String]) throws -> Int32 {
        guard FileManager.default.isExecutableFile(atPath: path) else { return 127 }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// A run in the background, its stderr in a file, optionally stopping at a failpoint.
    final class Running {
        let process = Process()
        let errFile: URL
        init(_ args: [String], cwd: URL, failpoint: String?) throws {
            errFile = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-err-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
            process.executableURL = try Binary.path()
            process.arguments = args
            process.currentDirectoryURL = cwd
            var env = ProcessInfo.processInfo.environment
            env["TUYENGIAO_FAILPOINT"] = failpoint
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errFile)
            try process.run()
        }

        func waitForFailpoint(_ name: String, timeout: TimeInterval = 60) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                let text = (try? String(contentsOf: errFile, encoding: .utf8)) ?? ""
                if text.contains("tuyengiao failpoint: \(name)") { return }
                if !process.isRunning { Issue.record("exited before failpoint \(name): \(text)"); return }
                usleep(10_000)
            }
            Issue.record("failpoint \(name) not reached in \(timeout) s")
        }

        /// SIGKILL, as a power cut or the OOM killer would; waits until it is gone.
        func kill() {
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: errFile)
        }
    }

    static func start(_ args: [String], cwd: URL, failpoint: String? = nil) throws -> Running {
        try Running(args, cwd: cwd, failpoint: failpoint)
    }
}
