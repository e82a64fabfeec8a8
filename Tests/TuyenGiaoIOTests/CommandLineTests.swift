import Foundation
import Testing
@testable import TuyenGiaoIO

/// The built binary, as cron and the office run it: exit codes of SPEC §9, stdout for results only.
@Suite struct CommandLineTests {
    struct Ran { var code: Int32; var out: String; var err: String }

    func tuyengiao(_ args: [String], cwd: URL) throws -> Ran {
        let candidates = [".build/debug/tuyengiao", ".build/release/tuyengiao"].map { Fixture.packageRoot.appendingPathComponent($0) }
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build the tuyengiao product first")
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Ran(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func copySmall(into tmp: TempDir) throws -> URL {
        let input = tmp.sub("Input")
        try FileManager.default.copyItem(at: Fixture.small, to: input)
        return input
    }

    @Test func runExitsTwoWhenRowsWereRejected() throws {
        let tmp = try TempDir()
        _ = try copySmall(into: tmp)
        let r = try tuyengiao(["--as-of", "2020-12-31"], cwd: tmp.url)
        #expect(r.code == 2, "\(r.err)")
        #expect(r.out.contains("Đã đọc 12 dòng từ 2 tệp: 9 nhận, 2 lỗi, 1 bị thay thế."))
        #expect(FileManager.default.fileExists(atPath: tmp.sub("Output/tong-hop_2020-03.xlsx").path))
    }

    @Test func runExitsZeroOnCleanInput() throws {
        let tmp = try TempDir()
        let input = try copySmall(into: tmp)
        try FileManager.default.removeItem(at: input.appendingPathComponent("logs/2020-03"))
        let r = try tuyengiao(["run", "--as-of", "2020-12-31", "--quiet"], cwd: tmp.url)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func invalidPlanExitsOneAndWritesNothing() throws {
        let tmp = try TempDir()
        let input = try copySmall(into: tmp)
        let plan = input.appendingPathComponent("plan.yaml")
        try (String(contentsOf: plan, encoding: .utf8) + "extra_key: 1\n").write(to: plan, atomically: true, encoding: .utf8)
        let r = try tuyengiao(["run", "--as-of", "2020-12-31"], cwd: tmp.url)
        #expect(r.code == 1)
        #expect(r.err.contains("extra_key"))
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("Output").path))
        let check = try tuyengiao(["plan", "check"], cwd: tmp.url)
        #expect(check.code == 1)
        #expect(check.out.hasPrefix("Input/plan.yaml:31: extra_key: khóa không hợp lệ"))
    }

    @Test func usageErrorsExitSixtyFour() throws {
        let tmp = try TempDir()
        #expect(try tuyengiao(["run", "--month", "2020-13"], cwd: tmp.url).code == 64)
        #expect(try tuyengiao(["summary", "--by", "colour"], cwd: tmp.url).code == 64)
    }

    @Test func validatePrintsEveryProblemAndWritesNothing() throws {
        let tmp = try TempDir()
        _ = try copySmall(into: tmp)
        let r = try tuyengiao(["validate", "--as-of", "2020-12-31"], cwd: tmp.url)
        #expect(r.code == 2)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("2020-03/A2.csv:3: bad_date: "))
        #expect(lines[1].hasPrefix("2020-03/A2.csv:4: malformed_row: "))
        #expect(!FileManager.default.fileExists(atPath: tmp.sub("Output").path))
    }

    @Test func summaryFormats() throws {
        let tmp = try TempDir()
        _ = try copySmall(into: tmp)
        let csv = try tuyengiao(["summary", "--by", "phase,unit", "--format", "csv", "--as-of", "2020-12-31"], cwd: tmp.url)
        #expect(csv.code == 0)
        #expect(csv.out == """
        phase,unit,activities,participants,quantity,covered,required,coverage
        P1,A1,2,15,2,2,2,1.0000
        P1,B,1,0,4,1,2,0.5000
        P2,A1,2,35,2,2,3,0.6667
        P2,A2,2,4,2,2,3,0.6667
        P2,B,1,1200,1,1,3,0.3333

        """)
        let filtered = try tuyengiao(["summary", "--by", "month,form", "--unit", "A", "--format", "json", "--as-of", "2020-12-31"], cwd: tmp.url)
        let rows = try JSONSerialization.jsonObject(with: Data(filtered.out.utf8)) as! [[String: Any]]
        #expect(rows.map { "\($0["month"]!)/\($0["form"]!)/\($0["activities"]!)" } == ["2020-01/HN/1", "2020-02/HN/1", "2020-03/HN/2", "2020-03/TQ/1"])
        let table = try tuyengiao(["summary", "--by", "item", "--from", "2020-03-01", "--to", "2020-03-31", "--as-of", "2020-12-31"], cwd: tmp.url)
        #expect(table.out.contains("ND03"))
        #expect(table.out.contains("1.200"))
    }

    @Test func planDraftWritesAReviewableFileAndNeverOverwritesByAccident() throws {
        let tmp = try TempDir()
        try """
        Hà Nội, ngày 05 tháng 01 năm 2021
        KẾ HOẠCH
        Tuyên truyền Đại hội XIII
        II. NỘI DUNG TUYÊN TRUYỀN
        1. Tuyên truyền kết quả Đại hội.
        III. CÁC ĐỢT TUYÊN TRUYỀN
        1. Từ tháng 01 đến tháng 3/2021
        2. Sau Đại hội XIII
        IV. KHẨU HIỆU
        - Đảng Cộng sản Việt Nam quang vinh muôn năm!
        """.write(to: tmp.sub("ke-hoach.txt"), atomically: true, encoding: .utf8)
        let printed = try tuyengiao(["plan", "draft", "ke-hoach.txt"], cwd: tmp.url)
        #expect(printed.code == 0, "\(printed.err)")
        #expect(printed.out.contains("  place: \"Hà Nội\"\n  issued: 2021-01-05\n"))
        #expect(printed.out.contains("    start: 2021-01-01\n    end: 2021-03-31\n"))
        #expect(printed.out.contains("    start: null   # đợt gắn với sự kiện"))
        #expect(printed.err.contains("bản nháp: 1 nội dung, 2 đợt (1 chưa có ngày)"))

        let first = try tuyengiao(["plan", "draft", "ke-hoach.txt", "--out", "plan.yaml"], cwd: tmp.url)
        #expect(first.code == 0)
        #expect(try String(contentsOf: tmp.sub("plan.yaml"), encoding: .utf8) == printed.out)
        let again = try tuyengiao(["plan", "draft", "ke-hoach.txt", "--out", "plan.yaml"], cwd: tmp.url)
        #expect(again.code == 1)
        #expect(again.err.contains("--force"))
        // The draft's holes are what plan check reports.
        let check = try tuyengiao(["plan", "check", "plan.yaml"], cwd: tmp.url)
        #expect(check.code == 1)
        #expect(check.out.contains("due_day"))
        // --report: what was found, section by section, instead of the YAML on the terminal…
        let report = try tuyengiao(["plan", "draft", "ke-hoach.txt", "--report"], cwd: tmp.url)
        #expect(report.code == 0)
        #expect(!report.out.contains("plan:\n"))
        #expect(report.out.contains("  ✓ 2 đợt (dòng 6–8, theo đề mục \"CÁC ĐỢT TUYÊN TRUYỀN\")\n"))
        #expect(report.out.contains("    ✗ D2 (dòng 8): Sau Đại hội XIII — chưa có ngày; đợt gắn với sự kiện (Đại hội XIII)"))
        // …and beside it when the YAML goes to a file.
        let both = try tuyengiao(["plan", "draft", "ke-hoach.txt", "--report", "--out", "plan2.yaml"], cwd: tmp.url)
        #expect(both.out == report.out)
        #expect(try String(contentsOf: tmp.sub("plan2.yaml"), encoding: .utf8) == printed.out)
    }

    /// The intake desk and the month kept as sent, as the clerk types them.
    @Test func receiveAndFreezeFromTheCommandLine() throws {
        let tmp = try TempDir()
        let input = try copySmall(into: tmp)
        // The first run on this folder creates the register (what is there is `initial`).
        #expect(try tuyengiao(["run", "--quiet"], cwd: tmp.url).code == 2)
        #expect(FileManager.default.fileExists(atPath: input.appendingPathComponent("so-nhan.csv").path))
        let sent = tmp.sub("thu-dien-tu.csv")
        try "ngay,don_vi,noi_dung,hinh_thuc\n10/03/2020,B,ND03,HN\n11/03/2020,B,ND77,HN\n10/05/2020,B,ND03,HN\n"
            .write(to: sent, atomically: true, encoding: .utf8)
        let r = try tuyengiao(["receive", sent.path, "--date", "2020-06-21", "--unit", "B"], cwd: tmp.url)
        #expect(r.code == 2, "one row was rejected: \(r.err)")
        #expect(r.out.contains("Nhận ngày 21/06/2020; lưu tại logs/2020-06-21/B_thu-dien-tu.csv"))
        #expect(r.out.contains("Đã đọc 3 dòng: 2 dòng hợp lệ, 1 dòng lỗi."))
        #expect(r.out.contains("dòng 3: Nội dung \"ND77\" không có trong kế hoạch"))
        #expect(r.out.contains("B – Chi bộ Bê, tháng 05/2020 (hạn 20/06/2020): Đã báo cáo (1 hoạt động), muộn 1 ngày."), "\(r.out)")
        // B's March rows were already in the folder when the register began: their first
        // receipt is unknown, and the receipt says so rather than "late".
        #expect(r.out.contains("B – Chi bộ Bê, tháng 03/2020 (hạn 20/04/2020): Đã báo cáo (2 hoạt động), chưa xác định được ngày nhận lần đầu."), "\(r.out)")
        let again = try tuyengiao(["receive", sent.path, "--date", "2020-06-22"], cwd: tmp.url)
        #expect(again.code == 0)
        #expect(again.out.contains("trùng với tệp đã nhận ngày 21/06/2020"))
        #expect(try tuyengiao(["receive", sent.path, "--date", "21/04/2020"], cwd: tmp.url).code == 64)
        // Freeze needs the month's outputs; a second freeze is refused and changes nothing.
        #expect(try tuyengiao(["freeze", "--month", "2020-03", "--date", "2020-04-20"], cwd: tmp.url).code == 0)
        let kept = tmp.sub("Reports/da-gui/2020-03/tong-hop_2020-03.json")
        let bytes = try Data(contentsOf: kept)
        let twice = try tuyengiao(["freeze", "--month", "2020-03"], cwd: tmp.url)
        #expect(twice.code == 1 && twice.err.contains("đã được chốt ngày 20/04/2020"))
        #expect(try tuyengiao(["run", "--quiet", "--as-of", "2020-12-31"], cwd: tmp.url).code == 2)
        #expect(try Data(contentsOf: kept) == bytes)
        #expect(try tuyengiao(["freeze", "--month", "2019-05"], cwd: tmp.url).code == 1)
    }
}
