/// What the level above reads of a subordinate committee's JSON summary
/// (`tong-hop_YYYY-MM.json`, schema `tuyengiao.summary/1`, SPEC §7.3), decoded by the shell.
/// Fields a summary written before the consolidation existed lacks are optional; the
/// consolidation then falls back to coarser rules (`SummaryContribution`).
public struct SubordinateSummary: Decodable, Sendable {
    public struct PlanRef: Decodable, Sendable {
        public var code: String
        public var title: String?
        public var issuer: String?
        /// The superior plan's code this plan implements.
        public var implements: String?
    }

    public struct Period: Decodable, Sendable {
        public var month: String
        public var due: String?
        public var provisional: Bool?
    }

    public struct Counts: Decodable, Sendable, Equatable {
        public var activities: Int
        public var participants: Int
        public var quantity: Int
        public var measures: Measures { Measures(activities: activities, participants: participants, quantity: quantity) }
        public init(_ m: Measures) { activities = m.activities; participants = m.participants; quantity = m.quantity }
    }

    public struct Totals: Decodable, Sendable {
        public var activities: Int
        public var participants: Int
        public var quantity: Int
        public var units_expected: Int
        public var units_reported: Int
        public var units_on_time: Int?
        public var units_receipt_unknown: Int?
        public var units_grassroots: Int?
        public var rows_read: Int
        public var rows_accepted: Int
        public var rows_rejected: Int
        public var rows_replaced: Int
        public var measures: Measures { Measures(activities: activities, participants: participants, quantity: quantity) }
    }

    public struct PhaseEntry: Decodable, Sendable {
        public var code: String
        public var title: String?
        public var active: Bool?
        public var required: [String]
        public var coverage: Double
        public var coverage_units: Double?
        public var coverage_units_sum: Double?
        public var units_grassroots: Int?
        /// This month's activities in the phase, and the required items any unit covered in it.
        public var month: Counts?
        public var covered_month: [String]?
    }

    /// A unit's line. Written lean since issue 21 (`expected` only when false, `month` as
    /// [activities, participants, quantity] and only when not zero); the older form, every key
    /// present and `month` an object, reads the same.
    public struct UnitEntry: Decodable, Sendable {
        public var code: String
        public var name: String?
        public var parent: String?
        public var expected: Bool
        public var status: String
        public var month: Counts

        private enum CodingKeys: String, CodingKey { case code, name, parent, expected, status, month }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            code = try c.decode(String.self, forKey: .code)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            parent = try c.decodeIfPresent(String.self, forKey: .parent)
            expected = try c.decodeIfPresent(Bool.self, forKey: .expected) ?? true
            status = try c.decode(String.self, forKey: .status)
            if try !c.contains(.month) || c.decodeNil(forKey: .month) {
                month = Counts(Measures())
            } else if let list = try? c.decode([Int].self, forKey: .month) {
                guard list.count == 3 else {
                    throw DecodingError.dataCorruptedError(forKey: .month, in: c,
                        debugDescription: "month of \(code): expected [activities, participants, quantity]")
                }
                month = Counts(Measures(activities: list[0], participants: list[1], quantity: list[2]))
            } else {
                month = try c.decode(Counts.self, forKey: .month)
            }
        }
    }

    public struct ItemEntry: Decodable, Sendable {
        public var code: String
        public var title: String
        /// The superior plan's item it implements (`superior:` in the subordinate's plan).
        public var superior: String?
        public var activities: Int
        public var participants: Int
    }

    public struct FormEntry: Decodable, Sendable {
        public var code: String
        public var title: String
        public var activities: Int
        public var participants: Int
        public var quantity: Int
    }

    /// What the accounting check needs of the unit list, once the list itself is dropped.
    public struct UnitsTally: Sendable, Equatable {
        public var roots: Measures
        public var expected: Int
        public var reported: Int
    }

    public var schema: String
    public var plan: PlanRef
    public var period: Period
    public var totals: Totals
    public var content_digest: String?
    public var phases: [PhaseEntry]
    public var units: [UnitEntry]
    /// Set by `compact()`.
    public var unitsTally: UnitsTally? = nil

    private enum CodingKeys: String, CodingKey {
        case schema, plan, period, totals, content_digest, phases, units, items, forms
    }
    public var items: [ItemEntry]
    public var forms: [FormEntry]

    /// The unit list tallied: the top units' measures, expected and reported counts.
    public var tally: UnitsTally {
        if let unitsTally { return unitsTally }
        var roots = Measures()
        for u in units where u.parent == nil { roots += u.month.measures }
        let expected = units.filter(\.expected)
        return UnitsTally(roots: roots, expected: expected.count,
                          reported: expected.filter { $0.status == "reported" || $0.status == "nil_report" }.count)
    }

    /// Keeps the tally and drops the unit list: a province's committee lists thousands of
    /// units a month, and nothing else of them is needed above (memory stays with committees
    /// × months, not with their units).
    public mutating func compact() {
        unitsTally = tally
        units = []
    }

    /// The month the summary reports on.
    public var month: MonthKey? { MonthKey.parse(period.month) }

    /// Expected units of its own tree, at the grassroots (a chain of levels adds up).
    public var grassrootsUnits: Int { totals.units_grassroots ?? totals.units_expected }

    /// Its mean coverage over the phases running in its month (the "Cấp dưới" sheet's column).
    public var runningCoverage: Double? {
        let running = phases.filter { $0.active ?? false }
        return running.isEmpty ? nil : running.map(\.coverage).reduce(0, +) / Double(running.count)
    }
}
