/// A workbook as plain values: what to write where, in which style. The core builds it
/// (and tests read it with no C involved); the shell renders it with libxlsxwriter.
public struct WorkbookModel: Sendable {
    public var title: String
    public var author: String
    public var created: Day
    public var sheets: [SheetModel]

    public init(title: String, author: String, created: Day, sheets: [SheetModel]) {
        self.title = title; self.author = author; self.created = created; self.sheets = sheets
    }
}

public enum CellStyle: Hashable, Sendable {
    case text, wrapped, header, title, subtitle, label, note
    /// A coloured banner that cannot be missed ("TẠM TÍNH").
    case banner
    case bold
    case indented(Int), indentedBold(Int)
    case integer, integerBold
    case percent, percentBold
    case date
}

public enum Cell: Sendable, Equatable {
    case empty
    case text(String, CellStyle)
    case number(Double, CellStyle)

    public static func t(_ s: String, _ style: CellStyle = .text) -> Cell { .text(s, style) }
    public static func n(_ v: Int, _ style: CellStyle = .integer) -> Cell { .number(Double(v), style) }
    public static func pct(_ v: Double, _ style: CellStyle = .percent) -> Cell { .number(v, style) }

    public var text: String? { if case .text(let s, _) = self { s } else { nil } }
    public var number: Double? { if case .number(let v, _) = self { v } else { nil } }
}

public struct CellRange: Sendable, Equatable {
    public var row1: Int, col1: Int, row2: Int, col2: Int
    public init(_ row1: Int, _ col1: Int, _ row2: Int, _ col2: Int) {
        self.row1 = row1; self.col1 = col1; self.row2 = row2; self.col2 = col2
    }
}

public enum ConditionalRule: Sendable, Equatable {
    /// Red at 0, yellow at 50 %, green at 100 %.
    case rateScale(CellRange)
    /// Highlights zero counts (an item a unit has not covered).
    case zeroIsGap(CellRange)
    case dataBar(CellRange)
}

public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var categories: CellRange
    public var values: CellRange
}

public struct ChartModel: Sendable, Equatable {
    public enum Kind: Sendable { case column, bar, line }
    public var kind: Kind
    public var title: String
    public var xAxis: String?
    public var yAxis: String?
    public var series: [ChartSeries]
    public var anchorRow: Int
    public var anchorColumn: Int
    public var xScale: Double = 1.5
    public var yScale: Double = 1.2
    /// A fixed value axis (min, max, number format), e.g. 0–100 % for rates: never cut to the data.
    public var valueAxis: (min: Double, max: Double, format: String)?

    public static func == (a: ChartModel, b: ChartModel) -> Bool {
        a.kind == b.kind && a.title == b.title && a.xAxis == b.xAxis && a.yAxis == b.yAxis && a.series == b.series
            && a.anchorRow == b.anchorRow && a.anchorColumn == b.anchorColumn && a.xScale == b.xScale
            && a.yScale == b.yScale && a.valueAxis?.min == b.valueAxis?.min && a.valueAxis?.max == b.valueAxis?.max
            && a.valueAxis?.format == b.valueAxis?.format
    }
}

/// What a range of cells accepts (a template's drop-downs and checks).
public struct ValidationRule: Sendable {
    public enum Kind: Sendable {
        /// A drop-down of the values in rows `rows` of `column` on sheet `sheet`.
        case list(sheet: String, column: Int, rows: ClosedRange<Int>)
        case dateBetween(Day, Day)
        case integerAtLeast(Int)
    }
    public var range: CellRange
    public var kind: Kind
    /// False: other values are allowed with an explanation (a cell may hold "ND01; ND02").
    public var strict: Bool
    public var prompt: (title: String, message: String)?
    public var error: (title: String, message: String)?

    public init(_ range: CellRange, _ kind: Kind, strict: Bool = true, prompt: (title: String, message: String)? = nil,
                error: (title: String, message: String)? = nil) {
        self.range = range; self.kind = kind; self.strict = strict; self.prompt = prompt; self.error = error
    }
}

public struct SheetModel: Sendable {
    public var name: String
    public var columnWidths: [Double] = []
    public var rows: [[Cell]] = []
    public var freeze: (row: Int, column: Int)?
    public var autofilter: CellRange?
    public var conditionals: [ConditionalRule] = []
    public var charts: [ChartModel] = []
    public var landscape = true
    /// Printed on one page (a one-page summary); otherwise fitted to the page's width only.
    public var onePage = false
    public var repeatRows: ClosedRange<Int>?
    public var validations: [ValidationRule] = []
    /// Cells a person fills in get this style even while empty (a template's date column).
    public var columnStyles: [Int: CellStyle] = [:]

    public init(name: String) { self.name = name }

    /// Row heights in points where text wraps. libxlsxwriter does not measure text, and
    /// LibreOffice does not grow a row whose height the file leaves unset, so wrapped text
    /// would print over the next row: the lines are estimated from the column's width.
    public var rowHeights: [Int: Double] {
        var out: [Int: Double] = [:]
        for r in rows.indices { out[r] = rowHeight(r) }
        return out
    }

    /// Row `r`'s height as `rowHeights` has it, nil for one line: asked row by row as the rows
    /// are written (a province's unit workbooks built the whole table for a handful of rows).
    public func rowHeight(_ r: Int) -> Double? {
        var lines = 1
        let row = rows[r]
        for c in row.indices {
            guard case .text(let text, let style) = row[c], Self.wraps(style) else { continue }
            let width = c < columnWidths.count ? columnWidths[c] : 8.43
            lines = max(lines, Self.lines(text, width: width))
        }
        return lines > 1 ? min(409, Double(lines) * 15 + 3) : nil
    }

    static func wraps(_ style: CellStyle) -> Bool {
        switch style {
        case .wrapped, .header, .note: true
        default: false
        }
    }

    /// Lines a text takes in a column `width` characters wide: words kept whole, a letter
    /// taken as 1.1 of Excel's width unit (the digit "0"), a little room for the cell's margins.
    public static func lines(_ text: String, width: Double) -> Int {
        let room = max(1, (width - 1) / 1.1)
        // One line for a text of one paragraph no longer than a line, counted in bytes (never
        // fewer than its characters): most cells, without walking their characters.
        func byBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            if Double(bytes.count) <= room, !bytes.contains(0x0A) { return 1 }
            return simpleLines(bytes, room: room)
        }
        return text.withUTF8Bytes(byBytes) ?? plainLines(text, room: room)
    }

    /// `lines` over the text's bytes, for a text of letters each one Unicode scalar and one
    /// character (ASCII but CR, Latin up to U+02FF, Vietnamese's precomposed U+1E00–U+1EFF — NFC
    /// Vietnamese —, dashes and quotation marks): a character is then a byte that does not continue a UTF-8 sequence. Headers
    /// of every unit's sheets were counted character by character (grapheme breaking), 100,000
    /// times over. nil for any other text (combining marks, CR LF, emoji…): `plainLines` counts it.
    static func simpleLines(_ bytes: UnsafeBufferPointer<UInt8>, room: Double) -> Int? {
        var total = 0, lines = 1, used = 0.0, word = 0
        var k = 0
        // The word just ended, as plainLines places it.
        func place() {
            guard word > 0 else { return }
            let w = Double(word)
            if used > 0, used + 1 + w > room { lines += 1 + Int((w - 1) / room); used = w.truncatingRemainder(dividingBy: room) }
            else { used += (used > 0 ? 1 : 0) + w }
            word = 0
        }
        while k < bytes.count {
            let b = bytes[k]
            switch b {
            case 0x0A:
                place(); total += lines; lines = 1; used = 0
            case 0x20:
                place()
            case 0x0D:
                return nil
            case 0x00..<0x80, 0xC2...0xCB:   // ASCII, or a scalar below U+0300 (two bytes)
                word += 1
            case 0xE1 where k + 1 < bytes.count && (0xB8...0xBB).contains(bytes[k + 1]):   // U+1E00–U+1EFF
                word += 1
            case 0xE2 where k + 2 < bytes.count && bytes[k + 1] == 0x80 && (0x90...0xA7).contains(bytes[k + 2]):
                word += 1   // U+2010–U+2027: dashes, quotation marks, the ellipsis
            case 0x80...0xBF:   // continues the scalar counted at its first byte
                break
            default:
                return nil
            }
            k += 1
        }
        place()
        return total + lines
    }

    /// `lines` through Swift's characters: the plain twin, and every text `simpleLines` leaves.
    static func plainLines(_ text: String, room: Double) -> Int {
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1, used = 0.0
            for word in paragraph.split(separator: " ") {
                let w = Double(word.count)
                if used > 0, used + 1 + w > room { lines += 1 + Int((w - 1) / room); used = w.truncatingRemainder(dividingBy: room) }
                else { used += (used > 0 ? 1 : 0) + w }
            }
            total += lines
        }
        return total
    }

    public subscript(row: Int, column: Int) -> Cell {
        guard row < rows.count, column < rows[row].count else { return .empty }
        return rows[row][column]
    }

    /// Appends a row; returns its index.
    @discardableResult
    public mutating func append(_ cells: [Cell]) -> Int {
        rows.append(cells)
        return rows.count - 1
    }

    /// The first row whose first cell is this text.
    public func row(labelled label: String, column: Int = 0) -> Int? {
        rows.firstIndex { $0.count > column && $0[column].text == label }
    }
}
