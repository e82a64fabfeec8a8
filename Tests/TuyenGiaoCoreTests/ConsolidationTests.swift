import Foundation
import Testing
@testable import TuyenGiaoCore

/// The superior level reading its committees' summaries (issue 20): mapping items, forms
/// and phases across levels, refusing what cannot be trusted, and what a summary adds.
@Suite struct ConsolidationTests {
    /// A superior plan: two committees report by summary (KH-A, KH-C), B logs itself.
    static let superiorYAML = """
    plan: {code: "7-KH/ĐU", title: "Thử", issuer: "Ban Thường vụ Đảng ủy Thử", issued: 2020-01-01}
    reporting: {due_day: 20}
    items:
      - {code: ND01, title: "Lịch sử Đảng"}
      - {code: ND02, title: "Đại hội chi bộ"}
      - {code: ND03, title: "Văn kiện đại hội"}
      - {code: ND04, title: "Gương người tốt"}
    forms:
      - {code: HN, title: "Hội nghị"}
      - {code: TQ, title: "Trực quan"}
    phases:
      - {code: P1, title: "Đợt một", start: 2020-01-01, end: 2020-02-29, items: [ND01, ND02]}
      - {code: P2, title: "Đợt hai", start: 2020-02-01, end: 2020-03-31, items: [ND02, ND03, ND04]}
    units:
      - {code: ROOT, name: "Đảng bộ Thử"}
      - {code: A, name: "Đảng bộ A", parent: ROOT, plan_code: "KH-A"}
      - {code: C, name: "Đảng bộ C", parent: ROOT, plan_code: "kh-c"}
      - {code: B, name: "Chi bộ B", parent: ROOT}
    """

    static func plan() throws -> Plan { try PlanLoader.load(yaml: superiorYAML) }

    /// A summary as a committee's tuyengiao writes it (the fields the level above reads).
    struct Draft {
        var schema = "tuyengiao.summary/1"
        var planCode = "KH-A"
        var month = "2020-02"
        var totals = (activities: 5, participants: 50, quantity: 7)
        var rows = (read: 6, accepted: 5, rejected: 1, replaced: 0)
        var units: [(code: String, parent: String?, expected: Bool, status: String, activities: Int, participants: Int, quantity: Int)] = [
            ("A", nil, false, "reported", 5, 50, 7), ("A1", "A", true, "reported", 5, 50, 7), ("A2", "A", true, "not_reported", 0, 0, 0),
        ]
        var items: [(code: String, title: String, superior: String?, activities: Int)] = [
            ("X1", "Một nội dung riêng", "ND03", 2), ("ND02", "Đại hội chi bộ cơ sở", nil, 3),
            ("Y7", "lịch sử  ĐẢNG", nil, 1), ("Z9", "Việc khác", nil, 1), ("X2", "Nội dung lạ", "ND99", 1),
        ]
        /// The count the totals claim, when a test makes it disagree with the unit list.
        var claimedReported: Int? = nil
        var forms: [(code: String, title: String, activities: Int)] = [("HN", "Hội nghị", 3), ("F2", "trực quan", 1), ("MXH", "Mạng xã hội", 1)]
        var phases: String = """
        [{"code": "P2", "title": "Đợt hai", "active": true, "required": ["ND02", "X1"], "coverage": 0.25,
          "coverage_units": 0.25, "coverage_units_sum": 0.5, "units_grassroots": 2,
          "month": {"activities": 4, "participants": 40, "quantity": 6}, "covered_month": ["ND02", "X1", "Z9"]}]
        """

        var json: String {
            func q(_ s: String?) -> String { s.map { "\"\($0)\"" } ?? "null" }
            let expected = units.filter(\.expected), reported = expected.filter { $0.status == "reported" || $0.status == "nil_report" }
            return """
            {"schema": "\(schema)", "plan": {"code": "\(planCode)", "title": "t", "issuer": "i"},
             "period": {"month": "\(month)", "provisional": false}, "as_of": "2020-03-15",
             "totals": {"activities": \(totals.activities), "participants": \(totals.participants), "quantity": \(totals.quantity),
                        "units_expected": \(expected.count), "units_reported": \(claimedReported ?? reported.count), "units_on_time": 1,
                        "rows_read": \(rows.read), "rows_accepted": \(rows.accepted), "rows_rejected": \(rows.rejected),
                        "rows_replaced": \(rows.replaced)},
             "phases": \(phases),
             "units": [\(units.map { "{\"code\": \"\($0.code)\", \"parent\": \(q($0.parent)), \"expected\": \($0.expected), \"status\": \"\($0.status)\", \"month\": {\"activities\": \($0.activities), \"participants\": \($0.participants), \"quantity\": \($0.quantity)}}" }.joined(separator: ", "))],
             "items": [\(items.map { "{\"code\": \"\($0.code)\", \"title\": \"\($0.title)\", \"superior\": \(q($0.superior)), \"activities\": \($0.activities), \"participants\": \($0.activities * 10)}" }.joined(separator: ", "))],
             "forms": [\(forms.map { "{\"code\": \"\($0.code)\", \"title\": \"\($0.title)\", \"activities\": \($0.activities), \"participants\": 0, \"quantity\": 0}" }.joined(separator: ", "))]}
            """
        }

        var summary: SubordinateSummary {
            get throws { try JSONDecoder().decode(SubordinateSummary.self, from: Data(json.utf8)) }
        }
    }

    @Test func itemsMapBySuperiorCodeThenSharedCodeThenFoldedTitleAndTheRestIsNamedOnce() throws {
        let plan = try Self.plan(), s = try Draft().summary
        let m = LevelMapping(summary: s, plan: plan)
        #expect(m.item("X1") == 2, "superior: ND03 wins over everything")
        #expect(m.item("ND02") == 1, "a shared code")
        #expect(m.item("Y7") == 0, "a title equal once case, diacritics-insensitive spaces are folded")
        #expect(m.item("Z9") == nil && m.item("X2") == nil)
        #expect(m.form("HN") == 0 && m.form("F2") == 1 && m.form("MXH") == nil)
        #expect(m.phase("P2") == 1)
        #expect(m.unmapped == ["nội dung Z9 \"Việc khác\"", "nội dung X2 (cấp trên ND99: không có trong kế hoạch này)",
                               "hình thức MXH \"Mạng xã hội\""])
        // A superior code beats a shared code: ND02 carrying superior ND04 maps to ND04.
        var d = Draft()
        d.items = [("ND02", "Đại hội chi bộ", "ND04", 1)]
        #expect(LevelMapping(summary: try d.summary, plan: plan).item("ND02") == 3)
    }

    /// A committee's phase matched to a superior phase that has ended (its own ran longer):
    /// its month counts in that phase's cumulative figures all the same.
    @Test func aSummaryMonthAfterTheSuperiorPhaseEndedStillCountsInIt() throws {
        let plan = try Self.plan()   // P1 ends 2020-02-29
        var d = Draft()
        d.month = "2020-03"
        d.phases = """
        [{"code": "P1", "title": "Đợt một", "active": true, "required": ["ND02"], "coverage": 0.5,
          "month": {"activities": 4, "participants": 40, "quantity": 6}, "covered_month": ["ND02"]}]
        """
        let intake = SubordinateIntake([.init(file: 0, name: "2020-04-10/A_tong-hop_2020-03.json", summary: .success(try d.summary))],
                                       plan: plan)
        var cube = ActivityCube(plan: plan)
        for c in intake.contributions { cube.add(c) }
        let march = MonthKey(year: 2020, month: 3), m = cube.monthIndex(march)
        #expect(intake.outcomes[0] == .taken(unit: 1, month: march))
        #expect(cube.phaseUnitItemCount(month: m, phase: 0, unit: 1, item: 1) == 3)
        let p1 = MonthlyFigures.phaseCoverage(plan: plan, cube: cube, phase: 0, month: m,
                                              periodStart: plan.calendar.start(of: march), periodEnd: plan.calendar.end(of: march))
        #expect(p1.measures == Measures(activities: 4, participants: 40, quantity: 6))
    }

    @Test func aSummaryAddsItsTreeAsOneUnitAndCoversWhatItsUnitsCovered() throws {
        let plan = try Self.plan()
        let intake = SubordinateIntake([.init(file: 0, name: "2020-03-10/A_tong-hop_2020-02.json", summary: .success(try Draft().summary))],
                                       plan: plan)
        #expect(intake.outcomes[0] == .taken(unit: 1, month: MonthKey(year: 2020, month: 2)))
        #expect(intake.warnings.count == 3, "each unmapped entry said once: \(intake.warnings)")
        var cube = ActivityCube(plan: plan)
        for c in intake.contributions { cube.add(c) }
        let m = cube.monthIndex(MonthKey(year: 2020, month: 2))
        #expect(cube.unitMeasures(month: m, unit: 1) == Measures(activities: 5, participants: 50, quantity: 7),
                "unmapped items and forms still count in the totals")
        #expect(cube.unitItemActivities(month: m, unit: 1, item: 2) == 2)   // X1 → ND03
        #expect(cube.itemMeasures(month: m, item: 2) == Measures(activities: 2, participants: 20))
        #expect(cube.formMeasures(month: m, form: 1).activities == 1)       // "trực quan" → TQ
        // P2 (matched by code): its month and the mapped items its units covered; Z9 maps to nothing.
        #expect(cube.phaseUnitMeasures(month: m, phase: 1, unit: 1) == Measures(activities: 4, participants: 40, quantity: 6))
        #expect(cube.phaseUnitItemCount(month: m, phase: 1, unit: 1, item: 1) == 3)
        #expect(cube.phaseUnitItemCount(month: m, phase: 1, unit: 1, item: 2) == 2)
        #expect(cube.phaseUnitItemCount(month: m, phase: 1, unit: 1, item: 3) == 0)
        // P1 runs in February but the summary has no P1: the month's items count in it.
        #expect(cube.phaseUnitItemCount(month: m, phase: 0, unit: 1, item: 0) == 1)   // Y7 → ND01
        #expect(cube.phaseUnitItemCount(month: m, phase: 0, unit: 1, item: 1) == 3)
        #expect(cube.files(month: m, unit: 1) == [0])

        let f = MonthlyFigures(plan: plan, cube: cube, period: MonthKey(year: 2020, month: 2), asOf: day(2020, 3, 15),
                               receipts: nil, ledger: intake.ledger)
        let p2 = try #require(f.phases.first { $0.code == "P2" })
        // B logs nothing (0 of 1 unit), C sent nothing (counts itself, 0), A brings 0.5 over 2 units.
        #expect(p2.grassroots == .init(sum: 0.5, units: 4))
        #expect(p2.coverageUnits == 0.125)
        #expect(f.grassrootsUnits == 4)
        #expect(f.subordinates.map(\.unit.code) == ["A", "C"])
        #expect(f.subordinates[0].summary?.completeness == 0.5 && f.subordinates[1].summary == nil)
    }

    @Test func everyRefusalSaysWhy() throws {
        let plan = try Self.plan()
        func refusal(_ change: (inout Draft) -> Void, name: String = "A_tong-hop_2020-02.json") throws -> String? {
            var d = Draft()
            change(&d)
            return SummaryIntegrity.refusal(try d.summary, nameMonth: SummaryIntegrity.nameMonth(name), plan: plan)
        }
        #expect(try refusal { _ in } == nil)
        #expect(try refusal { $0.schema = "tuyengiao.summary/2" }?.contains("Lược đồ \"tuyengiao.summary/2\"") == true)
        #expect(try refusal { $0.planCode = "KH-X" }?.contains("không đơn vị nào trong kế hoạch mang plan_code này") == true)
        #expect(try refusal { $0.planCode = "kh-a" } == nil, "plan codes match without regard to case")
        #expect(try refusal({ $0.month = "2019-12" }, name: "tong-hop_2019-12.json")?.contains("ngoài thời gian của kế hoạch") == true)
        #expect(try refusal({ $0.month = "2020-04" }, name: "tong-hop_2020-04.json")?.contains("ngoài thời gian") == true)
        #expect(try refusal({ $0.month = "2020-03" }, name: "tong-hop_2020-03.json") == nil, "the plan's last month")
        #expect(try refusal { $0.month = "2020-03" }?.contains("Tên tệp ghi tháng 02/2020") == true)
        #expect(try refusal { $0.totals.activities = 6 }?.contains("khác tổng của các đơn vị") == true)
        #expect(try refusal { $0.totals.quantity = 8 }?.contains("khác tổng của các đơn vị") == true)
        #expect(try refusal { $0.rows.read = 7 }?.contains("đọc 7 dòng") == true)
        #expect(try refusal { $0.claimedReported = 2 }?.contains("ghi 2/2 đơn vị báo cáo nhưng danh sách đơn vị có 1/2") == true)
    }

    @Test func aLaterSummaryForTheSameMonthReplacesTheEarlierAndACopyIsToldApart() throws {
        let plan = try Self.plan()
        var first = Draft(), second = Draft()
        second.totals.activities = 4; second.units[0].activities = 4; second.units[1].activities = 4
        let json = { (d: Draft, digest: String) in
            try JSONDecoder().decode(SubordinateSummary.self, from: Data(d.json.replacingOccurrences(
                of: "\"as_of\"", with: "\"content_digest\": \"\(digest)\", \"as_of\"").utf8))
        }
        first.month = "2020-02"
        let intake = SubordinateIntake([
            .init(file: 0, name: "a/tong-hop_2020-02.json", summary: .success(try json(first, "d1"))),
            .init(file: 1, name: "b/tong-hop_2020-02.json", summary: .success(try json(first, "d1"))),
            .init(file: 2, name: "c/tong-hop_2020-02.json", summary: .success(try json(second, "d2"))),
            .init(file: 3, name: "d/tong-hop_2020-02.json", summary: .failure(.init("JSON hỏng"))),
        ], plan: plan)
        #expect(intake.outcomes[0] == .replaced(by: "b/tong-hop_2020-02.json", same: true, unit: 1))
        #expect(intake.outcomes[1] == .replaced(by: "c/tong-hop_2020-02.json", same: false, unit: 1))
        #expect(intake.outcomes[2] == .taken(unit: 1, month: MonthKey(year: 2020, month: 2)))
        #expect(intake.outcomes[3] == .refused("JSON hỏng"))
        #expect(intake.contributions.count == 1)
        #expect(intake.contributions[0].totals.activities == 4)
        #expect(intake.contributions[0].earlierFiles == [0, 1], "the first receipt decides timeliness")
        var cube = ActivityCube(plan: plan)
        for c in intake.contributions { cube.add(c) }
        #expect(cube.files(month: cube.monthIndex(MonthKey(year: 2020, month: 2)), unit: 1) == [0, 1, 2])
    }

    /// A summary with no activity at all is the committee's nil report: reported, nothing done.
    @Test func aSummaryWithNoActivityIsANilReport() throws {
        let plan = try Self.plan()
        var d = Draft()
        d.totals = (0, 0, 0)
        d.units = [("A", nil, false, "nil_report", 0, 0, 0), ("A1", "A", true, "nil_report", 0, 0, 0)]
        d.items = []; d.forms = []
        let intake = SubordinateIntake([.init(file: 0, name: "tong-hop_2020-02.json", summary: .success(try d.summary))], plan: plan)
        var cube = ActivityCube(plan: plan)
        for c in intake.contributions { cube.add(c) }
        let f = MonthlyFigures(plan: plan, cube: cube, period: MonthKey(year: 2020, month: 2), asOf: day(2020, 3, 15),
                               receipts: nil, ledger: intake.ledger)
        #expect(f.units.first { $0.code == "A" }?.status == .nilReport)
        #expect(f.units.first { $0.code == "C" }?.status == .notReported)
        #expect(f.unitsReported == 1 && f.unitsNilReport == 1)
    }

    @Test func summaryNamesAreKnownWithOrWithoutAPrefix() {
        #expect(SummaryIntegrity.isSummaryName("tong-hop_2020-03.json"))
        #expect(SummaryIntegrity.isSummaryName("DB01_tong-hop_2020-03-2.json"))
        #expect(!SummaryIntegrity.isSummaryName("tong-hop_2020-03.xlsx") && !SummaryIntegrity.isSummaryName("ghi-chu.json"))
        #expect(SummaryIntegrity.nameMonth("DB01_tong-hop_2020-03-2.json") == MonthKey(year: 2020, month: 3))
        #expect(SummaryIntegrity.nameMonth("tong-hop_x.json") == nil)
    }

    @Test func twoUnitsCannotShareAPlanCode() {
        let yaml = Self.superiorYAML.replacingOccurrences(of: "plan_code: \"kh-c\"", with: "plan_code: \"KH-a\"")
        #expect(throws: InvalidPlan.self) { try PlanLoader.load(yaml: yaml) }
        do { _ = try PlanLoader.load(yaml: yaml) } catch {
            #expect(error.problems.contains { $0.message.contains("plan_code \"KH-a\" trùng với đơn vị A") })
        }
    }

    func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
}
