import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Logs in the pre-Unicode Vietnamese encodings (fixtures made by
/// scripts/make-encoding-fixtures.py with encoders that share nothing with the decoder:
/// Python's cp1258 codec, glibc's iconv, Unikey's published VNI-WIN table).
@Suite struct LegacyEncodingTests {
    static let folder = Fixture.folder.appendingPathComponent("encodings")

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: Self.folder.appendingPathComponent(name))) }

    @Test(arguments: LegacyEncoding.allCases)
    func everyLetterDecodes(_ encoding: LegacyEncoding) throws {
        let encoded = try bytes("bang-chu_\(encoding.rawValue).txt")
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("bang-chu_\(encoding.rawValue).expected.txt"),
                                  encoding: .utf8)
        let decoded = encoding.decode(encoded)
        // Letter by letter, so a failure names the letter.
        let pairs = zip(Array(decoded), Array(expected))
        for (got, want) in pairs where got != want {
            Issue.record("\(encoding.rawValue): \(want) decoded as \(got) (U+\(String(got.unicodeScalars.first!.value, radix: 16)))")
        }
        #expect(decoded.count == expected.count)
        #expect(decoded == decoded.precomposedStringWithCanonicalMapping, "not NFC")
    }

    @Test(arguments: LegacyEncoding.allCases)
    func aLogIsDetectedAndRead(_ encoding: LegacyEncoding) throws {
        let name = "nhat-ky_\(encoding.rawValue).csv"
        #expect(EncodingDetector.detect(try bytes(name)).encoding == .legacy(encoding))
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        var activities: [Activity] = []
        LogFileReader.ingest(LogFinder.Found(relativePath: name, url: Self.folder.appendingPathComponent(name)),
                             into: &ingest) { activities.append($0) }
        ingest.finish { activities.append($0) }
        let f = ingest.files[0]
        #expect(f.encoding == encoding.rawValue)
        // Names with diacritics only match when every letter decoded right.
        #expect((f.rowsRead, f.accepted, f.rejected) == (3, 2, 1), "\(ingest.rejections)")
        #expect(activities.map { plan.units[$0.unit].code } == ["A1", "B"])
        #expect(activities[1].items == [1])  // "Đại hội chi bộ; đại hội đảng bộ": a title holding ';'
        // The rejected last row has no line break after it and ends in a toned letter:
        // nothing held back, the message and the raw row are proper Vietnamese.
        let r = try #require(ingest.rejections.first)
        #expect(r.reason == .unknownForm)
        #expect(r.message.contains("\"Hội thảo\""), "\(r.message)")
        #expect(r.raw == "05/03/2020,Đảng bộ cơ sở A,Văn kiện đại hội,Hội thảo,30,1,Hội thảo văn kiện của đảng bộ")
    }

    /// A file longer than the read buffer, laid out so that a block ends between a VNI base
    /// letter and its mark byte: the line must still decode whole.
    @Test func aBlockNeverEndsBetweenALetterAndItsMark() throws {
        var row = Array(try bytes("nhat-ky_vni.csv").split(separator: 0x0A).last!) + [0x0A]
        let marks: Set<UInt8> = [0xF9, 0xF8, 0xFB, 0xF5, 0xEF, 0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4, 0xEA]
        let k = try #require(row.indices.first { $0 > 0 && marks.contains(row[$0]) && row[$0 - 1] < 0x80 })
        row.insert(contentsOf: Array(repeating: UInt8(ascii: "x"), count: 100 - row.count % 100), at: row.count - 1)
        let b = LogFileReader.bufferSize, l = row.count
        var header = Array("ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta".utf8)
        while (b - header.count - 1) % l != k { header.append(0x20) }
        header.append(0x0A)
        var file = header
        for _ in 0..<(b / l + 3) { file += row }
        #expect(Array(file[b - 1...b]) == [row[k - 1], row[k]], "the block boundary is not where the test wants it")
        let tmp = try TempDir()
        try Data(file).write(to: tmp.sub("long.csv"))
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        LogFileReader.ingest(LogFinder.Found(relativePath: "long.csv", url: tmp.sub("long.csv")), into: &ingest) { _ in }
        #expect(ingest.files[0].encoding == "vni")
        // The padding x's stand at the end of the description.
        let expected = "05/03/2020,Đảng bộ cơ sở A,Văn kiện đại hội,Hội thảo,30,1,Hội thảo văn kiện của đảng bộ"
        // Compared as bytes: String's == would take a letter and its loose mark as equal.
        let raws = Set(ingest.rejections.map { Array(String($0.raw.prefix { $0 != "x" }).utf8) })
        #expect(ingest.rejections.count == b / l + 3)
        #expect(raws == [Array(expected.utf8)], "\(raws.count) distinct rows")
    }

    @Test func forcedEncodingWinsOverDetection() throws {
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        let name = "nhat-ky_vni.csv"
        LogFileReader.ingest(LogFinder.Found(relativePath: name, url: Self.folder.appendingPathComponent(name)),
                             into: &ingest, encoding: .legacy(.tcvn3)) { _ in }
        #expect(ingest.files[0].encoding == "tcvn3")
        #expect(ingest.files[0].accepted == 0)  // read as TCVN3, no name matches
    }

    @Test func utf8IsNeverTakenForALegacyEncoding() {
        let text = "Ngày,Đơn vị,Nội dung\n05/03/2020,Chi bộ Một,Văn kiện đại hội của chi bộ\n"
        #expect(EncodingDetector.detect(Array(text.utf8)).encoding == .utf8)
        // A block cut inside a letter is still UTF-8.
        let cut = Array(text.utf8).prefix(6)  // "Ngà" + half of nothing: "Ng" + 0xC3 0xA0 + "y," -> cut after 0xC3
        #expect(EncodingDetector.detect(Array(cut.prefix(3))).encoding == .utf8)
    }

    @Test func misreadTextScoresLowerThanTheRightReading() {
        // "ngày" in TCVN3 is "ng" 0xB5 "y"; read as Windows-1258 it is "ngµy".
        let tcvn: [UInt8] = [0x6E, 0x67, 0xB5, 0x79, 0x20, 0x6C, 0xE3, 0x63, 0x68, 0x20, 0x73, 0xAD, 0x20]  // "ngày lịch sư"
        let guess = EncodingDetector.detect(tcvn)
        #expect(guess.encoding == .legacy(.tcvn3), "\(guess.scores)")
        #expect(LegacyEncoding.windows1258.decode(tcvn).hasPrefix("ngµy"))
    }

    @Test func encodingNamesForTheCommandLine() {
        #expect(TextEncoding(name: "VNI") == .legacy(.vni))
        #expect(TextEncoding(name: "cp1258") == .legacy(.windows1258))
        #expect(TextEncoding(name: "ABC") == .legacy(.tcvn3))
        #expect(TextEncoding(name: "utf8") == .utf8)
        #expect(TextEncoding(name: "latin1") == nil)
    }
}
