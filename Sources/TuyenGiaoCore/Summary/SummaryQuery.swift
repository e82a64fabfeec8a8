/// A dimension of an ad hoc summary (SPEC §8 `summary --by`).
public enum SummaryDimension: String, CaseIterable, Sendable {
    case phase, unit, parent, item, form, month
}

/// What the analyst asked for: dimensions and filters, already resolved to plan indices.
public struct SummaryQuery: Sendable {
    public var dimensions: [SummaryDimension]
    public var phases: Set<Int>?
    public var units: Set<Int>?          // a subtree
    public var items: Set<Int>?
    public var forms: Set<Int>?
    public var from: Day?
    public var to: Day?

    public init(dimensions: [SummaryDimension], phases: Set<Int>? = nil, units: Set<Int>? = nil,
                items: Set<Int>? = nil, forms: Set<Int>? = nil, from: Day? = nil, to: Day? = nil) {
        self.dimensions = dimensions; self.phases = phases; self.units = units
        self.items = items; self.forms = forms; self.from = from; self.to = to
    }

    /// `phase,unit`: the one grouping that also gets coverage columns.
    public var hasCoverage: Bool { dimensions == [.phase, .unit] }
}

public struct SummaryRow: Sendable, Equatable {
    public var keys: [String]
    public var measures: Measures
    public var covered: Int?
    public var required: Int?
}

/// Streams activities into the groups of a `SummaryQuery` (SPEC §6 counting rules: once
/// per group; once per item group when the grouping includes `item`). A group key is a
/// mixed-radix integer over the chosen dimensions; small key spaces use flat arrays.
public struct AdHocSummary: ActivityAccumulator {
    public let query: SummaryQuery
    private let plan: Plan
    private let firstPeriod: MonthKey
    private let radix: [Int]
    private let denseSize: Int?
    private var dense: [Int] = []
    private var sparse: [Int: Measures] = [:]
    /// [phase][unit][item] seen, for coverage.
    private var coverage: [Bool] = []
    private var phaseScratch: [Int] = []
    private let phaseDays: PhaseDays
    /// Key = sum of value × stride over the dimensions (the mixed radix written out).
    private let phaseStride: Int?
    private let itemStride: Int?
    private let otherStrides: [(SummaryDimension, Int)]
    private let hasFilters: Bool
    /// The phases the query keeps, as bits (all when it names none).
    private let phaseFilter: UInt64

    /// `reference`: the plain path (`TUYENGIAO_REFERENCE=1`): phases by the plain rule and
    /// each group's key computed by `key(_:)`, not by the precomputed strides.
    public init(plan: Plan, query: SummaryQuery, lastPeriod: MonthKey, reference: Bool = false) {
        self.plan = plan
        self.query = query
        firstPeriod = plan.firstPeriod
        phaseDays = PhaseDays(plan.phases, reference: reference)
        let months = max(lastPeriod.index - firstPeriod.index + 1, 1)
        radix = query.dimensions.map { d in
            switch d {
            case .phase: plan.phases.count
            case .unit: plan.units.count
            case .parent: plan.units.count + 1
            case .item: plan.items.count
            case .form: plan.forms.count
            case .month: months
            }
        }
        let size = radix.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        denseSize = size <= (1 << 22) ? size : nil
        if let n = denseSize { dense = [Int](repeating: 0, count: n * 3) }
        if query.hasCoverage {
            coverage = [Bool](repeating: false, count: plan.phases.count * plan.units.count * plan.items.count)
        }
        var strides = [Int](repeating: 1, count: radix.count)
        for j in stride(from: radix.count - 2, through: 0, by: -1) { strides[j] = strides[j + 1] &* radix[j + 1] }
        let dims = query.dimensions
        phaseStride = dims.firstIndex(of: .phase).map { strides[$0] }
        itemStride = dims.firstIndex(of: .item).map { strides[$0] }
        otherStrides = zip(dims, strides).filter { $0.0 != .phase && $0.0 != .item }
        hasFilters = query.from != nil || query.to != nil || query.units != nil || query.forms != nil || query.items != nil
        phaseFilter = query.phases.map { $0.reduce(UInt64(0)) { $1 < 64 ? $0 | 1 << UInt64($1) : $0 } } ?? ~0
    }

    private var usesPhase: Bool { query.dimensions.contains(.phase) }
    private var usesItem: Bool { query.dimensions.contains(.item) }

    public mutating func add(_ a: Activity) {
        if a.isNilReport { return }
        if hasFilters, !passes(a) { return }
        // Nearly every plan has at most 64 phases: the activity's phases are then one bit
        // set, and its group keys an affine sum of precomputed strides.
        if let mask = phaseDays.phaseMask(of: a) {
            addFast(a, phases: mask & phaseFilter)
            return
        }
        phaseScratch.removeAll(keepingCapacity: true)
        phaseDays.forEachPhase(of: a) { p in
            if let only = query.phases, !only.contains(p) { return }
            phaseScratch.append(p)
        }
        if query.phases != nil && phaseScratch.isEmpty { return }
        if usesPhase {
            for p in phaseScratch { addItems(a, phase: p) }
        } else {
            addItems(a, phase: -1)
        }
        if query.hasCoverage {
            for p in phaseScratch {
                let base = (p * plan.units.count + a.unit) * plan.items.count
                for i in a.items { coverage[base + i] = true }
            }
        }
    }

    private func passes(_ a: Activity) -> Bool {
        if let from = query.from, a.day < from { return false }
        if let to = query.to, a.day > to { return false }
        if let u = query.units, !u.contains(a.unit) { return false }
        if let f = query.forms, !f.contains(a.form) { return false }
        if let items = query.items, !a.items.contains(where: items.contains) { return false }
        return true
    }

    @inline(__always)
    private mutating func addFast(_ a: Activity, phases: UInt64) {
        if query.phases != nil && phases == 0 { return }
        var key = 0
        for (d, stride) in otherStrides { key += value(d, a) * stride }
        if let phaseStride {
            var m = phases
            while m != 0 {
                addItemsFast(a, key + m.trailingZeroBitCount * phaseStride)
                m &= m - 1
            }
        } else {
            addItemsFast(a, key)
        }
        if query.hasCoverage {
            let items = plan.items.count
            var m = phases
            while m != 0 {
                let base = (m.trailingZeroBitCount * plan.units.count + a.unit) * items
                for i in a.items { coverage[base + i] = true }
                m &= m - 1
            }
        }
    }

    @inline(__always)
    private mutating func addItemsFast(_ a: Activity, _ key: Int) {
        if let itemStride {
            for i in a.items where query.items?.contains(i) ?? true { bump(key + i * itemStride, a) }
        } else {
            bump(key, a)
        }
    }

    /// The value of a dimension other than phase and item.
    @inline(__always) private func value(_ d: SummaryDimension, _ a: Activity) -> Int {
        switch d {
        case .unit: a.unit
        case .parent: plan.units[a.unit].parent ?? plan.units.count
        case .form: a.form
        case .month: a.period.index - firstPeriod.index
        case .phase, .item: 0
        }
    }

    private mutating func addItems(_ a: Activity, phase: Int) {
        if usesItem {
            for i in a.items where query.items?.contains(i) ?? true { bump(key(a, phase: phase, item: i), a) }
        } else {
            bump(key(a, phase: phase, item: -1), a)
        }
    }

    @inline(__always) private func key(_ a: Activity, phase: Int, item: Int) -> Int {
        var k = 0
        for (d, r) in zip(query.dimensions, radix) {
            let v: Int
            switch d {
            case .phase: v = phase
            case .unit: v = a.unit
            case .parent: v = plan.units[a.unit].parent ?? plan.units.count
            case .item: v = item
            case .form: v = a.form
            case .month: v = a.period.index - firstPeriod.index
            }
            k = k * r + v
        }
        return k
    }

    @inline(__always) private mutating func bump(_ k: Int, _ a: Activity) {
        if denseSize != nil {
            dense[k * 3] += 1; dense[k * 3 + 1] += a.participants; dense[k * 3 + 2] += a.quantity
        } else {
            sparse[k, default: Measures()] += Measures(activities: 1, participants: a.participants, quantity: a.quantity)
        }
    }

    /// Adds a summary of other activities for the same query (another thread's share).
    public mutating func merge(_ o: AdHocSummary) {
        dense.withUnsafeMutableBufferPointer { m in
            o.dense.withUnsafeBufferPointer { t in for i in t.indices { m[i] &+= t[i] } }
        }
        for (k, v) in o.sparse { sparse[k, default: Measures()] += v }
        for (i, seen) in o.coverage.enumerated() where seen { coverage[i] = true }
    }

    /// Groups with at least one activity, sorted by their key texts in byte order.
    public func rows() -> [SummaryRow] {
        var groups: [(Int, Measures)] = []
        if let n = denseSize {
            for k in 0..<n where dense[k * 3] > 0 {
                groups.append((k, Measures(activities: dense[k * 3], participants: dense[k * 3 + 1], quantity: dense[k * 3 + 2])))
            }
        } else {
            groups = sparse.map { ($0.key, $0.value) }
        }
        // Each dimension's values ranked by their labels in byte order, once. A row's ranks,
        // written in the same mixed radix as its key, make one integer to sort by: no text
        // compared and no array made per row (table A has 74k rows at 1M log rows).
        let ranks: [[Int]] = zip(query.dimensions, radix).map { d, r in
            let order = (0..<r).sorted { label(d, $0).utf8.lexicographicallyPrecedes(label(d, $1).utf8) }
            var rank = [Int](repeating: 0, count: r)
            for (position, v) in order.enumerated() { rank[v] = position }
            return rank
        }
        // Equal labels (a parent column's blank, say) have different ranks; the order among
        // them is by value, which keeps the sort total and the output deterministic.
        let sortKeys: [(rankKey: Int, group: Int)] = groups.indices.map { g in
            var rest = groups[g].0, rankKey = 0, scale = 1
            for j in stride(from: radix.count - 1, through: 0, by: -1) {
                rankKey += ranks[j][rest % radix[j]] * scale
                rest /= radix[j]
                scale *= radix[j]
            }
            return (rankKey, g)
        }.sorted { $0.rankKey < $1.rankKey }
        var values = [Int](repeating: 0, count: radix.count)
        return sortKeys.map { _, g in
            let (k, m) = groups[g]
            var rest = k
            for j in stride(from: radix.count - 1, through: 0, by: -1) {
                values[j] = rest % radix[j]; rest /= radix[j]
            }
            var keys: [String] = []
            keys.reserveCapacity(values.count)
            for (d, v) in zip(query.dimensions, values) { keys.append(label(d, v)) }
            var row = SummaryRow(keys: keys, measures: m)
            if query.hasCoverage {
                let p = values[0], u = values[1]
                let required = plan.phases[p].items
                let base = (p * plan.units.count + u) * plan.items.count
                row.covered = required.filter { coverage[base + $0] }.count
                row.required = required.count
            }
            return row
        }
    }

    private func label(_ d: SummaryDimension, _ v: Int) -> String {
        switch d {
        case .phase: plan.phases[v].code
        case .unit: plan.units[v].code
        case .parent: v == plan.units.count ? "" : plan.units[v].code
        case .item: plan.items[v].code
        case .form: plan.forms[v].code
        case .month: (firstPeriod + v).description
        }
    }
}
