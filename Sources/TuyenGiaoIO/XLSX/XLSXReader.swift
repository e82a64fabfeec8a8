import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads cell values out of an `.xlsx` file: sheet names in workbook order, shared and
/// inline strings, numbers. External entities are never resolved, and archives that
/// inflate past the limits (SPEC §11) are refused whole.
public struct XLSXReader {
    public struct Limits: Sendable {
        public var maxUncompressed: UInt64 = 512 << 20
        public var maxRatio: UInt64 = 100
        public init() {}
    }

    public enum Failure: Error, CustomStringConvertible {
        case notAZip
        /// An OLE file holding an `EncryptedPackage`: Excel's "Encrypt with Password".
        case encrypted
        case missingPart(String)
        case tooLarge(UInt64)
        case suspiciousRatio(UInt64)
        case badXML(String)
        case cellOutOfRange(String)
        public var description: String {
            switch self {
            case .notAZip: "không phải tệp XLSX (không mở được dạng zip)"
            case .encrypted: "tệp có đặt mật khẩu; mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại"
            case .missingPart(let p): "tệp XLSX thiếu phần \(p)"
            case .tooLarge(let n): "tệp XLSX giải nén ra \(n / (1 << 20)) MB, vượt giới hạn 512 MB"
            case .suspiciousRatio(let r): "tệp XLSX có tỷ lệ nén \(r):1, vượt giới hạn 100:1 (nghi tệp nén độc hại)"
            case .badXML(let p): "phần \(p) của tệp XLSX bị hỏng"
            case .cellOutOfRange(let r): "ô \(r) nằm ngoài bảng tính (quá \(XLSXReader.maxRows) dòng hoặc \(XLSXReader.maxColumns) cột)"
            }
        }
    }

    /// A cell as read: text, or a number (dates are numbers in XLSX).
    public enum Value: Equatable, Sendable {
        case text(String)
        case number(Double)

        public var text: String {
            switch self {
            case .text(let s): s
            case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            }
        }
    }

    public let sheetNames: [String]
    private let sheetPaths: [String]
    private let sharedStrings: [String]
    private let archive: Archive
    private let maxPart: UInt64

    /// Excel saves a workbook with a password as an OLE compound file whose stream
    /// "EncryptedPackage" (named in UTF-16) holds the encrypted zip.
    static func isEncrypted(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 20), head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) else { return false }
        let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return head.range(of: name) != nil
    }

    public init(url: URL, limits: Limits = Limits()) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw Self.isEncrypted(url) ? Failure.encrypted : Failure.notAZip }
        var total: UInt64 = 0, compressed: UInt64 = 0
        for e in archive {
            total += UInt64(e.uncompressedSize)
            compressed += UInt64(e.compressedSize)
        }
        if total > limits.maxUncompressed { throw Failure.tooLarge(total) }
        if compressed > 0, total / compressed > limits.maxRatio, total > 1 << 20 { throw Failure.suspiciousRatio(total / compressed) }
        self.archive = archive
        self.maxPart = limits.maxUncompressed

        let workbook = try Self.part(archive, "xl/workbook.xml", max: maxPart)
        let rels = (try? Self.part(archive, "xl/_rels/workbook.xml.rels", max: maxPart)) ?? Data()
        let relTargets = Dictionary(XMLElements.collect(rels, element: "Relationship").compactMap { a -> (String, String)? in
            guard let id = a["Id"], let target = a["Target"] else { return nil }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return (id, path)
        }, uniquingKeysWith: { a, _ in a })
        var names: [String] = [], paths: [String] = []
        for a in XMLElements.collect(workbook, element: "sheet") {
            guard let name = a["name"], let rid = a["r:id"], let path = relTargets[rid] else { continue }
            names.append(name); paths.append(path)
        }
        sheetNames = names
        sheetPaths = paths
        if let sst = try? Self.part(archive, "xl/sharedStrings.xml", max: maxPart) {
            sharedStrings = try SharedStringsParser.parse(sst)
        } else {
            sharedStrings = []
        }
    }

    /// The sheet's cells as rows (0-based, gaps filled with nil).
    public func rows(ofSheet name: String) throws -> [[Value?]] {
        guard let i = sheetNames.firstIndex(of: name) else { throw Failure.missingPart("sheet \(name)") }
        return try SheetParser.parse(Self.part(archive, sheetPaths[i], max: maxPart), shared: sharedStrings)
    }

    /// One part, never more than `max` bytes however small the zip's directory says it is.
    static func part(_ archive: Archive, _ path: String, max: UInt64) throws -> Data {
        guard let entry = archive[path] else { throw Failure.missingPart(path) }
        var data = Data()
        struct Overflow: Error {}
        struct Corrupt: Error {}
        // A part may not inflate past the size its own header declares: a damaged stream
        // can make the inflater produce output forever (found by scripts/fuzz.sh), and a
        // writer that understates a size is not writing a workbook.
        let declared = UInt64(entry.uncompressedSize)
        var emptyChunks = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if chunk.isEmpty { emptyChunks += 1; if emptyChunks > 1000 { throw Corrupt() } }
                data.append(chunk)
                if UInt64(data.count) > max { throw Overflow() }
                if UInt64(data.count) > declared { throw Corrupt() }
            }
        } catch is Overflow {
            throw Failure.tooLarge(UInt64(data.count))
        } catch {
            throw Failure.badXML(path)
        }
        // Foundation's XMLParser traps (takes the whole run down) on a name that is not
        // UTF-8; Excel and every other writer store parts as UTF-8, so anything else is a
        // damaged file. Found by scripts/fuzz.sh.
        guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }) else {
            throw Failure.badXML(path)
        }
        return data
    }

    /// Excel's own sheet size: no spreadsheet program writes a cell beyond it.
    static let maxRows = 1_048_576
    /// A log has a dozen columns; cells padded out to a far column would cost memory per
    /// row (rows are dense), so a workbook with a cell past this column is refused.
    static let maxColumns = 1_024

    /// "B12" → (row 11, column 1); nil when it is not a cell reference or lies outside
    /// `maxRows` × `maxColumns` (and never overflows, however long the text).
    static func cellIndex(_ ref: String) -> (Int, Int)? {
        var col = 0, row = 0, sawDigit = false
        for u in ref.utf8 {
            if u >= 65 && u <= 90 { guard !sawDigit else { return nil }; col = col * 26 + Int(u - 64) }
            else if u >= 48 && u <= 57 { sawDigit = true; row = row * 10 + Int(u - 48) }
            else { return nil }
            if col > maxColumns || row > maxRows { return nil }
        }
        guard col > 0, row > 0 else { return nil }
        return (row - 1, col - 1)
    }
}

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
