/// Finds the sections of a plan by what their headings say and reads their lists:
/// content items, phases (with windows and the items under them), forms, slogans and the
/// implementing units.
struct Sections {
    enum Role: CaseIterable { case content, phases, forms, slogans, units }

    let outline: DocumentOutline
    let documentDate: Day?

    /// Words that name a section, folded (no case, no diacritics).
    static let keywords: [Role: [String]] = [
        .slogans: ["khau hieu"],
        .forms: ["hinh thuc", "hoat dong tuyen truyen chu yeu", "phuong thuc tuyen truyen", "cac hoat dong tuyen truyen"],
        .phases: ["cac dot", "dot tuyen truyen", "dot cao diem", "thoi gian tuyen truyen", "giai doan tuyen truyen",
                  "cac giai doan", "lo trinh", "tien do thuc hien"],
        .content: ["noi dung"],
        .units: ["to chuc thuc hien", "phan cong thuc hien", "trach nhiem thuc hien"],
    ]

    /// A heading's role, when it names exactly one kind of section. "Nội dung, hình thức,
    /// khẩu hiệu" names three: it is a container, and its sub-sections carry the roles.
    func role(of i: Int) -> Role? {
        let node = outline[i]
        guard node.line.marker.isNumbered, let heading = headingText(node.line.text) else { return nil }
        let k = TextFolding.matchKey(heading)
        // A heading names its kind near its start ("IV. MỘT SỐ KHẨU HIỆU TUYÊN TRUYỀN"); a
        // content item that mentions forms further on ("Tuyên truyền … các hình thức …") does not.
        func named(_ keyword: String) -> Bool {
            guard let r = k.range(of: keyword) else { return false }
            return k[..<r.lowerBound].split(separator: " ").count <= 3
        }
        var roles = Role.allCases.filter { role in Self.keywords[role]!.contains(where: named) }
        // "Thời gian thực hiện" holds phases only when what is under it has windows.
        if roles.isEmpty, k.contains("thoi gian"),
           node.children.contains(where: { c in
               let l = outline[c].line
               return l.marker != .none && DatePhrase.window(in: l.text, documentDate: documentDate) != nil
           }) {
            roles = [.phases]
        }
        return roles.count == 1 ? roles[0] : nil
    }

    /// The heading part of a line ("1.2. Hình thức tuyên truyền", "2. Thời gian thực hiện: …"),
    /// or nil when the line is a paragraph rather than a heading.
    func headingText(_ text: String) -> String? {
        var head = text
        if let colon = text.firstIndex(of: ":") { head = String(text[..<colon]) }
        return head.split(separator: " ").count <= 14 ? head : nil
    }

    func fill(_ draft: inout PlanDraft) {
        let roles = outline.nodes.indices.map { role(of: $0) }
        func first(_ r: Role) -> Int? { roles.firstIndex(of: r) }

        // Content given as one list, or per phase (a short label with bullets under it).
        var listed: [(String, Int)] = []
        var perPhase: [PlanDraft.Phase] = []
        var perPhaseBullets: [[(String, Int)]] = []
        for c in roles.indices where roles[c] == .content {
            let es = entries(of: c, roles: roles)
            let labels = es.filter { isLabelWithList($0) }
            if labels.count >= 2 && labels.count * 2 >= es.count {
                for e in labels {
                    perPhase.append(phase(from: e))
                    perPhaseBullets.append(bullets(under: e).map { (outline[$0].line.text, outline[$0].line.number) })
                }
            } else {
                listed += es.map { (outline[$0].line.text, outline[$0].line.number) }
            }
        }

        // Phases from their own section(s), and "Đợt N" lines anywhere else.
        var phases: [PlanDraft.Phase] = []
        var phaseBullets: [[(String, Int)]] = []
        var used = Set<Int>()
        for p in roles.indices where roles[p] == .phases {
            for e in entries(of: p, roles: roles) where !used.contains(e) {
                used.insert(e)
                phases.append(phase(from: e))
                phaseBullets.append(bullets(under: e).map { (outline[$0].line.text, outline[$0].line.number) })
            }
        }
        for i in outline.nodes.indices where !used.contains(i) {
            if case .phase = outline[i].line.marker {
                phases.append(phase(from: i))
                phaseBullets.append(bullets(under: i).map { (outline[$0].line.text, outline[$0].line.number) })
            }
        }
        if phases.isEmpty { phases = perPhase; phaseBullets = perPhaseBullets }
        else if !perPhase.isEmpty { listed += perPhaseBullets.flatMap { $0 } }

        // Items: the document's own list when it has one; otherwise what each phase lists.
        var items: [PlanDraft.Entry] = []
        var byKey: [String: String] = [:]
        func item(_ text: String, _ line: Int) -> String {
            let title = Self.shorten(text)
            let key = TextFolding.matchKey(Self.trimEnd(text))
            if let code = byKey[key] { return code }
            let code = "ND" + Self.pad(items.count + 1)
            items.append(.init(code: code, text: title, line: line))
            byKey[key] = code
            return code
        }
        if !listed.isEmpty {
            for (t, l) in listed { _ = item(t, l) }
            draft.itemsSource = "danh sách nội dung của văn bản"
            for i in phases.indices {
                phases[i].items = nil
                phases[i].mentions = phaseBullets[i].map { Self.shorten($0.0) }
            }
        } else {
            for i in phases.indices {
                var codes: [String] = []
                for (t, l) in phaseBullets[i] {
                    let c = item(t, l)
                    if !codes.contains(c) { codes.append(c) }
                }
                phases[i].items = codes.isEmpty ? nil : codes
            }
            if !items.isEmpty { draft.itemsSource = "các gạch đầu dòng dưới từng đợt" }
        }
        for i in phases.indices { phases[i].code = "D\(i + 1)" }
        draft.items = items
        draft.phases = phases

        if let f = first(.forms) {
            draft.forms = entries(of: f, roles: roles).enumerated().map { n, e in
                .init(code: "HT" + Self.pad(n + 1), text: Self.shorten(outline[e].line.text), line: outline[e].line.number)
            }
        }
        if let s = first(.slogans) {
            var es = entries(of: s, roles: roles)
            // Slogans written one per line with no marker: the lines that end like a slogan.
            if es.isEmpty { es = outline[s].children.filter { outline[$0].line.text.hasSuffix("!") } }
            draft.slogans = es.enumerated().map { n, e in
                .init(code: "KH" + Self.pad(n + 1), text: outline[e].line.text, line: outline[e].line.number)
            }
        }
        if let u = first(.units) {
            let names = entries(of: u, roles: roles).filter { e in
                let t = outline[e].line.text
                return t.split(separator: " ").count <= 14 && !t.dropLast().contains(".") && !t.contains(";")
                    && !t.hasSuffix(":")
            }
            draft.units = names.enumerated().map { n, e in
                .init(code: "DV" + Self.pad(n + 1), text: Self.trimEnd(outline[e].line.text), line: outline[e].line.number)
            }
        }
    }

    // MARK: - Lists

    /// The entries of a section: its numbered sub-sections when it has them, else its bullets.
    /// Sub-sections that are sections of another kind, and labels ("…, tập trung tuyên truyền:"),
    /// are not entries.
    func entries(of s: Int, roles: [Role?]) -> [Int] {
        let kids = outline[s].children.filter { c in
            let l = outline[c].line
            return l.marker != .none && l.marker != .star && roles[c] == nil && !l.text.isEmpty
        }
        let numbered = kids.filter { outline[$0].line.marker.isNumbered }
        if !numbered.isEmpty { return numbered }
        let dashes = kids.filter { outline[$0].line.marker == .bullet("-") && !isLabel(outline[$0].line.text) }
        if !dashes.isEmpty { return dashes }
        return kids.filter { outline[$0].line.marker == .bullet("+") && !isLabel(outline[$0].line.text) }
    }

    /// The bullets that list what a phase covers: its first bullet level, through group labels.
    func bullets(under e: Int) -> [Int] {
        let all = outline.descendants(of: e).filter { d in
            if case .bullet = outline[d].line.marker { return !isLabel(outline[d].line.text) }
            return false
        }
        let dashes = all.filter { outline[$0].line.marker == .bullet("-") }
        return dashes.isEmpty ? all : dashes
    }

    func isLabel(_ text: String) -> Bool { text.hasSuffix(":") }

    /// "- Tuyên truyền trước Đại hội" with "+" bullets under it: a phase label, not an item.
    func isLabelWithList(_ e: Int) -> Bool {
        let words = outline[e].line.text.split(separator: " ").count
        return words <= 12 && !outline[e].children.isEmpty
            && outline[e].children.contains { if case .bullet = outline[$0].line.marker { true } else { false } }
    }

    // MARK: - Phases

    /// A phase from its heading; its code is given once all phases are known.
    func phase(from e: Int) -> PlanDraft.Phase {
        let line = outline[e].line
        let text = line.text
        var window = DatePhrase.window(in: text, documentDate: documentDate)
        // "1.2. Tuyên truyền đại hội …: Từ tháng 02/2020 đến 30/6/2020" — the title is the part
        // without the dates; a heading that is only dates is its own title.
        var title = text
        if let colon = text.firstIndex(of: ":") {
            let a = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            let b = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let aDated = DatePhrase.window(in: a, documentDate: documentDate) != nil
            let bDated = DatePhrase.window(in: b, documentDate: documentDate) != nil
            if !b.isEmpty && aDated && !bDated { title = b } else if !a.isEmpty { title = a }
        }
        // "Đợt 1: …" keeps its words; a window may also be given on a "Thời gian: …" line under it.
        if window == nil {
            for c in outline[e].children.prefix(4) {
                let t = outline[c].line.text
                if TextFolding.matchKey(t).hasPrefix("thoi gian"),
                   let w = DatePhrase.window(in: t, documentDate: documentDate) { window = w; break }
            }
        }
        var note: String?
        if window == nil {
            note = DatePhrase.mentionsEventTiming(text)
                ? "đợt gắn với sự kiện, văn bản không ghi ngày: điền ngày bắt đầu và kết thúc"
                : "văn bản không ghi thời gian của đợt này: điền ngày bắt đầu và kết thúc"
        }
        return PlanDraft.Phase(code: "", title: Self.capitalised(Self.trimEnd(title)), line: line.number, window: window,
                               windowNote: note, items: nil)
    }

    // MARK: - Text

    /// A title short enough for a column header: the first sentence, or its first clause when
    /// that says enough (40 characters or more), at most ~160 characters cut at a word; the
    /// document's words are kept as written.
    static func shorten(_ text: String, limit: Int = 160) -> String {
        var t = text
        if let r = t.range(of: #"\.\s+(?=\p{Lu})"#, options: .regularExpression) { t = String(t[..<r.lowerBound]) }
        if let semi = t.range(of: "; "), t.distance(from: t.startIndex, to: semi.lowerBound) >= 40 {
            t = String(t[..<semi.lowerBound])
        }
        if t.count > limit {
            let cut = t.prefix(limit)
            let end = cut.lastIndex(of: " ") ?? cut.endIndex
            t = String(cut[..<end]).trimmingCharacters(in: CharacterSet(charactersIn: " ,;:")) + "…"
        }
        return capitalised(trimEnd(t))
    }

    /// A title starts with a capital, as titles do in the plan file.
    static func capitalised(_ s: String) -> String {
        guard let first = s.first, first.isLowercase else { return s }
        return first.uppercased() + s.dropFirst()
    }

    static func trimEnd(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        while let last = t.last, ".,;:".contains(last) { t.removeLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

import Foundation
