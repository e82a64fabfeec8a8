/// Decides what becomes of every subordinate summary found under `logs/` (issue 20), before
/// any log row is read: refused (with the reason), replaced by a later one for the same
/// committee and month (input order, as re-sent rows are: the last wins), or taken. Pure:
/// the shell reads and decodes the files.
public struct SubordinateIntake: Sendable {
    public struct Found: Sendable {
        /// The file's index in the run's file list, and its path under `logs/`.
        public var file: Int
        public var name: String
        /// The decoded summary, or why it could not be decoded.
        public var summary: Result<SubordinateSummary, SummaryUnreadable>
        public init(file: Int, name: String, summary: Result<SubordinateSummary, SummaryUnreadable>) {
            self.file = file; self.name = name; self.summary = summary
        }
    }

    public struct SummaryUnreadable: Error, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    public enum Outcome: Sendable, Equatable {
        case taken(unit: Int, month: MonthKey)
        /// A later summary for the same committee and month replaced it; `same`: its
        /// content was identical (a copy sent again).
        case replaced(by: String, same: Bool, unit: Int)
        case refused(String)
    }

    /// Per summary file (by file index).
    public private(set) var outcomes: [Int: Outcome] = [:]
    /// The summaries taken, in input order of their files.
    public private(set) var contributions: [SummaryContribution] = []
    public private(set) var ledger = SubordinateLedger()
    /// What the clerk should know, each said once: unmapped items and forms, a plan that says
    /// it implements another plan.
    public private(set) var warnings: [String] = []
    /// Committees whose summary for a month was refused ("đã gửi nhưng dữ liệu lỗi").
    public private(set) var refusedSenders: Set<UnitMonth> = []

    /// No summaries at all.
    public init() {}

    public init(_ found: [Found], plan: Plan) {
        var taken: [UnitMonth: (found: Found, summary: SubordinateSummary, earlier: [Int])] = [:]
        var order: [UnitMonth] = []
        for f in found {
            let s: SubordinateSummary
            switch f.summary {
            case .failure(let e): outcomes[f.file] = .refused(e.message); continue
            case .success(let v): s = v
            }
            if let why = SummaryIntegrity.refusal(s, nameMonth: SummaryIntegrity.nameMonth(f.name), plan: plan) {
                outcomes[f.file] = .refused(why)
                // A committee known, a month of the plan: it sent, but nothing could be taken.
                if let unit = SummaryIntegrity.committee(for: s.plan.code, in: plan), let month = s.month {
                    refusedSenders.insert(UnitMonth(unit: unit, month: month))
                }
                continue
            }
            let unit = SummaryIntegrity.committee(for: s.plan.code, in: plan)!, month = s.month!
            let key = UnitMonth(unit: unit, month: month)
            var earlier: [Int] = []
            if let before = taken[key] {
                let same = before.summary.content_digest != nil && before.summary.content_digest == s.content_digest
                outcomes[before.found.file] = .replaced(by: f.name, same: same, unit: unit)
                earlier = before.earlier + [before.found.file]
            } else {
                order.append(key)
            }
            taken[key] = (f, s, earlier)
            outcomes[f.file] = .taken(unit: unit, month: month)
        }
        var said = Set<String>()
        func warn(_ s: String) { if said.insert(s).inserted { warnings.append(s) } }
        for key in order {
            let (f, s, earlier) = taken[key]!
            let name = plan.units[key.unit].name
            if let implements = s.plan.implements, TextFolding.matchKey(implements) != TextFolding.matchKey(plan.code) {
                warn("\(name): kế hoạch \(s.plan.code) ghi thực hiện kế hoạch \(implements), không phải \(plan.code) — kiểm tra lại plan_code")
            }
            let mapping = LevelMapping(summary: s, plan: plan)
            for what in mapping.unmapped {
                warn("\(name): \(what) không khớp mục nào của kế hoạch \(plan.code) — tính vào tổng số, không tính bao phủ")
            }
            var c = SummaryContribution(summary: s, mapping: mapping, plan: plan, unit: key.unit, period: key.month, file: f.file)
            c.earlierFiles = earlier
            contributions.append(c)
            ledger.record(SubordinateMonth(summary: s, file: f.name, contribution: c), unit: key.unit, month: key.month)
        }
    }

    /// The (committee, month) cells a summary speaks for: raw log rows there are set aside.
    public var cells: Set<UnitMonth> { Set(contributions.map { UnitMonth(unit: $0.unit, month: $0.period) }) }
}

/// A committee's month as its summary told it, for the "Cấp dưới" sheet, the report and the
/// grassroots coverage.
public struct SubordinateMonth: Sendable {
    public var file: String
    public var planCode: String
    public var unitsExpected: Int
    public var unitsReported: Int
    public var unitsOnTime: Int?
    public var grassrootsUnits: Int
    public var provisional: Bool
    public var measures: Measures
    /// Mean coverage of its running phases (nil: none running).
    public var coverage: Double?
    public var grassroots: [Int: SummaryContribution.Grassroots]

    public var completeness: Double { unitsExpected == 0 ? 0 : Double(unitsReported) / Double(unitsExpected) }

    public init(summary s: SubordinateSummary, file: String, contribution c: SummaryContribution) {
        self.file = file
        planCode = s.plan.code
        unitsExpected = s.totals.units_expected
        unitsReported = s.totals.units_reported
        unitsOnTime = s.totals.units_on_time
        grassrootsUnits = s.grassrootsUnits
        provisional = s.period.provisional ?? false
        measures = s.totals.measures
        coverage = s.runningCoverage
        grassroots = c.grassroots
    }
}

/// Every committee's months, as taken. Small: committees × months.
public struct SubordinateLedger: Sendable {
    private var months: [Int: [MonthKey: SubordinateMonth]] = [:]
    public init() {}

    mutating func record(_ m: SubordinateMonth, unit: Int, month: MonthKey) { months[unit, default: [:]][month] = m }

    public func month(_ month: MonthKey, unit: Int) -> SubordinateMonth? { months[unit]?[month] }

    /// Its latest summary at or before `month`: coverage is cumulative, so a committee that
    /// skipped a month still brings what it had covered (as its units would in one run).
    public func latest(unit: Int, atOrBefore month: MonthKey) -> (MonthKey, SubordinateMonth)? {
        months[unit]?.filter { $0.key <= month }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public var isEmpty: Bool { months.isEmpty }
}
