/// Which periods get a report (SPEC §8 `run`): from the one holding the first phase's start
/// to the one holding the earlier of the as-of day and the last phase's end.
///
/// A plan that starts in the last days of a period (a plan signed on 30 December) would give
/// a report for two days that names every unit as missing: a first period of which the plan
/// covers less than half is not reported on its own. Its activities still count in the
/// cumulative figures of the periods after it.
public enum ReportedPeriods {
    public static func list(plan: Plan, asOf: Day) -> [MonthKey] {
        let cal = plan.calendar
        guard let firstStart = plan.phases.map(\.start).min() else { return [] }
        var first = cal.period(of: firstStart)
        let last = cal.period(of: min(asOf, plan.lastPhaseEnd))
        if isStub(first, from: firstStart, calendar: cal), first < last { first = first + 1 }
        guard first <= last else { return [] }
        return (first.index...last.index).map { MonthKey(index: $0) }
    }

    /// The plan covers less than half of the period's days.
    public static func isStub(_ period: MonthKey, from start: Day, calendar cal: ReportingCalendar) -> Bool {
        let covered = cal.end(of: period) - start + 1
        let length = cal.end(of: period) - cal.start(of: period) + 1
        return covered * 2 < length
    }
}
