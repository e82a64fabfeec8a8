/// How a subordinate plan's items, forms and phases meet the superior plan's (issue 20).
/// A subordinate plan implements the superior's, so its lists mostly match: an item maps
/// by the `superior:` code it carries, else by a shared code, else by its title folded
/// (case, diacritics and spaces ignored); forms and phases by code, then by folded title.
/// What maps to nothing still counts in the totals and is named once (`unmapped`).
public struct LevelMapping: Sendable {
    /// Subordinate code (as folded by `TextFolding.matchKey`) → superior index.
    public private(set) var items: [String: Int] = [:]
    public private(set) var forms: [String: Int] = [:]
    public private(set) var phases: [String: Int] = [:]
    /// What maps to nothing, in the summary's order, as the warning says it.
    public private(set) var unmapped: [String] = []

    public init(summary s: SubordinateSummary, plan: Plan) {
        let itemCodes = Self.index(plan.items.map(\.code)), itemTitles = Self.index(plan.items.map(\.title))
        for item in s.items {
            let key = TextFolding.matchKey(item.code)
            if let sup = item.superior {
                if let i = itemCodes[TextFolding.matchKey(sup)] { items[key] = i; continue }
                unmapped.append("nội dung \(item.code) (cấp trên \(sup): không có trong kế hoạch này)")
                continue
            }
            if let i = itemCodes[key] ?? itemTitles[TextFolding.matchKey(item.title)] { items[key] = i } else {
                unmapped.append("nội dung \(item.code) \"\(item.title)\"")
            }
        }
        let formCodes = Self.index(plan.forms.map(\.code)), formTitles = Self.index(plan.forms.map(\.title))
        for form in s.forms {
            let key = TextFolding.matchKey(form.code)
            if let f = formCodes[key] ?? formTitles[TextFolding.matchKey(form.title)] { forms[key] = f } else {
                unmapped.append("hình thức \(form.code) \"\(form.title)\"")
            }
        }
        let phaseCodes = Self.index(plan.phases.map(\.code)), phaseTitles = Self.index(plan.phases.map(\.title))
        for phase in s.phases {
            let key = TextFolding.matchKey(phase.code)
            // A phase that matches nothing is not a loss: its month's coverage still reaches
            // the superior's running phases by the items (see `SummaryContribution`).
            if let p = phaseCodes[key] ?? phase.title.flatMap({ phaseTitles[TextFolding.matchKey($0)] }) { phases[key] = p }
        }
    }

    public func item(_ code: String) -> Int? { items[TextFolding.matchKey(code)] }
    public func form(_ code: String) -> Int? { forms[TextFolding.matchKey(code)] }
    public func phase(_ code: String) -> Int? { phases[TextFolding.matchKey(code)] }

    /// Folded text → index, the first of equal ones.
    private static func index(_ values: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, v) in values.enumerated() where out[TextFolding.matchKey(v)] == nil { out[TextFolding.matchKey(v)] = i }
        return out
    }
}
