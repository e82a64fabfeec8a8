import YAMLTree

/// One thing wrong with a plan file, with its line so the office can find it.
public struct PlanProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var path: String
    public var message: String
    public var description: String {
        (line.map { "dòng \($0): " } ?? "") + (path.isEmpty ? "" : "\(path): ") + message
    }

    /// `plan.yaml:12: items[1].code: …`, the way `plan check` and `run` print it.
    public func located(in file: String) -> String {
        "\(file):\(line.map(String.init) ?? "-"): " + (path.isEmpty ? "" : "\(path): ") + message
    }
}

/// Every problem of an invalid plan (SPEC §3: list all of them, not the first).
public struct InvalidPlan: Error, Sendable {
    public var problems: [PlanProblem]
}

/// Reads plan YAML into a validated `Plan`. Pure: a units file, when the plan names
/// one, is read through the closure the shell passes in.
public struct PlanLoader {
    public typealias FileReader = (_ relativePath: String) throws -> String

    private var problems: [PlanProblem] = []
    private let readFile: FileReader?

    public init(readFile: FileReader? = nil) { self.readFile = readFile }

    public static func load(yaml: String, readFile: FileReader? = nil) throws(InvalidPlan) -> Plan {
        var loader = PlanLoader(readFile: readFile)
        return try loader.load(TextFolding.nfc(yaml))
    }

    // MARK: - Top level

    private mutating func load(_ source: String) throws(InvalidPlan) -> Plan {
        // Every scalar stays text: the loader reads numbers, dates and booleans itself.
        let document: YAMLComposer.Document
        do {
            document = try YAMLComposer.compose(source)
        } catch {
            throw InvalidPlan(problems: [Self.syntaxProblem(error)])
        }
        guard let root = document.root else {
            throw InvalidPlan(problems: [PlanProblem(line: nil, path: "", message: "tệp kế hoạch rỗng")])
        }
        // A key written twice: which of the two was meant is the office's to say.
        for d in document.duplicateKeys {
            problems.append(PlanProblem(line: d.line, path: "",
                                        message: "khóa \"\(d.key)\" viết hai lần trong cùng một mục (lần đầu ở dòng \(d.firstLine)); xóa một lần"))
        }
        guard let top = mapping(root, path: "") else { throw InvalidPlan(problems: problems) }
        checkKeys(top, path: "", allowed: ["plan", "reporting", "items", "forms", "phases", "slogans", "units", "units_file"],
                  required: ["plan", "reporting", "items", "forms", "phases"].sorted(), node: root)

        let meta = top[key: "plan"].flatMap { mapping($0, path: "plan") }
        if let meta, let node = top[key: "plan"] {
            checkKeys(meta, path: "plan", allowed: ["code", "title", "issuer", "superior", "implements", "place", "issued"],
                      required: ["code", "title", "issuer", "issued"].sorted(), node: node)
        }
        let reporting = loadReporting(top[key: "reporting"])
        let items = loadItems(top[key: "items"])
        let forms = loadForms(top[key: "forms"])
        let phases = loadPhases(top[key: "phases"], items: items)
        let slogans = loadSlogans(top[key: "slogans"])
        let units = loadUnits(top)

        let code = meta.flatMap { text($0, "code", path: "plan") }
        let title = meta.flatMap { text($0, "title", path: "plan") }
        let issuer = meta.flatMap { text($0, "issuer", path: "plan") }
        let issued = meta.flatMap { date($0, "issued", path: "plan") }
        let superior = meta.flatMap { optionalText($0, "superior", path: "plan") }
        let place = meta.flatMap { optionalText($0, "place", path: "plan") }
        let implements = meta.flatMap { optionalText($0, "implements", path: "plan") }

        guard problems.isEmpty, let code, let title, let issuer, let issued, let reporting else {
            throw InvalidPlan(problems: problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) })
        }
        return Plan(code: code, title: title, issuer: issuer, superior: superior, implements: implements, place: place,
                    issued: issued, reporting: reporting, items: items, forms: forms, phases: phases, slogans: slogans,
                    units: UnitTree(units: units))
    }

    private mutating func loadReporting(_ node: YAMLNode?) -> ReportingSettings? {
        guard let node, let m = mapping(node, path: "reporting") else { return nil }
        checkKeys(m, path: "reporting",
                  allowed: ["recipient", "due_day", "period_end_day", "style", "number_suffix", "signer_title",
                            "signer_role", "signer_name", "recipients"],
                  required: ["due_day"], node: node)
        let due = integer(m, "due_day", path: "reporting")
        if let due, !(1...28).contains(due) {
            problem(m[key: "due_day"], "reporting.due_day", "phải từ 1 đến 28 (đang là \(due))")
        }
        var periodEnd = 31
        if m[key: "period_end_day"] != nil, let v = integer(m, "period_end_day", path: "reporting") {
            if !((1...28).contains(v) || v == 31) {
                problem(m[key: "period_end_day"], "reporting.period_end_day", "phải từ 1 đến 28, hoặc 31 (tháng dương lịch); đang là \(v)")
            }
            periodEnd = v
        }
        var style = DocumentStyle.party
        if let s = optionalText(m, "style", path: "reporting") {
            if let parsed = DocumentStyle(rawValue: s) { style = parsed } else {
                problem(m[key: "style"], "reporting.style", "phải là party hoặc state (đang là \"\(s)\")")
            }
        }
        var recipients: [String] = []
        if let list = m[key: "recipients"] {
            if let seq = sequence(list, path: "reporting.recipients") {
                for (i, n) in seq.enumerated() {
                    if let s = n.string { recipients.append(TextFolding.collapseSpaces(s)) } else {
                        problem(n, "reporting.recipients[\(i)]", "phải là một dòng chữ")
                    }
                }
            }
        }
        let recipient = optionalText(m, "recipient", path: "reporting") ?? "Ban Tuyên giáo Tỉnh ủy"
        if recipients.isEmpty { recipients = ["\(recipient) (b/c)", "Lưu VP"] }
        return ReportingSettings(
            recipient: recipient, dueDay: due ?? 20, periodEndDay: periodEnd, style: style,
            numberSuffix: optionalText(m, "number_suffix", path: "reporting") ?? "BC",
            signerTitle: optionalText(m, "signer_title", path: "reporting") ?? (style == .party ? "T/M BAN THƯỜNG VỤ" : "TM. CƠ QUAN"),
            signerRole: optionalText(m, "signer_role", path: "reporting") ?? (style == .party ? "BÍ THƯ" : "THỦ TRƯỞNG"),
            signerName: optionalText(m, "signer_name", path: "reporting") ?? "",
            recipients: recipients)
    }

    // MARK: - Lists

    /// Walks a list of mappings, checking keys and code uniqueness (case-insensitive).
    private mutating func entries(_ node: YAMLNode?, path: String, allowed: Set<String>, required: Set<String>,
                                  allowEmpty: Bool = false) -> [(YAMLNode.Mapping, YAMLNode, String, String)] {
        guard let node else { return [] }
        if case .scalar(let s) = node, s.string == "null" || s.string == "~" || s.string.isEmpty {
            if !allowEmpty { problem(node, path, "danh sách không được để trống") }
            return []
        }
        guard let seq = sequence(node, path: path) else { return [] }
        if seq.isEmpty && !allowEmpty { problem(node, path, "danh sách không được để trống") }
        var out: [(YAMLNode.Mapping, YAMLNode, String, String)] = []
        out.reserveCapacity(seq.count)
        var seen: [String: Int] = [:]
        seen.reserveCapacity(seq.count)
        let required = required.sorted()   // once, not per entry (a province lists 100,000 units)
        for (i, entry) in seq.enumerated() {
            let p = "\(path)[\(i)]"
            guard let m = mapping(entry, path: p) else { continue }
            checkKeys(m, path: p, allowed: allowed, required: required, node: entry)
            guard let code = text(m, "code", path: p) else { continue }
            if !Self.isValidCode(code) {
                problem(m[key: "code"], "\(p).code", "mã \"\(code)\" chỉ được gồm chữ Latin không dấu, số và _ . -")
                continue
            }
            let key = ValueMatcher.codeKey(code)   // the upper case of a valid (ASCII) code
            if let first = seen[key] {
                problem(m[key: "code"], "\(p).code", "mã \"\(code)\" trùng với \(path)[\(first)] (mã không phân biệt hoa thường)")
                continue
            }
            seen[key] = i
            out.append((m, entry, code, p))
        }
        return out
    }

    /// The years a plan's dates may fall in.
    static let years = 1990...2100
    /// Items a phase may require: its coverage sheet has a column each, and a sheet 16,384.
    static let maxPhaseItems = 16_000

    public static func isValidCode(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2D
        }
    }

    private mutating func loadItems(_ node: YAMLNode?) -> [PlanItem] {
        entries(node, path: "items", allowed: ["code", "title", "superior"], required: ["code", "title"]).compactMap { m, _, code, p in
            let superior = optionalText(m, "superior", path: p)
            if let superior, !Self.isValidCode(superior) {
                problem(m[key: "superior"], "\(p).superior", "mã \"\(superior)\" chỉ được gồm chữ Latin không dấu, số và _ . -")
            }
            return text(m, "title", path: p).map { PlanItem(code: code, title: $0, superior: superior) }
        }
    }

    private mutating func loadForms(_ node: YAMLNode?) -> [PlanForm] {
        entries(node, path: "forms", allowed: ["code", "title", "quantity_label"], required: ["code", "title"]).compactMap { m, _, code, p in
            text(m, "title", path: p).map {
                PlanForm(code: code, title: $0, quantityLabel: optionalText(m, "quantity_label", path: p))
            }
        }
    }

    private mutating func loadSlogans(_ node: YAMLNode?) -> [Slogan] {
        entries(node, path: "slogans", allowed: ["code", "text"], required: ["code", "text"], allowEmpty: true).compactMap { m, _, code, p in
            text(m, "text", path: p).map { Slogan(code: code, text: $0) }
        }
    }

    private mutating func loadPhases(_ node: YAMLNode?, items: [PlanItem]) -> [Phase] {
        var itemIndex: [String: Int] = [:]
        for (i, item) in items.enumerated() { itemIndex[item.code.uppercased()] = i }
        var phases: [Phase] = []
        for (m, entry, code, p) in entries(node, path: "phases", allowed: ["code", "title", "start", "end", "items"],
                                           required: ["code", "title", "start", "end", "items"]) {
            let title = text(m, "title", path: p)
            let start = date(m, "start", path: p)
            let end = date(m, "end", path: p)
            if let start, let end, start > end {
                problem(m[key: "start"] ?? entry, "\(p)", "ngày bắt đầu \(start.iso) sau ngày kết thúc \(end.iso)")
            }
            var required: [Int] = [], seen = Set<Int>()
            if let list = m[key: "items"], let seq = sequence(list, path: "\(p).items") {
                if seq.isEmpty { problem(list, "\(p).items", "đợt phải có ít nhất một nội dung") }
                for (j, n) in seq.enumerated() {
                    guard let s = n.string, !s.isEmpty else {
                        problem(n, "\(p).items[\(j)]", "phải là mã nội dung"); continue
                    }
                    guard let idx = itemIndex[s.uppercased()] else {
                        problem(n, "\(p).items[\(j)]", "không có nội dung mã \"\(s)\" trong danh sách items"); continue
                    }
                    if seen.insert(idx).inserted { required.append(idx) }
                }
                if required.count > Self.maxPhaseItems {
                    problem(list, "\(p).items", "đợt có \(required.count) nội dung; bảng tính bao phủ chỉ chứa được \(Self.maxPhaseItems) cột nội dung")
                }
            }
            if let title, let start, let end, start <= end {
                phases.append(Phase(code: code, title: title, start: start, end: end, items: required))
            }
        }
        return phases
    }

    /// The unit list from the plan or from its `units_file`; the tree is checked apart
    /// (`UnitTreeCheck`).
    private mutating func loadUnits(_ top: YAMLNode.Mapping) -> [PlanUnit] {
        var unitEntries: [UnitEntry] = []
        if let fileNode = top[key: "units_file"] {
            if top[key: "units"] != nil { problem(fileNode, "units_file", "chỉ dùng một trong hai: units hoặc units_file") }
            guard let name = fileNode.string, !name.isEmpty else {
                problem(fileNode, "units_file", "phải là tên tệp CSV"); return []
            }
            guard let readFile else { problem(fileNode, "units_file", "không đọc được tệp \(name)"); return [] }
            do {
                let csv = TextFolding.nfc(try readFile(name))
                let (entries, found) = UnitsCSV.parse(csv, name: name)
                unitEntries = entries
                problems += found
            } catch {
                problem(fileNode, "units_file", "không đọc được tệp \(name): \(error)")
                return []
            }
        } else if top[key: "units"] == nil {
            problems.append(PlanProblem(line: nil, path: "units", message: "thiếu danh sách đơn vị (units hoặc units_file)"))
            return []
        } else {
            for (m, _, code, p) in entries(top[key: "units"], path: "units", allowed: ["code", "name", "parent", "kind", "reports", "contact", "plan_code"],
                                           required: ["code", "name"]) {
                guard let name = text(m, "name", path: p) else { continue }
                var reports: Bool?
                if let r = m[key: "reports"] {
                    if let b = boolean(r) { reports = b } else { problem(r, "\(p).reports", "phải là true hoặc false") }
                }
                unitEntries.append(UnitEntry(code: code, name: name, parent: optionalText(m, "parent", path: p),
                                             kind: optionalText(m, "kind", path: p), contact: optionalText(m, "contact", path: p),
                                             planCode: optionalText(m, "plan_code", path: p), reports: reports,
                                             line: m[key: "code"]?.line, path: p))
            }
        }
        let (units, found) = UnitTreeCheck.build(unitEntries)
        problems += found
        return units
    }

    // MARK: - YAML syntax

    /// A text that is not one YAML document, said in Vietnamese with its line, what most likely
    /// went wrong, and libyaml's own words after it (for whoever helps the office).
    static func syntaxProblem(_ e: YAMLError) -> PlanProblem {
        switch e.kind {
        case .extraDocument:
            return PlanProblem(line: e.line, path: "", message: "tệp kế hoạch chỉ được có một phần: dòng \"---\" này mở phần thứ hai (xóa dòng đó, hoặc ghép hai phần làm một)")
        case .undefinedAlias:
            return PlanProblem(line: e.line, path: "", message: "cú pháp YAML sai: dấu * gọi một tên chưa được đặt bằng & ở phía trên; chi tiết: \(e.problem)")
        case .syntax:
            var detail = e.problem
            if let context = e.context { detail += " (\(context)" + (e.contextLine.map { ", dòng \($0))" } ?? ")") }
            return PlanProblem(line: e.line, path: "", message: "cú pháp YAML sai (\(likelyCause(e.problem))); chi tiết: \(detail.prefix(160))")
        }
    }

    /// libyaml's commonest complaints, as the mistake an office makes that causes them.
    static func likelyCause(_ problem: String) -> String {
        if problem.contains("tab character") { return "có phím Tab ở đầu dòng: thụt lề chỉ bằng dấu cách" }
        return switch problem {
        case "could not find expected ':'":
            "thiếu dấu hai chấm sau tên khóa, hoặc dấu ngoặc kép chưa đóng ở dòng trên"
        case "found character that cannot start any token":
            "có ký tự không được đứng đầu, thường là phím Tab: thụt lề chỉ bằng dấu cách"
        case "found unexpected end of stream":
            "hết tệp khi dấu ngoặc kép hoặc ngoặc vuông, ngoặc nhọn còn chưa đóng"
        case "mapping values are not allowed in this context":
            "dấu hai chấm giữa giá trị: đặt cả giá trị trong ngoặc kép"
        default:
            "thường do thụt lề lệch, thiếu dấu hai chấm sau tên khóa, hoặc dấu ngoặc kép chưa đóng"
        }
    }

    // MARK: - Scalars

    private mutating func problem(_ node: YAMLNode?, _ path: String, _ message: String) {
        problems.append(PlanProblem(line: node?.line, path: path, message: message))
    }

    private mutating func mapping(_ node: YAMLNode, path: String) -> YAMLNode.Mapping? {
        if case .mapping(let m) = node { return m }
        problem(node, path, "phải là một bảng khóa: giá trị")
        return nil
    }

    private mutating func sequence(_ node: YAMLNode, path: String) -> [YAMLNode]? {
        if case .sequence(let s) = node { return s.items }
        problem(node, path, "phải là một danh sách")
        return nil
    }

    /// `required` in the order missing keys are told (alphabetical).
    private mutating func checkKeys(_ m: YAMLNode.Mapping, path: String, allowed: Set<String>, required: [String], node: YAMLNode) {
        for (k, _) in m.pairs {
            guard let key = k.string else { continue }
            if !allowed.contains(key) {
                let hint = allowed.sorted().joined(separator: ", ")
                problem(k, path.isEmpty ? key : "\(path).\(key)", "khóa không hợp lệ (các khóa được dùng: \(hint))")
            }
        }
        // A unit's mapping has two to seven keys: looked up, not gathered into a set.
        for key in required where m[key: key] == nil {
            problem(node, path.isEmpty ? key : "\(path).\(key)", "thiếu khóa bắt buộc")
        }
    }

    private mutating func text(_ m: YAMLNode.Mapping, _ key: String, path: String) -> String? {
        guard let node = m[key: key] else { return nil }  // missing: reported by checkKeys
        guard case .scalar(let s) = node, !isNull(s) else {
            problem(node, "\(path).\(key)", "chưa điền giá trị"); return nil
        }
        let v = TextFolding.collapseSpaces(Self.printable(s.string))
        if v.isEmpty { problem(node, "\(path).\(key)", "chưa điền giá trị"); return nil }
        return v
    }

    private mutating func optionalText(_ m: YAMLNode.Mapping, _ key: String, path: String) -> String? {
        guard let node = m[key: key] else { return nil }
        guard case .scalar(let s) = node else { problem(node, "\(path).\(key)", "phải là một dòng chữ"); return nil }
        if isNull(s) { return nil }
        let v = TextFolding.collapseSpaces(Self.printable(s.string))
        return v.isEmpty ? nil : v
    }

    private mutating func integer(_ m: YAMLNode.Mapping, _ key: String, path: String) -> Int? {
        guard let node = m[key: key] else { return nil }
        guard let s = node.string, let v = Int(s) else {
            problem(node, "\(path).\(key)", "phải là một số nguyên"); return nil
        }
        return v
    }

    private mutating func date(_ m: YAMLNode.Mapping, _ key: String, path: String) -> Day? {
        guard let node = m[key: key] else { return nil }
        guard case .scalar(let s) = node, !isNull(s) else {
            problem(node, "\(path).\(key)", "chưa có ngày (điền YYYY-MM-DD)"); return nil
        }
        guard let d = Day.parseISO(s.string.trimmingSpaces) else {
            problem(node, "\(path).\(key)", "ngày \"\(s.string)\" không đúng dạng YYYY-MM-DD"); return nil
        }
        // A year typed wrong (0001, 2200) would make a run write thousands of periods.
        guard (Self.years).contains(d.components.year) else {
            problem(node, "\(path).\(key)", "năm \(d.components.year) ngoài khoảng \(Self.years.lowerBound)–\(Self.years.upperBound); kiểm tra lại năm")
            return nil
        }
        return d
    }

    /// A YAML 1.1 boolean written plain (`true`, `yes`, `on`, `false`, `no`, `off`, any case).
    private func boolean(_ node: YAMLNode) -> Bool? {
        guard case .scalar(let s) = node, s.isPlain else { return nil }
        switch s.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    private func isNull(_ s: YAMLNode.Scalar) -> Bool {
        s.isPlain && (s.string == "null" || s.string == "~" || s.string == "Null" || s.string == "NULL" || s.string.isEmpty)
    }

    /// Plan text goes into reports and terminals: control characters (ESC, SOH, VT…) and
    /// invisible format characters become spaces, so nothing in a plan can drive a terminal
    /// or hide inside a name.
    static func printable(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isHidden) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(isHidden(scalar) ? " " : scalar) }
        return String(out)
    }

    private static func isHidden(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF: true
        default: false
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // Text that begins and ends with a visible ASCII byte has nothing to trim; asking
        // each end's `Character` costs a grapheme break and a Unicode property look-up.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
