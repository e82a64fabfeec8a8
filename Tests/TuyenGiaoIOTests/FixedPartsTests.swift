import Testing
@testable import XLSXWriter

/// Workbooks that differ from the one before in one thing its fixed parts are made of — a
/// filter's last row, the print titles, a sheet's name, the order formats are first used in,
/// shared strings or custom properties — are written as the plain twin writes them, every part
/// built afresh; the same layout again is found and gives the same bytes.
@Suite struct FixedPartsTests {
    struct Variant {
        var names = ["Tình hình", "Dòng cần sửa"]
        var filterLastRow = 3
        var titles: ClosedRange<Int>? = 0...1
        var boldFirst = false
        var text = "Chi bộ"
        var custom = true
    }

    func workbook(_ v: Variant) throws -> SmallWorkbook {
        let wb = SmallWorkbook(properties: .init(title: "Đơn vị", author: "tuyengiao", created: 1_612_051_200,
                                                 custom: v.custom ? [("tuyengiao-dau-van-tay", "abc")] : []))
        let bold = FormatSpec(bold: true), wrapped = FormatSpec(wrap: true)
        for (k, name) in v.names.enumerated() {
            let ws = try wb.addWorksheet(name)
            try ws.setColumn(0, 0, width: 20)
            try ws.autofilter(0, 0, v.filterLastRow, 1)
            let first = v.boldFirst ? bold : wrapped, second = v.boldFirst ? wrapped : bold
            try ws.write(0, 0, string: v.text, format: first)   // "": a blank cell in that format, no string
            try ws.write(1, 1, number: Double(k), format: second)
            try ws.printSetup(landscape: true, fitToWidth: true, repeatRows: v.titles)
        }
        return wb
    }

    @Test func aWorkbookIsWrittenAsThePlainTwinWritesItWhateverTheOneBefore() throws {
        var variants = [Variant()]
        var v = Variant(); v.filterLastRow = 4; variants.append(v)
        v = Variant(); v.titles = 0...2; variants.append(v)
        v = Variant(); v.titles = nil; variants.append(v)
        v = Variant(); v.names[1] = "Dòng cần sửa (2)"; variants.append(v)
        v = Variant(); v.names = ["Tình hình"]; variants.append(v)
        v = Variant(); v.boldFirst = true; variants.append(v)
        v = Variant(); v.text = ""; variants.append(v)
        v = Variant(); v.custom = false; variants.append(v)
        // Each after every other, and each twice in a row (the second found by its layout).
        var sequence: [Variant] = []
        for a in variants { for b in variants { sequence += [a, b] } }
        for v in sequence + variants + variants {
            let fast = try workbook(v).bytes()
            let plain = try workbook(v).bytes(reusingFixedParts: false)
            #expect(fast == plain, "\(v)")
        }
    }
}
