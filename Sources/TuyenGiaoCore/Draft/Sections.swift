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
    /// What a section holds counts before what its heading says: a block whose children are
    /// "Giai đoạn N" / "Đợt N" is the phase section whatever its heading ("Các hoạt động tuyên
    /// truyền theo từng giai đoạn"), and so is an unnamed block whose children are time windows.
    func role(of i: Int) -> Role? {
        let node = outline[i]
        guard node.line.marker.isNumbered, let heading = headingText(node.line.text) else { return nil }
        if node.children.filter(isPhaseLabel).count >= 2 { return .phases }
        let k = TextFolding.matchKey(heading)
        // A heading names its kind near its start ("IV. MỘT SỐ KHẨU HIỆU TUYÊN TRUYỀN"); a
        // content item that mentions forms further on ("Tuyên truyền … các hình thức …") does not.
        func named(_ keyword: String) -> Bool {
            guard let r = k.range(of: keyword) else { return false }
            return k[..<r.lowerBound].split(separator: " ").count <= 3
        }
        var roles = Role.allCases.filter { role in Self.keywords[role]!.contains(where: named) }
        if roles.isEmpty,
           node.children.filter({ c in
               let l = outline[c].line
               let text = k.contains("thoi gian") ? l.text : headingText(l.text) ?? ""
               return l.marker != .none && l.marker != .row && DatePhrase.window(in: text, documentDate: documentDate) != nil
           }).count >= (k.contains("thoi gian") ? 1 : 2) {
            roles = [.phases]
        }
        return roles.count == 1 ? roles[0] : nil
    }

    /// "Đợt 2: …", "3.2. Giai đoạn 2: …", "- Đợt 1 (…)": a line that labels a phase.
    func isPhaseLabel(_ c: Int) -> Bool {
        let l = outline[c].line
        if case .phase = l.marker { return true }
        guard l.marker.isNumbered || l.marker == .bullet("-") else { return false }
        return DocumentLine.classify(l.text).0.isPhase
    }

    /// The heading part of a line ("1.2. Hình thức tuyên truyền", "2. Thời gian thực hiện: …"),
    /// or nil when the line is a paragraph rather than a heading.
    func headingText(_ text: String) -> String? {
        var head = text
        if let colon = text.firstIndex(of: ":") { head = String(text[..<colon]) }
        return head.split(separator: " ").count <= 14 ? head : nil
    }

    /// A line of the document as a draft value: its text, its line, the "+" points under it.
    struct Listed {
        var text: String
        var line: Int
        var details: [String] = []
    }

    func listing(_ i: Int) -> Listed {
        let l = outline[i].line
        // "- Tuyên truyền về …:" with "+" points under it is one item; its points are its comment.
        var details: [String] = []
        if isLabel(l.text) {
            details = outline[i].children.filter { outline[$0].line.marker == .bullet("+") }.map { Self.shorten(outline[$0].line.text) }
        }
        return Listed(text: l.text, line: l.number, details: details)
    }

    func fill(_ draft: inout PlanDraft) {
        let roles = outline.nodes.indices.map { role(of: $0) }
        func first(_ r: Role) -> Int? { roles.firstIndex(of: r) }
        func span(_ s: Int) -> ClosedRange<Int> {
            let last = outline.descendants(of: s).last.map { outline[$0].line.number } ?? outline[s].line.number
            return outline[s].line.number...last
        }
        func byHeading(_ s: Int) -> String { "theo đề mục \"\(Self.shorten(outline[s].line.text, limit: 60))\"" }

        // Content given as one list, or per phase (a short label tied to a time, bullets under it).
        var listed: [Listed] = []
        var perPhase: [PlanDraft.Phase] = []
        var perPhaseBullets: [[Listed]] = []
        var contentFinding: PlanDraft.Finding?
        for c in roles.indices where roles[c] == .content {
            let es = entries(of: c, roles: roles, itemsWithPoints: true)
            let labels = es.filter { isLabelWithList($0) }
            if labels.count >= 2 && labels.count * 2 >= es.count {
                for e in labels {
                    var p = phase(from: e)
                    p.reason = "nhãn đợt trong mục nội dung"
                    perPhase.append(p)
                    perPhaseBullets.append(bullets(under: e).map(listing))
                }
                contentFinding = contentFinding ?? .init(section: "Nội dung", lines: span(c),
                                                         how: byHeading(c) + ", chia theo từng đợt")
            } else {
                listed += es.map(listing)
                if !es.isEmpty, contentFinding == nil { contentFinding = .init(section: "Nội dung", lines: span(c), how: byHeading(c)) }
            }
        }

        // Phases from their own section(s), "Đợt N" / "Giai đoạn N" lines anywhere else, and
        // the rows of a schedule laid out as a table.
        var phases: [PlanDraft.Phase] = []
        var phaseBullets: [[Listed]] = []
        var used = Set<Int>()
        var phaseFinding: PlanDraft.Finding?
        for p in roles.indices where roles[p] == .phases {
            let byChildren = outline[p].children.filter(isPhaseLabel).count >= 2
            let es = entries(of: p, roles: roles).filter { !used.contains($0) && outline[$0].line.marker != .row }
            for e in es {
                used.insert(e)
                var ph = phase(from: e)
                if byChildren && !isNamedPhaseHeading(p) { ph.reason = "mục có các giai đoạn/đợt" }
                phases.append(ph)
                phaseBullets.append(bullets(under: e).map(listing))
            }
            if !es.isEmpty, phaseFinding == nil {
                phaseFinding = .init(section: "Các đợt", lines: span(p),
                                     how: byChildren && !isNamedPhaseHeading(p) ? "theo các dòng \"Giai đoạn/Đợt N\" dưới đề mục \"\(Self.shorten(outline[p].line.text, limit: 60))\"" : byHeading(p))
            }
        }
        for i in outline.nodes.indices where !used.contains(i) {
            if case .phase = outline[i].line.marker {
                var ph = phase(from: i)
                ph.reason = "dòng \"Đợt/Giai đoạn N\""
                phases.append(ph)
                phaseBullets.append(bullets(under: i).map(listing))
                phaseFinding = phaseFinding ?? .init(section: "Các đợt", lines: outline[i].line.number...outline[i].line.number,
                                                     how: "theo các dòng \"Đợt/Giai đoạn N\" trong văn bản")
            }
        }
        let table = tablePhases()
        if !table.isEmpty {
            phases += table.map(\.0)
            phaseBullets += table.map { [$0.1].compactMap { $0 } }
            let lines = table.map(\.0.line)
            phaseFinding = phaseFinding ?? .init(section: "Các đợt", lines: lines.min()!...lines.max()!, how: "theo bảng thời gian")
        }
        if phases.isEmpty {
            phases = perPhase; phaseBullets = perPhaseBullets
            if !perPhase.isEmpty { phaseFinding = contentFinding.map { .init(section: "Các đợt", lines: $0.lines, how: "theo các nhãn đợt trong mục nội dung") } }
        } else if !perPhase.isEmpty { listed += perPhaseBullets.flatMap { $0 } }

        // Items: the document's own list when it has one; otherwise what each phase lists.
        var items: [PlanDraft.Entry] = []
        var byKey: [String: String] = [:]
        func item(_ l: Listed, reason: String? = nil) -> String {
            let key = TextFolding.matchKey(Self.trimEnd(l.text))
            if let code = byKey[key] { return code }
            let code = "ND" + Self.pad(items.count + 1)
            items.append(.init(code: code, text: Self.shorten(l.text), line: l.line, reason: reason, details: l.details))
            byKey[key] = code
            return code
        }
        if !listed.isEmpty {
            for l in listed { _ = item(l) }
            draft.itemsSource = "danh sách nội dung của văn bản"
            for i in phases.indices {
                phases[i].items = nil
                phases[i].mentions = phaseBullets[i].map { Self.shorten($0.text) }
            }
        } else {
            for i in phases.indices {
                var codes: [String] = []
                for l in phaseBullets[i] {
                    let c = item(l, reason: "gạch đầu dòng dưới đợt \(i + 1)")
                    if !codes.contains(c) { codes.append(c) }
                }
                phases[i].items = codes.isEmpty ? nil : codes
            }
            if !items.isEmpty {
                draft.itemsSource = "các gạch đầu dòng dưới từng đợt"
                contentFinding = .init(section: "Nội dung", lines: nil, how: "không có danh sách riêng; lấy các gạch đầu dòng dưới từng đợt")
            }
        }
        for i in phases.indices { phases[i].code = "D\(i + 1)" }
        draft.items = items
        draft.phases = phases

        var formsFinding: PlanDraft.Finding?, slogansFinding: PlanDraft.Finding?, unitsFinding: PlanDraft.Finding?
        if let f = first(.forms) {
            draft.forms = entries(of: f, roles: roles).enumerated().map { n, e in
                .init(code: "HT" + Self.pad(n + 1), text: Self.shorten(outline[e].line.text), line: outline[e].line.number)
            }
            formsFinding = .init(section: "Hình thức", lines: span(f), how: byHeading(f))
        }
        if let s = first(.slogans) {
            var es = entries(of: s, roles: roles)
            var how = byHeading(s)
            // Slogans written one per line with no marker: the lines that end like a slogan.
            if es.isEmpty {
                es = outline[s].children.filter { outline[$0].line.text.hasSuffix("!") }
                how += ", các dòng kết thúc bằng dấu \"!\""
            }
            draft.slogans = es.enumerated().map { n, e in
                .init(code: "KH" + Self.pad(n + 1), text: outline[e].line.text, line: outline[e].line.number)
            }
            slogansFinding = .init(section: "Khẩu hiệu", lines: span(s), how: how)
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
            unitsFinding = .init(section: "Đơn vị thực hiện", lines: span(u), how: byHeading(u))
        }
        draft.findings = [contentFinding, phaseFinding, formsFinding, slogansFinding, unitsFinding]
            .compactMap { $0 }
    }

    /// A phase section whose own heading names phases ("Các đợt tuyên truyền"), as opposed to
    /// one found by the "Giai đoạn N" lines under it.
    func isNamedPhaseHeading(_ p: Int) -> Bool {
        let k = TextFolding.matchKey(headingText(outline[p].line.text) ?? "")
        return Self.keywords[.phases]!.contains { k.contains($0) }
    }

    // MARK: - Tables

    /// A schedule laid out as a table ("Đợt | Thời gian | Nội dung"): each row with a time in
    /// one cell is a phase — its name from the cell that labels it (or the first cell without a
    /// date), its dates from the time cell, what it covers from the remaining text cell. Header
    /// rows (no date) are not phases.
    func tablePhases() -> [(PlanDraft.Phase, Listed?)] {
        var out: [(PlanDraft.Phase, Listed?)] = []
        for node in outline.nodes where node.line.marker == .row {
            let cells = node.line.text.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2 else { continue }
            let timed = cells.indices.first { i in
                let b = DatePhrase.bounds(in: cells[i], documentDate: documentDate)
                return b != nil && cells[i].split(separator: " ").count <= 16
            }
            let labelled = cells.indices.first { i in
                let k = TextFolding.matchKey(cells[i])
                return DocumentLine.classify(cells[i]).0.isPhase || k.hasPrefix("dot ") || k.hasPrefix("giai doan ")
            }
            // No date, but a time tied to an event ("Sau Đại hội") beside a phase label: still a phase.
            let tied = labelled == nil ? nil : cells.indices.first { $0 != labelled && DatePhrase.mentionsEventTiming(cells[$0]) }
            guard let t = timed ?? tied else { continue }
            let nameCell = labelled ?? cells.indices.first { $0 != t && !cells[$0].isEmpty && Int(cells[$0]) == nil }
            let textCells = cells.indices.filter { $0 != t && $0 != nameCell && !cells[$0].isEmpty && Int(cells[$0]) == nil }
            let b = DatePhrase.bounds(in: cells[t], documentDate: documentDate)
            var title = nameCell.map { cells[$0] } ?? cells[t]
            // "Đợt 1" alone says little: with the row's content it names the phase.
            if let n = nameCell, Self.isBareLabel(cells[n]) || cells[n].split(separator: " ").count <= 3,
               let c = textCells.first {
                title = cells[n] + ": " + Self.shorten(cells[c], limit: 100)
            }
            var phase = PlanDraft.Phase(code: "", title: Self.capitalised(Self.trimEnd(title)), line: node.line.number,
                                        start: b?.start, end: b?.end, windowNote: b?.note, items: nil)
            if b == nil { phase.windowNote = eventNote(cells[t]) }
            phase.reason = "bảng thời gian"
            out.append((phase, textCells.first.map { Listed(text: cells[$0], line: node.line.number) }))
        }
        return out
    }

    // MARK: - Lists

    /// The entries of a section: its numbered sub-sections when it has them, else its bullets.
    /// Sub-sections that are sections of another kind, and labels ("…, tập trung tuyên truyền:"),
    /// are not entries — except, in a content list, an item that ends in ":" with "+" points
    /// under it (`itemsWithPoints`): that is one item, its points its detail.
    func entries(of s: Int, roles: [Role?], itemsWithPoints: Bool = false) -> [Int] {
        let kids = outline[s].children.filter { c in
            let l = outline[c].line
            return l.marker != .none && l.marker != .star && l.marker != .row && roles[c] == nil && !l.text.isEmpty
        }
        let numbered = kids.filter { outline[$0].line.marker.isNumbered }
        if !numbered.isEmpty { return numbered }
        func keep(_ c: Int) -> Bool {
            !isLabel(outline[c].line.text)
                || (itemsWithPoints && outline[c].children.contains { outline[$0].line.marker == .bullet("+") })
        }
        let dashes = kids.filter { outline[$0].line.marker == .bullet("-") && keep($0) }
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

    /// "- Tuyên truyền trước Đại hội" with "+" bullets under it: a phase label, not an item —
    /// when it is tied to a time (an event, a window, "Đợt N"). "- Tuyên truyền về …:" with
    /// points under it is an item.
    func isLabelWithList(_ e: Int) -> Bool {
        let text = outline[e].line.text
        let words = text.split(separator: " ").count
        guard words <= 12, outline[e].children.contains(where: { if case .bullet = outline[$0].line.marker { true } else { false } })
        else { return false }
        return DatePhrase.mentionsEventTiming(text) || DatePhrase.window(in: text, documentDate: documentDate) != nil
            || DocumentLine.classify(text).0.isPhase
    }

    // MARK: - Phases

    /// A phase from its heading; its code is given once all phases are known.
    func phase(from e: Int) -> PlanDraft.Phase {
        let line = outline[e].line
        let text = line.text
        var bounds = DatePhrase.bounds(in: text, documentDate: documentDate)
        // "1.2. Tuyên truyền đại hội …: Từ tháng 02/2020 đến 30/6/2020" — the title is the part
        // without the dates; a heading that is only dates is its own title.
        var title = text
        if let colon = text.firstIndex(of: ":") {
            let a = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
            let b = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            let aDated = DatePhrase.window(in: a, documentDate: documentDate) != nil
            let bDated = DatePhrase.window(in: b, documentDate: documentDate) != nil
            if !b.isEmpty && aDated && !bDated { title = b } else if !a.isEmpty { title = a }
            // "Giai đoạn 1: Từ nay đến …" — a label alone says little; the words after it name the phase.
            if title == a, Self.isBareLabel(a), !b.isEmpty { title = a + ": " + Self.shorten(b, limit: 100) }
        }
        // "Đợt 1: …" keeps its words; a window may also be given on a "Thời gian: …" line under it.
        var lastLine: Int?
        if bounds?.end == nil || bounds?.start == nil {
            for c in outline[e].children.prefix(4) {
                let t = outline[c].line.text
                if TextFolding.matchKey(t).hasPrefix("thoi gian"), let w = DatePhrase.bounds(in: t, documentDate: documentDate) {
                    bounds = w; lastLine = outline[c].line.number; break
                }
            }
        }
        var note = bounds?.note
        if bounds == nil { note = eventNote(text) }
        return PlanDraft.Phase(code: "", title: Self.capitalised(Self.trimEnd(title)), line: line.number, lastLine: lastLine,
                               start: bounds?.start, end: bounds?.end, windowNote: note, items: nil)
    }

    /// Why a phase has no dates: tied to an event the text does not date (named), or no time at all.
    func eventNote(_ text: String) -> String {
        if DatePhrase.mentionsEventTiming(text) {
            let event = DatePhrase.eventName(in: text).map { " (\($0))" } ?? ""
            return "đợt gắn với sự kiện\(event), văn bản không ghi ngày: điền ngày bắt đầu và kết thúc"
        }
        return "văn bản không ghi thời gian của đợt này: điền ngày bắt đầu và kết thúc"
    }

    // MARK: - Text

    /// "Đợt 1", "Giai đoạn II": a label that says nothing of the phase on its own.
    static func isBareLabel(_ s: String) -> Bool {
        TextFolding.matchKey(trimEnd(s)).range(of: #"^(dot|giai doan|buoc)\s+([0-9]+|[ivx]+)$"#, options: .regularExpression) != nil
    }

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
