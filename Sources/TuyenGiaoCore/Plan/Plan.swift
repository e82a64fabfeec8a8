/// The communication plan (*Kế hoạch tuyên truyền*), SPEC §3, after validation.
/// Lists keep plan order; `index` fields are positions in these arrays and are
/// the small integers the aggregation works with.
public struct Plan: Sendable {
    public var code: String
    public var title: String
    public var issuer: String
    public var superior: String?
    /// The superior plan's code (`plan.implements`) that this plan carries out, when it has
    /// one: its JSON summaries say so, for the level above (issue 20).
    public var implements: String? = nil
    public var place: String?
    public var issued: Day
    public var reporting: ReportingSettings
    public var items: [PlanItem]
    public var forms: [PlanForm]
    public var phases: [Phase]
    public var slogans: [Slogan]
    public var units: UnitTree

    public var calendar: ReportingCalendar {
        ReportingCalendar(periodEndDay: reporting.periodEndDay, dueDay: reporting.dueDay)
    }

    /// The period holding the first phase's start (or the plan date, if earlier).
    public var firstPeriod: MonthKey {
        let first = phases.map(\.start).min() ?? issued
        return calendar.period(of: min(first, issued))
    }

    public var lastPhaseEnd: Day { phases.map(\.end).max() ?? issued }
}

public enum DocumentStyle: String, Sendable {
    case party, state
}

public struct ReportingSettings: Sendable {
    public var recipient: String
    public var dueDay: Int
    public var periodEndDay: Int
    public var style: DocumentStyle
    public var numberSuffix: String
    public var signerTitle: String
    public var signerRole: String
    public var signerName: String
    public var recipients: [String]
}

public struct PlanItem: Sendable {
    public var code: String
    public var title: String
    /// The superior plan's item this item implements (`superior: ND03`), for the level above.
    public var superior: String? = nil
}

public struct PlanForm: Sendable {
    public var code: String
    public var title: String
    public var quantityLabel: String?
}

public struct Phase: Sendable {
    public var code: String
    public var title: String
    public var start: Day
    public var end: Day
    /// Indices into `Plan.items`, in plan order.
    public var items: [Int]

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
}

public struct Slogan: Sendable {
    public var code: String
    public var text: String
}

public struct PlanUnit: Sendable {
    public var code: String
    public var name: String
    public var parent: Int?
    public var kind: String?
    /// How to reach the unit (`contact:`, free text), for the reminder list.
    public var contact: String? = nil
    /// A subordinate committee that reports by its JSON summary: the `plan.code` its
    /// summaries carry (`plan_code:`, issue 20). nil for a unit that sends logs.
    public var planCode: String? = nil
    /// Whether the unit is expected to report (SPEC §5).
    public var expected: Bool
    /// Depth in the tree (roots are 0), for indented names.
    public var depth: Int
    public var children: [Int]
}

/// The units as a tree. `preorder` lists them parents first, children in plan order,
/// which is the row order of every per-unit table.
public struct UnitTree: Sendable {
    public var units: [PlanUnit]
    public var preorder: [Int]

    public var count: Int { units.count }
    public subscript(_ i: Int) -> PlanUnit { units[i] }

    /// The unit and all its descendants.
    public func subtree(of root: Int) -> [Int] {
        var out: [Int] = []
        var stack = [root]
        while let u = stack.popLast() {
            out.append(u)
            stack.append(contentsOf: units[u].children.reversed())
        }
        return out
    }

    public var expectedUnits: [Int] { preorder.filter { units[$0].expected } }

    /// The subordinate committees (units with a `plan_code`), in pre-order.
    public var committees: [Int] { preorder.filter { units[$0].planCode != nil } }

    /// Builds depth, children and pre-order from the parent links (already checked acyclic).
    public init(units raw: [PlanUnit]) {
        var units = raw
        for i in units.indices { units[i].children = [] }
        for i in units.indices { if let p = units[i].parent { units[p].children.append(i) } }
        var order: [Int] = []
        var stack: [(Int, Int)] = units.indices.filter { units[$0].parent == nil }.reversed().map { ($0, 0) }
        while let (u, depth) = stack.popLast() {
            units[u].depth = depth
            order.append(u)
            for c in units[u].children.reversed() { stack.append((c, depth + 1)) }
        }
        self.units = units
        self.preorder = order
    }
}
