import Foundation
import ZIPFoundation

/// `word/document.xml` as lines of text: a paragraph per line, its automatic number rendered
/// from `word/numbering.xml` (directly on the paragraph, or through its style), a table row per
/// line with its cells joined by " | ", tracked deletions left out, a manual line break kept.
enum DocxText {
    struct Level { var format: ListNumberFormat; var text: String; var start: Int }

    static func read(_ url: URL) throws -> String {
        let archive = try PlanDocumentReader.open(url)
        guard archive["word/document.xml"] != nil else { throw PlanDocumentReader.Failure.unreadable("tệp .docx thiếu word/document.xml") }
        let numbering = archive["word/numbering.xml"] == nil ? Numbering() : try Numbering(archive)
        let styles = archive["word/styles.xml"] == nil ? [:] : try styleNumbering(archive)
        var body = Body(numbering: numbering, styles: styles)
        try PlanDocumentReader.events(archive, "word/document.xml") { body.take($0) }
        return body.lines.joined(separator: "\n") + "\n"
    }

    /// The abstract lists and which list each `numId` uses.
    struct Numbering {
        var abstract: [String: [Int: Level]] = [:]
        var nums: [String: String] = [:]

        init() {}

        init(_ archive: Archive) throws {
            var current: String?, level: Int?, lvl = Level(format: .decimal, text: "", start: 1), numId: String?
            try PlanDocumentReader.events(archive, "word/numbering.xml") { e in
                switch e {
                case .start(_, let local, let a, _):
                    switch local {
                    case "abstractNum": current = a["w:abstractNumId"]
                    case "lvl": level = a["w:ilvl"].flatMap { Int($0) }; lvl = Level(format: .decimal, text: "", start: 1)
                    case "start": lvl.start = a["w:val"].flatMap { Int($0) } ?? 1
                    case "numFmt": lvl.format = ListNumberFormat(word: a["w:val"] ?? "decimal", text: "")
                    case "lvlText": lvl.text = a["w:val"] ?? ""
                    case "num": numId = a["w:numId"]
                    case "abstractNumId": if let numId, let v = a["w:val"] { nums[numId] = v }
                    default: break
                    }
                case .end(_, let local):
                    if local == "lvl", let current, let level {
                        if case .bullet = lvl.format { lvl.format = .bullet(ListNumberFormat.bulletText(lvl.text)) }
                        abstract[current, default: [:]][level] = lvl
                    }
                    if local == "abstractNum" { current = nil }
                    if local == "num" { numId = nil }
                case .text: break
                }
            }
        }

        func level(_ numId: String, _ ilvl: Int) -> Level? { nums[numId].flatMap { abstract[$0]?[ilvl] } }
    }

    /// Paragraph styles that number their paragraphs (Word's "List Number", "List Bullet").
    static func styleNumbering(_ archive: Archive) throws -> [String: (numId: String, ilvl: Int)] {
        var out: [String: (String, Int)] = [:]
        var style: String?, numId: String?, ilvl = 0
        try PlanDocumentReader.events(archive, "word/styles.xml") { e in
            switch e {
            case .start(_, "style", let a, _): style = a["w:styleId"]; numId = nil; ilvl = 0
            case .start(_, "numId", let a, _): numId = a["w:val"]
            case .start(_, "ilvl", let a, _): ilvl = a["w:val"].flatMap { Int($0) } ?? 0
            case .end(_, "style"):
                if let style, let numId { out[style] = (numId, ilvl) }
                style = nil
            default: break
            }
        }
        return out
    }

    struct Paragraph {
        var text = ""
        var style: String?
        var numId: String?
        var ilvl = 0
    }

    struct Body {
        let numbering: Numbering
        let styles: [String: (numId: String, ilvl: Int)]
        var lines: [String] = []
        var stack: [Paragraph] = []
        var inText = false
        /// Inside a run (`w:r`): only there are `w:tab` and `w:br` text (a paragraph's tab stops are `w:tab` too).
        var runs = 0
        var deleted = 0
        /// Open tables: the current row's cells, and the cell being read.
        var rows: [[String]] = []
        var cell: [String] = []
        var tableDepth = 0
        var counters: [String: [Int]] = [:]

        mutating func take(_ e: XMLStreamScanner.Event) {
            switch e {
            case .start(_, let local, let a, _):
                switch local {
                case "p": stack.append(Paragraph())
                case "pStyle": if !stack.isEmpty { stack[stack.count - 1].style = a["w:val"] }
                case "numId": if !stack.isEmpty { stack[stack.count - 1].numId = a["w:val"] }
                case "ilvl": if !stack.isEmpty { stack[stack.count - 1].ilvl = a["w:val"].flatMap { Int($0) } ?? 0 }
                case "r": runs += 1
                case "t": inText = true
                case "tab": if runs > 0 { append("\t") }
                case "br", "cr": if runs > 0 { append("\n") }
                case "del", "moveFrom": deleted += 1
                case "tbl": tableDepth += 1
                case "tr": rows.append([])
                case "tc": cell = []
                default: break
                }
            case .text(let s):
                if inText && deleted == 0 { append(s) }
            case .end(_, let local):
                switch local {
                case "t": inText = false
                case "r": runs = max(0, runs - 1)
                case "del", "moveFrom": deleted = max(0, deleted - 1)
                case "p": endParagraph()
                case "tc":
                    if !rows.isEmpty { rows[rows.count - 1].append(cell.joined(separator: " ").trimmingCharacters(in: .whitespaces)) }
                case "tr":
                    if let row = rows.popLast(), row.contains(where: { !$0.isEmpty }) {
                        lines.append(row.joined(separator: " | "))
                    }
                case "tbl": tableDepth = max(0, tableDepth - 1)
                default: break
                }
            }
        }

        mutating func append(_ s: String) {
            if !stack.isEmpty { stack[stack.count - 1].text += s }
        }

        mutating func endParagraph() {
            guard var p = stack.popLast() else { return }
            if p.numId == nil, let style = p.style, let n = styles[style] { (p.numId, p.ilvl) = (n.numId, n.ilvl) }
            var text = p.text
            if let numId = p.numId, numId != "0", let level = numbering.level(numId, p.ilvl) {
                let marker = render(numId: numId, ilvl: p.ilvl, level: level)
                if !marker.isEmpty { text = marker + " " + text }
            }
            if tableDepth > 0 && !rows.isEmpty {
                cell.append(text)
            } else {
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }

        /// Advances the list's counter at `ilvl` (deeper levels start again) and fills in the
        /// level's text: "%1." → "3.", "%1.%2." → "2.1.", a bullet → "-".
        mutating func render(numId: String, ilvl: Int, level: Level) -> String {
            var c = counters[numId] ?? []
            while c.count <= ilvl { c.append(0) }
            if c[ilvl] == 0 { c[ilvl] = level.start - 1 }
            c[ilvl] += 1
            for k in (ilvl + 1)..<max(c.count, ilvl + 1) { c[k] = 0 }
            counters[numId] = c
            if case .bullet(let b) = level.format { return b }
            var out = level.text
            for k in stride(from: ilvl, through: 0, by: -1) {
                let format = numbering.level(numId, k)?.format ?? .decimal
                // A level shown inside a deeper one ("%1.%2.") is shown in decimals, as Word does
                // for legal numbering; the level's own format otherwise.
                let shown = k == ilvl ? format.render(c[k]) : (numbering.level(numId, k).map { _ in
                    if case .upperRoman = format { return format.render(c[k]) }
                    return String(c[k])
                } ?? String(c[k]))
                out = out.replacingOccurrences(of: "%\(k + 1)", with: shown)
            }
            return out
        }
    }
}
