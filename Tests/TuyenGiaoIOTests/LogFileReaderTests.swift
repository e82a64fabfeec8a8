import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

@Suite struct LogFileReaderTests {
    func ingest(_ files: [(String, Data)]) throws -> (LogIngest, [Activity]) {
        let tmp = try TempDir()
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var found: [LogFinder.Found] = []
        for (name, data) in files {
            let url = tmp.sub(name)
            try data.write(to: url)
            found.append(LogFinder.Found(relativePath: name, url: url))
        }
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        var activities: [Activity] = []
        for f in found { LogFileReader.ingest(f, into: &ingest) { activities.append($0) } }
        ingest.finish { activities.append($0) }
        return (ingest, activities)
    }

    @Test func utf16LittleEndianTabSeparatedAsExcelWritesIt() throws {
        let text = "\u{FEFF}Ngày\tĐơn vị\tNội dung\tHình thức\tSố người\r\n05/03/2020\tChi bộ Một\tVăn kiện đại hội\tHN\t1 200\r\n"
        var data = Data()
        for unit in text.utf16 { data.append(UInt8(unit & 0xFF)); data.append(UInt8(unit >> 8)) }
        let (ingest, activities) = try ingest([("unicode.txt", data)])
        #expect(ingest.files[0].encoding == "utf-16le")
        #expect(ingest.files[0].accepted == 1)
        #expect(activities.first?.participants == 1200)
        #expect(activities.first?.items == [2])
    }

    @Test func aBadFileCostsOnlyItself() throws {
        let good = Data("ngay,don_vi,noi_dung,hinh_thuc\n05/03/2020,A1,ND03,HN\n".utf8)
        let (ingest, activities) = try ingest([("empty.csv", Data()), ("zip.csv", Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 1])),
                                               ("header-only.csv", Data("ngay,don_vi,noi_dung,hinh_thuc\n".utf8)),
                                               ("good.csv", good)])
        #expect(ingest.files.map(\.fileError?.isEmpty) == [false, false, nil, nil])
        #expect(ingest.files[3].accepted == 1)
        #expect(activities.count == 1)
        #expect(ingest.rejections.map(\.reason) == [.unreadableFile, .unreadableFile])
    }

    /// One read buffer serves a worker's files one after another: what a file leaves in it
    /// must never show through in the next, whatever the sizes, and a buffer that cuts rows
    /// and letters anywhere must read what a whole-file buffer reads.
    @Test func aSharedBufferOfAnySizeReadsWhatAFreshOneReads() throws {
        let tmp = try TempDir()
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var big = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,mo_ta\n"
        for r in 0..<400 {
            let text = r % 7 == 0 ? "\"đọc, \"\"bàn\"\" luận\"" : "sinh hoạt chuyên đề số \(r)"
            big += "\(String(format: "%02d", 1 + r % 28))/03/2020,\(["A1", "Chi bộ Một", "ZZ"][r % 3]),ND0\(1 + r % 4),HN,\(r),\(text)\n"
        }
        // A control byte in one row of the first block: that row is rejected, not the file.
        // And one in a later block (for small buffers): the first block's answer must not stand for it.
        let control = Data(("ngay,don_vi,noi_dung,hinh_thuc\n05/03/2020,A1,ND03,HN\n06/03/2020,A1,ND03\u{01},HN\n"
            + String(repeating: "05/03/2020,A1,ND03,HN\n", count: 6) + "07/03/2020,A1,ND\u{02}03,HN\n08/03/2020,A1,ND03,HN\n").utf8)
        let files: [(String, Data)] = [("a-big.csv", Data(big.utf8)), ("b-small.csv", Data("ngay,don_vi,noi_dung,hinh_thuc\n07/03/2020,B,ND02,TQ".utf8)),
                                       ("c-control.csv", control)]
        var found: [LogFinder.Found] = []
        for (name, data) in files {
            try data.write(to: tmp.sub(name))
            found.append(LogFinder.Found(relativePath: name, url: tmp.sub(name)))
        }
        func read(_ buffer: () -> ReadBuffer) -> [String] {
            var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
            var out: [String] = []
            for f in found {
                LogFileReader.ingest(f, into: &ingest, buffer: buffer()) { out.append("\($0.day) \($0.unit) \($0.items) \($0.participants)") }
            }
            ingest.finish { out.append("\($0.day) \($0.unit) \($0.items) \($0.participants)") }
            out += ingest.rejections.map { "\($0.file):\($0.line) \($0.reason.rawValue)" }
            out += ingest.files.map { "\($0.name) \($0.encoding) \($0.rowsRead)=\($0.accepted)+\($0.rejected) \($0.sha256 ?? "-")" }
            return out
        }
        let fresh = read { ReadBuffer() }
        #expect(fresh.contains("c-control.csv:3 \(RejectReason.malformedRow.rawValue)"))
        #expect(fresh.contains("c-control.csv:10 \(RejectReason.malformedRow.rawValue)"))
        #expect(fresh.contains { $0.hasPrefix("c-control.csv utf-8 10=8+2") })
        #expect(fresh.contains { $0.hasPrefix("b-small.csv utf-8 1=1+0") })
        for size in [1, 5, 37, 64, 100, 128, 150, 200, 256, 4096] {
            let shared = ReadBuffer(count: size)
            #expect(read { shared } == fresh, "buffer of \(size) bytes")
        }
    }

    @Test func finderListsLogsRecursivelyInByteOrderWithTheirSizes() throws {
        let tmp = try TempDir()
        let fm = FileManager.default
        for folder in ["logs/DB01", "logs/.git", "logs/Đợt 2"] {
            try fm.createDirectory(at: tmp.sub(folder), withIntermediateDirectories: true)
        }
        let files = ["logs/b.csv": 3, "logs/B.TSV": 4, "logs/DB01/x.xlsx": 5, "logs/DB01/ghi-chu.docx": 6,
                     "logs/.an.csv": 7, "logs/~$b.xlsx": 8, "logs/.git/c.csv": 9, "logs/Đợt 2/z.txt": 10, "ngoai.csv": 11]
        for (name, size) in files { try Data(repeating: 0x41, count: size).write(to: tmp.sub(name)) }
        try fm.createSymbolicLink(at: tmp.sub("logs/lien-ket.csv"), withDestinationURL: tmp.sub("ngoai.csv"))
        try fm.createSymbolicLink(at: tmp.sub("logs/vong"), withDestinationURL: tmp.sub("logs"))
        let all = try LogFinder.find(in: tmp.sub("logs"))
        let found = all.filter { $0.refusal == nil }
        #expect(found.map(\.relativePath) == ["B.TSV", "DB01/x.xlsx", "b.csv", "lien-ket.csv", "Đợt 2/z.txt"])
        #expect(found.map(\.size) == [4, 5, 3, 11, 10])
        #expect(found.allSatisfy { (try? Data(contentsOf: $0.url).count) == $0.size })
        // What is not read is listed by name with its reason (hidden files and lock files aside).
        #expect(all.filter { $0.refusal != nil }.map(\.relativePath) == ["DB01/ghi-chu.docx", "vong"])
        #expect(throws: ShellError.self) { try LogFinder.find(in: tmp.sub("ngoai.csv")) }
    }
}
