import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Faulty and hostile inputs as offices produce them (SPEC §4, §10): one bad row costs that
/// row, one bad entry costs that entry — named, never skipped without a word — and nothing
/// outside the input folder is read.
@Suite struct BadInputTests {
    static let header = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi\n"

    /// A line of binary junk (NUL bytes) among good rows costs that line, not the file.
    @Test func aLineOfBinaryJunkCostsThatLineOnly() throws {
        let f = try SmallOffice()
        var data = Data((Self.header + "15/01/2020,A1,ND01,HN,10\n").utf8)
        data.append(Data([0x00, 0x00, 0x07, 0xFF, 0x00, 0x2C, 0x00, 0x0A]))
        data.append(Data("16/01/2020,B,ND02,HN,5\n17/01/2020,A2,ND01,HN,3\n".utf8))
        try f.write("a1-nul.csv", data)
        let r = try f.run("2020-12-31", whatIf: true)
        let tally = try #require(r.files.first)
        #expect(tally.fileError == nil)
        #expect(tally.accepted == 3)
        #expect(tally.rejected == 1)
        #expect(tally.rowsRead == tally.accepted + tally.rejected + tally.replaced)
        #expect(r.rejections.first?.reason == .malformedRow && r.rejections.first?.line == 3)
        // A file that is mostly NULs, or a zip renamed .csv, is refused whole, by name.
        try f.write("rename.csv", Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 100)))
        try f.write("zeros.csv", Data(repeating: 0, count: 4000))
        let again = try f.run("2020-12-31", whatIf: true)
        #expect(again.files.filter { $0.fileError != nil }.map(\.name).sorted() == ["rename.csv", "zeros.csv"])
    }

    /// Every entry under logs/ is read or refused with its reason; a refused one is never opened.
    @Test func everyEntryIsReadOrRefusedByName() throws {
        let f = try SmallOffice()
        try f.write("good.csv", Data((Self.header + "15/01/2020,A1,ND01,HN,10\n").utf8))
        try f.write("cu.xls", Data("x".utf8))
        try f.write("libre.ods", Data("y".utf8))
        try f.write("ghi-chu.docx", Data("x".utf8))
        try FileManager.default.createSymbolicLink(atPath: f.logs.appendingPathComponent("mat.csv").path,
                                                   withDestinationPath: f.tmp.sub("khong-con.csv").path)
        try FileManager.default.createSymbolicLink(atPath: f.logs.appendingPathComponent("vong.csv").path,
                                                   withDestinationPath: f.logs.appendingPathComponent("vong.csv").path)
        #expect(mkfifo(f.logs.appendingPathComponent("ong.csv").path, 0o644) == 0)
        // A name in Windows-1258 from a zip made on Windows: not UTF-8.
        let oddBytes = Array(f.logs.path.utf8) + Array("/b".utf8) + [0xE1] + Array("o.csv".utf8) + [0]
        let fd = oddBytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let found = try LogFinder.find(in: f.logs)
        let refused = Dictionary(uniqueKeysWithValues: found.compactMap { e in e.refusal.map { (e.relativePath, $0) } })
        // .xls and .ods are logs now: read, and these two refused for what they hold.
        #expect(found.filter { $0.refusal == nil }.map(\.relativePath) == ["cu.xls", "good.csv", "libre.ods"])
        #expect(refused["ghi-chu.docx"]?.contains("Không phải tệp nhật ký") == true)
        #expect(refused["mat.csv"]?.contains("Liên kết hỏng") == true)
        #expect(refused["vong.csv"]?.contains("Liên kết hỏng") == true)
        #expect(refused["ong.csv"]?.contains("Không phải tệp thường") == true)
        #expect(refused["b\\xE1o.csv"]?.contains("không phải chữ UTF-8") == true)
        // The run names each of them and finishes (the FIFO is never opened, so nothing waits).
        let r = try f.run("2020-12-31", whatIf: true)
        #expect(r.files.count == 8)
        #expect(r.files.filter { $0.fileError != nil }.count == 7, "\(r.files.map { ($0.name, $0.fileError) })")
        #expect(r.files.first { $0.name == "cu.xls" }?.fileError?.contains("tệp .xls bị hỏng") == true)
        #expect(r.files.first { $0.name == "libre.ods" }?.fileError?.contains("không phải tệp bảng tính") == true)
        #expect(r.totals.accepted == 1)
        #expect(r.rejections.filter { $0.reason == .unreadableFile }.count == 7)
    }

    /// A link under logs/ to a file outside the input folder is refused by name: its lines
    /// never reach du-lieu-loi.csv or a workbook sent upward.
    @Test func aLinkOutOfTheInputFolderIsNeverRead() throws {
        let f = try SmallOffice()
        let secret = f.tmp.sub("secret.csv")
        try (Self.header + "MẬT KHẨU,root,ND01,HN,1\n").write(to: secret, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: f.logs.appendingPathComponent("passwd.csv").path,
                                                   withDestinationPath: secret.path)
        try FileManager.default.createSymbolicLink(atPath: f.logs.appendingPathComponent("etc.csv").path,
                                                   withDestinationPath: "/etc/passwd")
        // A link that stays inside the input folder is read as the file.
        try (Self.header + "15/01/2020,A1,ND01,HN,10\n").write(to: f.input.appendingPathComponent("ban-goc.csv"),
                                                              atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: f.logs.appendingPathComponent("trong.csv").path,
                                                   withDestinationPath: f.input.appendingPathComponent("ban-goc.csv").path)
        let r = try f.run("2020-12-31", whatIf: true)
        #expect(r.totals.accepted == 1)
        #expect(r.files.first { $0.name == "trong.csv" }?.accepted == 1)
        for name in ["passwd.csv", "etc.csv"] {
            #expect(r.files.first { $0.name == name }?.fileError?.contains("ra ngoài thư mục đầu vào") == true)
        }
        let errors = try String(contentsOf: f.tmp.sub("Output/du-lieu-loi.csv"), encoding: .utf8)
        #expect(!errors.contains("MẬT KHẨU") && !errors.contains("root:"))
    }

    /// Two runs into different output folders but the same reports folder: the second waits
    /// for nothing and changes nothing (exit 1), it never sweeps away the first's temporaries.
    @Test func theReportsFolderIsLockedToo() throws {
        let f = try SmallOffice()
        try f.write("good.csv", Data((Self.header + "15/01/2020,A1,ND01,HN,10\n").utf8))
        try FileManager.default.createDirectory(at: f.tmp.sub("Reports"), withIntermediateDirectories: true)
        let held = try RunLock(folder: f.tmp.sub("Reports"))
        #expect(throws: ShellError.self) {
            _ = try MonthlyRun.run(.init(input: f.input, output: f.tmp.sub("Out-b"), reports: f.tmp.sub("Reports"),
                                         asOf: day("2020-12-31")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: f.tmp.sub("Out-b").path).filter { !$0.hasPrefix(".") }.isEmpty)
        withExtendedLifetime(held) {}
    }

    /// A workbook saved with a password is an OLE file holding an EncryptedPackage: the unit
    /// is told it has a password, not that it is "damaged".
    @Test func aWorkbookWithAPasswordSaysSo() throws {
        let f = try SmallOffice()
        var ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(repeating: 0, count: 500)
        ole += Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) + Data(repeating: 7, count: 500)
        try f.write("co-mat-khau.xlsx", ole)
        let r = try f.run("2020-12-31", whatIf: true)
        #expect(r.files.first?.fileError?.contains("mật khẩu") == true)
        #expect(throws: XLSXReader.Failure.self) { _ = try XLSXReader(url: f.logs.appendingPathComponent("co-mat-khau.xlsx")) }
    }

    /// A record past 1 MB (a line with no break, a field with an open quote) costs that row,
    /// and the parser keeps no more of it than the bound: memory does not grow with one line.
    @Test func anOversizedRecordCostsOneRowAndBoundedMemory() throws {
        let f = try SmallOffice()
        var text = Self.header + "15/01/2020,A1,ND01,HN,10\n"
        text += "16/01/2020,A1,ND01,HN," + String(repeating: "9", count: 3 << 20) + "\n"
        text += "17/01/2020,B,ND02,HN,5\n"
        text += "18/01/2020,B," + String(repeating: "x,", count: 20_000) + "\n"
        text += "19/01/2020,A2,ND01,HN,1\n"
        try f.write("dai.csv", Data(text.utf8))
        let r = try f.run("2020-12-31", whatIf: true)
        let tally = try #require(r.files.first)
        #expect(tally.accepted == 3)
        #expect(tally.rejected == 2)
        #expect(r.rejections.map(\.line) == [3, 5])
        #expect(r.rejections.allSatisfy { $0.reason == .malformedRow && $0.raw.count < 300 })
        #expect(r.rejections[0].message.contains("byte"))
    }
}
