/// Who sent a rejected row, and for which month (issue 17), so that each unit gets its own
/// rows back and a unit whose every row was refused is told apart from one that sent nothing.
///
/// The unit: the one its own `don_vi` names; failing that (the cell is wrong, or the whole
/// file was refused), the one the file's path names — a folder or file name holding exactly
/// one unit code, as `logs/2020-09/CB0101.csv`, the template's `mau-nhat-ky_CB0101.xlsx` and
/// the names `receive --unit` files under do; otherwise nobody (listed as unattributed).
/// The month: the row's own date; else a `YYYY-MM` in the path; else the earliest month of
/// the file's accepted rows.
public struct SenderAttribution: Sendable {
    public struct Owner: Sendable, Equatable {
        public var unit: Int?
        public var month: MonthKey?
        public init(unit: Int?, month: MonthKey?) { self.unit = unit; self.month = month }
    }

    private let units: ValueMatcher
    private let codeKeys: [String: Int]
    private let calendar: ReportingCalendar

    public init(plan: Plan) {
        units = ValueMatcher(codes: plan.units.units.map(\.code), names: plan.units.units.map(\.name))
        var keys: [String: Int] = [:]
        for (i, u) in plan.units.units.enumerated() { keys[TextFolding.matchKey(u.code)] = i }
        codeKeys = keys
        calendar = plan.calendar
    }

    public func owner(of r: Rejection, fileMonths: [MonthKey]) -> Owner {
        var unit: Int?
        if case .found(let u) = units.resolve(r.field(.donVi)) { unit = u }
        return Owner(unit: unit ?? pathUnit(r.file), month: month(of: r, fileMonths: fileMonths))
    }

    /// The unit whose code is the only unit code among the path's words (split at anything
    /// but letters and digits); nil when none or several.
    public func pathUnit(_ path: String) -> Int? {
        var found: Set<Int> = []
        for word in path.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            if let u = codeKeys[TextFolding.matchKey(String(word))] { found.insert(u) }
        }
        return found.count == 1 ? found.first : nil
    }

    func month(of r: Rejection, fileMonths: [MonthKey]) -> MonthKey? {
        if let day = LogDate.parse(r.field(.ngay).trimmingSpaces) { return calendar.period(of: day) }
        if r.fields.isEmpty, let day = r.raw.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" || $0 == "|" }).lazy
            .compactMap({ LogDate.parse(String($0).trimmingSpaces) }).first {
            return calendar.period(of: day)
        }
        if let m = Self.pathMonth(r.file) { return m }
        return fileMonths.min()
    }

    /// A `YYYY-MM` word in the path (the demo's `logs/2020-09/…`), the last one if several.
    static func pathMonth(_ path: String) -> MonthKey? {
        let parts = path.split(whereSeparator: { !($0.isNumber || $0 == "-") })
        for part in parts.reversed() {
            let bits = part.split(separator: "-")
            for k in stride(from: bits.count - 2, through: 0, by: -1) where bits[k].count == 4 && bits[k + 1].count == 2 {
                if let y = Int(bits[k]), let m = Int(bits[k + 1]), (1990...2100).contains(y), (1...12).contains(m) {
                    return MonthKey(year: y, month: m)
                }
            }
        }
        return nil
    }
}
