/// SPEC §6 coverage of a phase's required items.
public enum CoverageRule {
    /// Covered items: the required items with at least one activity (counts are per
    /// required item, in the phase's order).
    public static func covered(_ counts: [Int]) -> Int { counts.lazy.filter { $0 > 0 }.count }

    /// Coverage = covered / required; a phase that requires nothing is covered 0.
    public static func coverage(covered: Int, required: Int) -> Double {
        required == 0 ? 0 : Double(covered) / Double(required)
    }

    /// A unit's coverage in the phase. A leaf's is its own; a parent's is the mean of the
    /// coverage of the expected units in its subtree, an expected unit with no activity
    /// counting 0 (SPEC §6 roll-up) — never the parent's own summed counts.
    public static func unitCoverage(unit: Int, tree: UnitTree, ownCoverage: [Double], expectedBelow: [[Int]]) -> Double {
        tree[unit].children.isEmpty ? ownCoverage[unit] : UnitRollup.mean(ownCoverage, over: expectedBelow[unit])
    }

    /// The share of `units` that covered each required item (`counts[unit][item]`).
    public static func itemRates(counts: [[Int]], units: [Int], required: Int) -> [Double] {
        (0..<required).map { j in
            units.isEmpty ? 0 : Double(units.filter { counts[$0][j] > 0 }.count) / Double(units.count)
        }
    }
}
