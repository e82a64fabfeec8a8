import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Reading on several threads, and a large file in pieces, must give what one thread reading
/// the files in order gives: the same tallies, the same rejections with the same line
/// numbers, the same re-sent rows replaced, the same figures.
@Suite struct ParallelIngestionTests {
    let plan: Plan

    init() throws { plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml")) }

    /// A log with every kind of row: good ones, bad dates, unknown units, quoted fields with
    /// delimiters and doubled quotes, re-sent ids (also across files), blank lines.
    func log(rows: Int, seed: UInt64, idPrefix: String = "X") -> String {
        var rng = seed
        func next(_ n: Int) -> Int {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Int((rng >> 33) % UInt64(n))
        }
        let units = ["A1", "B", "Chi bộ Một", "chi bo be", "ZZ"]
        let items = ["ND01", "ND02; ND03", "nd04", "\"Đại hội chi bộ; đại hội đảng bộ\"", "ND09"]
        var out = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta,ma\n"
        for r in 0..<rows {
            let day = next(10) == 0 ? "31/02/2020" : String(format: "%02d/%02d/2020", 1 + next(28), 1 + next(3))
            let description = ["họp chi bộ", "\"treo, băng rôn\"", "\"nói \"\"to\"\"\"", ""][next(4)]
            let id = next(5) == 0 ? "\(idPrefix)\(next(40))" : ""
            out += "\(day),\(units[next(units.count)]),\(items[next(items.count)]),\(["HN", "TQ", "Hội nghị"][next(3)]),"
                + "\(next(300)),\(1 + next(4)),\(description),\(id)\n"
            if r % 97 == 0 { out += "\n" }
        }
        return out
    }

    struct Result: Equatable {
        var tallies: [String]
        var rejections: [String]
        var rows: [SummaryRow]
        var months: [SummaryRow]
    }

    func read(_ folder: URL, _ options: Ingestion.Options) throws -> Result {
        let files = try LogFinder.find(in: folder)
        let query = SummaryQuery(dimensions: [.phase, .unit, .item])
        let (outcome, summary) = Ingestion.run(plan: plan, files: files, asOf: day("2020-12-31"), options: options) {
            AdHocSummary(plan: plan, query: query, lastPeriod: MonthKey(year: 2020, month: 12))
        }
        let (_, byMonth) = Ingestion.run(plan: plan, files: files, asOf: day("2020-12-31"), options: options) {
            AdHocSummary(plan: plan, query: SummaryQuery(dimensions: [.month, .unit, .form]), lastPeriod: MonthKey(year: 2020, month: 12))
        }
        return Result(
            tallies: outcome.files.map { "\($0.name) \($0.rowsRead)=\($0.accepted)+\($0.rejected)+\($0.replaced) \($0.sha256 ?? "-") \($0.duplicateOf ?? "")" },
            rejections: outcome.rejections.map { "\($0.file):\($0.line) \($0.reason.rawValue) \($0.raw)" },
            rows: summary.rows(), months: byMonth.rows())
    }

    /// Byte-identical files count once (SPEC §4), whichever files share their size: a copy
    /// names the first file with its bytes, a file of the same size but other bytes is read.
    @Test(arguments: [1, 4])
    func aCopyCountsOnceAndNamesTheFirstFileWithItsBytes(workers: Int) throws {
        let tmp = try TempDir()
        let logs = tmp.sub("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let a = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi\n15/01/2020,A1,ND01,HN,10\n"
        let b = "ngay,don_vi,noi_dung,hinh_thuc,so_nguoi\n15/01/2020,A1,ND01,HN,20\n"   // same size, other bytes
        for (name, text) in [("1.csv", a), ("2.csv", b), ("3.csv", a), ("4.csv", b), ("5.csv", a)] {
            try text.write(to: logs.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let r = try read(logs, .init(workers: workers))
        let copyOf = r.tallies.map { String($0.split(separator: " ", omittingEmptySubsequences: false).last ?? "") }
        #expect(copyOf == ["", "", "1.csv", "2.csv", "1.csv"], "\(r.tallies)")
        #expect(r.rows.reduce(0) { $0 + $1.measures.participants } == 30)
    }

    @Test func piecesAndThreadsGiveWhatOneThreadGives() throws {
        let tmp = try TempDir()
        let logs = tmp.sub("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try log(rows: 3000, seed: 1).write(to: logs.appendingPathComponent("a-large.csv"), atomically: true, encoding: .utf8)
        for k in 0..<6 {
            try log(rows: 50 + k * 20, seed: UInt64(10 + k)).write(to: logs.appendingPathComponent("b-\(k).csv"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.copyItem(at: logs.appendingPathComponent("b-2.csv"), to: logs.appendingPathComponent("c-copy.csv"))
        let one = try read(logs, .init(workers: 1))
        let many = try read(logs, .init(workers: 3, splitBytes: 1000, pieceBytes: 9000))
        #expect(one.tallies == many.tallies)
        #expect(one.rejections == many.rejections)
        #expect(one.rows == many.rows)
        #expect(one.months == many.months)
        // The test means something: the large file was cut, rows were replaced and rejected
        // in later pieces, and the copy counted once.
        let pieces = Ingestion.planTasks(files: try LogFinder.find(in: logs), sizes: [200_000] + Array(repeating: 1, count: 7),
                                         duplicateOf: Array(repeating: nil, count: 8), digests: Array(repeating: nil, count: 8),
                                         options: .init(workers: 3, splitBytes: 1000, pieceBytes: 9000))
        #expect(pieces.filter { if case .piece = $0 { true } else { false } }.count > 3)
        #expect(one.tallies.contains { $0.contains("c-copy.csv 0=0+0+0") && $0.hasSuffix("b-2.csv") })
        #expect(one.rejections.contains { $0.hasPrefix("a-large.csv:2") && !$0.hasPrefix("a-large.csv:2 ") })  // lines in the 2000s
        #expect(!one.tallies[0].contains("+0 "), "no row of the large file was replaced: \(one.tallies[0])")
    }

    @Test func aPieceThatBeganInsideQuotesIsReadAgainInOrder() throws {
        // A quoted description with line breaks in it, repeated, so that some cut falls inside quotes.
        let tmp = try TempDir()
        let logs = tmp.sub("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var text = "ngay,don_vi,noi_dung,hinh_thuc,mo_ta\n"
        for r in 0..<400 {
            text += "05/03/2020,A1,ND0\(1 + r % 4),HN,\"dòng một\ndòng hai\ndòng ba \(r)\"\n"
            if r % 50 == 0 { text += "05/03/2020,ZZ,ND01,HN,x\n" }
        }
        try text.write(to: logs.appendingPathComponent("multi-line.csv"), atomically: true, encoding: .utf8)
        let one = try read(logs, .init(workers: 1))
        for pieceBytes in [700, 1000, 1500, 2222] {
            let many = try read(logs, .init(workers: 2, splitBytes: 100, pieceBytes: pieceBytes))
            #expect(one == many, "pieces of \(pieceBytes) bytes")
        }
        #expect(one.tallies.first?.contains("408=400+8+0") == true, "\(one.tallies)")
        #expect(one.rejections.first?.contains("multi-line.csv:5 unknown_unit") == true, "\(one.rejections.first ?? "")")
    }
}
