import Foundation
import TuyenGiaoCore
import ZIPFoundation

/// Reads cell values out of an OpenDocument spreadsheet (`.ods`, LibreOffice's own format):
/// a zip whose `content.xml` holds every sheet. The part streams through `XMLStreamScanner`
/// as it inflates; the §11 limits of `XLSXReader` apply. Numbers come from `office:value`,
/// dates from `office:date-value` (as spreadsheet serials, as an XLSX date is), text from the
/// cell's paragraphs. Repeated rows and columns (`number-rows-repeated`, which LibreOffice
/// writes for the empty rest of a sheet) take no room unless they hold a value.
struct ODSReader: LogWorkbook {
    static var format: String { "ods" }
    let sheetNames: [String]
    private let archive: Archive
    private let maxPart: UInt64

    init(url: URL, limits: XLSXReader.Limits = XLSXReader.Limits()) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw XLSXReader.isEncrypted(url) ? XLSXReader.Failure.encrypted : XLSXReader.Failure.notAZip
        }
        try XLSXReader.checkLimits(archive, limits)
        // LibreOffice encrypts content.xml itself and says so in the manifest.
        if let manifest = try? XLSXReader.part(archive, "META-INF/manifest.xml", max: limits.maxUncompressed),
           manifest.range(of: Data("encryption-data".utf8)) != nil {
            throw XLSXReader.Failure.encrypted
        }
        self.archive = archive
        self.maxPart = limits.maxUncompressed
        var names: [String] = []
        try XLSXReader.stream(archive, "content.xml", max: maxPart) { event in
            if case .start(_, "table", let attributes, _) = event, let name = attributes["table:name"] { names.append(name) }
        }
        sheetNames = names
    }

    func forEachRow(ofSheet name: String, _ body: (Int, [GridCell?]) throws -> Bool) throws {
        var builder = ODSRowBuilder(sheet: name)
        struct Stop: Error {}
        do {
            try XLSXReader.stream(archive, "content.xml", max: maxPart) { event in
                guard let rows = try builder.take(event) else { return }
                for (r, cells) in rows where try !body(r, cells) { throw Stop() }
                if builder.sheetDone { throw Stop() }
            }
        } catch is Stop {}
    }
}

/// `content.xml`, event by event, into the rows of one named sheet.
struct ODSRowBuilder {
    let sheet: String
    private(set) var sheetDone = false
    private var inSheet = false
    private var row = 0
    private var rowRepeat = 1
    private var cells: [GridCell?] = []
    /// Empty cells seen since the last value: they count only if a value follows.
    private var pendingEmpty = 0
    private var cell: (value: GridCell?, repeat: Int, isString: Bool)?
    private var paragraphs: [String] = []
    private var inParagraph = 0
    private var inAnnotation = 0

    init(sheet: String) { self.sheet = sheet }

    /// The rows that `event` completes (a repeated row is handed over as often as it repeats).
    mutating func take(_ event: XMLStreamScanner.Event) throws -> [(Int, [GridCell?])]? {
        switch event {
        case .start(_, let local, let attributes, _):
            if local == "table" {
                inSheet = attributes["table:name"] == sheet
                row = 0
                return nil
            }
            guard inSheet else { return nil }
            switch local {
            case "table-row":
                rowRepeat = Self.count(attributes["table:number-rows-repeated"])
                cells.removeAll(keepingCapacity: true)
                pendingEmpty = 0
            case "table-cell", "covered-table-cell":
                cell = (Self.value(attributes), Self.count(attributes["table:number-columns-repeated"]),
                        attributes["office:value-type"] == "string" || attributes["office:value-type"] == nil)
                paragraphs = []
            case "annotation": inAnnotation += 1
            case "p", "h":
                if inAnnotation == 0 && cell != nil { inParagraph += 1; paragraphs.append("") }
            case "s" where inParagraph > 0 && inAnnotation == 0:
                paragraphs[paragraphs.count - 1] += String(repeating: " ", count: min(Self.count(attributes["text:c"]), 1000))
            case "tab" where inParagraph > 0 && inAnnotation == 0: paragraphs[paragraphs.count - 1] += "\t"
            case "line-break" where inParagraph > 0 && inAnnotation == 0: paragraphs[paragraphs.count - 1] += "\n"
            default: break
            }
        case .text(let s):
            if inSheet && inParagraph > 0 && inAnnotation == 0 { paragraphs[paragraphs.count - 1] += s }
        case .end(_, let local):
            guard inSheet else { return nil }
            switch local {
            case "table":
                inSheet = false
                sheetDone = true
            case "annotation": inAnnotation -= 1
            case "p", "h": if inParagraph > 0 && inAnnotation == 0 { inParagraph -= 1 }
            case "table-cell", "covered-table-cell":
                guard let c = cell else { return nil }
                cell = nil
                var value = c.value
                if value == nil || c.isString, !paragraphs.isEmpty {
                    let text = paragraphs.joined(separator: "\n")
                    if value == nil || !text.isEmpty { value = .text(text) }
                }
                if case .text(let t)? = value, t.isEmpty { value = nil }
                guard let value else { pendingEmpty += c.repeat; return nil }
                let start = cells.count + pendingEmpty
                guard start + c.repeat <= XLSXReader.maxColumns else {
                    throw XLSXReader.Failure.cellOutOfRange("dòng \(row + 1) cột \(start + c.repeat)")
                }
                cells += Array(repeating: nil, count: pendingEmpty)
                cells += Array(repeating: value, count: c.repeat)
                pendingEmpty = 0
            case "table-row":
                defer { row += rowRepeat }
                guard !cells.isEmpty else { return nil }
                guard row + rowRepeat <= XLSXReader.maxRows else {
                    throw XLSXReader.Failure.cellOutOfRange("dòng \(row + rowRepeat)")
                }
                return (0..<rowRepeat).map { (row + $0, cells) }
            default: break
            }
        }
        return nil
    }

    /// A repeat count: at least 1, and never more than a sheet holds.
    private static func count(_ text: String?) -> Int {
        guard let text, let n = Int(text), n > 0 else { return 1 }
        return min(n, XLSXReader.maxRows + 1)
    }

    /// A cell's typed value; nil for text (read from its paragraphs) and empty cells.
    private static func value(_ a: XMLAttributes) -> GridCell? {
        switch a["office:value-type"] {
        case "float", "percentage", "currency":
            return a["office:value"].flatMap(Double.init).map(GridCell.number)
        case "boolean":
            return .number(a["office:boolean-value"] == "true" ? 1 : 0)
        case "date":
            return a["office:date-value"].flatMap(serial).map(GridCell.number)
        case "string":
            return a["office:string-value"].map(GridCell.text)
        default:
            return nil
        }
    }

    /// "2020-07-15" or "2020-07-15T08:30:00" → the spreadsheet serial of that day.
    private static func serial(_ iso: String) -> Double? {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let day = Day(year: y, month: m, day: d), let base = Day(year: 1899, month: 12, day: 30) else { return nil }
        return Double(day - base)
    }
}
