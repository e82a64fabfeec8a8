import TuyenGiaoCore

/// A spreadsheet a log can come in (`.xlsx`, `.ods`, `.xls`): its sheets in order, and each
/// sheet's rows handed over one by one, so that a reader need not hold a sheet whole.
protocol LogWorkbook {
    /// What the ingest records as the file's encoding: "xlsx", "ods", "xls".
    static var format: String { get }
    var sheetNames: [String] { get }
    /// Hands the sheet's non-empty rows to `body` (0-based row index, cells with gaps nil);
    /// `body` returns false to stop reading the sheet.
    func forEachRow(ofSheet name: String, _ body: (Int, [GridCell?]) throws -> Bool) throws
}

extension XLSXReader: LogWorkbook {
    static var format: String { "xlsx" }
    func forEachRow(ofSheet name: String, _ body: (Int, [GridCell?]) throws -> Bool) throws {
        try forEachRow(ofSheet: name) { (r: Int, cells: [Value?]) in try body(r, cells.map(GridCell.init)) }
    }
}
