/// What one accepted subordinate summary adds to the superior's figures for its month, in
/// the superior plan's indices (issue 20): the committee is one of the superior's units, its
/// activities, participants and quantity are its whole tree's, and it covers a superior item
/// in a phase when any of its units did.
public struct SummaryContribution: Sendable {
    public struct PhaseShare: Sendable {
        public var phase: Int
        public var measures: Measures
        /// Superior items of the phase the committee covered this month, with the activities
        /// it logged on them (at least 1).
        public var covered: [(item: Int, count: Int)]
    }

    /// The grassroots behind the committee in a superior phase: the sum of its expected
    /// units' coverage, and how many they are (`coverage_units`, issue 20).
    public struct Grassroots: Sendable, Equatable {
        public var sum: Double
        public var units: Int
    }

    public var unit: Int
    public var period: MonthKey
    /// The file it came from, and earlier versions it replaced (their receipts count for
    /// timeliness: the first receipt decides, SPEC §5).
    public var file: Int
    public var earlierFiles: [Int] = []
    public var nilReport: Bool
    public var totals: Measures
    public var items: [(item: Int, measures: Measures)]
    public var forms: [(form: Int, measures: Measures)]
    public var phases: [PhaseShare]
    /// Per superior phase matched in the summary: its grassroots figures (cumulative).
    public var grassroots: [Int: Grassroots]
    /// Expected units of its own tree, at the grassroots.
    public var grassrootsUnits: Int

    public init(summary s: SubordinateSummary, mapping: LevelMapping, plan: Plan, unit: Int, period: MonthKey, file: Int) {
        self.unit = unit
        self.period = period
        self.file = file
        totals = s.totals.measures
        nilReport = s.totals.activities == 0
        grassrootsUnits = s.grassrootsUnits

        var itemSums: [Int: Measures] = [:], itemOrder: [Int] = []
        for item in s.items where item.activities > 0 || item.participants > 0 {
            guard let i = mapping.item(item.code) else { continue }
            if itemSums[i] == nil { itemOrder.append(i) }
            itemSums[i, default: Measures()] += Measures(activities: item.activities, participants: item.participants)
        }
        items = itemOrder.map { ($0, itemSums[$0]!) }
        var formSums: [Int: Measures] = [:], formOrder: [Int] = []
        for form in s.forms where form.activities > 0 || form.participants > 0 || form.quantity > 0 {
            guard let f = mapping.form(form.code) else { continue }
            if formSums[f] == nil { formOrder.append(f) }
            formSums[f, default: Measures()] += Measures(activities: form.activities, participants: form.participants,
                                                         quantity: form.quantity)
        }
        forms = formOrder.map { ($0, formSums[$0]!) }

        // Phases the summary names: their month's activities and covered items, as its units logged them.
        var shares: [Int: PhaseShare] = [:], shareOrder: [Int] = []
        var grassroots: [Int: Grassroots] = [:]
        for entry in s.phases {
            guard let p = mapping.phase(entry.code) else { continue }
            let units = entry.units_grassroots ?? s.totals.units_expected
            let sum = entry.coverage_units_sum ?? (entry.coverage_units ?? entry.coverage) * Double(units)
            let g = grassroots[p].map { Grassroots(sum: $0.sum + sum, units: $0.units + units) } ?? Grassroots(sum: sum, units: units)
            grassroots[p] = g
            guard let month = entry.month, let coveredCodes = entry.covered_month else { continue }
            let required = Set(plan.phases[p].items)
            var share = shares[p] ?? PhaseShare(phase: p, measures: Measures(), covered: [])
            share.measures += month.measures
            for code in coveredCodes {
                guard let i = mapping.item(code), required.contains(i), !share.covered.contains(where: { $0.item == i }) else { continue }
                share.covered.append((i, max(itemSums[i]?.activities ?? 1, 1)))
            }
            if shares[p] == nil { shareOrder.append(p) }
            shares[p] = share
        }
        // A superior phase running this month that no phase of the summary matches: the
        // month's activities and the items they touched count in it (month by month, not day
        // by day — the summary has no dates).
        let (start, end) = (plan.calendar.start(of: period), plan.calendar.end(of: period))
        for (p, phase) in plan.phases.enumerated()
        where shares[p] == nil && PhaseMembership.isActive(phase, periodStart: start, periodEnd: end) && !nilReport {
            let required = Set(phase.items)
            shares[p] = PhaseShare(phase: p, measures: totals,
                                   covered: items.filter { required.contains($0.item) && $0.measures.activities > 0 }
                                       .map { ($0.item, $0.measures.activities) })
            shareOrder.append(p)
        }
        phases = shareOrder.map { shares[$0]! }
        self.grassroots = grassroots
    }
}
