/// An ad hoc summary as a one-sheet workbook (`summary --format xlsx`).
public enum SummaryTable {
    public static func workbook(_ q: SummaryQuery, _ rows: [SummaryRow], plan: Plan, asOf: Day) -> WorkbookModel {
        var s = SheetModel(name: "Tổng hợp")
        let names = SummaryText.header(q)
        s.columnWidths = names.map { _ in 14 }
        let header = s.append(names.map { .t($0, .header) })
        for r in rows {
            var cells: [Cell] = r.keys.map { .t($0) }
            cells += [.n(r.measures.activities), .n(r.measures.participants), .n(r.measures.quantity)]
            if let c = r.covered, let req = r.required {
                cells += [.n(c), .n(req), .pct(req == 0 ? 0 : Double(c) / Double(req))]
            }
            s.append(cells)
        }
        s.freeze = (header + 1, 0)
        s.autofilter = CellRange(header, 0, header + max(rows.count, 1), names.count - 1)
        s.repeatRows = header...header
        return WorkbookModel(title: "Tổng hợp theo \(q.dimensions.map(\.rawValue).joined(separator: ", "))",
                             author: plan.issuer, created: asOf, sheets: [s])
    }
}
