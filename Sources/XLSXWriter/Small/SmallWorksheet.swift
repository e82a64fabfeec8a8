/// One sheet of a `SmallWorkbook`. Cells go straight into the sheet's XML as they are
/// written, so they must come row by row, left to right (a row's height before its cells) —
/// the order a renderer writes a model in; anything else is refused, not reordered.
public final class SmallWorksheet {
    public let name: String
    unowned let workbook: SmallWorkbook
    let index: Int

    // One thread writes a sheet, and no method holds an access to these while it calls another
    // that touches them: no run-time exclusivity checks (two or three per cell, a tenth of
    // writing one — callgrind).
    @exclusivity(unchecked) private var rows = XMLBytes(capacity: 8192)
    @exclusivity(unchecked) private var openRow = -1
    @exclusivity(unchecked) private var lastColumn = -1
    @exclusivity(unchecked) private var used: (row1: Int, col1: Int, row2: Int, col2: Int)?
    @exclusivity(unchecked) private var columns: [(first: Int, last: Int, width: Double, style: Int)] = []
    private var freeze: (row: Int, column: Int)?
    private(set) var autofilter: (Int, Int, Int, Int)?
    @exclusivity(unchecked) private var validations = XMLBytes(capacity: 0)
    private var validationCount = 0
    private var landscape = false
    private var fit: (width: Bool, onePage: Bool) = (false, false)
    private(set) var repeatRows: ClosedRange<Int>?

    init(name: String, index: Int, workbook: SmallWorkbook) {
        self.name = name; self.index = index; self.workbook = workbook
    }

    // MARK: - Cells

    /// Always a string cell, never a formula, whatever the text starts with. An empty text is
    /// a blank cell in its format (as libxlsxwriter writes it).
    public func write(_ row: Int, _ col: Int, string: String, format: FormatSpec? = nil) throws(XLSXError) {
        // UTF-16 is never longer than UTF-8: count it only for a long text.
        if string.utf8.count > ExcelLimits.maxStringLength, string.utf16.count > ExcelLimits.maxStringLength {
            throw .stringTooLong(sheet: name, row: row, column: col, length: string.utf16.count)
        }
        if string.isEmpty {
            if let format { try writeBlank(row, col, format: format) }
            return
        }
        let style = workbook.styles.index(format)
        try open(row, col)
        let s = workbook.sharedString(string)
        rows.cellStart(row, col, style: style)
        rows.sharedStringValue(s)
    }

    public func write(_ row: Int, _ col: Int, number: Double, format: FormatSpec? = nil) throws(XLSXError) {
        let style = workbook.styles.index(format)
        try open(row, col)
        rows.cellStart(row, col, style: style)
        rows.raw("><v>"); rows.number(number); rows.raw("</v></c>")
    }

    public func writeBlank(_ row: Int, _ col: Int, format: FormatSpec) throws(XLSXError) {
        let style = workbook.styles.index(format)
        try open(row, col)
        rows.cellStart(row, col, style: style)
        rows.raw("/>")
    }

    /// A row's height in points; before any of the row's cells.
    public func setRowHeight(_ row: Int, _ height: Double) throws(XLSXError) {
        guard row > openRow else { throw .outOfOrder(sheet: name, row: row, column: 0) }
        try startRow(row, height: height)
    }

    private func open(_ row: Int, _ col: Int) throws(XLSXError) {
        guard row >= 0, row < ExcelLimits.maxRows, col >= 0, col < ExcelLimits.maxColumns else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
        if row != openRow {
            guard row > openRow else { throw .outOfOrder(sheet: name, row: row, column: col) }
            try startRow(row, height: nil)
        }
        guard col > lastColumn else { throw .outOfOrder(sheet: name, row: row, column: col) }
        lastColumn = col
        if let u = used {
            used = (u.row1, min(u.col1, col), row, max(u.col2, col))
        } else {
            used = (row, col, row, col)
        }
    }

    private func startRow(_ row: Int, height: Double?) throws(XLSXError) {
        guard row < ExcelLimits.maxRows else { throw .cellOutOfRange(sheet: name, row: row, column: 0) }
        if openRow >= 0 { rows.raw("</row>") }
        rows.raw("<row r=\""); rows.int(row + 1); rows.raw("\"")
        if let height { rows.plainAttribute("ht", height); rows.raw(" customHeight=\"1\"") }
        rows.raw(">")
        openRow = row
        lastColumn = -1
    }

    // MARK: - Layout

    /// Columns `first`…`last` this many characters wide, in a format for their empty cells.
    public func setColumn(_ first: Int, _ last: Int, width: Double, format: FormatSpec? = nil) throws(XLSXError) {
        guard first >= 0, last >= first, last < ExcelLimits.maxColumns else {
            throw .cellOutOfRange(sheet: name, row: 0, column: last)
        }
        columns.append((first, last, width, workbook.styles.index(format)))
    }

    public func freezePanes(row: Int, column: Int) { freeze = (row, column) }

    public func autofilter(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int) throws(XLSXError) {
        guard r2 >= r1, c2 >= c1, r1 >= 0, c1 >= 0 else { throw .cellOutOfRange(sheet: name, row: r2, column: c2) }
        autofilter = (r1, c1, r2, c2)
    }

    /// Landscape or portrait on A4, fitted to one page wide (or to one page), header rows
    /// repeated on every page.
    public func printSetup(landscape: Bool, fitToWidth: Bool, onePage: Bool = false, repeatRows: ClosedRange<Int>?) throws(XLSXError) {
        self.landscape = landscape
        fit = (fitToWidth, onePage)
        self.repeatRows = repeatRows
    }

    /// What a cell range accepts; the same rules as `Worksheet.validate`, texts cut to
    /// Excel's limits the same way.
    public func validate(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ rule: Worksheet.Validation,
                         strictness: Worksheet.Strictness = .stop, prompt: (title: String, message: String)? = nil,
                         error: (title: String, message: String)? = nil) throws(XLSXError) {
        guard r2 >= r1, c2 >= c1, r1 >= 0, c1 >= 0, r2 < ExcelLimits.maxRows, c2 < ExcelLimits.maxColumns else {
            throw .cellOutOfRange(sheet: name, row: r2, column: c2)
        }
        let key = ValidationXML.Key(r1: r1, c1: c1, r2: r2, c2: c2, rule: rule, strictness: strictness,
                                    promptTitle: prompt?.title, prompt: prompt?.message, errorTitle: error?.title, error: error?.message)
        validations.append(ValidationXML.bytes(for: key))
        validationCount += 1
    }

    // MARK: - The part

    /// `xl/worksheets/sheetN.xml`: the sheet's head (known only now), its rows, its tail.
    func xml(selected: Bool) -> [UInt8] {
        var x = XMLBytes(capacity: rows.count + validations.count + 1024)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" ")
        x.raw("xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">")
        if fit.width || fit.onePage { x.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") }
        x.raw("<dimension ref=\"")
        if let u = used {
            x.cell(u.row1, u.col1)
            if u.row2 != u.row1 || u.col2 != u.col1 { x.raw(":"); x.cell(u.row2, u.col2) }
        } else {
            x.raw("A1")
        }
        x.raw("\"/><sheetViews><sheetView")
        if selected { x.raw(" tabSelected=\"1\"") }
        x.raw(" workbookViewId=\"0\"")
        if let f = freeze, f.row > 0 || f.column > 0 {
            x.raw("><pane")
            if f.column > 0 { x.attribute("xSplit", f.column) }
            if f.row > 0 { x.attribute("ySplit", f.row) }
            x.raw(" topLeftCell=\""); x.cell(f.row, f.column); x.raw("\"")
            switch (f.row > 0, f.column > 0) {
            case (true, false):
                x.raw(" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>")
            case (false, true):
                x.raw(" activePane=\"topRight\" state=\"frozen\"/><selection pane=\"topRight\"/>")
            default:
                // As libxlsxwriter: the top-right and bottom-left panes select their first cell.
                x.raw(" activePane=\"bottomRight\" state=\"frozen\"/><selection pane=\"topRight\" activeCell=\"")
                x.cell(0, f.column); x.raw("\" sqref=\""); x.cell(0, f.column)
                x.raw("\"/><selection pane=\"bottomLeft\" activeCell=\""); x.cell(f.row, 0); x.raw("\" sqref=\"")
                x.cell(f.row, 0); x.raw("\"/><selection pane=\"bottomRight\"/>")
            }
            x.raw("</sheetView>")
        } else {
            x.raw("/>")
        }
        x.raw("</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>")
        if !columns.isEmpty {
            x.raw("<cols>")
            for c in columns {
                x.raw("<col"); x.attribute("min", c.first + 1); x.attribute("max", c.last + 1)
                x.plainAttribute("width", Self.excelWidth(c.width))
                if c.style != 0 { x.attribute("style", c.style) }
                // libxlsxwriter marks a width custom unless it is Excel's default, 8.43.
                x.raw(c.width == 8.43 ? "/>" : " customWidth=\"1\"/>")
            }
            x.raw("</cols>")
        }
        if openRow >= 0 {
            x.raw("<sheetData>")
            x.append(rows)
            x.raw("</row></sheetData>")
        } else {
            x.raw("<sheetData/>")
        }
        if let (r1, c1, r2, c2) = autofilter {
            x.raw("<autoFilter ref=\""); x.cell(r1, c1); x.raw(":"); x.cell(r2, c2); x.raw("\"/>")
        }
        if validationCount > 0 {
            x.raw("<dataValidations"); x.attribute("count", validationCount); x.raw(">")
            x.append(validations)
            x.raw("</dataValidations>")
        }
        x.raw("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>")
        x.raw("<pageSetup paperSize=\"9\"")
        if fit.onePage {
            // fitToWidth and fitToHeight default to 1: one page.
        } else if fit.width {
            x.raw(" fitToHeight=\"0\"")
        }
        x.raw(landscape ? " orientation=\"landscape\"/>" : " orientation=\"portrait\"/>")
        x.raw("</worksheet>")
        return x.bytes
    }

    /// A width in characters as Excel stores it: whole pixels of Calibri 11's 7-pixel digit
    /// plus 5 pixels of padding, in 1/256ths of a character (libxlsxwriter's rounding, so a
    /// column is as wide in either writer's workbook).
    static func excelWidth(_ width: Double) -> Double {
        guard width > 0 else { return 0 }
        let pixels = width < 1 ? Int(width * 12 + 0.5) : Int(width * 7 + 0.5) + 5
        return Double(Int(Double(pixels) / 7 * 256)) / 256
    }
}
