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
    /// [month][unit][item] × (activities, participants)
    private var unitItem: [Int] = []
    /// [month][unit][form] × (activities, participants, quantity)
    private var unitForm: [Int] = []
    /// [month][phase][unit][item] activities
    private var phaseUnitItem: [Int32] = []
    /// [month][phase][unit] × (activities, participants, quantity)
    private var phaseUnit: [Int] = []
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

    public init(plan: Plan, reference: Bool = false) {
        self.reference = reference
        unitCount = plan.units.count
        itemCount = plan.items.count
        formCount = plan.forms.count
        phaseCount = plan.phases.count
        phaseDays = PhaseDays(plan.phases, reference: reference)
        firstPeriod = plan.firstPeriod
    }

    private mutating func ensure(month m: Int) {
        while monthCount <= m {
            unitTotals.append(contentsOf: repeatElement(0, count: unitCount * 3))
            unitItem.append(contentsOf: repeatElement(0, count: unitCount * itemCount * 2))
            unitForm.append(contentsOf: repeatElement(0, count: unitCount * formCount * 3))
            phaseUnitItem.append(contentsOf: repeatElement(0, count: phaseCount * unitCount * itemCount))
            phaseUnit.append(contentsOf: repeatElement(0, count: phaseCount * unitCount * 3))
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
        let ui = cell * itemCount
        for i in a.items {
            unitItem[(ui + i) * 2] += 1
            unitItem[(ui + i) * 2 + 1] += a.participants
        }
        let uf = (cell * formCount + a.form) * 3
        unitForm[uf] += 1; unitForm[uf + 1] += a.participants; unitForm[uf + 2] += a.quantity
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

    @inline(__always)
    private mutating func addToPhase(_ p: Int, month m: Int, _ a: Activity) {
        let pu = (m * phaseCount + p) * unitCount + a.unit
        phaseUnit[pu * 3] += 1; phaseUnit[pu * 3 + 1] += a.participants; phaseUnit[pu * 3 + 2] += a.quantity
        for i in a.items { phaseUnitItem[pu * itemCount + i] += 1 }
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
        add(&unitForm, o.unitForm)
        add(&phaseUnitItem, o.phaseUnitItem)
        add(&phaseUnit, o.phaseUnit)
        add(&outside, o.outside)
        for (i, flag) in o.nilReport.enumerated() where flag { nilReport[i] = true }
        for (u, n) in o.outsideByUnit { outsideByUnit[u, default: 0] += n }
        for (i, theirs) in o.cellFiles.enumerated() where !theirs.isEmpty {
            // Ascending file order, as one thread reading the files in order would leave it.
            cellFiles[i] = Array(Set(cellFiles[i]).union(theirs)).sorted()
        }
    }

    // MARK: - Reading (months outside the filled range read as zero)

    private func has(_ m: Int) -> Bool { m >= 0 && m < monthCount }

    public func unitMeasures(month m: Int, unit u: Int) -> Measures {
        guard has(m) else { return Measures() }
        let t = (m * unitCount + u) * 3
        return Measures(activities: unitTotals[t], participants: unitTotals[t + 1], quantity: unitTotals[t + 2])
    }

    public func unitItemMeasures(month m: Int, unit u: Int, item i: Int) -> Measures {
        guard has(m) else { return Measures() }
        let k = ((m * unitCount + u) * itemCount + i) * 2
        return Measures(activities: unitItem[k], participants: unitItem[k + 1], quantity: 0)
    }

    public func unitFormMeasures(month m: Int, unit u: Int, form f: Int) -> Measures {
        guard has(m) else { return Measures() }
        let k = ((m * unitCount + u) * formCount + f) * 3
        return Measures(activities: unitForm[k], participants: unitForm[k + 1], quantity: unitForm[k + 2])
    }

    public func phaseUnitItemCount(month m: Int, phase p: Int, unit u: Int, item i: Int) -> Int {
        guard has(m) else { return 0 }
        return Int(phaseUnitItem[((m * phaseCount + p) * unitCount + u) * itemCount + i])
    }

    public func phaseUnitMeasures(month m: Int, phase p: Int, unit u: Int) -> Measures {
        guard has(m) else { return Measures() }
        let k = ((m * phaseCount + p) * unitCount + u) * 3
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
