/// One unit as the plan (or its units file) lists it, before the tree is built.
struct UnitEntry {
    var code: String
    var name: String
    var parent: String?
    var kind: String?
    /// How to reach the unit (free text: a person, a phone, an e-mail); for reminders.
    var contact: String? = nil
    /// `plan_code`: the unit is a subordinate committee reporting by JSON summary.
    var planCode: String? = nil
    /// nil: the default (a unit without children reports).
    var reports: Bool?
    /// Where it was written, for problems: the line and the path (`units[3]`, `donvi.csv:4`).
    var line: Int?
    var path: String
}
