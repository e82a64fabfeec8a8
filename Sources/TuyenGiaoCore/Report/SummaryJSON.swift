/// The machine-readable summary of SPEC §7.3 (`tuyengiao.summary/1`).
public enum SummaryJSON {
    public static let schema = "tuyengiao.summary/1"

    public static func build(_ f: MonthlyFigures, input: FileTally) -> JSONValue {
        func measures(_ m: Measures) -> JSONValue {
            .object([("activities", .int(m.activities)), ("participants", .int(m.participants)), ("quantity", .int(m.quantity))])
        }
        func rate(_ d: Double) -> JSONValue { .double(d, decimals: 4) }
        let plan = f.plan
        let units: [JSONValue] = f.units.map { u in
            var pairs: [(String, JSONValue)] = [
                ("code", .string(u.code)), ("name", .string(u.name)),
                ("parent", u.parentCode.map { .string($0) } ?? .null),
                ("expected", .bool(u.expected)),
                ("status", .string(u.status.code)),
            ]
            switch u.timeliness {
            case .onTime: pairs += [("on_time", .bool(true)), ("days_late", .int(0))]
            case .late(let d): pairs += [("on_time", .bool(false)), ("days_late", .int(d))]
            case .unknown, .none: pairs += [("on_time", .null), ("days_late", .null)]
            }
            pairs += [("first_receipt", u.firstReceipt.map { .string($0.iso) } ?? .null),
                      ("month", measures(u.month)), ("cumulative", measures(u.cumulative))]
            return .object(pairs)
        }
        let tree = plan.units
        // Per unit, a phase lists only what the level above acts on: for an active phase, the
        // items each expected unit still misses (its coverage follows from them and the
        // phase's `required`). A province's month was 1 KB a unit with both lists for every
        // phase; it is a line of a few dozen bytes per active phase now (issue 21).
        let phases: [JSONValue] = f.phases.map { p in
            var pairs: [(String, JSONValue)] = [
                ("code", .string(p.code)), ("title", .string(p.title)),
                ("start", .string(p.start.iso)), ("end", .string(p.end.iso)),
                ("active", .bool(p.active)), ("required", .array(p.itemCodes.map { .string($0) })),
                ("coverage", rate(p.coverage)), ("cumulative", measures(p.measures)),
            ]
            if p.active {
                pairs.append(("units", .lines(p.missingByUnit.map { entry in
                    .object([("code", .string(tree[entry.unit].code)),
                             ("missing", .array(entry.missing.map { .string($0) }))])
                })))
            }
            return .object(pairs)
        }
        var document: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("plan", .object([("code", .string(plan.code)), ("title", .string(plan.title)), ("issuer", .string(plan.issuer))])),
            ("period", .object([("month", .string(f.period.description)), ("start", .string(f.start.iso)),
                                ("end", .string(f.end.iso)), ("due", .string(f.due.iso)),
                                ("provisional", .bool(f.provisional))])),
            ("as_of", .string(f.asOf.iso)),
            ("totals", .object([
                ("activities", .int(f.month.activities)), ("participants", .int(f.month.participants)),
                ("quantity", .int(f.month.quantity)), ("units_expected", .int(f.unitsExpected)),
                ("units_reported", .int(f.unitsReported)), ("units_nil_report", .int(f.unitsNilReport)),
                ("units_on_time", f.unitsOnTime.map { .int($0) } ?? .null),
                ("units_receipt_unknown", .int(f.unitsReceiptUnknown)),
                ("completeness", rate(f.completeness)), ("timeliness", f.timeliness.map { rate($0) } ?? .null),
                ("activities_outside_phases", .int(f.outsidePhases)),
                ("rows_read", .int(input.rowsRead)), ("rows_accepted", .int(input.accepted)),
                ("rows_rejected", .int(input.rejected)), ("rows_replaced", .int(input.replaced)),
                ("rows_corrected", .int(input.corrected)),
            ])),
            ("cumulative", measures(f.cumulative)),
            ("phases", .array(phases)),
            ("units", .lines(units)),
            ("items", .array(f.items.map { i in
                .object([("code", .string(i.code)), ("title", .string(i.title)),
                         ("units_covering", .int(i.unitsCoveringMonth)), ("activities", .int(i.month.activities)),
                         ("participants", .int(i.month.participants)),
                         ("cumulative", .object([("units_covering", .int(i.unitsCoveringCumulative)),
                                                 ("activities", .int(i.cumulative.activities)),
                                                 ("participants", .int(i.cumulative.participants))]))])
            })),
            ("forms", .array(f.forms.map { x in
                .object([("code", .string(x.code)), ("title", .string(x.title)),
                         ("activities", .int(x.month.activities)), ("participants", .int(x.month.participants)),
                         ("quantity", .int(x.month.quantity)), ("cumulative", measures(x.cumulative))])
            })),
        ]
        // Only a frozen month has a version already sent; its figures go beside the live ones.
        if let sent = f.sent {
            document.insert(("sent", .object([
                ("date", .string(sent.date.iso)),
                ("totals", .object(SentVersion.keys.compactMap { k in sent.totals[k].map { (k, .int($0)) } })),
                ("changes", .string(sent.changes(now: f))),
            ])), at: 5)
        }
        return .object(document)
    }
}
