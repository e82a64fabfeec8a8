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
}
