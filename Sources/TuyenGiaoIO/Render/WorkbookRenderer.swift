import Foundation
import TuyenGiaoCore
import XLSXWriter

/// Renders a `WorkbookModel` with libxlsxwriter. Styles map to cached formats; number
/// formats `#,##0` and `0.0%`; user text is always written as a string cell.
public enum WorkbookRenderer {
    static let headerFill: UInt32 = 0xDCE6F1
    static let gapFill: UInt32 = 0xFFC7CE
    static let gapFont: UInt32 = 0x9C0006

    /// A cell's format, the fixed ones made once (every cell of every unit's workbook asks).
    static func format(_ style: CellStyle) -> FormatSpec {
        switch style {
        case .text: textFormat
        case .header: headerFormat
        case .integer: integerFormat
        case .indented, .indentedBold: makeFormat(style)
        default: fixedFormats[style] ?? makeFormat(style)
        }
    }

    private static let textFormat = makeFormat(.text)
    private static let headerFormat = makeFormat(.header)
    private static let integerFormat = makeFormat(.integer)
    private static let fixedFormats: [CellStyle: FormatSpec] = Dictionary(uniqueKeysWithValues: [
        CellStyle.wrapped, .title, .subtitle, .label, .note, .banner, .bold, .integerBold, .percent, .percentBold, .date,
    ].map { ($0, makeFormat($0)) })

    static func makeFormat(_ style: CellStyle) -> FormatSpec {
        switch style {
        case .text: FormatSpec(verticalCenter: true)
        case .wrapped: FormatSpec(wrap: true, verticalCenter: true)
        case .header: FormatSpec(bold: true, background: headerFill, wrap: true, align: .center, verticalCenter: true, border: true)
        case .title: FormatSpec(bold: true, fontSize: 14)
        case .subtitle: FormatSpec(bold: true, fontSize: 12)
        case .label: FormatSpec(bold: true, verticalCenter: true)
        case .note: FormatSpec(italic: true, fontColor: 0x595959, wrap: true, verticalCenter: true)
        case .banner: FormatSpec(bold: true, fontSize: 12, fontColor: 0xFFFFFF, background: 0xC0504D, verticalCenter: true)
        case .bold: FormatSpec(bold: true)
        case .indented(let n): FormatSpec(indent: n)
        case .indentedBold(let n): FormatSpec(bold: true, indent: n)
        case .integer: FormatSpec(numberFormat: "#,##0", verticalCenter: true)
        case .integerBold: FormatSpec(bold: true, numberFormat: "#,##0", verticalCenter: true)
        case .percent: FormatSpec(numberFormat: "0.0%", verticalCenter: true)
        case .percentBold: FormatSpec(bold: true, numberFormat: "0.0%", verticalCenter: true)
        case .date: FormatSpec(numberFormat: "dd/mm/yyyy")
        }
    }

    /// Seconds since 1970 at midnight UTC of a day.
    static func epochSeconds(_ d: Day) -> Int { d.ordinal * 86_400 }

    /// Sheets longer than Excel's grid continue on "Name (2)", "Name (3)" (issue 21); the
    /// tests lower `maxRows` to see it without writing a million rows.
    /// Past this many cells a workbook is written in libxlsxwriter's `constant_memory` mode:
    /// each row goes to disk as it is written, instead of every cell staying in memory until
    /// the file is closed (a province's month: hundreds of thousands of units × items).
    public static let constantMemoryCells = 250_000

    public static func write(_ model: WorkbookModel, to path: String, tmpdir: String? = nil,
                             maxRows: Int = SheetModel.excelMaxRows, fingerprint: String? = nil,
                             constantMemoryCells: Int = constantMemoryCells) throws(ShellError) {
        let model = model.continuingLongSheets(maxRows: maxRows)
        let streamed = cellCount(model) > constantMemoryCells
        // libxlsxwriter converts the creation date with gmtime().
        GmtimeGate.shared.enter(epochSeconds(model.created))
        defer { GmtimeGate.shared.leave() }
        do {
            let wb = try Workbook(path: path, properties: properties(model, fingerprint: fingerprint),
                                  constantMemory: streamed, tmpdir: tmpdir ?? (streamed ? nil : WorkbookScratch.small))
            for sheet in model.sheets {
                let ws = try wb.addWorksheet(sheet.name)
                try renderHead(sheet, into: ws)
                // Ranges before rows: in constant_memory mode libxlsxwriter refuses a range
                // that starts in a row already written out.
                try renderConditionals(sheet, into: ws)
                try renderRows(sheet, into: ws)
                try renderCharts(sheet, into: ws, of: wb)
            }
            try wb.close()
        } catch {
            if case .write(_, _, let code) = error, code != 0 {
                throw ShellError.unwritableOutput(path, AtomicFile.describe(errno: code))
            }
            throw ShellError.workbook(path, error.description)
        }
    }

    /// Which writer renders a workbook.
    public enum Writer: Sendable {
        /// libxlsxwriter: every workbook, the reference.
        case libxlsxwriter
        /// `SmallWorkbook` (Swift, in memory) for a workbook it can write — no charts, no
        /// conditional formats, under `constantMemoryCells` cells — libxlsxwriter otherwise.
        /// For the many small workbooks of a run: the units' own (issue 21).
        case smallWhenItFits
    }

    /// The workbook for `destination`, written to its temporary name — unless the file there
    /// was rendered from this very model (its fingerprint says so): then nothing is rendered.
    /// `in`: the folder the run creates whole (`OutputBatch.NewFolder`), where nothing is there
    /// to compare with.
    public static func prepare(_ model: WorkbookModel, for destination: URL, in newFolder: OutputBatch.NewFolder? = nil,
                               tmpdir: String? = nil, writer: Writer = .libxlsxwriter) throws -> OutputBatch.Prepared {
        if let newFolder {
            return try prepare(model, named: destination.lastPathComponent, in: newFolder, tmpdir: tmpdir, writer: writer)
        }
        let fingerprint = WorkbookFingerprint.of(model)
        if WorkbookFingerprint.stored(in: destination) == fingerprint { return .unchanged(destination) }
        // Another fingerprint (or none there): the bytes differ, no need to read them back.
        return try OutputBatch.prepare(for: destination, changed: true) {
            try write(model, fingerprint: fingerprint, toPath: $0.path, tmpdir: tmpdir, writer: writer)
        }
    }

    /// The workbook `name` of the folder the run creates whole (`OutputBatch.NewFolder`): nothing
    /// there to compare with, and the file named by its path alone (a province's first run
    /// writes 100,000 of them).
    public static func prepare(_ model: WorkbookModel, named name: String, in newFolder: OutputBatch.NewFolder,
                               tmpdir: String? = nil, writer: Writer = .libxlsxwriter) throws -> OutputBatch.Prepared {
        let fingerprint = WorkbookFingerprint.of(model)
        return try OutputBatch.prepare(named: name, in: newFolder) {
            try write(model, fingerprint: fingerprint, toPath: $0, tmpdir: tmpdir, writer: writer)
        }
    }

    /// The writer's bytes at `path` (a temporary name), not yet flushed: the batch's commit does.
    private static func write(_ model: WorkbookModel, fingerprint: String, toPath path: String, tmpdir: String?,
                              writer: Writer) throws {
        if writer == .smallWhenItFits, smallFits(model) {
            try AtomicFile.writeSynced(try smallBytes(model, fingerprint: fingerprint, path: path), toPath: path, sync: false)
        } else {
            try write(model, to: path, tmpdir: tmpdir, fingerprint: fingerprint)
        }
    }

    /// `SmallWorkbook` writes this model as libxlsxwriter would: no charts, no conditional
    /// formats (its features), and small enough to be held whole (libxlsxwriter streams the
    /// larger ones in `constant_memory` mode).
    static func smallFits(_ model: WorkbookModel, maxRows: Int = SheetModel.excelMaxRows) -> Bool {
        model.sheets.allSatisfy { $0.charts.isEmpty && $0.conditionals.isEmpty && $0.rows.count <= maxRows }
            && cellCount(model) <= constantMemoryCells
    }

    static func cellCount(_ model: WorkbookModel) -> Int {
        model.sheets.reduce(0) { sum, sheet in sheet.rows.reduce(sum) { $0 + $1.count } }
    }

    /// The `.xlsx` bytes of a model `smallFits`, written by `SmallWorkbook`.
    public static func smallBytes(_ model: WorkbookModel, fingerprint: String? = nil, path: String) throws(ShellError) -> [UInt8] {
        do {
            let wb = SmallWorkbook(properties: properties(model, fingerprint: fingerprint))
            for sheet in model.sheets {
                let ws = try wb.addWorksheet(sheet.name)
                try renderHead(sheet, into: ws)
                try renderRows(sheet, into: ws)
            }
            return try wb.bytes()
        } catch {
            throw ShellError.workbook(path, error.description)
        }
    }

    static func properties(_ model: WorkbookModel, fingerprint: String?) -> Workbook.Properties {
        .init(title: model.title, author: model.author, created: epochSeconds(model.created),
              custom: fingerprint.map { [(WorkbookFingerprint.property, $0)] } ?? [])
    }

    static func validate(_ v: ValidationRule, on ws: some SheetWriting) throws(XLSXError) {
        let rule: Worksheet.Validation = switch v.kind {
        case .list(let sheet, let column, let rows):
            .list(source: "\(ExcelLimits.quotedSheetName(sheet))!$\(columnName(column))$\(rows.lowerBound + 1):$\(columnName(column))$\(rows.upperBound + 1)")
        case .dateBetween(let a, let b): .dateBetween(excelSerial(a), excelSerial(b))
        case .integerAtLeast(let n): .integerAtLeast(Double(n))
        }
        try ws.validate(v.range.row1, v.range.col1, v.range.row2, v.range.col2, rule,
                        strictness: v.strict ? .stop : .information, prompt: v.prompt, error: v.error)
    }

    /// 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ c: Int) -> String {
        var n = c + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }

    /// Days since 1899-12-30, Excel's 1900 system for dates after February 1900.
    static func excelSerial(_ d: Day) -> Double { Double(d - Day(year: 1899, month: 12, day: 30)!) }

    /// What either writer writes first: widths, checks, panes, filter.
    static func renderHead(_ s: SheetModel, into ws: some SheetWriting) throws(XLSXError) {
        for (c, w) in s.columnWidths.enumerated() {
            try ws.setColumn(c, c, width: w, format: s.columnStyles[c].map(format))
        }
        for v in s.validations { try validate(v, on: ws) }
        // Ranges first: in constant_memory mode libxlsxwriter refuses a range that starts in
        // a row already written out.
        if let f = s.freeze { ws.freezePanes(row: f.row, column: f.column) }
        if let a = s.autofilter { try ws.autofilter(a.row1, a.col1, a.row2, a.col2) }
    }

    /// The rows and the print setup, in either writer.
    static func renderRows(_ s: SheetModel, into ws: some SheetWriting) throws(XLSXError) {
        // Row by row, a row's height just before its cells: in constant_memory mode a row is
        // written out once a later row is touched (and SmallWorksheet writes rows in order).
        for (r, row) in s.rows.enumerated() {
            if let height = s.rowHeight(r) { try ws.setRowHeight(r, height) }
            for (c, cell) in row.enumerated() {
                switch cell {
                case .empty: continue
                case .text(let t, let style): try ws.write(r, c, string: t, format: format(style))
                case .number(let v, let style): try ws.write(r, c, number: v, format: format(style))
                }
            }
        }
        try ws.printSetup(landscape: s.landscape, fitToWidth: true, onePage: s.onePage, repeatRows: s.repeatRows)
    }

    /// Conditional formats (libxlsxwriter only).
    static func renderConditionals(_ s: SheetModel, into ws: Worksheet) throws(XLSXError) {
        for rule in s.conditionals {
            switch rule {
            case .rateScale(let r): try ws.conditionalFormat(r.row1, r.col1, r.row2, r.col2, .threeColorScale)
            case .zeroIsGap(let r):
                try ws.conditionalFormat(r.row1, r.col1, r.row2, r.col2,
                                         .equalTo(0, FormatSpec(fontColor: gapFont, background: gapFill)))
            case .dataBar(let r): try ws.conditionalFormat(r.row1, r.col1, r.row2, r.col2, .dataBar(color: 0x638EC6))
            }
        }
    }

    /// Charts (libxlsxwriter only).
    static func renderCharts(_ s: SheetModel, into ws: Worksheet, of wb: Workbook) throws(XLSXError) {
        for c in s.charts {
            let chart = try wb.addChart({
                switch c.kind { case .column: Chart.Kind.column; case .bar: .bar; case .line: .line }
            }())
            chart.title(c.title)
            chart.axisNames(x: c.xAxis, y: c.yAxis)
            for series in c.series {
                chart.addSeries(name: series.name, sheet: s.name,
                                categories: (series.categories.row1, series.categories.col1, series.categories.row2, series.categories.col2),
                                values: (series.values.row1, series.values.col1, series.values.row2, series.values.col2))
            }
            if let axis = c.valueAxis { chart.valueAxis(min: axis.min, max: axis.max, numberFormat: axis.format) }
            chart.legendBottom()
            try ws.insertChart(chart, row: c.anchorRow, column: c.anchorColumn, xScale: c.xScale, yScale: c.yScale)
        }
    }
}
