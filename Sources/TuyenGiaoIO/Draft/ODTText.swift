import Foundation
import ZIPFoundation

/// An OpenDocument text (`.odt`, `content.xml`) as lines: headings and paragraphs in order,
/// list items numbered from their list style (`style:num-format`, prefix and suffix; a bullet
/// as "-" or "+"), table rows with cells joined by " | ", notes and tracked changes left out.
enum ODTText {
    struct Level { var format: ListNumberFormat; var prefix = ""; var suffix = ""; var start = 1 }

    static func read(_ url: URL) throws -> String {
        let archive = try PlanDocumentReader.open(url)
        var styles: [String: [Int: Level]] = [:]
        var body = Body()
        // List styles live in styles.xml (a Word file's lists, saved by LibreOffice) and in
        // content.xml's automatic styles, which come before the text: one pass each.
        var current: String?
        func listStyles(_ e: XMLStreamScanner.Event) -> Bool {
            switch e {
            case .start(_, "list-style", let a, _): current = a["style:name"]
            case .start(_, "list-level-style-number", let a, _):
                if let current, let level = a["text:level"].flatMap({ Int($0) }) {
                    let code = a["style:num-format"] ?? "1"
                    let format: ListNumberFormat = switch code {
                    case "a": .lowerLetter
                    case "A": .upperLetter
                    case "i": .lowerRoman
                    case "I": .upperRoman
                    case "": .none
                    default: .decimal
                    }
                    styles[current, default: [:]][level] = Level(format: format, prefix: a["style:num-prefix"] ?? "",
                                                                 suffix: a["style:num-suffix"] ?? "",
                                                                 start: a["text:start-value"].flatMap { Int($0) } ?? 1)
                }
            case .start(_, "list-level-style-bullet", let a, _):
                if let current, let level = a["text:level"].flatMap({ Int($0) }) {
                    styles[current, default: [:]][level] = Level(format: .bullet(ListNumberFormat.bulletText(a["text:bullet-char"] ?? "-")))
                }
            case .end(_, "list-style"): current = nil
            default: return false
            }
            return true
        }
        if archive["styles.xml"] != nil {
            try PlanDocumentReader.events(archive, "styles.xml") { _ = listStyles($0) }
        }
        try PlanDocumentReader.events(archive, "content.xml") { e in
            if !listStyles(e) { body.take(e, styles: styles) }
        }
        return body.lines.joined(separator: "\n") + "\n"
    }

    struct Body {
        var lines: [String] = []
        var paragraph: String?
        var skip = 0
        /// Open lists: their style and the counter of their items.
        var lists: [(style: String?, count: Int)] = []
        /// Where each list style's numbering stood at each depth when its last list closed:
        /// a list that continues the numbering (`text:continue-numbering`, `text:continue-list`)
        /// goes on from there, as LibreOffice writes a Word list split by other paragraphs.
        var lastCount: [String: Int] = [:]
        var itemMarker: String?
        var rows: [[String]] = []
        var cell: [String] = []

        mutating func take(_ e: XMLStreamScanner.Event, styles: [String: [Int: Level]]) {
            switch e {
            case .start(_, let local, let a, _):
                switch local {
                case "annotation", "tracked-changes", "note", "deletion": skip += 1
                case "list":
                    let style = a["text:style-name"] ?? lists.last?.style
                    let continues = a["text:continue-numbering"] == "true" || a["text:continue-list"] != nil
                    lists.append((style, continues ? lastCount["\(style ?? "")#\(lists.count + 1)"] ?? 0 : 0))
                case "list-item":
                    guard !lists.isEmpty else { break }
                    if let start = a["text:start-value"].flatMap({ Int($0) }) { lists[lists.count - 1].count = start - 1 }
                    lists[lists.count - 1].count += 1
                    let depth = lists.count
                    if let style = lists[lists.count - 1].style, let level = styles[style]?[depth] {
                        let n = lists[lists.count - 1].count
                        if case .bullet(let b) = level.format { itemMarker = b } else { itemMarker = level.prefix + level.format.render(n) + level.suffix }
                    } else {
                        itemMarker = "-"
                    }
                case "p", "h": if skip == 0 { paragraph = "" }
                case "s": if skip == 0 { paragraph? += String(repeating: " ", count: min(Int(a["text:c"] ?? "1") ?? 1, 100)) }
                case "tab": if skip == 0 { paragraph? += "\t" }
                case "line-break": if skip == 0 { paragraph? += "\n" }
                case "table-row": rows.append([])
                case "table-cell": cell = []
                default: break
                }
            case .text(let s):
                if skip == 0 { paragraph? += s }
            case .end(_, let local):
                switch local {
                case "annotation", "tracked-changes", "note", "deletion": skip = max(0, skip - 1)
                case "list":
                    if let list = lists.popLast() { lastCount["\(list.style ?? "")#\(lists.count + 1)"] = list.count }
                case "p", "h":
                    guard skip == 0, var text = paragraph else { break }
                    paragraph = nil
                    if let marker = itemMarker, !marker.isEmpty { text = marker + " " + text }
                    itemMarker = nil
                    if !rows.isEmpty { cell.append(text) } else { lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
                case "table-cell":
                    if !rows.isEmpty { rows[rows.count - 1].append(cell.joined(separator: " ").trimmingCharacters(in: .whitespaces)) }
                case "table-row":
                    if let row = rows.popLast(), row.contains(where: { !$0.isEmpty }) { lines.append(row.joined(separator: " | ")) }
                default: break
                }
            }
        }
    }
}
