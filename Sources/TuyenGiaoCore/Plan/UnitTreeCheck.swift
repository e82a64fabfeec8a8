/// The unit tree of a plan (SPEC §3, §5): every parent named must exist, parents may not
/// form a loop, and a unit reports unless it has children (or says otherwise).
enum UnitTreeCheck {
    static func build(_ entries: [UnitEntry]) -> (units: [PlanUnit], problems: [PlanProblem]) {
        var problems: [PlanProblem] = []
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (i, u) in entries.enumerated() { index[ValueMatcher.codeKey(u.code)] = i }
        var units: [PlanUnit] = entries.map {
            PlanUnit(code: $0.code, name: $0.name, parent: nil, kind: $0.kind, contact: $0.contact, planCode: $0.planCode,
                     expected: false, depth: 0, children: [])
        }
        for (i, u) in entries.enumerated() {
            guard let parent = u.parent else { continue }
            guard let pi = index[ValueMatcher.codeKey(parent)] else {
                problems.append(PlanProblem(line: u.line, path: "\(u.path).parent", message: "không có đơn vị cấp trên mã \"\(parent)\""))
                continue
            }
            units[i].parent = pi
        }
        // Cycles: walk up from every unit; coming back to a unit of the same walk is a loop. A
        // walk stops at a unit an earlier walk went up from to the top: the rest is no loop, and
        // no parent on it changes (only a unit in a loop loses its parent). Units are marked
        // with the walk that passed them, not gathered in a set per walk (a province's 100,000
        // sets were a tenth of loading its plan).
        var reported = Set<Int>()
        var walkOf = [Int](repeating: -1, count: units.count)
        var reachesTop = [Bool](repeating: false, count: units.count)
        var walk: [Int] = []
        for i in units.indices {
            walk.removeAll(keepingCapacity: true)
            walk.append(i)
            walkOf[i] = i
            var cur = units[i].parent
            var looped = false
            while let c = cur, !reachesTop[c] {
                if walkOf[c] == i {
                    if !reported.contains(c) {
                        let loop = walk.sorted().map { units[$0].code }.joined(separator: ", ")
                        problems.append(PlanProblem(line: entries[i].line, path: "\(entries[i].path).parent",
                                                    message: "quan hệ cấp trên tạo thành vòng lặp (\(loop))"))
                        reported.formUnion(walk)
                    }
                    units[i].parent = nil
                    looped = true
                    break
                }
                walkOf[c] = i
                walk.append(c)
                cur = units[c].parent
            }
            if !looped { for u in walk { reachesTop[u] = true } }
        }
        // A committee's summaries are found by their plan code: two units cannot share one.
        var planCodes: [String: Int] = [:]
        for (i, u) in entries.enumerated() {
            guard let code = u.planCode else { continue }
            let key = TextFolding.matchKey(code)
            if let first = planCodes[key] {
                problems.append(PlanProblem(line: u.line, path: "\(u.path).plan_code",
                                            message: "plan_code \"\(code)\" trùng với đơn vị \(entries[first].code)"))
            } else { planCodes[key] = i }
        }
        var hasChildren = Set<Int>()
        for u in units { if let p = u.parent { hasChildren.insert(p) } }
        for i in units.indices { units[i].expected = entries[i].reports ?? !hasChildren.contains(i) }
        return (units, problems)
    }
}
