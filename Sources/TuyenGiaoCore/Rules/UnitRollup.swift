/// SPEC §6 roll-up over the unit tree, as values in and values out.
public enum UnitRollup {
    /// Each unit's own value plus the values of its whole subtree: children are folded into
    /// their parent in reverse pre-order, so a grandchild reaches the root through its parent.
    public static func sums<T>(_ own: [T], tree: UnitTree, add: (inout T, T) -> Void) -> [T] {
        var rolled = own
        for u in tree.preorder.reversed() {
            if let p = tree[u].parent { add(&rolled[p], rolled[u]) }
        }
        return rolled
    }

    /// For every unit, the expected units in its subtree (itself included), in pre-order.
    public static func expectedBelow(tree: UnitTree) -> [[Int]] {
        (0..<tree.count).map { u in tree.subtree(of: u).filter { tree[$0].expected } }
    }

    /// The mean of `values` over `units`; 0 when there is no unit to average (a parent whose
    /// subtree expects no report has nothing to cover, and shows 0, not "not a number").
    public static func mean(_ values: [Double], over units: [Int]) -> Double {
        units.isEmpty ? 0 : units.map { values[$0] }.reduce(0, +) / Double(units.count)
    }
}
