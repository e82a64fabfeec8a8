/// Excel's grid ends at row 1,048,576. A sheet longer than that — a country's units, a
/// province's rejected rows — continues on sheets named "Đơn vị (2)", "Đơn vị (3)", each
/// repeating the sheet's heading rows, rather than failing the run (issue 21).
extension SheetModel {
    /// Rows in an Excel sheet.
    public static let excelMaxRows = 1_048_576

    /// This sheet cut into parts of at most `maxRows` rows. The heading — the rows up to the
    /// one repeated on printed pages, else up to the frozen rows — starts every part; charts
    /// and drop-downs stay on the first part, ranges are cut to each part's rows.
    public func continued(maxRows: Int) -> [SheetModel] {
        guard rows.count > maxRows else { return [self] }
        let heading = min(repeatRows.map { $0.upperBound + 1 } ?? freeze?.row ?? 0, maxRows - 1)
        let perPart = maxRows - heading
        var parts: [SheetModel] = []
        var first = heading
        while first < rows.count {
            let last = min(first + perPart, rows.count) - 1          // last body row of the part, in this sheet
            var part = self
            part.name = parts.isEmpty ? name : Self.continuationName(name, parts.count + 1)
            part.rows = Array(rows[0..<heading]) + Array(rows[first...last])
            // A row r of this sheet (r ≥ heading) is row r - shift of the part.
            let shift = first - heading
            func cut(_ r: CellRange) -> CellRange? {
                // Heading rows stay where they are; body rows outside the part fall away.
                let lo = r.row1 < heading ? r.row1 : (r.row1 < first ? heading : r.row1 - shift)
                let hi = r.row2 < heading ? r.row2 : min(r.row2, last) - shift
                guard r.row2 < heading || r.row2 >= first, r.row1 <= last, lo <= hi else { return nil }
                return CellRange(lo, r.col1, hi, r.col2)
            }
            part.autofilter = autofilter.flatMap(cut)
            part.conditionals = conditionals.compactMap { rule in
                switch rule {
                case .rateScale(let r): cut(r).map(ConditionalRule.rateScale)
                case .zeroIsGap(let r): cut(r).map(ConditionalRule.zeroIsGap)
                case .dataBar(let r): cut(r).map(ConditionalRule.dataBar)
                }
            }
            if !parts.isEmpty {
                part.charts = []
                part.validations = []
                part.onePage = false
            }
            parts.append(part)
            first = last + 1
        }
        return parts
    }

    /// "Đơn vị" → "Đơn vị (2)", cut so the name keeps within Excel's 31 characters.
    static func continuationName(_ name: String, _ n: Int) -> String {
        let suffix = " (\(n))"
        return String(name.prefix(31 - suffix.count)) + suffix
    }
}

extension WorkbookModel {
    /// The workbook with every sheet longer than `maxRows` continued on further sheets, placed
    /// right after it; a continuation never takes a name another sheet has.
    public func continuingLongSheets(maxRows: Int = SheetModel.excelMaxRows) -> WorkbookModel {
        guard sheets.contains(where: { $0.rows.count > maxRows }) else { return self }
        var taken = Set(sheets.map { $0.name.lowercased() })
        var out = self
        out.sheets = sheets.flatMap { sheet -> [SheetModel] in
            var parts = sheet.continued(maxRows: maxRows)
            var n = parts.count
            for k in parts.indices.dropFirst() where taken.contains(parts[k].name.lowercased()) {
                repeat { n += 1; parts[k].name = SheetModel.continuationName(sheet.name, n) } while taken.contains(parts[k].name.lowercased())
            }
            for p in parts { taken.insert(p.name.lowercased()) }
            return parts
        }
        return out
    }
}
