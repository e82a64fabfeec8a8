import Foundation
import TuyenGiaoCore

/// The parts of an XLSX file read through `XMLStreamScanner`; elements are matched by
/// their local name, without a namespace prefix.
extension XMLStreamScanner.Event {
    var localName: String? {
        switch self {
        case .start(_, let local, _, _), .end(_, let local): local
        case .text: nil
        }
    }
}

extension XMLElements {
    /// Attributes of every element called `element`, read by the streaming scanner.
    static func scan(_ data: Data, element: String) -> [[String: String]] {
        var scanner = XMLStreamScanner()
        var found: [[String: String]] = []
        let take: (XMLStreamScanner.Event) -> Void = { event in
            if case .start(_, let local, let attributes, _) = event, local == element { found.append(attributes.dictionary) }
        }
        do {
            try data.withUnsafeBytes { try scanner.feed($0, take) }
            try scanner.finish(take)
        } catch {}
        return found
    }
}

/// `xl/sharedStrings.xml`: the text of each `si`, phonetic runs (`rPh`) left out.
struct SharedStringTable {
    var strings: [String] = []
    private var current = ""
    private var inSI = false, inT = false, inRPh = false

    mutating func take(_ event: XMLStreamScanner.Event) {
        switch event {
        case .start:
            switch event.localName {
            case "si": inSI = true; current = ""
            case "t": inT = true
            case "rPh": inRPh = true
            default: break
            }
        case .end:
            switch event.localName {
            case "si": inSI = false; strings.append(current)
            case "t": inT = false
            case "rPh": inRPh = false
            default: break
            }
        case .text(let s):
            if inSI && inT && !inRPh { current += s }
        }
    }
}

/// A worksheet's XML, event by event, into rows: a row is handed over at its `</row>`.
/// Empty cells (a style and no value, as a formatted column out to XFD has) take no room; a
/// cell with a value beyond `XLSXReader.maxColumns` refuses the workbook.
struct SheetRowBuilder {
    let shared: [String]
    private var cells: [XLSXReader.Value?] = []
    private var row = 0, nextRow = 0, nextCol = 0
    private var ref: (Int, Int)?
    private var type = ""
    private var text = ""
    private var inValue = false, inInline = false

    init(shared: [String]) { self.shared = shared }

    /// The finished row, when `event` ends one.
    mutating func take(_ event: XMLStreamScanner.Event) throws -> (Int, [XLSXReader.Value?])? {
        switch event {
        case .start(_, _, let attributes, _):
            switch event.localName {
            case "row":
                if let r = attributes["r"] {
                    guard let n = Int(r), n >= 1, n <= XLSXReader.maxRows else { throw XLSXReader.Failure.cellOutOfRange("dòng \(r)") }
                    nextRow = n - 1
                }
                row = nextRow
                nextCol = 0
                cells.removeAll(keepingCapacity: true)
            case "c":
                if let r = attributes["r"] {
                    // A reference past the last column is judged only if the cell holds a value.
                    guard let index = XLSXReader.cellIndex(r, columnLimit: XLSXReader.excelColumns) else {
                        throw XLSXReader.Failure.cellOutOfRange(r)
                    }
                    ref = index
                } else {
                    ref = (row, nextCol)
                }
                type = attributes["t"] ?? "n"
                text = ""
            case "v": inValue = true
            case "t": if type == "inlineStr" { inInline = true }
            default: break
            }
        case .text(let s):
            if inValue || inInline { text += s }
        case .end:
            switch event.localName {
            case "v": inValue = false
            case "t": inInline = false
            case "c":
                guard let (_, c) = ref else { return nil }
                var value: XLSXReader.Value?
                switch type {
                case "s": if let i = Int(text), i >= 0, i < shared.count { value = .text(shared[i]) }
                case "inlineStr", "str": value = .text(text)
                case "b": value = .number(text == "1" ? 1 : 0)
                case "e": value = .text(text)
                default: if let d = Double(text) { value = .number(d) }
                }
                if let value {
                    guard c < XLSXReader.maxColumns else {
                        throw XLSXReader.Failure.cellOutOfRange("dòng \(row + 1) cột \(c + 1)")
                    }
                    while cells.count <= c { cells.append(nil) }
                    cells[c] = value
                }
                nextCol = c + 1
                ref = nil
            case "row":
                nextRow = row + 1
                return cells.isEmpty ? nil : (row, cells)
            default: break
            }
        }
        return nil
    }
}

extension GridCell {
    init?(_ value: XLSXReader.Value?) {
        switch value {
        case nil: return nil
        case .text(let s): self = .text(s)
        case .number(let d): self = .number(d)
        }
    }
}
