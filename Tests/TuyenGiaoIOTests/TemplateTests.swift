import Foundation
import Testing
import TuyenGiaoCore
import ZIPFoundation
@testable import TuyenGiaoIO

/// `tuyengiao template` (SPEC §8): the workbook a unit fills in. The round trip through a
/// spreadsheet program is scripts/check-template-roundtrip.py (make test).
@Suite struct TemplateTests {
    func write(unit: String?) throws -> (TempDir, URL, Plan) {
        let tmp = try TempDir()
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        let u = unit.flatMap { code in plan.units.units.firstIndex { $0.code == code } }
        let url = tmp.sub("mau.xlsx")
        try WorkbookRenderer.write(LogTemplate.build(plan, unit: u, created: day("2020-01-01")), to: url.path)
        return (tmp, url, plan)
    }

    func sheetXML(_ url: URL, _ part: String) throws -> String {
        let archive = try Archive(url: url, accessMode: .read)
        let entry = try #require(archive[part])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func sheetsHeaderAndLists() throws {
        let (tmp, url, plan) = try write(unit: nil)
        defer { withExtendedLifetime(tmp) {} }
        let wb = try XLSXReader(url: url)
        #expect(wb.sheetNames == ["Nhật ký", "Hướng dẫn", "Danh mục"])
        let log = try grid(wb, "Nhật ký")
        #expect(log[0].compactMap { $0?.text } == LogTemplate.columns.map(\.vietnameseHeader))
        #expect(!LogTemplate.columns.contains(.dongGoc), "only a feedback workbook names the row it corrects")
        let map = HeaderMap(header: log[0].compactMap { $0?.text })
        #expect(map.missingRequired.isEmpty, "run reads its own header")
        let lists = try grid(wb, "Danh mục")
        // Units that report (A1, A2, B), items and forms as "code - title".
        #expect(lists.dropFirst().compactMap { $0.first??.text } == ["A1 - Chi bộ Một", "A2 - Chi bộ Hai", "B - Chi bộ Bê", ""].filter { !$0.isEmpty })
        #expect(lists.dropFirst().compactMap { $0.count > 1 ? $0[1]?.text : nil } == plan.items.map { "\($0.code) - \($0.title)" })
        #expect(lists[1][2]?.text == "HN - Hội nghị")
        let guide = try grid(wb, "Hướng dẫn").compactMap { $0.first??.text }.joined(separator: "\n")
        #expect(guide.contains("Không có hoạt động"))
        #expect(guide.contains("ngày 20 của tháng sau"))
    }

    @Test func dropDownsAndChecksOnTheLogSheet() throws {
        let (tmp, url, _) = try write(unit: "A1")
        defer { withExtendedLifetime(tmp) {} }
        let xml = try sheetXML(url, "xl/worksheets/sheet1.xml")
        #expect(xml.components(separatedBy: "<dataValidation ").count - 1 == 7)
        #expect(xml.contains("<formula1>'Danh mục'!$A$2:$A$2</formula1>"), "one unit in a unit's own template")
        #expect(xml.contains("<formula1>'Danh mục'!$B$2:$B$5</formula1>"))
        #expect(xml.contains("type=\"date\""))
        #expect(xml.contains("<formula1>43831</formula1>"), "dates from 01/01/2020 (serial 43831)")
        #expect(xml.contains("sqref=\"A2:A501\""))
        let lists = try grid(try XLSXReader(url: url), "Danh mục")
        #expect(lists[1][0]?.text == "A1 - Chi bộ Một")
        #expect(lists.count == 5, "header + 4 items; units list has one entry")
    }
}
