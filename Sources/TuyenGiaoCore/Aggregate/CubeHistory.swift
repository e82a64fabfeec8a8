/// The per-month sums every period's figures draw on, worked out once for a run: each item's
/// and form's measures per month, the units covering an item each month, and the month a unit
/// first covered an item. A run of 24 periods otherwise walked units × items × months again for
/// each period — 24 × 10,000 × 22 × 24 cells in a province's two years (issue 21). The plain
/// walk stays as `MonthlyFigures.itemFigures` / `trend`, the reference twin the tests compare.
public struct CubeHistory: Sendable {
    public let months: Int
    let items: Int
    let forms: Int
    /// [month][item]
    private var itemMonth: [Measures]
    private var itemUnitsMonth: [Int]
    /// [month][item]: units whose first activity on the item falls in that month.
    private var itemFirstCovers: [Int]
    /// [month][form]
    private var formMonth: [Measures]

    public init(cube: ActivityCube, plan: Plan, through lastMonth: Int) {
        months = max(lastMonth + 1, 1)
        items = plan.items.count
        forms = plan.forms.count
        itemMonth = Array(repeating: Measures(), count: months * items)
        itemUnitsMonth = Array(repeating: 0, count: months * items)
        itemFirstCovers = Array(repeating: 0, count: months * items)
        formMonth = Array(repeating: Measures(), count: months * forms)
        var covered = [Bool](repeating: false, count: plan.units.count * items)
        for m in 0..<months {
            for i in 0..<items { itemMonth[m * items + i] = cube.itemMeasures(month: m, item: i) }
            for f in 0..<forms { formMonth[m * forms + f] = cube.formMeasures(month: m, form: f) }
            for u in 0..<plan.units.count {
                for i in 0..<items where cube.unitItemActivities(month: m, unit: u, item: i) > 0 {
                    itemUnitsMonth[m * items + i] += 1
                    if !covered[u * items + i] { covered[u * items + i] = true; itemFirstCovers[m * items + i] += 1 }
                }
            }
        }
    }

    /// Per item, as `MonthlyFigures.itemFigures` gives them for month `m`.
    func itemFigures(plan: Plan, month m: Int) -> [ItemFigures] {
        plan.items.enumerated().map { i, item in
            var cum = Measures(), unitsCum = 0
            for k in 0...max(min(m, months - 1), 0) {
                cum += itemMonth[k * items + i]
                unitsCum += itemFirstCovers[k * items + i]
            }
            let inMonth = m >= 0 && m < months
            return ItemFigures(item: i, code: item.code, title: item.title,
                               unitsCoveringMonth: inMonth ? itemUnitsMonth[m * items + i] : 0,
                               unitsCoveringCumulative: unitsCum,
                               month: inMonth ? itemMonth[m * items + i] : Measures(), cumulative: cum)
        }
    }

    /// Months from the plan's first period to `m`, measures per form.
    func trend(firstPeriod: MonthKey, month m: Int) -> [(month: MonthKey, perForm: [Measures])] {
        (0...max(m, 0)).map { k in
            (firstPeriod + k, (0..<forms).map { f in k < months ? formMonth[k * forms + f] : Measures() })
        }
    }
}
