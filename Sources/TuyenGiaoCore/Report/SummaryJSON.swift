/// The machine-readable summary of SPEC §7.3 (`tuyengiao.summary/1`).
public enum SummaryJSON {
    public static let schema = "tuyengiao.summary/1"
    /// The order of a unit's `month` array.
    public static let unitMonth = ["activities", "participants", "quantity"]

    /// `digest`: hashes UTF-8 bytes (SHA-256 hex; the shell passes it in, the core has no crypto).
    /// It gives `content_digest`, over everything but the as-of date and the provisional
    /// flag, so a level above tells a changed resend from the same figures sent again.
    public static func build(_ f: MonthlyFigures, input: FileTally, digest: (([UInt8]) -> String)? = nil) -> JSONValue {
        func measures(_ m: Measures) -> JSONValue {
            .object([("activities", .int(m.activities)), ("participants", .int(m.participants)), ("quantity", .int(m.quantity))])
        }
        func rate(_ d: Double) -> JSONValue { .double(d, decimals: 4) }
        let plan = f.plan
        // What each expected unit still misses in each phase running this month, on its own
        // line (issue 21): a phase's list of units repeated every unit's code once per phase —
        // 476 bytes a unit for a province with five phases running. Found by unit through a
        // flat index per phase, not a dictionary of a province's units.
        let running = f.phases.filter(\.active)
        let missingAt: [[Int32]] = running.map { p in
            var at = [Int32](repeating: -1, count: plan.units.count)
            for (k, entry) in p.missingByUnit.enumerated() { at[entry.unit] = Int32(k) }
            return at
        }
        func missing(_ u: Int) -> JSONValue {
            .object(running.indices.compactMap { i in
                let k = missingAt[i][u]
                guard k >= 0 else { return nil }
                let items = running[i].missingByUnit[Int(k)].missing
                return items.isEmpty ? nil : (running[i].code, .array(items.map { .string($0) }))
            })
        }
        // One short line per unit (issue 21: aim ≤ 200 bytes a unit): what is unknown or the
        // default is left out rather than written as null — no `parent` at a root, `expected`
        // only when false, `days_late` (0 = on time) and `first_receipt` only when known, `month`
        // only when the unit did something, as [activities, participants, quantity]
        // (`unit_month` at the top names the order once instead of on every line).
        let units: [JSONValue] = f.units.map { u in
            var pairs: [(String, JSONValue)] = [("code", .string(u.code)), ("name", .string(u.name))]
            if let parent = u.parentCode { pairs.append(("parent", .string(parent))) }
            if !u.expected { pairs.append(("expected", .bool(false))) }
            pairs.append(("status", .string(u.status.code)))
            switch u.timeliness {
            case .onTime: pairs.append(("days_late", .int(0)))
            case .late(let d): pairs.append(("days_late", .int(d)))
            case .unknown, .none: break
            }
            if let r = u.firstReceipt { pairs.append(("first_receipt", .string(r.iso))) }
            // The month only: a unit's figures to date are the workbook's ("Đơn vị").
            if u.month != Measures() {
                pairs.append(("month", .array([.int(u.month.activities), .int(u.month.participants), .int(u.month.quantity)])))
            }
            // By phase code, only the running phases where something is missing: {} when none is.
            if u.expected && !running.isEmpty { pairs.append(("missing", missing(u.unit))) }
            return .object(pairs)
        }
        // A phase lists no units: what each still misses is on the unit's own line (`missing`),
        // and its coverage follows from that and the phase's `required` (issue 21).
        let phases: [JSONValue] = f.phases.map { p in
            let pairs: [(String, JSONValue)] = [
                ("code", .string(p.code)), ("title", .string(p.title)),
                ("start", .string(p.start.iso)), ("end", .string(p.end.iso)),
                ("active", .bool(p.active)), ("required", .array(p.itemCodes.map { .string($0) })),
                ("coverage", rate(p.coverage)),
                // What the level above adds up (issue 20): the grassroots coverage and its
                // weight, the month's share and the items any unit covered this month.
                ("coverage_units", rate(p.coverageUnits)),
                ("coverage_units_sum", .double(p.grassroots.sum, decimals: 6)),
                ("units_grassroots", .int(p.grassroots.units)),
                ("cumulative", measures(p.measures)),
                ("month", measures(p.monthMeasures)),
                ("covered_month", .array(p.coveredThisMonth.map { .string($0) })),
            ]
            return .object(pairs)
        }
        var document: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("plan", .object([("code", .string(plan.code)), ("title", .string(plan.title)), ("issuer", .string(plan.issuer))]
                             + (plan.implements.map { [("implements", JSONValue.string($0))] } ?? []))),
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
                ("units_grassroots", .int(f.grassrootsUnits)),
                ("completeness", rate(f.completeness)), ("timeliness", f.timeliness.map { rate($0) } ?? .null),
                ("activities_outside_phases", .int(f.outsidePhases)),
                ("rows_read", .int(input.rowsRead)), ("rows_accepted", .int(input.accepted)),
                ("rows_rejected", .int(input.rejected)), ("rows_replaced", .int(input.replaced)),
                ("rows_corrected", .int(input.corrected)),
            ])),
            ("cumulative", measures(f.cumulative)),
            ("phases", .array(phases)),
            ("unit_month", .array(unitMonth.map { .string($0) })),
            ("units", .lines(units)),
            ("items", .array(f.items.map { i in
                .object([("code", .string(i.code)), ("title", .string(i.title))]
                        + (plan.items[i.item].superior.map { [("superior", JSONValue.string($0))] } ?? []) + [
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
        if !f.subordinates.isEmpty {
            document.append(("subordinates", .lines(f.subordinates.map { c in
                var pairs: [(String, JSONValue)] = [("code", .string(c.unit.code)), ("plan_code", .string(c.planCode)),
                                                    ("status", .string(c.unit.status.code))]
                if let s = c.summary {
                    pairs += [("units_expected", .int(s.unitsExpected)), ("units_reported", .int(s.unitsReported)),
                              ("completeness", rate(s.completeness)), ("file", .string(s.file))]
                }
                return .object(pairs)
            })))
        }
        if let digest {
            // Figures only: not the as-of date, nor the flag that flips when the due date passes.
            let content = JSONValue.object(document.filter { $0.0 != "as_of" && $0.0 != "period" }
                                           + [("month", .string(f.period.description))])
            document.append(("content_digest", .string(digest(content.bytes(indent: 0)))))
        }
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
