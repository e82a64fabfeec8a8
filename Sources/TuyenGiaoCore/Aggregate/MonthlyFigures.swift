/// When each input file was first received (from the receipt register, SPEC §7.5).
public struct Receipts: Sendable {
    /// file index → first_seen day; nil when the register is not known.
    public var firstSeen: [Int: Day]
    public init(firstSeen: [Int: Day]) { self.firstSeen = firstSeen }
}

/// Did a unit report for a period (SPEC §5)? "Did not report" and "reported nothing" differ.
public enum ReportStatus: Sendable, Equatable {
    case notReported
    case nilReport      // "Không có hoạt động"
    case reported

    public var didReport: Bool { self != .notReported }
}

public enum Timeliness: Sendable, Equatable {
    case onTime
    case late(days: Int)
    case unknown
}

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
    public var rows: [PhaseCoverageRow]
    /// Cumulative measures of the phase to the period's end (all units).
    public var measures: Measures
    /// Expected units and the required item codes each has not covered.
    public var missingByUnit: [(unit: Int, covered: [String], missing: [String])]
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
    public var units: [UnitFigures]
    public var phases: [PhaseCoverage]
    public var items: [ItemFigures]
    public var forms: [FormFigures]
    /// Months from the plan's first period to this one, activities per form.
    public var trend: [(month: MonthKey, perForm: [Measures])]
    public var outsidePhases: Int

    public var completeness: Double { unitsExpected == 0 ? 0 : Double(unitsReported) / Double(unitsExpected) }
    public var timeliness: Double? { unitsOnTime.map { unitsExpected == 0 ? 0 : Double($0) / Double(unitsExpected) } }
    public var activePhases: [PhaseCoverage] { phases.filter(\.active) }
    public var notReported: [UnitFigures] { units.filter { $0.expected && $0.status == .notReported } }

    public init(plan: Plan, cube: ActivityCube, period: MonthKey, asOf: Day, receipts: Receipts?) {
        let cal = plan.calendar
        self.plan = plan
        self.period = period
        start = cal.start(of: period)
        end = cal.end(of: period)
        due = cal.due(of: period)
        self.asOf = asOf
        provisional = due > asOf
        let tree = plan.units
        let m = cube.monthIndex(period)
        let months = 0...max(m, 0)

        // Own measures per unit, then subtree roll-ups in reverse pre-order (children first).
        var ownMonth = [Measures](repeating: Measures(), count: tree.count)
        var ownCum = ownMonth
        for u in 0..<tree.count {
            ownMonth[u] = cube.unitMeasures(month: m, unit: u)
            for k in months { ownCum[u] += cube.unitMeasures(month: k, unit: u) }
        }
        var rolledMonth = ownMonth, rolledCum = ownCum
        for u in tree.preorder.reversed() {
            if let p = tree[u].parent { rolledMonth[p] += rolledMonth[u]; rolledCum[p] += rolledCum[u] }
        }
        month = Measures(); cumulative = Measures()
        for u in 0..<tree.count { month += ownMonth[u]; cumulative += ownCum[u] }

        // Reporting status and timeliness.
        var unitRows: [UnitFigures] = []
        var expected = 0, reported = 0, nils = 0, onTime = 0
        for u in tree.preorder {
            let unit = tree[u]
            let status: ReportStatus = ownMonth[u].activities > 0 ? .reported
                : (cube.hasNilReport(month: m, unit: u) ? .nilReport : .notReported)
            var firstReceipt: Day?
            var timeliness: Timeliness?
            if status.didReport {
                if let receipts {
                    firstReceipt = cube.files(month: m, unit: u).compactMap { receipts.firstSeen[Int($0)] }.min()
                    if let r = firstReceipt { timeliness = r <= due ? .onTime : .late(days: r - due) } else { timeliness = .unknown }
                } else {
                    timeliness = .unknown
                }
            }
            if unit.expected {
                expected += 1
                if status.didReport { reported += 1 }
                if status == .nilReport { nils += 1 }
                if timeliness == .onTime { onTime += 1 }
            }
            let parent = unit.parent.map { tree[$0] }
            unitRows.append(UnitFigures(unit: u, code: unit.code, name: unit.name, depth: unit.depth,
                                        parentCode: parent?.code, parentName: parent?.name,
                                        isParent: !unit.children.isEmpty, expected: unit.expected, status: status,
                                        timeliness: timeliness, firstReceipt: firstReceipt,
                                        month: rolledMonth[u], cumulative: rolledCum[u]))
        }
        units = unitRows
        unitsExpected = expected
        unitsReported = reported
        unitsNilReport = nils
        unitsOnTime = receipts == nil ? nil : onTime

        // Coverage per phase that has started by the period's end, cumulative from its start.
        var phaseList: [PhaseCoverage] = []
        let expectedInSubtree = (0..<tree.count).map { u in tree.subtree(of: u).filter { tree[$0].expected } }
        for (p, phase) in plan.phases.enumerated() where phase.start <= end {
            let fromMonth = max(cube.monthIndex(cal.period(of: phase.start)), 0)
            let required = phase.items
            var counts = [[Int]](repeating: [Int](repeating: 0, count: required.count), count: tree.count)
            var measures = Measures()
            if fromMonth <= m {
                for k in fromMonth...m {
                    for u in 0..<tree.count {
                        measures += cube.phaseUnitMeasures(month: k, phase: p, unit: u)
                        for (j, i) in required.enumerated() {
                            counts[u][j] += cube.phaseUnitItemCount(month: k, phase: p, unit: u, item: i)
                        }
                    }
                }
            }
            let ownCovered = counts.map { row in row.filter { $0 > 0 }.count }
            let ownCoverage = ownCovered.map { required.isEmpty ? 0 : Double($0) / Double(required.count) }
            var rolledCounts = counts
            for u in tree.preorder.reversed() {
                if let parent = tree[u].parent {
                    for j in required.indices { rolledCounts[parent][j] += rolledCounts[u][j] }
                }
            }
            var rows: [PhaseCoverageRow] = []
            for u in tree.preorder {
                let unit = tree[u]
                let coverage: Double
                let covered: Int
                if unit.children.isEmpty {
                    coverage = ownCoverage[u]; covered = ownCovered[u]
                } else {
                    let below = expectedInSubtree[u]
                    coverage = below.isEmpty ? 0 : below.map { ownCoverage[$0] }.reduce(0, +) / Double(below.count)
                    covered = rolledCounts[u].filter { $0 > 0 }.count
                }
                rows.append(PhaseCoverageRow(unit: u, code: unit.code, name: unit.name, depth: unit.depth,
                                             isParent: !unit.children.isEmpty, expected: unit.expected,
                                             itemCounts: rolledCounts[u], covered: covered,
                                             required: required.count, coverage: coverage))
            }
            let expectedUnits = tree.expectedUnits
            let overall = expectedUnits.isEmpty ? 0 : expectedUnits.map { ownCoverage[$0] }.reduce(0, +) / Double(expectedUnits.count)
            let rates = required.indices.map { j in
                expectedUnits.isEmpty ? 0 : Double(expectedUnits.filter { counts[$0][j] > 0 }.count) / Double(expectedUnits.count)
            }
            let missing = expectedUnits.map { u in
                (unit: u,
                 covered: required.indices.filter { counts[u][$0] > 0 }.map { plan.items[required[$0]].code },
                 missing: required.indices.filter { counts[u][$0] == 0 }.map { plan.items[required[$0]].code })
            }
            phaseList.append(PhaseCoverage(phase: p, code: phase.code, title: phase.title, start: phase.start,
                                           end: phase.end, active: phase.start <= end && phase.end >= start,
                                           items: required, itemCodes: required.map { plan.items[$0].code },
                                           coverage: overall, itemRates: rates, rows: rows, measures: measures,
                                           missingByUnit: missing))
        }
        phases = phaseList

        // Items and forms.
        items = plan.items.enumerated().map { i, item in
            var monthM = Measures(), cumM = Measures()
            var unitsMonth = 0, unitsCum = 0
            for u in 0..<tree.count {
                let mm = cube.unitItemMeasures(month: m, unit: u, item: i)
                var cm = Measures()
                for k in months { cm += cube.unitItemMeasures(month: k, unit: u, item: i) }
                monthM += mm; cumM += cm
                if mm.activities > 0 { unitsMonth += 1 }
                if cm.activities > 0 { unitsCum += 1 }
            }
            return ItemFigures(item: i, code: item.code, title: item.title, unitsCoveringMonth: unitsMonth,
                               unitsCoveringCumulative: unitsCum, month: monthM, cumulative: cumM)
        }
        var trendRows: [(month: MonthKey, perForm: [Measures])] = []
        for k in months {
            var perForm = [Measures](repeating: Measures(), count: plan.forms.count)
            for f in plan.forms.indices {
                for u in 0..<tree.count { perForm[f] += cube.unitFormMeasures(month: k, unit: u, form: f) }
            }
            trendRows.append((cube.firstPeriod + k, perForm))
        }
        trend = trendRows
        forms = plan.forms.enumerated().map { f, form in
            var cum = Measures()
            for row in trendRows { cum += row.perForm[f] }
            return FormFigures(form: f, code: form.code, title: form.title,
                               month: trendRows.last?.perForm[f] ?? Measures(), cumulative: cum)
        }
        outsidePhases = cube.outsidePhases(month: m)
    }
}
