import Testing
@testable import TuyenGiaoCore

/// A sheet longer than Excel's grid continues on "Name (2)", … (issue 21), seen here with
/// the grid lowered to a few rows.
@Suite struct SheetContinuationTests {
    /// A title, a header row (repeated on printed pages), `body` unit rows and a total row.
    func unitsSheet(body: Int) -> SheetModel {
        var s = SheetModel(name: "Đơn vị")
        s.append([.t("Đơn vị báo cáo", .title)])
        let header = s.append([.t("Mã", .header), .t("Đơn vị", .header), .t("Tỷ lệ", .header)])
        for k in 0..<body { s.append([.t("U\(k)"), .t("Đơn vị \(k)"), .pct(Double(k) / 10)]) }
        let last = header + body
        s.append([.t(""), .t("Cộng", .bold), .pct(0.5, .percentBold)])
        s.freeze = (header + 1, 2)
        s.repeatRows = header...header
        s.autofilter = CellRange(header, 0, last, 2)
        s.conditionals = [.rateScale(CellRange(header + 1, 2, last, 2)), .dataBar(CellRange(last + 1, 2, last + 1, 2))]
        return s
    }

    @Test func aSheetAtTheLimitStaysWholeAndOneRowMoreContinues() {
        let atLimit = unitsSheet(body: 7)            // 2 heading + 7 + total = 10 rows
        #expect(atLimit.rows.count == 10)
        #expect(atLimit.continued(maxRows: 10).count == 1)
        let parts = unitsSheet(body: 8).continued(maxRows: 10)
        #expect(parts.map(\.name) == ["Đơn vị", "Đơn vị (2)"])
        #expect(parts.map(\.rows.count) == [10, 3])
        #expect(parts[0].rows.last?.first?.text == "U7")
        #expect(parts[1].rows.last?[1].text == "Cộng")        // the total row alone, under the heading
    }

    @Test func everyRowLandsOnceInOrderUnderItsHeading() {
        let sheet = unitsSheet(body: 10)                      // 13 rows
        let parts = sheet.continued(maxRows: 5)               // heading 2 + 3 body rows a part
        #expect(parts.map(\.name) == ["Đơn vị", "Đơn vị (2)", "Đơn vị (3)", "Đơn vị (4)"])
        #expect(parts.allSatisfy { $0.rows.count <= 5 })
        for p in parts {
            #expect(p.rows[0][0].text == "Đơn vị báo cáo")
            #expect(p.rows[1][1].text == "Đơn vị")
            #expect(p.freeze?.row == 2 && p.repeatRows == 1...1)
        }
        let body = parts.flatMap { $0.rows.dropFirst(2) }.map { $0[0].text ?? "" }
        #expect(body == sheet.rows.dropFirst(2).map { $0[0].text ?? "" })
        // Ranges follow their rows: the filter covers each part's unit rows, the colour
        // scale its share of them, the total's bar only the last part.
        #expect(parts[1].autofilter == CellRange(1, 0, 4, 2))
        #expect(parts[3].autofilter == CellRange(1, 0, 2, 2))
        #expect(parts[0].conditionals == [.rateScale(CellRange(2, 2, 4, 2))])
        #expect(parts[3].conditionals == [.rateScale(CellRange(2, 2, 2, 2)), .dataBar(CellRange(3, 2, 3, 2))])
    }

    @Test func aContinuationNeverTakesAnotherSheetsName() {
        var other = SheetModel(name: "Đơn vị (2)")
        other.append([.t("x")])
        let wb = WorkbookModel(title: "t", author: "a", created: Day(year: 2020, month: 1, day: 1)!,
                               sheets: [unitsSheet(body: 4), other])
        let out = wb.continuingLongSheets(maxRows: 5)
        #expect(out.sheets.map(\.name) == ["Đơn vị", "Đơn vị (3)", "Đơn vị (2)"])
        #expect(wb.continuingLongSheets(maxRows: 100).sheets.map(\.name) == ["Đơn vị", "Đơn vị (2)"])
        let long = String(repeating: "Bao phủ đợt rất dài ", count: 3)
        #expect(SheetModel.continuationName(long, 12).count == 31)
        #expect(SheetModel.continuationName(long, 12).hasSuffix(" (12)"))
    }
}
