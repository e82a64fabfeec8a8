import Testing
@testable import TuyenGiaoCore

/// `AdHocSummary` against SPEC §6 written out the plain way (a dictionary of label tuples),
/// on random activities and random queries: dimensions in any order, every filter, pinned
/// phases, overlapping phases, days outside every phase, nil reports.
@Suite struct SummaryQueryTests {
    struct Reference {
        var measures: [[String]: Measures] = [:]
        var covered: [[String]: Set<Int>] = [:]
    }

    func reference(_ plan: Plan, _ q: SummaryQuery, _ activities: [Activity]) -> Reference {
        var r = Reference()
        for a in activities where !a.isNilReport {
            if let from = q.from, a.day < from { continue }
            if let to = q.to, a.day > to { continue }
            if let u = q.units, !u.contains(a.unit) { continue }
            if let f = q.forms, !f.contains(a.form) { continue }
            if let only = q.items, !a.items.contains(where: only.contains) { continue }
            var phases = a.pinnedPhase.map { [$0] } ?? plan.phases.indices.filter { plan.phases[$0].contains(a.day) }
            if let only = q.phases {
                phases = phases.filter(only.contains)
                if phases.isEmpty { continue }
            }
            let phaseValues: [Int?] = q.dimensions.contains(.phase) ? phases : [nil]
            let itemValues: [Int?] = q.dimensions.contains(.item) ? a.items.filter { q.items?.contains($0) ?? true } : [nil]
            for p in phaseValues {
                for i in itemValues {
                    let key = q.dimensions.map { d -> String in
                        switch d {
                        case .phase: plan.phases[p!].code
                        case .unit: plan.units[a.unit].code
                        case .parent: plan.units[a.unit].parent.map { plan.units[$0].code } ?? ""
                        case .item: plan.items[i!].code
                        case .form: plan.forms[a.form].code
                        case .month: a.period.description
                        }
                    }
                    r.measures[key, default: Measures()] += Measures(activities: 1, participants: a.participants, quantity: a.quantity)
                }
            }
            if q.hasCoverage {
                for p in phases { r.covered[[plan.phases[p].code, plan.units[a.unit].code], default: []].formUnion(a.items) }
            }
        }
        return r
    }

    @Test func agreesWithTheRulesWrittenOutPlainly() throws {
        let plan = try Fixture.tinyPlan()
        var rng = SplitMix(seed: 6)
        func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
        func subset(_ n: Int) -> Set<Int>? {
            rng.next() % 3 != 0 ? nil : Set((0..<n).filter { _ in rng.next() % 2 == 0 })
        }
        // From the plan's first day (earlier rows are rejected before they get here) to April.
        let first = Day(year: 2020, month: 1, day: 1)!, span = 120
        for round in 0..<300 {
            let activities = (0..<Int(rng.next() % 60)).map { _ -> Activity in
                let day = first + Int(rng.next() % UInt64(span))
                return Activity(day: day, period: plan.calendar.period(of: day), unit: Int(rng.next() % 5),
                                items: ItemSet((0..<4).filter { _ in rng.next() % 3 == 0 } + [Int(rng.next() % 4)]),
                                form: Int(rng.next() % 2), participants: Int(rng.next() % 50), quantity: Int(rng.next() % 4),
                                pinnedPhase: rng.next() % 5 == 0 ? Int(rng.next() % 2) : nil,
                                isNilReport: rng.next() % 10 == 0, file: 0)
            }
            var dims: [SummaryDimension] = []
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                let d = pick(SummaryDimension.allCases)
                if !dims.contains(d) { dims.append(d) }
            }
            if rng.next() % 4 == 0 { dims = [.phase, .unit] }
            let query = SummaryQuery(dimensions: dims, phases: subset(2), units: subset(5), items: subset(4), forms: subset(2),
                                     from: rng.next() % 4 == 0 ? first + Int(rng.next() % 60) : nil,
                                     to: rng.next() % 4 == 0 ? first + 60 + Int(rng.next() % 60) : nil)
            var summary = AdHocSummary(plan: plan, query: query, lastPeriod: MonthKey(year: 2020, month: 4))
            var twin = AdHocSummary(plan: plan, query: query, lastPeriod: MonthKey(year: 2020, month: 4), reference: true)
            for a in activities { summary.add(a); twin.add(a) }
            let rows = summary.rows()
            // The phase bit sets and precomputed key strides against their plain twin.
            #expect(rows.map { "\($0.keys) \($0.measures) \(String(describing: $0.covered))" }
                    == twin.rows().map { "\($0.keys) \($0.measures) \(String(describing: $0.covered))" }, "round \(round): twin")
            let expected = reference(plan, query, activities)
            let got = Dictionary(uniqueKeysWithValues: rows.map { ($0.keys, $0.measures) })
            #expect(got == expected.measures, "round \(round): \(dims)")
            #expect(rows.map(\.keys) == rows.map(\.keys).sorted { Array($0.joined(separator: "\u{0}").utf8).lexicographicallyPrecedes(Array($1.joined(separator: "\u{0}").utf8)) },
                    "round \(round): sorted by the key texts")
            if query.hasCoverage {
                for row in rows {
                    let p = plan.phases.firstIndex { $0.code == row.keys[0] }!
                    let want = plan.phases[p].items.filter { expected.covered[row.keys]?.contains($0) ?? false }.count
                    #expect(row.covered == want && row.required == plan.phases[p].items.count, "round \(round): \(row.keys)")
                }
            }
            if got != expected.measures { return }
        }
    }
}
