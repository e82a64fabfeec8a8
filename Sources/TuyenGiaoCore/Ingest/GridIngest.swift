/// A worksheet's cells as a log reads them: text, or a number (an XLSX date is a number).
public enum GridCell: Sendable, Equatable {
    case text(String)
    case number(Double)
}

extension LogIngest {
    /// Ingests the sheets of one workbook (SPEC §4): the first sheet whose first non-blank
    /// row is a header with the required columns holds the log. Dates stored as Excel serials
    /// become dates; other numbers read as written ("1200", not "1200.0").
    public mutating func ingestSheets(name: String, sheets: [(name: String, rows: [[GridCell?]])],
                                      sink: (Activity) -> Void) {
        _ = beginFile(name, encoding: "xlsx")
        for sheet in sheets {
            guard let h = sheet.rows.firstIndex(where: { !Self.isBlank($0) }) else { continue }
            let header = sheet.rows[h].map { Self.text($0) }
            guard HeaderMap(header: header).missingRequired.isEmpty else { continue }
            setHeader(StringRow(header))
            let dateColumn = currentHeader?[.ngay]
            for r in (h + 1)..<sheet.rows.count {
                let cells = sheet.rows[r]
                if Self.isBlank(cells) { continue }
                var fields = cells.enumerated().map { i, cell in
                    if i == dateColumn, case .number(let serial) = cell, let day = LogDate.fromExcelSerial(serial) {
                        return day.vietnamese
                    }
                    return Self.text(cell)
                }
                // A sheet stores no empty cells at the end of a row: the row is as wide as
                // the header. Text beyond the header stays, and is reported as a wrong row.
                let width = currentHeader?.width ?? header.count
                while fields.count > width, fields.last?.trimmingSpaces.isEmpty == true { fields.removeLast() }
                if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
                row(StringRow(fields), line: r + 1, raw: { "[\(sheet.name)] " + fields.joined(separator: " | ") }, sink: sink)
            }
            return
        }
        let names = sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
        failFile(RejectionMessages.noSheetWithHeader(names))
    }

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
