import Foundation
import ZIPFoundation

/// A small writer of Word documents (WordprocessingML, ECMA-376): paragraphs of runs, tables,
/// one section with its page setup, page numbers in the header. It knows nothing of what
/// the document says. The bytes are deterministic: fixed zip timestamps, and the creation
/// date is the caller's.
///
/// Lengths are in twentieths of a point (twips: 1 mm ≈ 56.7), font sizes in points.
public final class WordDocument {
    public enum Alignment: String, Sendable { case left, center, right, both }

    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold = false
        public var italic = false
        /// Points; nil = the document's size.
        public var size: Double?
        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil) {
            self.text = text; self.bold = bold; self.italic = italic; self.size = size
        }
    }

    public struct Paragraph: Sendable, Equatable {
        public var runs: [Run]
        public var alignment: Alignment = .left
        public var firstLineIndent = 0
        public var leftIndent = 0
        public var rightIndent = 0
        public var spaceBefore = 0
        public var spaceAfter = 0
        /// 240 = single line spacing.
        public var lineSpacing = 240
        public var keepWithNext = false
        /// A short rule under the paragraph (the line under "ĐẢNG CỘNG SẢN VIỆT NAM").
        public var ruleBelow = false
        public init(_ runs: [Run], alignment: Alignment = .left) { self.runs = runs; self.alignment = alignment }
    }

    public struct Table: Sendable, Equatable {
        /// Column widths in twips (fixed layout).
        public var columns: [Int]
        /// Rows of cells; each cell holds paragraphs.
        public var rows: [[[Paragraph]]]
        public var borders: Bool
        /// Rows repeated at the top of every page the table runs onto.
        public var headerRows: Int
        public init(columns: [Int], rows: [[[Paragraph]]], borders: Bool, headerRows: Int = 0) {
            self.columns = columns; self.rows = rows; self.borders = borders; self.headerRows = headerRows
        }
    }

    public struct Page: Sendable, Equatable {
        public var width = 11906, height = 16838   // A4 portrait
        public var top = 1134, bottom = 1134, left = 1701, right = 850
        /// Page numbers centred in the top margin, from the second page on.
        public var numbersFromSecondPage = true
        public init() {}
    }

    enum Block { case paragraph(Paragraph), table(Table) }

    public let page: Page
    public let font: String
    public let size: Double
    public let title: String
    /// ISO 8601, e.g. "2020-08-20T00:00:00Z".
    public let created: String
    private var blocks: [Block] = []

    public init(page: Page = Page(), font: String = "Times New Roman", size: Double = 14, title: String = "",
                created: String) {
        self.page = page; self.font = font; self.size = size; self.title = title; self.created = created
    }

    public func add(_ p: Paragraph) { blocks.append(.paragraph(p)) }
    public func add(_ t: Table) { blocks.append(.table(t)) }

    /// The zip entries' time (seconds since 1970): 1980-01-01, the first DOS date. ZIPFoundation
    /// converts it with gmtime(), whose one static buffer other writers share (see the callers).
    public static let entryTimestamp = 315_532_800

    /// The whole document as the bytes of a .docx file.
    public func data() throws -> Data {
        let archive = try Archive(accessMode: .create)
        // Fixed timestamps: two documents of the same content are the same bytes.
        let stamp = Date(timeIntervalSince1970: TimeInterval(Self.entryTimestamp))
        for (path, text) in parts() {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// The XML parts, in the order they are zipped.
    func parts() -> [(String, String)] {
        var parts = [
            ("[Content_Types].xml", contentTypes()),
            ("_rels/.rels", Xml.declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
            </Relationships>
            """),
            ("docProps/core.xml", core()),
            ("word/_rels/document.xml.rels", documentRelationships()),
            ("word/styles.xml", styles()),
            ("word/document.xml", document()),
        ]
        if page.numbersFromSecondPage {
            parts.append(("word/header1.xml", header(pageNumber: true)))
            parts.append(("word/header2.xml", header(pageNumber: false)))
        }
        return parts
    }

    private func contentTypes() -> String {
        var s = Xml.declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
        """
        if page.numbersFromSecondPage {
            for n in 1...2 {
                s += "<Override PartName=\"/word/header\(n).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
            }
        }
        return s + "</Types>"
    }

    private func core() -> String {
        Xml.declaration + """
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
        <dc:title>\(Xml.escape(title))</dc:title>\
        <dcterms:created xsi:type="dcterms:W3CDTF">\(created)</dcterms:created>\
        <dcterms:modified xsi:type="dcterms:W3CDTF">\(created)</dcterms:modified>\
        </cp:coreProperties>
        """
    }

    private func documentRelationships() -> String {
        var s = Xml.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        s += "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        if page.numbersFromSecondPage {
            for n in 1...2 {
                s += "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header\(n).xml\"/>"
            }
        }
        return s + "</Relationships>"
    }

    /// The font and size are set in the document defaults and in every style, so no run
    /// falls back to another font.
    private func styles() -> String {
        let fonts = "<w:rFonts w:ascii=\"\(Xml.escape(font))\" w:hAnsi=\"\(Xml.escape(font))\" w:cs=\"\(Xml.escape(font))\" w:eastAsia=\"\(Xml.escape(font))\"/>"
        let sz = Int((size * 2).rounded())
        let runDefaults = "<w:rPr>\(fonts)<w:sz w:val=\"\(sz)\"/><w:szCs w:val=\"\(sz)\"/><w:lang w:val=\"vi-VN\"/></w:rPr>"
        return Xml.declaration + """
        <w:styles xmlns:w="\(Xml.w)">\
        <w:docDefaults><w:rPrDefault>\(runDefaults)</w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>\(runDefaults)</w:style>\
        <w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>\(runDefaults)</w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
        <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """
    }

    private func header(pageNumber: Bool) -> String {
        let field = pageNumber
            ? "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
            : ""
        return Xml.declaration + "<w:hdr xmlns:w=\"\(Xml.w)\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>\(field)</w:p></w:hdr>"
    }

    private func document() -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .paragraph(let p): body += Self.xml(p)
            case .table(let t): body += Self.xml(t)
            }
        }
        var sect = "<w:sectPr>"
        if page.numbersFromSecondPage {
            sect += "<w:headerReference xmlns:r=\"\(Xml.r)\" w:type=\"default\" r:id=\"rId2\"/>"
            sect += "<w:headerReference xmlns:r=\"\(Xml.r)\" w:type=\"first\" r:id=\"rId3\"/>"
        }
        sect += "<w:pgSz w:w=\"\(page.width)\" w:h=\"\(page.height)\"/>"
        sect += "<w:pgMar w:top=\"\(page.top)\" w:right=\"\(page.right)\" w:bottom=\"\(page.bottom)\" w:left=\"\(page.left)\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>"
        if page.numbersFromSecondPage { sect += "<w:titlePg/>" }
        sect += "</w:sectPr>"
        return Xml.declaration + "<w:document xmlns:w=\"\(Xml.w)\" xmlns:r=\"\(Xml.r)\"><w:body>\(body)\(sect)</w:body></w:document>"
    }

    static func xml(_ p: Paragraph) -> String {
        var ppr = ""
        if p.keepWithNext { ppr += "<w:keepNext/>" }
        if p.ruleBelow {
            ppr += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"auto\"/></w:pBdr>"
        }
        ppr += "<w:spacing w:before=\"\(p.spaceBefore)\" w:after=\"\(p.spaceAfter)\" w:line=\"\(p.lineSpacing)\" w:lineRule=\"auto\"/>"
        if p.firstLineIndent != 0 || p.leftIndent != 0 || p.rightIndent != 0 {
            ppr += "<w:ind w:left=\"\(p.leftIndent)\" w:right=\"\(p.rightIndent)\" w:firstLine=\"\(p.firstLineIndent)\"/>"
        }
        ppr += "<w:jc w:val=\"\(p.alignment.rawValue)\"/>"
        var s = "<w:p><w:pPr>\(ppr)</w:pPr>"
        for r in p.runs where !r.text.isEmpty {
            var rpr = ""
            if r.bold { rpr += "<w:b/><w:bCs/>" }
            if r.italic { rpr += "<w:i/><w:iCs/>" }
            if let size = r.size {
                let sz = Int((size * 2).rounded())
                rpr += "<w:sz w:val=\"\(sz)\"/><w:szCs w:val=\"\(sz)\"/>"
            }
            s += "<w:r>" + (rpr.isEmpty ? "" : "<w:rPr>\(rpr)</w:rPr>") + "<w:t xml:space=\"preserve\">\(Xml.escape(r.text))</w:t></w:r>"
        }
        return s + "</w:p>"
    }

    static func xml(_ t: Table) -> String {
        let edge = t.borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"" : "w:val=\"nil\""
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(edge)/>" }.joined()
        var s = "<w:tbl><w:tblPr><w:tblW w:w=\"\(t.columns.reduce(0, +))\" w:type=\"dxa\"/><w:tblBorders>\(borders)</w:tblBorders>"
        s += "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>"
        s += t.columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for (i, row) in t.rows.enumerated() {
            s += "<w:tr>" + (i < t.headerRows ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>")
            for (j, cell) in row.enumerated() {
                let width = j < t.columns.count ? t.columns[j] : 0
                s += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>"
                s += (cell.isEmpty ? [Paragraph([])] : cell).map { xml($0) }.joined() + "</w:tc>"
            }
            s += "</w:tr>"
        }
        return s + "</w:tbl>"
    }
}

enum Xml {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Text as XML character data. Characters XML 1.0 cannot hold (C0 controls but tab and
    /// line breaks) are dropped: a stray control byte must not make the document unreadable.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
