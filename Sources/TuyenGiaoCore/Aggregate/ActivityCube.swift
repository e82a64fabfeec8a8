/// Everything the monthly outputs need, aggregated while the logs stream by. Flat arrays
/// indexed by small integers; months are the outermost dimension so a new month is an
/// append. Memory grows with units × items × phases × months, never with rows (SPEC §11).
public struct ActivityCube: Sendable, ActivityAccumulator {
    public let unitCount: Int
    public let itemCount: Int
    public let formCount: Int
    public let phaseCount: Int
    public let firstPeriod: MonthKey
    public private(set) var monthCount = 0

    private let phaseDays: PhaseDays
    /// [month][unit] × (activities, participants, quantity)
    private var unitTotals: [Int] = []
    /// [month][unit][item] activities: which units cover an item (issue 21: the per-unit
    /// participants and forms were only ever summed, so they are kept as sums below — a unit's
    /// month fell from about 1 KB to half that).
    private var unitItem: [Int32] = []
    /// [month][item] × (activities, participants)
    private var itemMonth: [Int] = []
    /// [month][form] × (activities, participants, quantity)
    private var formMonth: [Int] = []
    /// [month][phase overlapping the month][unit][the phase's required item] activities. Only
    /// the phases whose window overlaps a month get room in it (a row is in a phase only on the
    /// phase's days): a five-year plan of 20 phases has two or three a month, not twenty; and
    /// only for the items the phase requires, the only ones its coverage counts (issue 21).
    private var phaseUnitItem: [Int32] = []
    /// [slot] → where the slot's block starts in `phaseUnitItem`.
    private var slotItemBase: [Int] = []
    /// [phase][item] → the item's place among the phase's required items, or -1.
    private let phaseItemPos: [Int32]
    /// [month][phase overlapping the month][unit] × (activities, participants, quantity)
    private var phaseUnit: [Int] = []
    /// [month] → the first slot of the month in the per-phase arrays, and [month][phase] →
    /// the phase's slot within the month, or -1 when its window misses the month.
    private var monthSlotBase: [Int] = []
    private var phaseSlot: [Int32] = []
    private var slotCount = 0
    /// A row pinned (`dot`) to a phase whose window misses the row's month: rare, so kept
    /// aside by (month, phase, unit) → activities, participants, quantity, then per item.
    private var offWindow: [Int: [Int]] = [:]
    /// The (month, phase) pairs `offWindow` holds a unit of: a phase's cumulative coverage
    /// skips the months after its window where no unit pinned a row to it, rather than asking
    /// the dictionary once per unit and item.
    private var offWindowMonthPhases: Set<Int> = []
    private let phases: [Phase]
    private let calendar: ReportingCalendar
    /// [month][unit]
    private var nilReport: [Bool] = []
    /// [month] activities outside every phase
    private var outside: [Int] = []
    /// Units with activities outside every phase, and how many.
    public private(set) var outsideByUnit: [Int: Int] = [:]
    /// [month][unit] → the input files holding its accepted rows of that month (for receipts).
    private var cellFiles: [[Int32]] = []
    /// [month][unit] → the file last added to `cellFiles` there, + 1 (0: none): a cell's rows
    /// mostly come from one file, and this flat look-up spares them the search of a list that
    /// lives in a heap block of its own (a cache miss per row).
    private var cellLastFile: [Int32] = []

    /// The plain path (`TUYENGIAO_REFERENCE=1`): phases by the plain rule, no last-file shortcut.
    public let reference: Bool

    /// (month index × units + unit) cells a subordinate's summary speaks for: its raw log rows
    /// there are set aside, not counted twice (issue 20), and counted here.
    private let superseded: Set<Int>
    public private(set) var setAside: [UnitMonth: Int] = [:]
    public private(set) var setAsideByFile: [Int: Int] = [:]

    public init(plan: Plan, reference: Bool = false, supersededBySummaries: Set<UnitMonth> = []) {
        self.reference = reference
        superseded = Set(supersededBySummaries.map { ($0.month.index - plan.firstPeriod.index) * plan.units.count + $0.unit })
        unitCount = plan.units.count
        itemCount = plan.items.count
        formCount = plan.forms.count
        phaseCount = plan.phases.count
        phaseDays = PhaseDays(plan.phases, reference: reference)
        firstPeriod = plan.firstPeriod
        phases = plan.phases
        calendar = plan.calendar
        var pos = [Int32](repeating: -1, count: plan.phases.count * plan.items.count)
        for (p, phase) in plan.phases.enumerated() {
            for (j, i) in phase.items.enumerated() { pos[p * plan.items.count + i] = Int32(j) }
        }
        phaseItemPos = pos
    }

    private mutating func ensure(month m: Int) {
        while monthCount <= m {
            unitTotals.append(contentsOf: repeatElement(0, count: unitCount * 3))
            unitItem.append(contentsOf: repeatElement(0, count: unitCount * itemCount))
            itemMonth.append(contentsOf: repeatElement(0, count: itemCount * 2))
            formMonth.append(contentsOf: repeatElement(0, count: formCount * 3))
            let period = MonthKey(index: firstPeriod.index + monthCount)
            let (start, end) = (calendar.start(of: period), calendar.end(of: period))
            monthSlotBase.append(slotCount)
            var inMonth = 0
            for phase in phases {
                // The reference path keeps a slot for every phase, as the plain layout did.
                let overlaps = reference || PhaseMembership.isActive(phase, periodStart: start, periodEnd: end)
                phaseSlot.append(overlaps ? Int32(inMonth) : -1)
                if overlaps {
                    inMonth += 1
                    slotItemBase.append(phaseUnitItem.count)
                    phaseUnitItem.append(contentsOf: repeatElement(0, count: unitCount * phase.items.count))
                }
            }
            slotCount += inMonth
            phaseUnit.append(contentsOf: repeatElement(0, count: inMonth * unitCount * 3))
            nilReport.append(contentsOf: repeatElement(false, count: unitCount))
            outside.append(0)
            cellFiles.append(contentsOf: repeatElement([], count: unitCount))
            cellLastFile.append(contentsOf: repeatElement(0, count: unitCount))
            monthCount += 1
        }
    }

    public func monthIndex(_ key: MonthKey) -> Int { key.index - firstPeriod.index }

    public mutating func add(_ a: Activity) {
        let m = monthIndex(a.period)
        precondition(m >= 0, "activity before the plan's first period reached the cube")
        ensure(month: m)
        let cell = m * unitCount + a.unit
        if !superseded.isEmpty && superseded.contains(cell) {
            setAside[UnitMonth(unit: a.unit, month: a.period), default: 0] += 1
            setAsideByFile[a.file, default: 0] += 1
            return
        }
        let file = Int32(a.file)
        if reference {
            if !cellFiles[cell].contains(file) { cellFiles[cell].append(file) }
        } else if cellLastFile[cell] != file + 1 {
            cellLastFile[cell] = file + 1
            if !cellFiles[cell].contains(file) { cellFiles[cell].append(file) }
        }
        if a.isNilReport {
            nilReport[cell] = true
            return
        }
        let t = cell * 3
        unitTotals[t] += 1; unitTotals[t + 1] += a.participants; unitTotals[t + 2] += a.quantity
        let ui = cell * itemCount, mi = m * itemCount
        for i in a.items {
            unitItem[ui + i] += 1
            itemMonth[(mi + i) * 2] += 1
            itemMonth[(mi + i) * 2 + 1] += a.participants
        }
        let mf = (m * formCount + a.form) * 3
        formMonth[mf] += 1; formMonth[mf + 1] += a.participants; formMonth[mf + 2] += a.quantity
        var inAny = false
        if var phases = phaseDays.phaseMask(of: a) {
            // A plan of up to 64 phases (every real one): a loop over bits, no closure.
            inAny = phases != 0
            while phases != 0 {
                addToPhase(phases.trailingZeroBitCount, month: m, a)
                phases &= phases - 1
            }
        } else {
            phaseDays.forEachPhase(of: a) { p in
                inAny = true
                addToPhase(p, month: m, a)
            }
        }
        if !inAny {
            outside[m] += 1
            outsideByUnit[a.unit, default: 0] += 1
        }
    }

    /// The row of (month, phase) in the per-phase arrays, or nil when the phase's window
    /// misses the month.
    @inline(__always)
    private func slot(month m: Int, phase p: Int) -> Int? {
        let s = phaseSlot[m * phaseCount + p]
        return s < 0 ? nil : monthSlotBase[m] + Int(s)
    }

    @inline(__always)
    private mutating func addToPhase(_ p: Int, month m: Int, _ a: Activity) {
        // A row is in a phase on the phase's days, which lie in the row's month — unless the
        // unit pinned it to a phase (`dot`) outside its window.
        guard let slot = slot(month: m, phase: p) else {
            let key = (m * phaseCount + p) * unitCount + a.unit
            var cell = offWindow[key] ?? [Int](repeating: 0, count: 3 + itemCount)
            cell[0] += 1; cell[1] += a.participants; cell[2] += a.quantity
            for i in a.items { cell[3 + i] += 1 }
            offWindow[key] = cell
            offWindowMonthPhases.insert(m * phaseCount + p)
            return
        }
        let pu = slot * unitCount + a.unit
        phaseUnit[pu * 3] += 1; phaseUnit[pu * 3 + 1] += a.participants; phaseUnit[pu * 3 + 2] += a.quantity
        for i in a.items {
            if let k = phaseItemIndex(slot: slot, phase: p, unit: a.unit, item: i) { phaseUnitItem[k] += 1 }
        }
    }

    /// Where (slot's phase, unit, item) lies in `phaseUnitItem`; nil for an item the phase
    /// does not require (it has no room there).
    @inline(__always)
    private func phaseItemIndex(slot: Int, phase p: Int, unit u: Int, item i: Int) -> Int? {
        let j = phaseItemPos[p * itemCount + i]
        return j < 0 ? nil : slotItemBase[slot] + u * phases[p].items.count + Int(j)
    }

    /// Adds a cube built from other activities of the same plan (another thread's share).
    public mutating func merge(_ o: ActivityCube) {
        guard o.monthCount > 0 else { return }
        ensure(month: o.monthCount - 1)
        // Months are the outermost dimension, so the other cube's arrays are a prefix of ours.
        func add<T: FixedWidthInteger>(_ mine: inout [T], _ theirs: [T]) {
            mine.withUnsafeMutableBufferPointer { m in
                theirs.withUnsafeBufferPointer { t in for i in t.indices { m[i] &+= t[i] } }
            }
        }
        add(&unitTotals, o.unitTotals)
        add(&unitItem, o.unitItem)
        add(&itemMonth, o.itemMonth)
        add(&formMonth, o.formMonth)
        add(&phaseUnitItem, o.phaseUnitItem)
        add(&phaseUnit, o.phaseUnit)
        add(&outside, o.outside)
        for (k, theirs) in o.offWindow {
            offWindow[k] = zip(offWindow[k] ?? [Int](repeating: 0, count: theirs.count), theirs).map { $0 &+ $1 }
        }
        offWindowMonthPhases.formUnion(o.offWindowMonthPhases)
        for (i, flag) in o.nilReport.enumerated() where flag { nilReport[i] = true }
        for (u, n) in o.outsideByUnit { outsideByUnit[u, default: 0] += n }
        for (k, n) in o.setAside { setAside[k, default: 0] += n }
        for (k, n) in o.setAsideByFile { setAsideByFile[k, default: 0] += n }
        for (i, theirs) in o.cellFiles.enumerated() where !theirs.isEmpty {
            // Ascending file order, as one thread reading the files in order would leave it.
            cellFiles[i] = Array(Set(cellFiles[i]).union(theirs)).sorted()
        }
    }

    /// A subordinate committee's month, from its summary (issue 20): the committee is a unit
    /// here, its tree's figures its own. Its file (and the versions it replaced) hold the
    /// cell for receipts, as a log file holding the unit's rows would.
    public mutating func add(_ c: SummaryContribution) {
        let m = monthIndex(c.period)
        precondition(m >= 0, "summary before the plan's first period reached the cube")
        ensure(month: m)
        let cell = m * unitCount + c.unit
        for f in (c.earlierFiles + [c.file]).map(Int32.init) where !cellFiles[cell].contains(f) { cellFiles[cell].append(f) }
        cellFiles[cell].sort()
        if c.nilReport { nilReport[cell] = true }
        let t = cell * 3
        unitTotals[t] += c.totals.activities; unitTotals[t + 1] += c.totals.participants; unitTotals[t + 2] += c.totals.quantity
        for (i, x) in c.items {
            unitItem[cell * itemCount + i] += Int32(clamping: x.activities)
            itemMonth[(m * itemCount + i) * 2] += x.activities
            itemMonth[(m * itemCount + i) * 2 + 1] += x.participants
        }
        for (f, x) in c.forms {
            let mf = (m * formCount + f) * 3
            formMonth[mf] += x.activities; formMonth[mf + 1] += x.participants; formMonth[mf + 2] += x.quantity
        }
        for share in c.phases {
            guard let slot = slot(month: m, phase: share.phase) else {
                let key = (m * phaseCount + share.phase) * unitCount + c.unit
                var row = offWindow[key] ?? [Int](repeating: 0, count: 3 + itemCount)
                row[0] += share.measures.activities; row[1] += share.measures.participants; row[2] += share.measures.quantity
                for (i, n) in share.covered { row[3 + i] += n }
                offWindow[key] = row
                offWindowMonthPhases.insert(m * phaseCount + share.phase)
                continue
            }
            let pu = slot * unitCount + c.unit
            phaseUnit[pu * 3] += share.measures.activities
            phaseUnit[pu * 3 + 1] += share.measures.participants
            phaseUnit[pu * 3 + 2] += share.measures.quantity
            for (i, n) in share.covered {
                if let k = phaseItemIndex(slot: slot, phase: share.phase, unit: c.unit, item: i) { phaseUnitItem[k] += Int32(clamping: n) }
            }
        }
    }

    // MARK: - Reading (months outside the filled range read as zero)

    private func has(_ m: Int) -> Bool { m >= 0 && m < monthCount }

    public func unitMeasures(month m: Int, unit u: Int) -> Measures {
        guard has(m) else { return Measures() }
        let t = (m * unitCount + u) * 3
        return Measures(activities: unitTotals[t], participants: unitTotals[t + 1], quantity: unitTotals[t + 2])
    }

    /// The unit's activities on the item in the month.
    public func unitItemActivities(month m: Int, unit u: Int, item i: Int) -> Int {
        has(m) ? Int(unitItem[(m * unitCount + u) * itemCount + i]) : 0
    }

    /// The item's activities and participants in the month, all units together.
    public func itemMeasures(month m: Int, item i: Int) -> Measures {
        guard has(m) else { return Measures() }
        let k = (m * itemCount + i) * 2
        return Measures(activities: itemMonth[k], participants: itemMonth[k + 1], quantity: 0)
    }

    /// The form's measures in the month, all units together.
    public func formMeasures(month m: Int, form f: Int) -> Measures {
        guard has(m) else { return Measures() }
        let k = (m * formCount + f) * 3
        return Measures(activities: formMonth[k], participants: formMonth[k + 1], quantity: formMonth[k + 2])
    }

    public func phaseUnitItemCount(month m: Int, phase p: Int, unit u: Int, item i: Int) -> Int {
        guard has(m) else { return 0 }
        guard let slot = slot(month: m, phase: p) else { return offWindow[(m * phaseCount + p) * unitCount + u]?[3 + i] ?? 0 }
        return phaseItemIndex(slot: slot, phase: p, unit: u, item: i).map { Int(phaseUnitItem[$0]) } ?? 0
    }

    /// Whether any unit has anything counted in a phase in a month: the phase ran then, or a
    /// unit pinned a row to it outside its window.
    public func phaseHasCells(month m: Int, phase p: Int) -> Bool {
        has(m) && (slot(month: m, phase: p) != nil || offWindowMonthPhases.contains(m * phaseCount + p))
    }

    public func phaseUnitMeasures(month m: Int, phase p: Int, unit u: Int) -> Measures {
        guard has(m) else { return Measures() }
        guard let slot = slot(month: m, phase: p) else {
            guard let c = offWindow[(m * phaseCount + p) * unitCount + u] else { return Measures() }
            return Measures(activities: c[0], participants: c[1], quantity: c[2])
        }
        let k = (slot * unitCount + u) * 3
        return Measures(activities: phaseUnit[k], participants: phaseUnit[k + 1], quantity: phaseUnit[k + 2])
    }

    public func hasNilReport(month m: Int, unit u: Int) -> Bool { has(m) && nilReport[m * unitCount + u] }

    public func files(month m: Int, unit u: Int) -> [Int32] { has(m) ? cellFiles[m * unitCount + u] : [] }

    /// For each of `fileCount` input files, the months its accepted rows and nil reports fall
    /// in (for the receipt register: a version's months outlive the version).
    public func monthsByFile(fileCount: Int) -> [[MonthKey]] {
        var out = [[MonthKey]](repeating: [], count: fileCount)
        for m in 0..<monthCount {
            var seen = Set<Int32>()
            for u in 0..<unitCount { for f in cellFiles[m * unitCount + u] where seen.insert(f).inserted { out[Int(f)].append(firstPeriod + m) } }
        }
        return out
    }

    public func outsidePhases(month m: Int) -> Int { has(m) ? outside[m] : 0 }
}
