import Testing
@testable import TuyenGiaoCore

/// The monthly rules of SPEC §5–§6 (Sources/TuyenGiaoCore/Rules/), each at its boundaries,
/// alone and through `MonthlyFigures`. Every test here names the boundary it guards, so a
/// mutation that moves it by one (scripts/mutate.py) has a test that fails.
@Suite struct ReportingStatusRuleTests {
    @Test func oneActivityIsAReportANilReportIsAReportOfNothing() {
        #expect(ReportStatus.of(activities: 1, hasNilReport: false) == .reported)
        #expect(ReportStatus.of(activities: 1, hasNilReport: true) == .reported)
        #expect(ReportStatus.of(activities: 0, hasNilReport: true) == .nilReport)
        #expect(ReportStatus.of(activities: 0, hasNilReport: false) == .notReported)
        #expect(ReportStatus.nilReport.didReport)
        #expect(!ReportStatus.notReported.didReport)
    }
}

@Suite struct TimelinessRuleTests {
    let due = day("2020-08-20")

    @Test func theDueDateItselfIsOnTimeAndTheDayAfterIsLateByOne() {
        #expect(Timeliness.judge(receipts: [due], due: due).timeliness == .onTime)
        #expect(Timeliness.judge(receipts: [due + 1], due: due).timeliness == .late(days: 1))
        #expect(Timeliness.judge(receipts: [due + -1], due: due).timeliness == .onTime)
        #expect(Timeliness.judge(receipts: [due + 30], due: due).timeliness == .late(days: 30))
    }

    @Test func theFirstReceiptCountsSoALaterCorrectionNeverMakesAUnitLate() {
        let (t, first) = Timeliness.judge(receipts: [due + 12, due + -3], due: due)
        #expect(t == .onTime)
        #expect(first == due + -3)
        // Late first, later again: late by the first.
        #expect(Timeliness.judge(receipts: [due + 9, due + 2], due: due).timeliness == .late(days: 2))
    }

    @Test func anUnknownReceiptIsUnknownNeverLate() {
        #expect(Timeliness.judge(receipts: [nil], due: due).timeliness == .unknown)
        #expect(Timeliness.judge(receipts: [], due: due).timeliness == .unknown)
        // A known late receipt beside an unknown one: the unknown one may have come first.
        #expect(Timeliness.judge(receipts: [due + 4, nil], due: due).timeliness == .unknown)
        // A known on-time receipt settles it whatever else is unknown.
        #expect(Timeliness.judge(receipts: [nil, due], due: due).timeliness == .onTime)
    }
}

@Suite struct CoverageAndRollupRuleTests {
    @Test func coverageIsCoveredOverRequired() {
        #expect(CoverageRule.covered([0, 1, 5, 0]) == 2)
        #expect(CoverageRule.covered([0, 0]) == 0)
        #expect(CoverageRule.coverage(covered: 2, required: 4) == 0.5)
        #expect(CoverageRule.coverage(covered: 0, required: 0) == 0)
        #expect(CoverageRule.itemRates(counts: [[1, 0], [1, 1], [0, 0]], units: [0, 1, 2], required: 2) == [2.0 / 3.0, 1.0 / 3.0])
        #expect(CoverageRule.itemRates(counts: [[1]], units: [], required: 1) == [0])
    }

    @Test func aGrandchildReachesTheRootThroughItsParent() throws {
        let plan = try Fixture.tinyPlan()
        let tree = plan.units
        let own = (0..<tree.count).map { tree[$0].code == "A1" ? 7 : tree[$0].code == "B" ? 1 : 0 }
        let rolled = UnitRollup.sums(own, tree: tree, add: +=)
        func at(_ code: String) -> Int { rolled[tree.units.firstIndex { $0.code == code }!] }
        #expect(at("A1") == 7)
        #expect(at("A2") == 0)
        #expect(at("A") == 7)
        #expect(at("ROOT") == 8)
    }

    /// A parent whose subtree expects no report has nothing to average: 0, and it does not
    /// pull down the mean of the units above it (only expected units are averaged).
    @Test func aParentWhoseSubtreeHasNoExpectedUnitShowsZero() throws {
        let plan = try RulesPlan.load(phases: 1, extraUnits: """
              - {code: C, name: "Khối không báo cáo", parent: ROOT}
              - {code: C1, name: "Tổ một", parent: C, reports: false}
            """)
        var cube = ActivityCube(plan: plan)
        cube.add(RulesPlan.activity(plan, "2020-01-02", unit: "U1", items: [0, 1]))
        let f = MonthlyFigures(plan: plan, cube: cube, period: MonthKey(year: 2020, month: 1), asOf: day("2021-01-01"), receipts: nil)
        let p = f.phases[0]
        func row(_ code: String) -> PhaseCoverageRow { p.rows.first { $0.code == code }! }
        #expect(row("C").coverage == 0)
        #expect(row("C1").expected == false)
        #expect(row("U1").coverage == 1)
        #expect(row("ROOT").coverage == 0.5)   // mean(U1 1, U2 0): C and C1 are not averaged
        #expect(p.coverage == 0.5)
    }
}

@Suite struct PhaseMembershipRuleTests {
    /// P1 runs 2020-01-01…2020-02-29 and P2 2020-02-01…2020-03-31 in the tiny plan.
    @Test(arguments: [false, true])
    func aPhaseHoldsItsFirstAndLastDayAndNotTheDaysAround(reference: Bool) throws {
        let plan = try Fixture.tinyPlan()
        let days = PhaseDays(plan.phases, reference: reference)
        func phases(_ d: String) -> [Int] {
            var out: [Int] = []
            days.forEachPhase(of: RulesPlan.activity(plan, d, unit: "A1")) { out.append($0) }
            return out
        }
        #expect(phases("2019-12-31") == [])
        #expect(phases("2020-01-01") == [0])        // P1's first day
        #expect(phases("2020-01-31") == [0])        // the day before P2's first
        #expect(phases("2020-02-01") == [0, 1])     // P2's first day: both
        #expect(phases("2020-02-29") == [0, 1])     // P1's last day: both
        #expect(phases("2020-03-01") == [1])        // the day after P1's last
        #expect(phases("2020-03-31") == [1])        // P2's last day
        #expect(phases("2020-04-01") == [])
        for d in ["2019-12-31", "2020-01-01", "2020-02-01", "2020-02-29", "2020-03-01", "2020-03-31", "2020-04-01"] {
            let a = RulesPlan.activity(plan, d, unit: "A1")
            #expect(phases(d) == PhaseMembership.phases(of: a, in: plan.phases))
            if let mask = days.phaseMask(of: a) {
                #expect(!reference)
                #expect((0..<64).filter { mask & (1 << UInt64($0)) != 0 } == phases(d))
            }
        }
        var pinned = RulesPlan.activity(plan, "2020-01-05", unit: "A1")
        pinned.pinnedPhase = 1
        #expect(PhaseMembership.phases(of: pinned, in: plan.phases) == [1])
    }

    @Test func aPhaseIsActiveInAPeriodItsWindowTouches() throws {
        let plan = try Fixture.tinyPlan()
        let p1 = plan.phases[0]   // 2020-01-01 … 2020-02-29
        #expect(PhaseMembership.isActive(p1, periodStart: day("2020-02-29"), periodEnd: day("2020-03-30")))
        #expect(!PhaseMembership.isActive(p1, periodStart: day("2020-03-01"), periodEnd: day("2020-03-31")))
        #expect(PhaseMembership.isActive(p1, periodStart: day("2019-12-01"), periodEnd: day("2020-01-01")))
        #expect(!PhaseMembership.isActive(p1, periodStart: day("2019-12-01"), periodEnd: day("2019-12-31")))
        #expect(PhaseMembership.hasStarted(p1, by: day("2020-01-01")))
        #expect(!PhaseMembership.hasStarted(p1, by: day("2019-12-31")))
        let tiny = try TinyRun()
        #expect(tiny.figures("2020-03").phases.map { "\($0.code):\($0.active)" } == ["P1:false", "P2:true"])
        #expect(tiny.figures("2020-01").phases.map(\.code) == ["P1"])
    }

    /// A unit's covered and missing item codes, in the phase's order, whether it covered all,
    /// none (the phase's own list shared) or some of them.
    @Test func aUnitsItemsSplitIntoCoveredAndMissing() {
        let codes = ["ND01", "ND02", "ND03"]
        #expect(MonthlyFigures.split(codes, counts: [1, 2, 5]) == (codes, []))
        #expect(MonthlyFigures.split(codes, counts: [0, 0, 0]) == ([], codes))
        #expect(MonthlyFigures.split(codes, counts: [0, 3, 0]) == (["ND02"], ["ND01", "ND03"]))
        #expect(MonthlyFigures.split(codes, counts: [1, 0, 1]) == (["ND01", "ND03"], ["ND02"]))
        #expect(MonthlyFigures.split(codes, counts: [0, 1, 1]) == (["ND02", "ND03"], ["ND01"]))
        #expect(MonthlyFigures.split([], counts: []) == ([], []))
    }

    /// The phases' coverage spread out of order (as the shell's cores finish) is the coverage
    /// worked out in turn, phase by phase and in the plan's order.
    @Test func phasesWorkedOutOutOfOrderGiveTheSameFigures() throws {
        let tiny = try TinyRun()
        let backwards = MonthlyFigures.Spread { count, body in
            var out = [PhaseCoverage?](repeating: nil, count: count)
            for k in (0..<count).reversed() { out[k] = body(k) }
            return out.map { $0! }
        }
        for month in ["2020-01", "2020-02", "2020-03"] {
            let period = MonthKey.parse(month)!, asOf = day("2020-12-31")
            let inTurn = MonthlyFigures(plan: tiny.plan, cube: tiny.cube, period: period, asOf: asOf, receipts: nil)
            let spread = MonthlyFigures(plan: tiny.plan, cube: tiny.cube, period: period, asOf: asOf, receipts: nil, spread: backwards)
            #expect(spread.phases.map(\.code) == inTurn.phases.map(\.code), "\(month)")
            #expect(String(describing: spread.phases) == String(describing: inTurn.phases), "\(month)")
            #expect(spread.unitsReported == inTurn.unitsReported && spread.unitsExpected == inTurn.unitsExpected)
        }
        #expect(tiny.figures("2020-02").phases.map(\.code) == ["P1", "P2"])
    }

    /// Plans past 64 phases leave the bit sets: every phase, the 65th and the 200th among
    /// them, must still get its activities, in the cube and in coverage, both paths alike.
    @Test(arguments: [65, 200])
    func plansOfManyPhasesCountEveryPhase(phaseCount: Int) throws {
        let plan = try RulesPlan.load(phases: phaseCount)
        var fast = ActivityCube(plan: plan), plain = ActivityCube(plan: plan, reference: true)
        var expected = [Int](repeating: 0, count: phaseCount)
        for d in 0..<(phaseCount + 4) {
            let a = RulesPlan.activity(plan, (day("2020-01-01") + d).iso, unit: "U1", items: [0])
            fast.add(a); plain.add(a)
            for p in PhaseMembership.phases(of: a, in: plan.phases) { expected[p] += 1 }
        }
        var pinned = RulesPlan.activity(plan, plan.phases[phaseCount - 1].start.iso, unit: "U2", items: [1])
        pinned.pinnedPhase = phaseCount - 1
        fast.add(pinned); plain.add(pinned)
        expected[phaseCount - 1] += 1
        for cube in [fast, plain] {
            for p in 0..<phaseCount {
                let counted = (0..<cube.monthCount).reduce(0) { sum, m in
                    sum + (0..<plan.units.count).reduce(0) { $0 + cube.phaseUnitMeasures(month: m, phase: p, unit: $1).activities }
                }
                #expect(counted == expected[p], "phase \(p + 1) of \(phaseCount)")
            }
        }
        #expect(expected[64] == (phaseCount == 65 ? 4 : 3))   // three days of U1, and U2's pinned row
        let last = MonthKey(year: 2020, month: 12)
        let f = MonthlyFigures(plan: plan, cube: fast, period: last, asOf: day("2021-06-01"), receipts: nil)
        let g = MonthlyFigures(plan: plan, cube: plain, period: last, asOf: day("2021-06-01"), receipts: nil)
        #expect(f.phases.count == phaseCount)
        #expect(f.phases[63].coverage == 0.25)        // U1 covered ND01 of [ND01, ND02]; U2 nothing
        #expect(f.phases[64].coverage == (phaseCount == 65 ? 0.5 : 0.25))
        #expect(f.phases[phaseCount - 1].coverage == 0.5)  // and U2 its pinned ND02
        #expect(f.phases.map(\.coverage) == g.phases.map(\.coverage))
    }

    /// The cube keeps per-phase room only in the months a phase's window touches; a row a
    /// unit pinned (`dot`) to a phase outside its window still counts there — in the fast
    /// layout, its plain twin and after merging partial cubes, all alike.
    @Test func aRowPinnedToAPhaseOutsideItsWindowStillCounts() throws {
        let plan = try Fixture.tinyPlan()   // P1 2020-01-01 … 2020-02-29
        var pinned = RulesPlan.activity(plan, "2020-05-10", unit: "A1", items: [1])
        pinned.pinnedPhase = 0
        var inside = RulesPlan.activity(plan, "2020-02-29", unit: "A1", items: [0])
        inside.participants = 7
        var fast = ActivityCube(plan: plan), plain = ActivityCube(plan: plan, reference: true)
        var partA = ActivityCube(plan: plan), partB = ActivityCube(plan: plan)
        for a in [pinned, inside, pinned] { fast.add(a); plain.add(a) }
        // The pinned rows only in the merged-in part: what it knows of them must come along.
        partA.add(inside); partB.add(pinned); partB.add(pinned)
        partA.merge(partB)
        let may = fast.monthIndex(MonthKey(year: 2020, month: 5)), feb = fast.monthIndex(MonthKey(year: 2020, month: 2))
        let a1 = pinned.unit, b = plan.units.units.firstIndex { $0.code == "B" }!
        for cube in [fast, plain, partA] {
            #expect(cube.phaseUnitMeasures(month: may, phase: 0, unit: a1).activities == 2)
            #expect(cube.phaseUnitItemCount(month: may, phase: 0, unit: a1, item: 1) == 2)
            #expect(cube.phaseUnitItemCount(month: may, phase: 0, unit: a1, item: 0) == 0)
            #expect(cube.phaseUnitMeasures(month: feb, phase: 0, unit: a1).participants == 7)
            #expect(cube.phaseUnitItemCount(month: feb, phase: 0, unit: a1, item: 0) == 1)
            #expect(cube.phaseUnitMeasures(month: may, phase: 0, unit: b).activities == 0)
        }
        let mayKey = MonthKey(year: 2020, month: 5)
        let f = MonthlyFigures(plan: plan, cube: fast, period: mayKey, asOf: day("2021-06-01"), receipts: nil)
        let g = MonthlyFigures(plan: plan, cube: plain, period: mayKey, asOf: day("2021-06-01"), receipts: nil)
        let h = MonthlyFigures(plan: plan, cube: partA, period: mayKey, asOf: day("2021-06-01"), receipts: nil)
        #expect(String(describing: f.phases) == String(describing: g.phases))
        #expect(String(describing: h.phases) == String(describing: g.phases))
        #expect(f.phases[0].measures.activities == 3, "P1 from January to May: February's row and May's two pinned")
    }
}

/// The rules composed: what `MonthlyFigures` says at each boundary.
@Suite struct MonthlyCompositionTests {
    let march = MonthKey(year: 2020, month: 3)   // due 2020-04-20

    func figures(_ receipts: [Int: Day]?, earlier: [UnitMonth: [Day?]] = [:], asOf: Day = day("2020-12-31")) throws -> MonthlyFigures {
        let plan = try Fixture.tinyPlan()
        var cube = ActivityCube(plan: plan)
        cube.add(RulesPlan.activity(plan, "2020-03-05", unit: "A1", file: 0))
        cube.add(RulesPlan.activity(plan, "2020-03-06", unit: "A1", file: 1))   // a correction, sent later
        cube.add(RulesPlan.activity(plan, "2020-03-07", unit: "B", file: 2))
        return MonthlyFigures(plan: plan, cube: cube, period: march, asOf: asOf, receipts: receipts.map { Receipts(received: $0, earlier: earlier) })
    }

    @Test func unitsReceivedOnTheDueDateAreOnTimeAndTheDayAfterLateByOne() throws {
        let f = try figures([0: day("2020-04-20"), 1: day("2020-05-02"), 2: day("2020-04-21")])
        let a1 = f.units.first { $0.code == "A1" }!, b = f.units.first { $0.code == "B" }!
        #expect(f.due == day("2020-04-20"))
        #expect(a1.timeliness == .onTime)           // the correction of 2 May does not count
        #expect(a1.firstReceipt == day("2020-04-20"))
        #expect(b.timeliness == .late(days: 1))
        #expect(f.unitsOnTime == 1)
        #expect(f.units.first { $0.code == "A2" }!.timeliness == nil)   // did not report
    }

    @Test func aReceiptDateMissingFromTheRegisterIsUnknown() throws {
        let f = try figures([1: day("2020-05-02"), 2: day("2020-04-10")])
        #expect(f.units.first { $0.code == "A1" }!.timeliness == .unknown)
        #expect(f.units.first { $0.code == "B" }!.timeliness == .onTime)
        #expect(f.unitsOnTime == 1)
        #expect(try figures(nil).unitsOnTime == nil)
    }

    /// A unit that corrects its file after the due date: the folder holds only the
    /// correction, received late; the version it replaced, received on time, is in the
    /// register with the unit's months, and its date is the first receipt.
    @Test func aVersionNoLongerInTheFolderStillCountsAsTheFirstReceipt() throws {
        let plan = try Fixture.tinyPlan()
        let b = plan.units.units.firstIndex { $0.code == "B" }!
        let late = [0: day("2020-04-10"), 1: day("2020-04-10"), 2: day("2020-05-02")]
        #expect(try figures(late).units.first { $0.code == "B" }!.timeliness == .late(days: 12))
        let f = try figures(late, earlier: [UnitMonth(unit: b, month: march): [day("2020-04-20")]])
        #expect(f.units.first { $0.code == "B" }!.timeliness == .onTime)
        #expect(f.units.first { $0.code == "B" }!.firstReceipt == day("2020-04-20"))
        // An earlier version of another month does not count for March.
        let g = try figures(late, earlier: [UnitMonth(unit: b, month: march + 1): [day("2020-04-01")]])
        #expect(g.units.first { $0.code == "B" }!.timeliness == .late(days: 12))
        // An earlier version whose date is unknown: the first receipt is unknown.
        let h = try figures(late, earlier: [UnitMonth(unit: b, month: march): [nil]])
        #expect(h.units.first { $0.code == "B" }!.timeliness == .unknown)
        #expect(h.unitsReceiptUnknown == 1)
    }

    @Test func aPeriodIsProvisionalUntilItsDueDateHasPassed() throws {
        #expect(try figures(nil, asOf: day("2020-04-19")).provisional)
        #expect(try !figures(nil, asOf: day("2020-04-20")).provisional)   // the due date itself: final
        #expect(try !figures(nil, asOf: day("2020-04-21")).provisional)
    }

    @Test func completenessCountsExpectedUnitsThatReported() throws {
        let f = try figures(nil)
        #expect(f.unitsExpected == 3)
        #expect(f.unitsReported == 2)
        #expect(f.completeness == 2.0 / 3.0)
        #expect(f.notReported.map(\.code) == ["A2"])
    }
}

/// Plans made for the rules: `n` phases of three days each, starting a day apart (so they
/// overlap), each requiring ND01 and ND02; units ROOT → U1, U2.
enum RulesPlan {
    static func load(phases n: Int, extraUnits: String = "") throws -> Plan {
        var yaml = """
        plan: {code: "1-KH/T", title: "Thử", issuer: "Ban Thử", issued: 2020-01-01}
        reporting: {recipient: "Cấp trên", due_day: 20, number_suffix: "BC/T"}
        items:
          - {code: ND01, title: "Một"}
          - {code: ND02, title: "Hai"}
        forms:
          - {code: HN, title: "Hội nghị"}
        phases:

        """
        for p in 0..<n {
            let start = day("2020-01-01") + p
            yaml += "  - {code: P\(p + 1), title: \"Đợt \(p + 1)\", start: \(start.iso), end: \((start + 2).iso), items: [ND01, ND02]}\n"
        }
        yaml += """
        units:
          - {code: ROOT, name: "Gốc"}
          - {code: U1, name: "Chi bộ một", parent: ROOT}
          - {code: U2, name: "Chi bộ hai", parent: ROOT}

        """ + extraUnits
        return try PlanLoader.load(yaml: yaml)
    }

    static func activity(_ plan: Plan, _ date: String, unit: String, items: ItemSet = [0], file: Int = 0) -> Activity {
        let d = day(date)
        return Activity(day: d, period: plan.calendar.period(of: d), unit: plan.units.units.firstIndex { $0.code == unit }!,
                        items: items, form: 0, participants: 1, quantity: 1, pinnedPhase: nil, isNilReport: false, file: file)
    }
}
