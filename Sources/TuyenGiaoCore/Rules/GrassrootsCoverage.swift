/// `coverage_units` of a phase (issue 20): the coverage of the grassroots units — each
/// committee's own coverage weighted by its expected units — so that a superior consolidating
/// summaries gets what one run over all the raw logs would. A unit that logs counts itself
/// once; a subordinate committee brings its latest summary's sum for the phase and its unit
/// count (a chain of levels adds up). A committee whose summary does not name the phase, or
/// that sent none yet, counts its own coverage at the superior level for each of its units.
public enum GrassrootsCoverage {
    public static func of(phase p: Int, expected: [Int], tree: UnitTree, ownCoverage: [Double],
                          ledger: SubordinateLedger, period: MonthKey) -> SummaryContribution.Grassroots {
        var total = SummaryContribution.Grassroots(sum: 0, units: 0)
        for u in expected {
            guard tree[u].planCode != nil, let (_, latest) = ledger.latest(unit: u, atOrBefore: period) else {
                total.sum += ownCoverage[u]; total.units += 1; continue
            }
            if let g = latest.grassroots[p] {
                total.sum += g.sum; total.units += g.units
            } else {
                total.sum += ownCoverage[u] * Double(latest.grassrootsUnits); total.units += latest.grassrootsUnits
            }
        }
        return total
    }
}
