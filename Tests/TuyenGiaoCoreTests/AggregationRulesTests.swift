import Testing
@testable import TuyenGiaoCore

/// SPEC §6, rule by rule, on the tiny fixture (see Fixtures/tiny-logs.csv for the rows).
@Suite struct AggregationRulesTests {
    @Test func everyRowIsAccountedFor() throws {
        let run = try TinyRun()
        let t = run.ingest.totals
        #expect(t.rowsRead == 8)
        #expect(t.accepted == 7)
        #expect(t.replaced == 1)
        #expect(t.rejected == 0)
        #expect(t.rowsRead == t.accepted + t.rejected + t.replaced)
    }

    @Test func multiItemRowCountsOncePerItemGroupAndOnceOtherwise() throws {
        let run = try TinyRun()
        let jan = run.figures("2020-01")
        // Row 1 (ND01;ND02, 10 people) and row 3 (ND01, banners): 2 activities, not 3.
        #expect(jan.month == Measures(activities: 2, participants: 10, quantity: 5))
        let nd01 = jan.items.first { $0.code == "ND01" }!
        let nd02 = jan.items.first { $0.code == "ND02" }!
        #expect(nd01.month.activities == 2)
        #expect(nd01.month.participants == 10)
        #expect(nd02.month.activities == 1)
        #expect(nd02.month.participants == 10)
    }

    @Test func overlappingPhasesBothCountTheActivity() throws {
        let run = try TinyRun()
        var summary = AdHocSummary(plan: run.plan, query: SummaryQuery(dimensions: [.phase, .unit]),
                                   lastPeriod: MonthKey.parse("2020-12")!)
        var ingest = LogIngest(plan: run.plan, asOf: day("2020-12-31"))
        ingest.ingestCSV(name: "t.csv", text: try Fixture.text("tiny-logs.csv")) { summary.add($0) }
        ingest.finish { summary.add($0) }
        let rows = summary.rows()
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { ($0.keys.joined(separator: "/"), $0) })
        // The February row of A1 is in P1 and in P2.
        #expect(byKey["P1/A1"]?.measures == Measures(activities: 2, participants: 15, quantity: 2))
        #expect(byKey["P2/A1"]?.measures == Measures(activities: 2, participants: 35, quantity: 2))
        #expect(byKey["P1/A1"]?.covered == 2)
        #expect(byKey["P2/A1"]?.covered == 2)
        #expect(byKey["P2/A1"]?.required == 3)
        #expect(byKey["P2/B"]?.measures.participants == 1200)
        #expect(byKey["P1/A2"] == nil, "a unit with no activity is not listed")
        #expect(rows.map { $0.keys.joined(separator: "/") } == ["P1/A1", "P1/B", "P2/A1", "P2/B"])
    }

    @Test func coverageRollUpAveragesExpectedUnitsCountingNonReportersAsZero() throws {
        let run = try TinyRun()
        let feb = run.figures("2020-02")
        let p1 = feb.phases.first { $0.code == "P1" }!
        func row(_ code: String) -> PhaseCoverageRow { p1.rows.first { $0.code == code }! }
        #expect(row("A1").coverage == 1.0)
        #expect(row("A2").coverage == 0.0)
        #expect(row("B").coverage == 0.5)
        #expect(row("A").coverage == 0.5)            // mean(A1 1.0, A2 0.0)
        #expect(row("ROOT").coverage == 0.5)         // mean(1.0, 0.0, 0.5)
        #expect(p1.coverage == 0.5)
        #expect(p1.itemRates[0] == 2.0 / 3.0)        // ND01: A1 and B of 3 expected
        #expect(p1.itemRates[1] == 1.0 / 3.0)        // ND02: A1 only
        // Parent activity counts are sums over the subtree.
        #expect(row("A").itemCounts == row("A1").itemCounts)
        #expect(row("ROOT").itemCounts == [2, 2])      // ND01: A1 and B; ND02: A1 twice
        let mar = run.figures("2020-03")
        let p2 = mar.phases.first { $0.code == "P2" }!
        #expect(abs(p2.coverage - 1.0 / 3.0) < 1e-12)  // (2/3 + 0 + 1/3) / 3
        #expect(p2.missingByUnit.first { run.plan.units[$0.unit].code == "A1" }?.missing == ["ND03"])
    }

    /// Receipts (§5, §7.5) need, per unit and month, every file holding one of its rows:
    /// each file once, in the order first met, however the files alternate, and after a
    /// merge with another thread's cube, in ascending order.
    @Test func theCubeKnowsEveryFileOfEachUnitAndMonth() throws {
        let plan = try Fixture.tinyPlan()
        let a1 = plan.units.units.firstIndex { $0.code == "A1" }!, b = plan.units.units.firstIndex { $0.code == "B" }!
        func activity(_ date: String, _ unit: Int, file: Int) -> Activity {
            let d = day(date)
            return Activity(day: d, period: plan.calendar.period(of: d), unit: unit, items: [0], form: 0, participants: 1,
                            quantity: 1, pinnedPhase: nil, isNilReport: false, file: file)
        }
        var cube = ActivityCube(plan: plan)
        for (unit, file) in [(a1, 3), (a1, 3), (b, 1), (a1, 1), (a1, 3), (a1, 0), (b, 1), (a1, 1)] {
            cube.add(activity("2020-03-05", unit, file: file))
        }
        cube.add(activity("2020-04-05", a1, file: 1))
        let march = cube.monthIndex(MonthKey.parse("2020-03")!), april = cube.monthIndex(MonthKey.parse("2020-04")!)
        #expect(cube.files(month: march, unit: a1) == [3, 1, 0])
        #expect(cube.files(month: march, unit: b) == [1])
        #expect(cube.files(month: april, unit: a1) == [1])
        var other = ActivityCube(plan: plan)
        other.add(activity("2020-03-05", a1, file: 2))
        cube.merge(other)
        cube.add(activity("2020-03-06", a1, file: 2))
        cube.add(activity("2020-03-06", a1, file: 4))
        #expect(cube.files(month: march, unit: a1) == [0, 1, 2, 3, 4])
    }

    @Test func activitiesOutsideEveryPhaseCountInTotalsButCoverNothing() throws {
        let run = try TinyRun()
        let apr = run.figures("2020-04")
        #expect(apr.month.activities == 1)
        #expect(apr.outsidePhases == 1)
        #expect(apr.activePhases.isEmpty)
        #expect(run.cube.outsideByUnit == [run.unitIndex("B"): 1])
    }

    @Test func nilReportCountsAsReportedButAddsNothing() throws {
        let run = try TinyRun()
        let apr = run.figures("2020-04")
        let a1 = apr.units.first { $0.code == "A1" }!
        #expect(a1.status == .nilReport)
        #expect(a1.month.activities == 0)
        #expect(apr.unitsReported == 2)              // A1 (nothing to report) and B
        #expect(apr.unitsNilReport == 1)
        #expect(apr.notReported.map(\.code) == ["A2"])
        let feb = run.figures("2020-02")
        #expect(feb.units.first { $0.code == "B" }!.status == .notReported)
    }

    @Test func resentRowWithSameIdReplacesTheEarlierOne() throws {
        let run = try TinyRun()
        let mar = run.figures("2020-03")
        let a1 = mar.units.first { $0.code == "A1" }!
        #expect(a1.month == Measures(activities: 1, participants: 30, quantity: 1))
    }

    @Test func parentMeasuresRollUpTheirSubtree() throws {
        let run = try TinyRun()
        let jan = run.figures("2020-01")
        let root = jan.units.first { $0.code == "ROOT" }!
        let a = jan.units.first { $0.code == "A" }!
        #expect(a.month == Measures(activities: 1, participants: 10, quantity: 1))
        #expect(root.month == jan.month)
        let mar = run.figures("2020-03")
        #expect(mar.cumulative.activities == 5)      // Jan 2, Feb 1, Mar 2
        #expect(mar.completeness == 2.0 / 3.0)
    }

    @Test func periodsAfterAsOfAreProvisional() throws {
        let run = try TinyRun(asOf: day("2020-04-10"))
        #expect(run.figures("2020-03", asOf: day("2020-04-10")).provisional)   // due 20/04
        #expect(!run.figures("2020-02", asOf: day("2020-04-10")).provisional)  // due 20/03
    }
}
