/// `units_file:` — the units as a CSV file (`code,name,parent,kind,reports[,contact,plan_code]` with a header
/// row), for plans with hundreds of units (SPEC §3).
enum UnitsCSV {
    static func parse(_ csv: String, name: String) -> (entries: [UnitEntry], problems: [PlanProblem]) {
        var out: [UnitEntry] = [], problems: [PlanProblem] = []
        var reader = CSVRecordSplitter(text: csv)
        guard let header = reader.next()?.map({ TextFolding.matchKey($0) }) else { return ([], []) }
        let col = { (n: String) in header.firstIndex(of: n) }
        guard let ci = col("code"), let ni = col("name") else {
            return ([], [PlanProblem(line: 1, path: "units_file", message: "\(name): cần các cột code,name")])
        }
        var seen = Set<String>()
        while let (fields, line) = reader.nextWithLine() {
            if fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            let get = { (i: Int?) -> String? in
                guard let i, i < fields.count else { return nil }
                let v = TextFolding.collapseSpaces(fields[i])
                return v.isEmpty ? nil : v
            }
            let path = "\(name):\(line)"
            guard let code = get(ci), PlanLoader.isValidCode(code), let uname = get(ni) else {
                problems.append(PlanProblem(line: line, path: path, message: "mã hoặc tên đơn vị không hợp lệ"))
                continue
            }
            if !seen.insert(code.uppercased()).inserted {
                problems.append(PlanProblem(line: line, path: path, message: "mã \"\(code)\" trùng"))
                continue
            }
            var reports: Bool?
            if let r = get(col("reports")) {
                switch r.lowercased() {
                case "true", "1", "yes", "có", "x": reports = true
                case "false", "0", "no", "không": reports = false
                default: problems.append(PlanProblem(line: line, path: path, message: "cột reports phải là true hoặc false"))
                }
            }
            out.append(UnitEntry(code: code, name: uname, parent: get(col("parent")), kind: get(col("kind")),
                                 contact: get(col("contact")), planCode: get(col("plan_code")), reports: reports,
                                 line: line, path: path))
        }
        return (out, problems)
    }
}
