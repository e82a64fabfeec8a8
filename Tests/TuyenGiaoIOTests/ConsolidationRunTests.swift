import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Two levels through `run` (issue 20): a committee runs its own workspace; its JSON summary
/// is filed under the superior's `logs/`, and the superior's run takes it as that unit's
/// report — dated by the register, summed with the superior's own units, refused when it
/// cannot be trusted, replaced when re-sent, frozen once sent.
@Suite struct ConsolidationRunTests {
    static let common = """
    reporting: {due_day: 20}
    items:
      - {code: ND01, title: "Lịch sử Đảng"}
      - {code: ND02, title: "Đại hội chi bộ; đại hội đảng bộ"}
      - {code: ND03, title: "Văn kiện đại hội"}
    forms:
      - {code: HN, title: "Hội nghị"}
      - {code: TQ, title: "Trực quan"}
    phases:
      - {code: P1, title: "Đợt một", start: 2020-01-01, end: 2020-03-31, items: [ND01, ND02, ND03]}

    """

    /// The committee A (its own plan KH-A: A over A1, A2) and its superior (ROOT over the
    /// committee A and the chi bộ B, which logs itself).
    final class TwoLevels {
        let tmp: TempDir
        let sub: SmallOfficeFolder
        let sup: SmallOfficeFolder

        init() throws {
            tmp = try TempDir()
            sub = try SmallOfficeFolder(tmp.sub("sub"), plan: """
            plan: {code: "KH-A", title: "Cấp dưới", issuer: "Ban Thường vụ Đảng ủy A", issued: 2020-01-01, implements: "7-KH/ĐU"}
            \(ConsolidationRunTests.common)units:
              - {code: A, name: "Đảng bộ A"}
              - {code: A1, name: "Chi bộ Một", parent: A}
              - {code: A2, name: "Chi bộ Hai", parent: A}
            """)
            sup = try SmallOfficeFolder(tmp.sub("sup"), plan: """
            plan: {code: "7-KH/ĐU", title: "Cấp trên", issuer: "Ban Thường vụ Đảng ủy Thử", issued: 2020-01-01}
            \(ConsolidationRunTests.common)units:
              - {code: ROOT, name: "Đảng bộ Thử"}
              - {code: A, name: "Đảng bộ A", parent: ROOT, plan_code: "KH-A"}
              - {code: B, name: "Chi bộ Bê", parent: ROOT}
            """)
        }

        /// The committee's summary of `month`, as its run on `asOf` writes it.
        func summary(_ month: String, asOf: String = "2020-04-30") throws -> Data {
            try sub.run(asOf, whatIf: true)
            return try Data(contentsOf: sub.folder.appendingPathComponent("Output/tong-hop_\(month).json"))
        }
    }

    /// A workspace of its own plan with an empty `logs/` and register.
    final class SmallOfficeFolder {
        let folder: URL
        var input: URL { folder.appendingPathComponent("Input") }
        init(_ folder: URL, plan: String) throws {
            self.folder = folder
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("Input/logs"), withIntermediateDirectories: true)
            try plan.write(to: input.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        }
        func log(_ name: String, _ rows: String) throws {
            let url = input.appendingPathComponent("logs/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (SmallOffice.header + rows).write(to: url, atomically: true, encoding: .utf8)
        }
        func file(_ name: String, _ data: Data) throws {
            let url = input.appendingPathComponent("logs/\(name)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        @discardableResult
        func run(_ today: String, whatIf: Bool = false) throws -> MonthlyRun.Result {
            try MonthlyRun.run(.init(input: input, output: folder.appendingPathComponent("Output"),
                                     reports: folder.appendingPathComponent("Reports"), asOf: day(today), recordsReceipts: !whatIf))
        }
        func json(_ month: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("Output/tong-hop_\(month).json"))) as! [String: Any]
        }
        func unit(_ code: String, _ month: String) throws -> [String: Any] {
            try #require((try json(month)["units"] as! [[String: Any]]).first { $0["code"] as? String == code })
        }
        func totals(_ month: String) throws -> [String: Any] { try json(month)["totals"] as! [String: Any] }
    }

    static func edited(_ data: Data, _ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// The first receipt of the summary decides, as for a log: on the due day (20/02 for
    /// January) on time, the day after late by one day.
    @Test(arguments: [("2020-02-20", true, 0), ("2020-02-21", false, 1)])
    func aSummaryIsOnTimeByItsReceipt(received: String, onTime: Bool, daysLate: Int) throws {
        let w = try TwoLevels()
        try w.sub.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n16/01/2020,A1,ND02,TQ,5\n")
        let summary = try w.summary("2020-01")
        try w.sup.run("2020-01-05")                                  // the register begins, empty
        try w.sup.file("A/tong-hop_2020-01.json", summary)
        try w.sup.run(received)
        let a = try w.sup.unit("A", "2020-01")
        #expect(a["status"] as? String == "reported")
        #expect(a["first_receipt"] as? String == received)
        #expect(a["days_late"] as? Int == daysLate)
        #expect((a["days_late"] as? Int == 0) == onTime)
        let register = try String(contentsOf: w.sup.input.appendingPathComponent("so-nhan.csv"), encoding: .utf8)
        #expect(register.contains("A/tong-hop_2020-01.json,"))
        #expect(register.contains(",\(received),run,1,1,0,A,json,2020-01"))
    }

    /// The superior's own unit B logs; the committee A sends its summary and, by mistake, a
    /// raw row of its own for the same month: summed once, the summary used, the row set
    /// aside (counted as replaced) with a warning; the grassroots are A's two chi bộ and B.
    @Test func aMixedMonthIsSummedWithoutCountingTwice() throws {
        let w = try TwoLevels()
        try w.sub.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n16/01/2020,A1,ND02,TQ,5\n")
        let summary = try w.summary("2020-01")
        try w.sup.log("b.csv", "10/01/2020,B,ND03,HN,7\n")
        try w.sup.log("a-tho.csv", "11/01/2020,A,ND03,HN,100\n")
        try w.sup.file("tong-hop_2020-01.json", summary)
        let result = try w.sup.run("2020-04-30", whatIf: true)
        let t = try w.sup.totals("2020-01")
        #expect(t["activities"] as? Int == 3 && t["participants"] as? Int == 22)
        #expect(t["units_expected"] as? Int == 2 && t["units_reported"] as? Int == 2)
        #expect(t["units_grassroots"] as? Int == 3)
        #expect(t["rows_read"] as? Int == 3 && t["rows_accepted"] as? Int == 2 && t["rows_replaced"] as? Int == 1)
        #expect(result.consolidationNotes.contains { $0.contains("Đảng bộ A tháng 01/2020: có cả báo cáo tổng hợp và 1 dòng nhật ký") })
        let raw = try #require(result.files.first { $0.name == "a-tho.csv" })
        #expect(raw.accepted == 0 && raw.replaced == 1)
        // P1 needs 3 items: A1 covered 2, A2 none, B one: (2/3 + 0 + 1/3) / 3.
        let p1 = try #require((try w.sup.json("2020-01")["phases"] as! [[String: Any]]).first)
        #expect(p1["coverage_units"] as? Double == 0.3333)
        #expect(p1["units_grassroots"] as? Int == 3)
        // At the superior, A is one unit that covered ND01 and ND02, B one that covered ND03.
        #expect(p1["coverage"] as? Double == 0.5)
        let a = try w.sup.unit("A", "2020-01")["month"] as! [Int]
        #expect(a.first == 2, "the summary's figures, not the raw row's")
    }

    /// What cannot be trusted is refused as a whole, named in the register, the rejected
    /// rows and the run's file list; a committee whose only summary was refused "sent, but
    /// the data are wrong".
    @Test func refusedSummariesAreNamedWithTheirReason() throws {
        let w = try TwoLevels()
        try w.sub.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n")
        let summary = try w.summary("2020-01")
        try w.sup.file("x/tong-hop_2020-01.json", try Self.edited(summary) { o in
            var plan = o["plan"] as! [String: Any]; plan["code"] = "KH-X"; o["plan"] = plan
        })
        try w.sup.file("y/tong-hop_2020-01.json", try Self.edited(summary) { o in
            var t = o["totals"] as! [String: Any]; t["activities"] = 9; o["totals"] = t
        })
        try w.sup.file("z/tong-hop_2020-01.json", Data("{\"schema\": \"tuyengiao.summary/1\"".utf8))
        try w.sup.file("w/tong-hop_2020-01.json", try Self.edited(summary) { $0["schema"] = "khac/1" })
        let result = try w.sup.run("2020-04-30", whatIf: true)
        let errors = Dictionary(uniqueKeysWithValues: result.files.compactMap { f in f.fileError.map { (f.name, $0) } })
        #expect(errors["x/tong-hop_2020-01.json"]?.contains("kế hoạch \"KH-X\": không đơn vị nào") == true)
        #expect(errors["y/tong-hop_2020-01.json"]?.contains("tổng số (9 hoạt động") == true)
        #expect(errors["z/tong-hop_2020-01.json"]?.contains("JSON hỏng") == true)
        #expect(errors["w/tong-hop_2020-01.json"]?.contains("Lược đồ \"khac/1\"") == true)
        let rejected = try String(contentsOf: w.sup.folder.appendingPathComponent("Output/du-lieu-loi.csv"), encoding: .utf8)
        #expect(rejected.contains("y/tong-hop_2020-01.json,0,unreadable_file,"))
        #expect(try w.sup.unit("A", "2020-01")["status"] as? String == "rejected")
        #expect(try w.sup.totals("2020-01")["activities"] as? Int == 0)
        let text = try String(contentsOf: w.sup.folder.appendingPathComponent("Reports/bao-cao_2020-01.txt"), encoding: .utf8)
        #expect(text.contains("Cấp ủy cấp dưới gửi báo cáo tổng hợp: 0/1 cấp ủy."))
    }

    /// A re-sent summary for the same month replaces the earlier one (counted as replaced);
    /// a month already frozen keeps what was sent, and says what changed since.
    @Test func aResentSummaryReplacesTheEarlierAndAFrozenMonthKeepsWhatWasSent() throws {
        let w = try TwoLevels()
        try w.sub.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try w.sup.file("2020-02-10/A_tong-hop_2020-01.json", try w.summary("2020-01"))
        try w.sup.run("2020-04-30", whatIf: true)
        let sup = w.sup.folder
        try Freeze.freeze(month: MonthKey(year: 2020, month: 1), date: day("2020-02-20"), input: w.sup.input,
                          output: sup.appendingPathComponent("Output"), reports: sup.appendingPathComponent("Reports"))
        let frozen = sup.appendingPathComponent("Reports/da-gui/2020-01/tong-hop_2020-01.json")
        let sent = try Data(contentsOf: frozen)

        try w.sub.log("a2.csv", "17/01/2020,A2,ND02,HN,4\n")
        try w.sup.file("2020-02-25/A_tong-hop_2020-01.json", try w.summary("2020-01"))
        let result = try w.sup.run("2020-04-30", whatIf: true)
        let t = try w.sup.totals("2020-01")
        #expect(t["activities"] as? Int == 2 && t["participants"] as? Int == 14)
        #expect(t["rows_read"] as? Int == 2 && t["rows_accepted"] as? Int == 1 && t["rows_replaced"] as? Int == 1)
        #expect(result.files.first { $0.name == "2020-02-10/A_tong-hop_2020-01.json" }?.replaced == 1)
        #expect(try Data(contentsOf: frozen) == sent, "the version sent is never rewritten")
        let sentTotals = try #require((try w.sup.json("2020-01")["sent"] as? [String: Any])?["totals"] as? [String: Any])
        #expect(sentTotals["activities"] as? Int == 1)
        // The digest tells a changed resend from a copy.
        let d1 = try JSONSerialization.jsonObject(with: sent) as! [String: Any]
        let d2 = try w.sup.json("2020-01")
        #expect((d1["content_digest"] as? String)?.count == 64 && d1["content_digest"] as? String != d2["content_digest"] as? String)
    }

    /// The committee's own summary carries what the level above needs.
    @Test func aSummaryCarriesWhatTheLevelAboveNeeds() throws {
        let w = try TwoLevels()
        try w.sub.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n")
        _ = try w.summary("2020-01")
        let early = try w.sub.json("2020-01")
        #expect((early["plan"] as? [String: Any])?["implements"] as? String == "7-KH/ĐU")
        let p1 = try #require((early["phases"] as? [[String: Any]])?.first)
        #expect(p1["covered_month"] as? [String] == ["ND01"])
        #expect(p1["coverage_units_sum"] as? Double == 0.333333)
        #expect(p1["units_grassroots"] as? Int == 2)
        // The same figures on another day: the same content digest (only the file differs).
        try w.sub.run("2020-06-30", whatIf: true)
        let later = try w.sub.json("2020-01")
        #expect(later["as_of"] as? String != early["as_of"] as? String)
        #expect(later["content_digest"] as? String == early["content_digest"] as? String)
    }
}
