public struct UnitFigures: Sendable {
    public var unit: Int
    public var code: String
    public var name: String
    public var depth: Int
    public var parentCode: String?
    public var parentName: String?
    public var isParent: Bool
    public var expected: Bool
    public var status: ReportStatus
    public var timeliness: Timeliness?
    public var firstReceipt: Day?
    /// Own + subtree (SPEC §6 roll-up).
    public var month: Measures
    public var cumulative: Measures
}

public struct PhaseCoverageRow: Sendable {
    public var unit: Int
    public var code: String
    public var name: String
    public var depth: Int
    public var isParent: Bool
    public var expected: Bool
    /// Activity counts per required item (roll-up sums for parents).
    public var itemCounts: [Int]
    /// Covered items: own for leaves; for parents the mean is what counts, see `coverage`.
    public var covered: Int
    public var required: Int
    /// Leaves: covered / required. Parents: mean coverage of expected units in the subtree.
    public var coverage: Double
}

public struct PhaseCoverage: Sendable {
    public var phase: Int
    public var code: String
    public var title: String
    public var start: Day
    public var end: Day
    /// Overlaps the period (gets its own sheet).
    public var active: Bool
    public var items: [Int]
    public var itemCodes: [String]
    /// Mean coverage of all expected units (SPEC §6: roll-up at the top).
    public var coverage: Double
    /// Share of expected units that covered each required item.
    public var itemRates: [Double]
    /// Per unit, for a phase running in the period (it gets a sheet); empty for one that is
    /// not: 24 periods × 20 phases × a province's units held at once was most of a run's
    /// memory (issue 21).
    public var rows: [PhaseCoverageRow]
    /// Cumulative measures of the phase to the period's end (all units).
    public var measures: Measures
    /// Expected units and the required item codes each has not covered (a running phase only).
    public var missingByUnit: [(unit: Int, covered: [String], missing: [String])]
    /// The grassroots behind the expected units: a unit that logs counts itself; a subordinate
    /// committee counts its own expected units with their coverage, from its summary (issue 20).
    public var grassroots = SummaryContribution.Grassroots(sum: 0, units: 0)
    /// This month's share of the phase: its measures, and the required items any unit
    /// covered in it (for the level above, which adds months up).
    public var monthMeasures = Measures()
    public var coveredThisMonth: [String] = []
    /// `coverage_units`: the mean coverage of the grassroots units — what one run over all
    /// the raw logs below would give as `coverage`.
    public var coverageUnits: Double { grassroots.units == 0 ? 0 : grassroots.sum / Double(grassroots.units) }
}

/// A subordinate committee's month at the superior level (the "Cấp dưới" sheet, issue 20).
public struct SubordinateFigures: Sendable {
    /// Its row as one of the superior's units: status, timeliness, first receipt, measures.
    public var unit: UnitFigures
    public var planCode: String
    /// What its summary for the month said; nil when it sent none (or it was refused).
    public var summary: SubordinateMonth?
}

public struct ItemFigures: Sendable {
    public var item: Int
    public var code: String
    public var title: String
    public var unitsCoveringMonth: Int
    public var unitsCoveringCumulative: Int
    public var month: Measures
    public var cumulative: Measures
}

public struct FormFigures: Sendable {
    public var form: Int
    public var code: String
    public var title: String
    public var month: Measures
    public var cumulative: Measures
}

/// Every figure of one reporting period. The workbook, the text report and the JSON are
/// all drawn from this one value, so they cannot disagree (SPEC §7.2).
public struct MonthlyFigures: Sendable {
    public var plan: Plan
    public var period: MonthKey
    public var start: Day
    public var end: Day
    public var due: Day
    public var asOf: Day
    public var provisional: Bool
    public var month: Measures
    public var cumulative: Measures
    public var unitsExpected: Int
    public var unitsReported: Int
    public var unitsNilReport: Int
    /// nil while receipts are unknown.
    public var unitsOnTime: Int?
    /// Expected units that reported but whose receipt date is unknown ("chưa xác định").
    public var unitsReceiptUnknown: Int
    public var units: [UnitFigures]
    public var phases: [PhaseCoverage]
    public var items: [ItemFigures]
    public var forms: [FormFigures]
    /// Months from the plan's first period to this one, activities per form.
    public var trend: [(month: MonthKey, perForm: [Measures])]
    public var outsidePhases: Int
    /// The version of this month already sent upward (frozen), when there is one.
    public var sent: SentVersion?
    /// Rejected rows that belong to this month, and the units that sent them (the shell
    /// attributes them: `RejectedRows.byMonth`).
    public var rejectedInMonth = RejectedRows()
    /// The subordinate committees (units with `plan_code`), in pre-order; empty for a plan
    /// with none.
    public var subordinates: [SubordinateFigures] = []
    /// Expected units at the grassroots: the units that log, and each committee's own.
    public var grassrootsUnits: Int

    public var completeness: Double { unitsExpected == 0 ? 0 : Double(unitsReported) / Double(unitsExpected) }
    public var timeliness: Double? { unitsOnTime.map { unitsExpected == 0 ? 0 : Double($0) / Double(unitsExpected) } }
    public var activePhases: [PhaseCoverage] { phases.filter(\.active) }
    public var notReported: [UnitFigures] { units.filter { $0.expected && $0.status == .notReported } }
    /// Expected units that sent rows for the month, every one refused: to fix and resend.
    public var sentButRejected: [UnitFigures] { units.filter { $0.expected && $0.status == .rejected } }

    /// How the phases' coverage, each independent of the others, is worked out: one after
    /// another here in the core; on every core when the shell passes its own (a province's
    /// last month spent a second on five phases of 100,000 units with one core idle).
    public struct Spread {
        let map: (_ count: Int, _ body: (Int) -> PhaseCoverage) -> [PhaseCoverage]
        /// `map(count, body)` returns `body(k)` for every k below count, in order of k.
        public init(_ map: @escaping (_ count: Int, _ body: (Int) -> PhaseCoverage) -> [PhaseCoverage]) { self.map = map }
        public static var inTurn: Spread { Spread { count, body in (0..<count).map(body) } }
    }

    /// The composition of the rules (Rules/): each step takes values and returns values.
    /// `rejectedSenders`: units with refused rows attributed to this month (`SenderAttribution`).
    public init(plan: Plan, cube: ActivityCube, period: MonthKey, asOf: Day, receipts: Receipts?,
                rejectedSenders: Set<Int> = [], ledger: SubordinateLedger = SubordinateLedger(),
                history: CubeHistory? = nil, spread: Spread = .inTurn) {
        let cal = plan.calendar
        self.plan = plan
        self.period = period
        let (start, end, due) = (cal.start(of: period), cal.end(of: period), cal.due(of: period))
        (self.start, self.end, self.due) = (start, end, due)
        self.asOf = asOf
        provisional = due > asOf
        let m = cube.monthIndex(period)
        let own = OwnMeasures(cube: cube, month: m, units: plan.units.count)
        month = own.month.reduce(into: Measures(), +=)
        cumulative = own.cumulative.reduce(into: Measures(), +=)

        units = Self.unitFigures(plan: plan, cube: cube, period: period, due: due, own: own, receipts: receipts,
                                 rejectedSenders: rejectedSenders)
        // Counted in one pass over the rows in place: filtered copies of 100,000 units' rows
        // (and a key path read per row) were a tenth of a province's figures.
        var counts = (expected: 0, reported: 0, nilReport: 0, onTime: 0, unknown: 0)
        for i in units.indices where units[i].expected {
            counts.expected += 1
            if units[i].status.didReport { counts.reported += 1 }
            if units[i].status == .nilReport { counts.nilReport += 1 }
            if units[i].timeliness == .onTime { counts.onTime += 1 }
            if units[i].timeliness == .unknown { counts.unknown += 1 }
        }
        unitsExpected = counts.expected
        unitsReported = counts.reported
        unitsNilReport = counts.nilReport
        unitsOnTime = receipts == nil ? nil : counts.onTime
        unitsReceiptUnknown = counts.unknown

        // The expected units below each unit: the same tree for every phase, built once.
        let expectedBelow = UnitRollup.expectedBelow(tree: plan.units)
        let started = plan.phases.indices.filter { PhaseMembership.hasStarted(plan.phases[$0], by: end) }
        phases = spread.map(started.count) {
            Self.phaseCoverage(plan: plan, cube: cube, phase: started[$0], month: m, periodStart: start, periodEnd: end,
                               ledger: ledger, period: period, expectedBelow: expectedBelow)
        }
        let tree = plan.units
        grassrootsUnits = tree.expectedUnits.reduce(0) { n, u in
            n + (tree[u].planCode == nil ? 1 : ledger.latest(unit: u, atOrBefore: period)?.1.grassrootsUnits ?? 1)
        }
        // A committee's row found by its place, not through a dictionary of every unit's row
        // (that was built for every plan, committees or none; now nothing is without them).
        var row = [Int](repeating: 0, count: tree.committees.isEmpty ? 0 : units.count)
        if !row.isEmpty { for (i, f) in units.enumerated() { row[f.unit] = i } }
        subordinates = tree.committees.map { [units] u in
            SubordinateFigures(unit: units[row[u]], planCode: tree[u].planCode!, summary: ledger.month(period, unit: u))
        }
        // The run's history when it has one (every period at once); the plain walk otherwise.
        if let history, !cube.reference {
            items = history.itemFigures(plan: plan, month: m)
            trend = history.trend(firstPeriod: cube.firstPeriod, month: m)
        } else {
            items = Self.itemFigures(plan: plan, cube: cube, month: m)
            trend = Self.trend(plan: plan, cube: cube, month: m)
        }
        forms = plan.forms.enumerated().map { [trend] f, form in
            FormFigures(form: f, code: form.code, title: form.title, month: trend.last?.perForm[f] ?? Measures(),
                        cumulative: trend.reduce(into: Measures()) { $0 += $1.perForm[f] })
        }
        outsidePhases = cube.outsidePhases(month: m)
    }
}

extension MonthlyFigures {
    /// The period's figures with only the units' rows kept (status, receipt, measures) and each
    /// phase's totals — what the units' feedback workbooks read of an earlier month — once its
    /// own outputs are written. The coverage rows per unit were most of a period's memory.
    public func keepingUnitStatuses() -> MonthlyFigures {
        var f = self
        for i in f.phases.indices {
            f.phases[i].rows = []
            f.phases[i].missingByUnit = []
        }
        f.items = []
        f.trend = []
        f.subordinates = []
        return f
    }
}

/// Each unit's own measures (no roll-up) for the month and cumulative to it.
struct OwnMeasures {
    var month: [Measures]
    var cumulative: [Measures]

    init(cube: ActivityCube, month m: Int, units: Int) {
        month = (0..<units).map { cube.unitMeasures(month: m, unit: $0) }
        cumulative = (0..<units).map { u in
            (0...max(m, 0)).reduce(into: Measures()) { $0 += cube.unitMeasures(month: $1, unit: u) }
        }
    }
}

extension MonthlyFigures {
    /// Per unit in pre-order: status (§5), timeliness from the receipts of the files that hold
    /// its rows for the month (§5, §7.5), and its measures rolled up over its subtree (§6).
    static func unitFigures(plan: Plan, cube: ActivityCube, period: MonthKey, due: Day, own: OwnMeasures,
                            receipts: Receipts?, rejectedSenders: Set<Int>) -> [UnitFigures] {
        let tree = plan.units, m = cube.monthIndex(period)
        let rolledMonth = UnitRollup.sums(own.month, tree: tree, add: +=)
        let rolledCum = UnitRollup.sums(own.cumulative, tree: tree, add: +=)
        return tree.preorder.map { u in
            let unit = tree[u]
            let status = ReportStatus.of(activities: own.month[u].activities, hasNilReport: cube.hasNilReport(month: m, unit: u),
                                         sentRejected: rejectedSenders.contains(u))
            var timeliness: Timeliness?, first: Day?
            if status.didReport {
                let dates = cube.files(month: m, unit: u).map { receipts?.received[Int($0)] }
                    + (receipts?.earlier[UnitMonth(unit: u, month: period)] ?? [])
                (timeliness, first) = Timeliness.judge(receipts: dates, due: due)
            }
            let parent = unit.parent.map { tree[$0] }
            return UnitFigures(unit: u, code: unit.code, name: unit.name, depth: unit.depth,
                               parentCode: parent?.code, parentName: parent?.name,
                               isParent: !unit.children.isEmpty, expected: unit.expected, status: status,
                               timeliness: timeliness, firstReceipt: first,
                               month: rolledMonth[u], cumulative: rolledCum[u])
        }
    }

    /// One phase's coverage, cumulative from the period holding its start to this period (§6).
    static func phaseCoverage(plan: Plan, cube: ActivityCube, phase p: Int, month m: Int,
                              periodStart: Day, periodEnd: Day, ledger: SubordinateLedger = SubordinateLedger(),
                              period: MonthKey? = nil, expectedBelow given: [[Int]]? = nil) -> PhaseCoverage {
        let tree = plan.units, phase = plan.phases[p], required = phase.items
        let fromMonth = max(cube.monthIndex(plan.calendar.period(of: phase.start)), 0)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: required.count), count: tree.count)
        var measures = Measures(), monthMeasures = Measures()
        var coveredThisMonth = [Bool](repeating: false, count: required.count)
        for k in stride(from: fromMonth, through: m, by: 1) where cube.phaseHasCells(month: k, phase: p) {
            for u in 0..<tree.count {
                let x = cube.phaseUnitMeasures(month: k, phase: p, unit: u)
                measures += x
                if k == m { monthMeasures += x }
                for (j, i) in required.enumerated() {
                    let n = cube.phaseUnitItemCount(month: k, phase: p, unit: u, item: i)
                    counts[u][j] += n
                    if k == m && n > 0 { coveredThisMonth[j] = true }
                }
            }
        }
        let ownCovered = counts.map(CoverageRule.covered)
        let ownCoverage = ownCovered.map { CoverageRule.coverage(covered: $0, required: required.count) }
        let rolledCounts = UnitRollup.sums(counts, tree: tree) { parent, child in
            for j in parent.indices { parent[j] += child[j] }
        }
        let active = PhaseMembership.isActive(phase, periodStart: periodStart, periodEnd: periodEnd)
        let expectedBelow = !active ? [] : given ?? UnitRollup.expectedBelow(tree: tree)
        let rows: [PhaseCoverageRow] = !active ? [] : tree.preorder.map { u in
            let unit = tree[u]
            return PhaseCoverageRow(unit: u, code: unit.code, name: unit.name, depth: unit.depth,
                                    isParent: !unit.children.isEmpty, expected: unit.expected,
                                    itemCounts: rolledCounts[u],
                                    covered: unit.children.isEmpty ? ownCovered[u] : CoverageRule.covered(rolledCounts[u]),
                                    required: required.count,
                                    coverage: CoverageRule.unitCoverage(unit: u, tree: tree, ownCoverage: ownCoverage,
                                                                        expectedBelow: expectedBelow))
        }
        let expectedUnits = tree.expectedUnits
        let codes = required.map { plan.items[$0].code }
        let missing: [(unit: Int, covered: [String], missing: [String])] = !active ? [] : expectedUnits.map { u in
            let (covered, missing) = Self.split(codes, counts: counts[u])
            return (unit: u, covered: covered, missing: missing)
        }
        var coverage = PhaseCoverage(phase: p, code: phase.code, title: phase.title, start: phase.start, end: phase.end,
                                     active: active,
                                     items: required, itemCodes: codes,
                                     coverage: UnitRollup.mean(ownCoverage, over: expectedUnits),
                                     itemRates: CoverageRule.itemRates(counts: counts, units: expectedUnits, required: required.count),
                                     rows: rows, measures: measures, missingByUnit: missing)
        coverage.monthMeasures = monthMeasures
        coverage.coveredThisMonth = required.indices.filter { coveredThisMonth[$0] }.map { codes[$0] }
        coverage.grassroots = GrassrootsCoverage.of(phase: p, expected: expectedUnits, tree: tree, ownCoverage: ownCoverage,
                                                    ledger: ledger, period: period ?? cube.firstPeriod + m)
        return coverage
    }

    /// A unit's required item codes split into covered and missing, in the phase's order.
    /// A unit that covered all or none shares the phase's list (most of a province's units, and
    /// 100,000 units × 5 phases × two lists grown an element at a time were a fifth of its figures).
    static func split(_ codes: [String], counts: [Int]) -> (covered: [String], missing: [String]) {
        let n = counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        if n == codes.count { return (codes, []) }
        if n == 0 { return ([], codes) }
        var covered: [String] = [], missing: [String] = []
        covered.reserveCapacity(n)
        missing.reserveCapacity(codes.count - n)
        for j in codes.indices {
            if counts[j] > 0 { covered.append(codes[j]) } else { missing.append(codes[j]) }
        }
        return (covered, missing)
    }

    /// Per item: units covering it and its measures, in the month and cumulative.
    static func itemFigures(plan: Plan, cube: ActivityCube, month m: Int) -> [ItemFigures] {
        plan.items.enumerated().map { i, item in
            var monthM = Measures(), cumM = Measures()
            var unitsMonth = 0, unitsCum = 0
            monthM = cube.itemMeasures(month: m, item: i)
            cumM = (0...max(m, 0)).reduce(into: Measures()) { $0 += cube.itemMeasures(month: $1, item: i) }
            for u in 0..<plan.units.count {
                if cube.unitItemActivities(month: m, unit: u, item: i) > 0 { unitsMonth += 1 }
                if (0...max(m, 0)).contains(where: { cube.unitItemActivities(month: $0, unit: u, item: i) > 0 }) { unitsCum += 1 }
            }
            return ItemFigures(item: i, code: item.code, title: item.title, unitsCoveringMonth: unitsMonth,
                               unitsCoveringCumulative: unitsCum, month: monthM, cumulative: cumM)
        }
    }

    /// Months from the plan's first period to this one, measures per form.
    static func trend(plan: Plan, cube: ActivityCube, month m: Int) -> [(month: MonthKey, perForm: [Measures])] {
        (0...max(m, 0)).map { k in
            (cube.firstPeriod + k, plan.forms.indices.map { f in
                cube.formMeasures(month: k, form: f)
            })
        }
    }
}
