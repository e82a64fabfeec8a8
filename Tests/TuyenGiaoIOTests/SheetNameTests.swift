import Foundation
import Testing
@testable import XLSXWriter

/// Excel's rules for a sheet's name, in both writers: not empty, at most 31 characters (not
/// bytes: Vietnamese letters take two or three), none of [ ] : * ? / \, no apostrophe at either
/// end, and no two sheets whose names differ only in case (Vietnamese capitals too).
@Suite struct SheetNameTests {
    static let refused = ["", String(repeating: "ệ", count: 32), "'Tình hình", "Tình hình'"]
        + ["[", "]", ":", "*", "?", "/", "\\"].map { "Đợt \($0) 1" }
    static let accepted = [String(repeating: "ệ", count: 31), "Danh mục", "Đợt 1 (2)", "Tình 'hình'x", "a"]

    @Test func eachNameIsAcceptedOrRefusedAsExcelWould() throws {
        for name in Self.refused {
            #expect(throws: XLSXError.self, "\(name.debugDescription)") { try ExcelLimits.checkSheetName(name) }
            #expect(throws: XLSXError.self, "\(name.debugDescription)") { _ = try SmallWorkbook(properties: .init(created: 0)).addWorksheet(name) }
        }
        for name in Self.accepted {
            try ExcelLimits.checkSheetName(name)
            _ = try SmallWorkbook(properties: .init(created: 0)).addWorksheet(name)
        }
    }

    @Test func twoSheetsMayNotDifferOnlyInCase() throws {
        let wb = SmallWorkbook(properties: .init(created: 0))
        _ = try wb.addWorksheet("Tình hình")
        _ = try wb.addWorksheet("Dòng cần sửa")
        #expect(throws: XLSXError.self) { _ = try wb.addWorksheet("TÌNH HÌNH") }
        #expect(throws: XLSXError.self) { _ = try wb.addWorksheet("dòng CẦN sửa") }
        _ = try wb.addWorksheet("Tình hình (2)")
        #expect(wb.sheets.map(\.name) == ["Tình hình", "Dòng cần sửa", "Tình hình (2)"])
    }
}
