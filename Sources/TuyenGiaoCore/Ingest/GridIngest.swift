/// A worksheet's cells as a log reads them: text, or a number (an XLSX date is a number).
public enum GridCell: Sendable, Equatable {
    case text(String)
    case number(Double)
}

extension LogIngest {
    /// Ingests the sheets of one workbook held whole (SPEC §4); see `WorkbookLogReader`.
    public mutating func ingestSheets(name: String, sheets: [(name: String, rows: [[GridCell?]])], encoding: String = "xlsx",
                                      sink: (Activity) -> Void) {
        _ = beginFile(name, encoding: encoding)
        var reader = WorkbookLogReader()
        for sheet in sheets where !reader.foundLog {
            reader.beginSheet(sheet.name)
            for (r, cells) in sheet.rows.enumerated() {
                guard reader.row(r, cells, into: &self, sink: sink) else { break }
            }
        }
        reader.finish(into: &self)
    }
}

/// A workbook's sheets as they stream in, row by row, into a `LogIngest` (SPEC §4): the
/// first sheet whose first non-blank row is a header with the required columns holds the
/// log; a sheet whose first non-blank row is not such a header is skipped. Dates stored as
/// spreadsheet serials become dates; other numbers read as written ("1200", not "1200.0").
/// Keeps one header, never the rows.
public struct WorkbookLogReader {
    private enum State {
        case seekingHeader
        case reading(width: Int, dateColumn: Int?)
        case skipping
    }
    private var state = State.skipping
    private var sheetName = ""
    private var sheetNames: [String] = []
    /// A log sheet has been read: later sheets need not be.
    public private(set) var foundLog = false

    public init() {}

    public static func isBlank(_ cells: [GridCell?]) -> Bool { GridCells.isBlank(cells) }

    /// Whether a sheet's first non-blank row names the required columns.
    public static func isHeader(_ cells: [GridCell?]) -> Bool {
        HeaderMap(header: cells.map { GridCells.text($0) }).missingRequired.isEmpty
    }

    public mutating func beginSheet(_ name: String) {
        sheetName = name
        sheetNames.append(name)
        state = foundLog ? .skipping : .seekingHeader
    }

    /// One row of the current sheet (`index` 0-based); false when the rest of the sheet is
    /// not wanted (it is not a log).
    public mutating func row(_ index: Int, _ cells: [GridCell?], into ingest: inout LogIngest,
                             sink: (Activity) -> Void) -> Bool {
        switch state {
        case .skipping:
            return false
        case .seekingHeader:
            if GridCells.isBlank(cells) { return true }
            let header = cells.map { GridCells.text($0) }
            guard HeaderMap(header: header).missingRequired.isEmpty else { state = .skipping; return false }
            ingest.setHeader(StringRow(header))
            foundLog = true
            state = .reading(width: ingest.currentHeader?.width ?? header.count, dateColumn: ingest.currentHeader?[.ngay])
            return true
        case .reading(let width, let dateColumn):
            if GridCells.isBlank(cells) { return true }
            var fields = cells.enumerated().map { i, cell in
                if i == dateColumn, case .number(let serial) = cell, let day = LogDate.fromExcelSerial(serial) {
                    return day.vietnamese
                }
                return GridCells.text(cell)
            }
            // A sheet stores no empty cells at the end of a row: the row is as wide as the
            // header. Text beyond the header stays, and is reported as a wrong row.
            while fields.count > width, fields.last?.trimmingSpaces.isEmpty == true { fields.removeLast() }
            if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
            let sheet = sheetName
            ingest.row(StringRow(fields), line: index + 1, raw: { "[\(sheet)] " + fields.joined(separator: " | ") }, sink: sink)
            return true
        }
    }

    /// The workbook has ended: without a log sheet, the file is refused with the sheets it has.
    public func finish(into ingest: inout LogIngest) {
        guard !foundLog else { return }
        ingest.failFile(RejectionMessages.noSheetWithHeader(sheetNames.map { "\"\($0)\"" }.joined(separator: ", ")))
    }
}

enum GridCells {
    static func isBlank(_ row: [GridCell?]) -> Bool {
        row.allSatisfy { cell in
            switch cell {
            case nil: true
            case .text(let s): s.trimmingSpaces.isEmpty
            case .number: false
            }
        }
    }

    static func text(_ cell: GridCell?) -> String {
        switch cell {
        case nil: ""
        case .text(let s): TextFolding.nfc(s)
        case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        }
    }
}
