import Foundation

/// A small XLSX workbook written by Swift alone, in memory, in one piece: text and number
/// cells in formats, column widths, row heights, frozen panes, an autofilter, drop-downs and
/// checks, print setup, document properties. No charts, no conditional formats, no formulas.
///
/// Why a second writer beside `Workbook` (libxlsxwriter): a province's run writes a
/// workbook for each of tens of thousands of units, a few kilobytes each, and libxlsxwriter
/// spends milliseconds on every one — each of a dozen parts written to a scratch file of its
/// own, formatted with printf, read back and zipped, the theme compressed again every time.
/// Here the parts are built as bytes, the theme is compressed once per process, and the file
/// is written with a single call. libxlsxwriter stays the writer of the large workbooks
/// (`constant_memory`, charts) and the reference this one is checked against: the same model
/// through both reads back the same (values, formats, widths, checks, properties).
public final class SmallWorkbook {
    public let properties: Workbook.Properties
    private(set) var sheets: [SmallWorksheet] = []
    /// The sheets' names folded to lower case (a handful: compared one by one).
    private var sheetNames: [String] = []
    @exclusivity(unchecked) var styles = StyleTable()
    /// One thread writes a workbook, and no method holds an access to these while it calls
    /// another that touches them: no run-time exclusivity checks (two per text looked up).
    /// Room for a unit's workbook's some eighty texts at once, not grown by doubling.
    @exclusivity(unchecked) private var strings = StringTable(capacity: 256)
    @exclusivity(unchecked) private var stringsXML = XMLBytes(capacity: 4096)
    @exclusivity(unchecked) private var stringReferences = 0

    public init(properties: Workbook.Properties) {
        self.properties = properties
    }

    public func addWorksheet(_ name: String) throws(XLSXError) -> SmallWorksheet {
        try ExcelLimits.checkSheetName(name)
        let folded = FoldedNames.lowercased(name)
        guard !sheetNames.contains(folded) else { throw .invalidSheetName(name, reason: "is used twice") }
        sheetNames.append(folded)
        let sheet = SmallWorksheet(name: name, index: sheets.count, workbook: self)
        sheets.append(sheet)
        return sheet
    }

    /// The shared-strings index of a text, added on first use.
    func sharedString(_ s: String) -> Int {
        stringReferences += 1
        // The text's bytes in place, looked up, checked and escaped in one go.
        return XMLBytes.withUTF8(s) { utf8 in
            let (i, added) = strings.index(ofBytes: utf8)
            if !added { return i }
            func isSpace(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            let spaced = isSpace(utf8.first) || isSpace(utf8.last)
            stringsXML.raw(spaced ? "<si><t xml:space=\"preserve\">" : "<si><t>")
            stringsXML.text(utf8)
            stringsXML.raw("</t></si>")
            return i
        }
    }

    /// The whole `.xlsx` file.
    public func bytes() throws(XLSXError) -> [UInt8] { try bytes(reusingFixedParts: true) }

    /// `reusingFixedParts: false` is the plain twin the tests compare with: every part built
    /// and looked up by its bytes, as before `FixedParts`.
    func bytes(reusingFixedParts: Bool) throws(XLSXError) -> [UInt8] {
        if sheets.isEmpty { _ = try addWorksheet("Sheet1") }
        var zip = ZipBuilder(capacity: 16_384)
        // What every unit's workbook of a run has alike (content types, relationships, the
        // sheet list, styles) is found by the workbook's layout, built only for a new one; the
        // two small property parts are stored; the sheets and their strings are deflated.
        let layout = FixedParts.Layout(sheets: sheets.map { ($0.name, $0.autofilter, $0.repeatRows) },
                                       hasStrings: strings.count > 0, hasCustom: !properties.custom.isEmpty,
                                       formats: styles.formats)
        let fixed: FixedParts
        if reusingFixedParts, let known = FixedParts.recent(layout) {
            fixed = known
        } else {
            let names = definedNames   // both the app and workbook parts list them
            fixed = FixedParts(
                contentTypes: ZipBuilder.sharedPart("[Content_Types].xml", contentTypes()),
                packageRelationships: ZipBuilder.sharedPart("_rels/.rels", packageRelationships()),
                app: ZipBuilder.sharedPart("docProps/app.xml", appProperties(names)),
                workbook: ZipBuilder.sharedPart("xl/workbook.xml", workbookPart(names)),
                workbookRelationships: ZipBuilder.sharedPart("xl/_rels/workbook.xml.rels", workbookRelationships()),
                styles: ZipBuilder.sharedPart("xl/styles.xml", styles.xml))
            if reusingFixedParts { FixedParts.remember(layout, fixed) }
        }
        zip.add("[Content_Types].xml", fixed.contentTypes)
        zip.add("_rels/.rels", fixed.packageRelationships)
        zip.add("docProps/app.xml", fixed.app)
        try zip.add("docProps/core.xml", coreProperties(), .store)
        if !properties.custom.isEmpty { try zip.add("docProps/custom.xml", customProperties(), .store) }
        zip.add("xl/workbook.xml", fixed.workbook)
        zip.add("xl/_rels/workbook.xml.rels", fixed.workbookRelationships)
        for (i, sheet) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(i + 1).xml", sheet.xml(selected: i == 0))
        }
        zip.add("xl/theme/theme1.xml", Self.theme)
        zip.add("xl/styles.xml", fixed.styles)
        if strings.count > 0 { try zip.add("xl/sharedStrings.xml", sharedStringsPart()) }
        return zip.finish()
    }

    // MARK: - Parts

    /// The theme, the same in every workbook and the largest part: deflated once, not even
    /// looked up by its bytes.
    private static let theme = ZipBuilder.deflateOnce(OfficeTheme.bytes)

    private static let declaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    private func contentTypes() -> [UInt8] {
        var x = XMLBytes(capacity: 2048)
        x.raw(Self.declaration)
        x.raw("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
        x.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        x.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        x.raw("<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>")
        x.raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
        x.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
        x.raw("<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>")
        x.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
        for i in sheets.indices {
            x.raw("<Override PartName=\"/xl/worksheets/sheet"); x.int(i + 1)
            x.raw(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")
        }
        if strings.count > 0 {
            x.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
        }
        if !properties.custom.isEmpty {
            x.raw("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>")
        }
        x.raw("</Types>")
        return x.bytes
    }

    private static let officeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    private func packageRelationships() -> [UInt8] {
        let office = Self.officeRelationship
        var parts = [(office + "officeDocument", "xl/workbook.xml"),
                     ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
                     (office + "extended-properties", "docProps/app.xml")]
        if !properties.custom.isEmpty { parts.append((office + "custom-properties", "docProps/custom.xml")) }
        return relationships(parts)
    }

    private func workbookRelationships() -> [UInt8] {
        let office = Self.officeRelationship
        var parts = sheets.indices.map { (office + "worksheet", "worksheets/sheet\($0 + 1).xml") }
        parts += [(office + "theme", "theme/theme1.xml"), (office + "styles", "styles.xml")]
        if strings.count > 0 { parts.append((office + "sharedStrings", "sharedStrings.xml")) }
        return relationships(parts)
    }

    /// A relationships part: each (type, target) as rId1, rId2… in order.
    private func relationships(_ parts: [(type: String, target: String)]) -> [UInt8] {
        var x = XMLBytes(capacity: 1024)
        x.raw(Self.declaration)
        x.raw("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
        for (i, r) in parts.enumerated() {
            x.raw("<Relationship Id=\"rId"); x.int(i + 1); x.raw("\" Type=\""); x.plain(r.type)
            x.raw("\" Target=\""); x.plain(r.target); x.raw("\"/>")
        }
        x.raw("</Relationships>")
        return x.bytes
    }

    /// Print titles and filter ranges: Excel's built-in names, one per sheet that has one.
    private typealias DefinedName = (name: String, sheet: Int, range: String)

    private var definedNames: [DefinedName] {
        var names: [(String, Int, String)] = []
        for s in sheets {
            if let (r1, c1, r2, c2) = s.autofilter {
                var x = XMLBytes(capacity: 64)
                x.absolute(r1, c1); x.raw(":"); x.absolute(r2, c2)
                names.append(("_xlnm._FilterDatabase", s.index, ExcelLimits.quotedSheetName(s.name) + "!" + String(decoding: x.bytes, as: UTF8.self)))
            }
        }
        for s in sheets {
            if let rows = s.repeatRows {
                names.append(("_xlnm.Print_Titles", s.index, ExcelLimits.quotedSheetName(s.name) + "!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)"))
            }
        }
        // libxlsxwriter's order (_compare_defined_names): by name without "_xlnm.", then by sheet
        // name, both lowered in ASCII only and compared as bytes — so the two writers' parts agree.
        func key(_ s: String) -> [UInt8] {
            let bare = s.hasPrefix("_xlnm.") ? String(s.dropFirst(6)) : s
            return bare.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        }
        return names.sorted { a, b in
            let (ka, kb) = (key(a.0), key(b.0))
            if ka != kb { return ka.lexicographicallyPrecedes(kb) }
            return key(sheets[a.1].name).lexicographicallyPrecedes(key(sheets[b.1].name))
        }
    }

    private func appProperties(_ definedNames: [DefinedName]) -> [UInt8] {
        // Named ranges in the sorted order of workbook.xml's definedNames; filters are hidden there.
        let printTitles = definedNames.filter { $0.name == "_xlnm.Print_Titles" }.map { sheets[$0.sheet] }
        var x = XMLBytes(capacity: 1024)
        x.raw(Self.declaration)
        x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" ")
        x.raw("xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        x.raw("<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        x.raw("<HeadingPairs><vt:vector size=\""); x.int(printTitles.isEmpty ? 2 : 4); x.raw("\" baseType=\"variant\">")
        x.raw("<vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>"); x.int(sheets.count); x.raw("</vt:i4></vt:variant>")
        if !printTitles.isEmpty {
            x.raw("<vt:variant><vt:lpstr>Named Ranges</vt:lpstr></vt:variant><vt:variant><vt:i4>"); x.int(printTitles.count)
            x.raw("</vt:i4></vt:variant>")
        }
        x.raw("</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size=\""); x.int(sheets.count + printTitles.count)
        x.raw("\" baseType=\"lpstr\">")
        for s in sheets { x.raw("<vt:lpstr>"); x.text(s.name); x.raw("</vt:lpstr>") }
        for s in printTitles { x.raw("<vt:lpstr>"); x.text(ExcelLimits.quotedSheetName(s.name) + "!Print_Titles"); x.raw("</vt:lpstr>") }
        x.raw("</vt:vector></TitlesOfParts><Company></Company><LinksUpToDate>false</LinksUpToDate>")
        x.raw("<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>")
        return x.bytes
    }

    private func coreProperties() -> [UInt8] {
        let when = Self.w3cDate(properties.created)
        var x = XMLBytes(capacity: 1024)
        x.raw(Self.declaration)
        x.raw("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" ")
        x.raw("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" ")
        x.raw("xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
        if let title = properties.title { x.raw("<dc:title>"); x.text(title); x.raw("</dc:title>") }
        if let subject = properties.subject { x.raw("<dc:subject>"); x.text(subject); x.raw("</dc:subject>") }
        if let author = properties.author {
            x.raw("<dc:creator>"); x.text(author); x.raw("</dc:creator>")
            x.raw("<cp:lastModifiedBy>"); x.text(author); x.raw("</cp:lastModifiedBy>")
        }
        x.raw("<dcterms:created xsi:type=\"dcterms:W3CDTF\">"); x.plain(when); x.raw("</dcterms:created>")
        x.raw("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">"); x.plain(when); x.raw("</dcterms:modified>")
        x.raw("</cp:coreProperties>")
        return x.bytes
    }

    private func customProperties() -> [UInt8] {
        var x = XMLBytes(capacity: 512)
        x.raw(Self.declaration)
        x.raw("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\" ")
        x.raw("xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">")
        for (i, p) in properties.custom.enumerated() {
            x.raw("<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\""); x.attribute("pid", i + 2)
            x.attribute("name", p.name); x.raw("><vt:lpwstr>"); x.text(p.value); x.raw("</vt:lpwstr></property>")
        }
        x.raw("</Properties>")
        return x.bytes
    }

    private func workbookPart(_ names: [DefinedName]) -> [UInt8] {
        var x = XMLBytes(capacity: 1024)
        x.raw(Self.declaration)
        x.raw("<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        x.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        x.raw("<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>")
        x.raw("<workbookPr defaultThemeVersion=\"124226\"/>")
        x.raw("<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>")
        for (i, s) in sheets.enumerated() {
            x.raw("<sheet"); x.attribute("name", s.name); x.attribute("sheetId", i + 1)
            x.raw(" r:id=\"rId"); x.int(i + 1); x.raw("\"/>")
        }
        x.raw("</sheets>")
        if !names.isEmpty {
            x.raw("<definedNames>")
            for n in names {
                x.raw("<definedName"); x.attribute("name", n.name); x.attribute("localSheetId", n.sheet)
                if n.name == "_xlnm._FilterDatabase" { x.raw(" hidden=\"1\"") }
                x.raw(">"); x.text(n.range); x.raw("</definedName>")
            }
            x.raw("</definedNames>")
        }
        x.raw("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>")
        return x.bytes
    }

    private func sharedStringsPart() -> [UInt8] {
        var x = XMLBytes(capacity: stringsXML.count + 256)
        x.raw(Self.declaration)
        x.raw("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"")
        x.attribute("count", stringReferences); x.attribute("uniqueCount", strings.count); x.raw(">")
        x.append(stringsXML)
        x.raw("</sst>")
        return x.bytes
    }

    /// `2021-02-28T00:00:00Z` from seconds since 1970, as libxlsxwriter writes it from gmtime()
    /// (gmtime_r here: the units' workbooks are written on every core).
    static func w3cDate(_ seconds: Int) -> String {
        var t = time_t(seconds), c = tm()
        _ = gmtime_r(&t, &c)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.tm_year + 1900)-\(two(c.tm_mon + 1))-\(two(c.tm_mday))T\(two(c.tm_hour)):\(two(c.tm_min)):\(two(c.tm_sec))Z"
    }
}

/// Sheet names folded to lower case, the last few kept: every unit's workbook names the same
/// four sheets, and folding a Vietnamese name ("Dòng cần sửa") walks Unicode's case tables —
/// a thirtieth of writing the workbook (callgrind). Compared by their bytes, at most `kept`.
enum FoldedNames {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var recent: [(name: ByteKey, folded: String)] = []
    static let kept = 16

    static func lowercased(_ name: String) -> String {
        let key = ByteKey(name)
        lock.lock()
        let known = recent.first { $0.name == key }?.folded
        lock.unlock()
        if let known { return known }
        let folded = name.lowercased()
        lock.lock()
        if recent.count >= kept { recent.removeFirst() }
        recent.append((key, folded))
        lock.unlock()
        return folded
    }
}

/// A text compared and hashed by its UTF-8 bytes, as libxlsxwriter tells its shared strings
/// apart — and without the Unicode normalisation `String`'s own hashing does on every
/// Vietnamese text.
struct ByteKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (a: ByteKey, b: ByteKey) -> Bool {
        // Native strings hold their UTF-8 in one piece: compared with memcmp, not byte by byte
        // through the view's iterator (a unit's workbook looks up some two hundred texts).
        let fast = a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
        return (fast ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
