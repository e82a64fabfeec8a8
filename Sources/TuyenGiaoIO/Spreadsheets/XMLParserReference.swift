import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// The plain twins of the streaming readers: each part parsed whole by Foundation's
// `XMLParser` (libxml2). Run with `TUYENGIAO_REFERENCE=1` and by the tests, which require
// the same cells from both on every fixture.

/// Attributes of every element with a given name.
enum XMLElements {
    final class Collector: NSObject, XMLParserDelegate {
        let name: String
        var found: [[String: String]] = []
        init(_ name: String) { self.name = name }
        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            if e == name || e.hasSuffix(":" + name) { found.append(attributes) }
        }
    }

    static func collect(_ data: Data, element: String) -> [[String: String]] {
        let p = XMLParser(data: data)
        p.shouldResolveExternalEntities = false
        let c = Collector(element)
        p.delegate = c
        _ = p.parse()
        return c.found
    }
}

enum SharedStringsParser {
    final class Delegate: NSObject, XMLParserDelegate {
        var strings: [String] = []
        var current = ""
        var inSI = false, inT = false, inRPh = false
        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            switch e {
            case "si": inSI = true; current = ""
            case "t": inT = true
            case "rPh": inRPh = true  // phonetic runs are not part of the text
            default: break
            }
        }
        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            switch e {
            case "si": inSI = false; strings.append(current)
            case "t": inT = false
            case "rPh": inRPh = false
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters s: String) {
            if inSI && inT && !inRPh { current += s }
        }
    }

    static func parse(_ data: Data) throws -> [String] {
        let p = XMLParser(data: data)
        p.shouldResolveExternalEntities = false
        let d = Delegate()
        p.delegate = d
        guard p.parse() else { throw XLSXReader.Failure.badXML("xl/sharedStrings.xml") }
        return d.strings
    }
}

enum SheetParser {
    final class Delegate: NSObject, XMLParserDelegate {
        let shared: [String]
        var rows: [[XLSXReader.Value?]] = []
        var ref: (Int, Int)?
        var type = ""
        var text = ""
        var inValue = false, inInline = false
        var nextRow = 0, nextCol = 0
        /// Set when a cell lies outside the sheet: the workbook is refused, not padded out.
        var outOfRange: String?
        init(_ shared: [String]) { self.shared = shared }

        func refuse(_ parser: XMLParser, _ where_: String) {
            outOfRange = outOfRange ?? where_
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            switch e {
            case "row":
                if let r = attributes["r"] {
                    guard let n = Int(r), n >= 1, n <= XLSXReader.maxRows else { return refuse(parser, "dòng \(r)") }
                    nextRow = n - 1
                }
                nextCol = 0
            case "c":
                if let r = attributes["r"] {
                    guard let index = XLSXReader.cellIndex(r) else { return refuse(parser, r) }
                    ref = index
                } else {
                    ref = (nextRow, nextCol)
                }
                guard ref!.0 < XLSXReader.maxRows, ref!.1 < XLSXReader.maxColumns else {
                    return refuse(parser, "dòng \(ref!.0 + 1) cột \(ref!.1 + 1)")
                }
                type = attributes["t"] ?? "n"
                text = ""
            case "v": inValue = true
            case "t": if type == "inlineStr" { inInline = true }
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters s: String) {
            if inValue || inInline { text += s }
        }

        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            switch e {
            case "v": inValue = false
            case "t": inInline = false
            case "row": nextRow += 1
            case "c":
                guard let (r, c) = ref else { return }
                var value: XLSXReader.Value?
                switch type {
                case "s": if let i = Int(text), i >= 0, i < shared.count { value = .text(shared[i]) }
                case "inlineStr", "str": value = .text(text)
                case "b": value = .number(text == "1" ? 1 : 0)
                case "e": value = .text(text)
                default: if let d = Double(text) { value = .number(d) }
                }
                if let value {
                    while rows.count <= r { rows.append([]) }
                    while rows[r].count <= c { rows[r].append(nil) }
                    rows[r][c] = value
                }
                nextCol = c + 1
                ref = nil
            default: break
            }
        }
    }

    static func parse(_ data: Data, shared: [String]) throws -> [[XLSXReader.Value?]] {
        let p = XMLParser(data: data)
        p.shouldResolveExternalEntities = false
        let d = Delegate(shared)
        p.delegate = d
        let parsed = p.parse()
        if let cell = d.outOfRange { throw XLSXReader.Failure.cellOutOfRange(cell) }
        guard parsed else { throw XLSXReader.Failure.badXML("sheet") }
        return d.rows
    }
}
