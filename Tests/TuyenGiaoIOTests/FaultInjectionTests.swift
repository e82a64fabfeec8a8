import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// The faults cron meets (SPEC §9, issue 5), injected into the built binary: a second run at
/// the same time, a kill at any moment, a full disk, an unwritable output folder. After each,
/// every output is the old whole file or the new whole file, and the next run cleans up.
@Suite(.serialized) struct FaultInjectionTests {
    static let asOf = ["--as-of", "2020-12-31"]

    /// A workspace with the small fixture, run once to completion ("old" outputs), then given
    /// one more log file so that the next run changes figures ("new" outputs).
    struct Workspace {
        let tmp: TempDir
        var root: URL { tmp.url }
        init() throws {
            tmp = try TempDir()
            try FileManager.default.copyItem(at: Fixture.small, to: tmp.sub("Input"))
        }
        func addLateLog() throws {
            try "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi\n12/03/2020,A2,ND01;ND04,HN,77\n31/02/2020,A2,ND01,HN,5\n"
                .write(to: tmp.sub("Input/logs/2020-03/A2-bo-sung.csv"), atomically: true, encoding: .utf8)
        }
        /// Every regular file under Output/ and Reports/ (the units' folder included), by relative path.
        func outputs() throws -> [String: Data] {
            var all: [String: Data] = [:]
            for folder in ["Output", "Reports", "Output/" + UnitFeedback.folder] {
                let url = tmp.sub(folder)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name != ".tuyengiao.lock" {
                    var isDirectory: ObjCBool = false
                    guard FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isDirectory),
                          !isDirectory.boolValue else { continue }
                    all["\(folder)/\(name)"] = try Data(contentsOf: url.appendingPathComponent(name))
                }
            }
            return all
        }
        func temporaries() throws -> [String] { try outputs().keys.filter { $0.contains(AtomicFile.tempMarker) }.sorted() }
    }

    /// The outputs the same history gives when nothing goes wrong: a first run, then the
    /// late log and a second run (the receipt register records files in the order received).
    func expectedNewOutputs() throws -> [String: Data] {
        let w = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        try w.addLateLog()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        return try w.outputs()
    }

    func expectEachWhole(_ now: [String: Data], old: [String: Data], new: [String: Data],
                         sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, bytes) in now where !name.contains(AtomicFile.tempMarker) {
            #expect(bytes == old[name] || bytes == new[name], "\(name) is neither the old nor the new file",
                    sourceLocation: sourceLocation)
        }
        #expect(Set(old.keys).isSubset(of: Set(now.keys)), "an old output disappeared", sourceLocation: sourceLocation)
    }

    @Test func secondConcurrentRunExitsOneAtOnce() throws {
        let w = try Workspace()
        let first = try Binary.start(["run", "--quiet"] + Self.asOf, cwd: w.root, failpoint: "locked")
        defer { first.kill() }
        try first.waitForFailpoint("locked")
        let started = Date()
        let second = try Binary.run(["run"] + Self.asOf, cwd: w.root)
        #expect(second.code == 1)
        #expect(Date().timeIntervalSince(started) < 10, "the second run must not wait for the lock")
        #expect(second.err.contains("một lần chạy khác đang giữ khóa"), "\(second.err)")
        #expect(second.err.split(separator: "\n").count == 1)
        #expect(try w.outputs().isEmpty, "the second run wrote something")
        first.kill()
        // The kernel dropped the killed run's lock: the next run goes through.
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
    }

    @Test(arguments: ["staged", "committing"])
    func runKilledAtAFailpointLeavesWholeFiles(point: String) throws {
        let new = try expectedNewOutputs()
        let w = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        let old = try w.outputs()
        try w.addLateLog()

        let killed = try Binary.start(["run", "--quiet"] + Self.asOf, cwd: w.root, failpoint: point)
        try killed.waitForFailpoint(point)
        killed.kill()
        let after = try w.outputs()
        expectEachWhole(after, old: old, new: new)
        #expect(!(try w.temporaries()).isEmpty, "a killed run at \(point) leaves temporaries to sweep")
        if point == "staged" {
            #expect(after.filter { !$0.key.contains(AtomicFile.tempMarker) } == old, "nothing renamed before the kill")
        } else {
            let changed = after.filter { old[$0.key] != $0.value && !$0.key.contains(AtomicFile.tempMarker) }
            #expect(!changed.isEmpty, "half the outputs should already be the new ones")
        }

        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        #expect(try w.temporaries().isEmpty, "the next run sweeps the temporaries")
        #expect(try w.outputs() == new)
    }

    /// A first run writes the units' folder whole under a temporary name and renames it at the
    /// commit: killed before, there is no units' folder at all (none half there); the next run
    /// sweeps the temporary one and writes the folder a run without the kill writes.
    @Test func aFirstRunKilledBeforeItsCommitLeavesNoUnitsFolder() throws {
        let w = try Workspace()
        let killed = try Binary.start(["run", "--quiet"] + Self.asOf, cwd: w.root, failpoint: "staged")
        try killed.waitForFailpoint("staged")
        killed.kill()
        let output = try FileManager.default.contentsOfDirectory(atPath: w.tmp.sub("Output").path)
        #expect(!output.contains(UnitFeedback.folder), "the units' folder appears only at the commit: \(output)")
        #expect(output.contains { $0.hasPrefix("." + UnitFeedback.folder) && $0.contains(AtomicFile.tempMarker) }, "\(output)")

        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        let after = try FileManager.default.contentsOfDirectory(atPath: w.tmp.sub("Output").path)
        #expect(!after.contains { $0.contains(AtomicFile.tempMarker) }, "swept: \(after)")
        let clean = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: clean.root).code == 2)
        let outputs = try w.outputs()
        #expect(outputs.keys.contains { $0.hasPrefix("Output/\(UnitFeedback.folder)/") }, "\(outputs.keys.sorted())")
        #expect(outputs == (try clean.outputs()))
    }

    @Test func runKilledAtRandomMomentsLeavesWholeFiles() throws {
        let new = try expectedNewOutputs()
        let w = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        let old = try w.outputs()
        try w.addLateLog()
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<8 {
            let p = try Binary.start(["run", "--quiet"] + Self.asOf, cwd: w.root)
            usleep(UInt32.random(in: 0...60_000, using: &rng))
            p.kill()
            expectEachWhole(try w.outputs(), old: old, new: new)
        }
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        #expect(try w.temporaries().isEmpty)
        #expect(try w.outputs() == new)
    }

    @Test func fullDiskExitsOneAndChangesNoOutput() throws {
        let w = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root).code == 2)
        let old = try w.outputs()
        try w.addLateLog()
        // RLIMIT_FSIZE makes every write past 16 blocks fail as a full disk would: the small
        // rejected-rows file stages, the first workbook does not.
        let r = try Binary.run(["run"] + Self.asOf, cwd: w.root, shellPrefix: "ulimit -f 16;")
        #expect(r.code == 1, "\(r.err)")
        #expect(r.err.hasPrefix("lỗi: không ghi được"), "\(r.err)")
        #expect(r.err.contains("tong-hop_2020-01.xlsx"), "the message names the file: \(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(r.out.isEmpty)
        #expect(try w.outputs() == old, "an output changed although the run failed")
        // One month: its files are made beside the units' workbooks, in one pool — a failure
        // there fails the run the same way.
        let one = try Binary.run(["run", "--month", "2020-03"] + Self.asOf, cwd: w.root, shellPrefix: "ulimit -f 16;")
        #expect(one.code == 1, "\(one.err)")
        #expect(one.err.contains("tong-hop_2020-03.xlsx"), "the message names the file: \(one.err)")
        #expect(try w.outputs() == old, "an output changed although the run failed")

        // Where the machine lets us (root, mount allowed), a real full disk: a 48 KB tmpfs.
        let small = w.tmp.sub("full")
        try FileManager.default.createDirectory(at: small, withIntermediateDirectories: true)
        let mount = try Binary.runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=48k", "tmpfs", small.path])
        guard mount == 0 else { return }
        defer { _ = try? Binary.runTool("/bin/umount", [small.path]) }
        let full = try Binary.run(["run", "--output", small.path + "/Output", "--reports", small.path + "/Reports"] + Self.asOf,
                                  cwd: w.root)
        #expect(full.code == 1)
        #expect(full.err.contains("ổ đĩa đã đầy"), "\(full.err)")
        let left = try FileManager.default.contentsOfDirectory(atPath: small.path + "/Output").filter { $0 != ".tuyengiao.lock" }
        #expect(left.isEmpty, "a failed run left \(left)")
    }

    @Test func unwritableOutputExitsOneAndWritesNothing() throws {
        let w = try Workspace()
        // A file where the output folder should be: no user, root included, can write there.
        try Data("not a folder".utf8).write(to: w.tmp.sub("Output"))
        let r = try Binary.run(["run"] + Self.asOf, cwd: w.root)
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("lỗi: không ghi được Output"), "\(r.err)")
        #expect(r.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: w.tmp.sub("Reports").path))

        if getuid() != 0 {  // permission bits do not stop root
            try FileManager.default.removeItem(at: w.tmp.sub("Output"))
            try FileManager.default.createDirectory(at: w.tmp.sub("Output"), withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            let denied = try Binary.run(["run"] + Self.asOf, cwd: w.root)
            #expect(denied.code == 1)
            #expect(denied.err.contains("không có quyền ghi"))
        }
    }

    @Test func unreadableInputExitsOne() throws {
        let w = try Workspace()
        try FileManager.default.removeItem(at: w.tmp.sub("Input/logs"))
        let r = try Binary.run(["run"] + Self.asOf, cwd: w.root)
        #expect(r.code == 1)
        #expect(r.err.hasPrefix("lỗi: không đọc được Input/logs"), "\(r.err)")
        #expect(try w.outputs().isEmpty)
    }

    @Test func twoRunsAreByteIdenticalAndARerunRewritesNothing() throws {
        let a = try Workspace(), b = try Workspace()
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: a.root).code == 2)
        #expect(try Binary.run(["run", "--quiet"] + Self.asOf, cwd: b.root).code == 2)
        let first = try a.outputs()
        #expect(first.count == 13 + 3, "13 run outputs and the feedback workbooks of A1, A2 and B")
        #expect(first == (try b.outputs()))

        let stamp = try FileManager.default.attributesOfItem(atPath: a.tmp.sub("Output/tong-hop_2020-03.xlsx").path)[.modificationDate] as? Date
        usleep(20_000)
        let again = try Binary.run(["run", "--log-format", "json"] + Self.asOf, cwd: a.root)
        #expect(again.code == 2)
        #expect(again.out.contains("Đã ghi 0 tệp, 16 tệp không đổi"), "\(again.out)")
        #expect(try a.outputs() == first)
        let stampAfter = try FileManager.default.attributesOfItem(atPath: a.tmp.sub("Output/tong-hop_2020-03.xlsx").path)[.modificationDate] as? Date
        #expect(stamp == stampAfter, "an unchanged workbook was rewritten")
    }

    @Test func jsonLogsAreOneObjectPerLine() throws {
        let w = try Workspace()
        let r = try Binary.run(["run", "--log-format", "json", "--verbose"] + Self.asOf, cwd: w.root)
        #expect(r.code == 2)
        let lines = r.err.split(separator: "\n")
        #expect(lines.count >= 3)
        var sawFile = false, sawDone = false
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(object["time"] is String && object["level"] is String && object["message"] is String)
            if object["file"] as? String == "2020-03/A2.csv" {
                sawFile = true
                #expect(object["rows"] as? Int == 4)
                #expect(object["rejected"] as? Int == 2)
            }
            if object["message"] as? String == "xong" {
                sawDone = true
                #expect(object["rows"] as? Int == 12)
                #expect(object["duration"] is Double)
            }
        }
        #expect(sawFile && sawDone)
        // stdout carries only the summary.
        #expect(r.out.hasPrefix("tuyengiao — "))
    }

    @Test func quietPrintsOnlyErrors() throws {
        let w = try Workspace()
        let ok = try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root)
        #expect(ok.code == 2)
        #expect(ok.out.isEmpty && ok.err.isEmpty, "\(ok.out)\(ok.err)")
        try FileManager.default.removeItem(at: w.tmp.sub("Input/plan.yaml"))
        let bad = try Binary.run(["run", "--quiet"] + Self.asOf, cwd: w.root)
        #expect(bad.code == 1)
        #expect(bad.err.hasPrefix("lỗi: không đọc được Input/plan.yaml"))
    }
}
