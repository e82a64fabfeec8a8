/// A reporting month `YYYY-MM`, as an index (`year * 12 + month - 1`) so that
/// consecutive months are consecutive integers.
public struct MonthKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(index: Int) { self.index = index }
    public init(year: Int, month: Int) { index = year * 12 + month - 1 }

    public var year: Int { index / 12 }
    public var month: Int { index % 12 + 1 }
    public static func < (a: MonthKey, b: MonthKey) -> Bool { a.index < b.index }
    public static func + (a: MonthKey, n: Int) -> MonthKey { MonthKey(index: a.index + n) }

    /// `2020-07`
    public var description: String { "\(pad4(year))-\(pad2(month))" }
    /// `07/2020`
    public var vietnamese: String { "\(pad2(month))/\(year)" }

    public static func parse(_ s: String) -> MonthKey? {
        let parts = s.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        return MonthKey(year: y, month: m)
    }
}

/// The reporting calendar of a plan (SPEC §5): which period a day belongs to,
/// where a period starts and ends, and when its logs are due.
public struct ReportingCalendar: Sendable, Equatable {
    /// 31 = calendar months; d in 1...28 = from d+1 of the previous month to d.
    public let periodEndDay: Int
    public let dueDay: Int

    public init(periodEndDay: Int = 31, dueDay: Int = 20) {
        self.periodEndDay = periodEndDay
        self.dueDay = dueDay
    }

    public func period(of day: Day) -> MonthKey {
        let c = day.components
        let key = MonthKey(year: c.year, month: c.month)
        if periodEndDay >= 31 || c.day <= periodEndDay { return key }
        return key + 1
    }

    public func start(of period: MonthKey) -> Day {
        if periodEndDay >= 31 { return Day(year: period.year, month: period.month, day: 1)! }
        let previous = period + -1
        return Day(year: previous.year, month: previous.month, day: periodEndDay)! + 1
    }

    public func end(of period: MonthKey) -> Day {
        if periodEndDay >= 31 {
            return Day(year: period.year, month: period.month,
                       day: Day.daysIn(year: period.year, month: period.month))!
        }
        return Day(year: period.year, month: period.month, day: periodEndDay)!
    }

    /// The first `dueDay` strictly after the period's last day.
    public func due(of period: MonthKey) -> Day {
        let last = end(of: period)
        let c = last.components
        if dueDay > c.day { return Day(year: c.year, month: c.month, day: dueDay)! }
        let next = MonthKey(year: c.year, month: c.month) + 1
        return Day(year: next.year, month: next.month, day: dueDay)!
    }
}
