import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// XLSX logs as other programs write them (fixtures made by scripts/make-xlsx-fixtures.py
/// with openpyxl, XlsxWriter and a hand-written minimal writer), and the workbooks §11
/// says to refuse.
@Suite struct XLSXIngestTests {
    static let folder = Fixture.folder.appendingPathComponent("xlsx")

    func ingest(_ names: [String]) throws -> (LogIngest, [Activity]) {
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        var activities: [Activity] = []
        for name in names {
            LogFileReader.ingest(LogFinder.Found(relativePath: name, url: Self.folder.appendingPathComponent(name)),
                                 into: &ingest) { activities.append($0) }
        }
        ingest.finish { activities.append($0) }
        return (ingest, activities)
    }

    @Test(arguments: ["openpyxl-nhat-ky.xlsx", "xlsxwriter-styled-second-sheet.xlsx", "inline-strings.xlsx"])
    func theSameThreeActivitiesWhicheverProgramWroteThem(_ name: String) throws {
        let (ingest, activities) = try ingest([name])
        let f = ingest.files[0]
        #expect(f.fileError == nil, "\(f.fileError ?? "")")
        #expect(f.encoding == "xlsx")
        #expect((f.rowsRead, f.accepted, f.rejected) == (3, 3, 0), "\(ingest.rejections)")
        // Dates from serials (1900 system), names and "code - title" resolved, Vietnamese kept.
        #expect(activities.map(\.day.iso) == ["2020-01-15", "2020-02-10", "2020-03-05"])
        #expect(activities.map(\.participants) == [12, 0, 1200])
        #expect(activities.map(\.quantity) == [1, 3, 1])
        #expect(activities[1].items.count == 2)
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        #expect(activities.map { plan.units[$0.unit].code } == ["A1", "B", "A1"])
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        // The entity stands in a free-text cell (mo_ta), which ingest would accept as it is:
        // look at the cell itself.
        let hostname = try #require(try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(!hostname.isEmpty)
        let url = Self.folder.appendingPathComponent("external-entity.xlsx")
        let cells = (try? XLSXReader(url: url)).flatMap { try? $0.rows(ofSheet: "Nhật ký") }?.joined().compactMap { $0?.text } ?? []
        #expect(!cells.joined(separator: " ").contains(hostname), "the entity was resolved: \(cells)")
        let (ingest, _) = try ingest(["external-entity.xlsx"])
        #expect(ingest.files[0].rowsRead <= 1)
    }

    /// What scripts/fuzz.sh found: each crashed or hung the reader before; now each costs
    /// only its own file, with a reason, and the next file is still read.
    @Test(arguments: [("fuzz-far-cell.xlsx", "nằm ngoài bảng tính"), ("fuzz-long-reference.xlsx", "nằm ngoài bảng tính"),
                      ("fuzz-non-utf8-name.xlsx", "bị hỏng"), ("fuzz-negative-shared-string.xlsx", nil),
                      // A damaged deflate stream (the fuzzer's own file, kept as it found it).
                      ("fuzz-endless-inflate.xlsx", "bị hỏng")])
    func fuzzFindingsCostOnlyTheirFile(_ name: String, _ reason: String?) throws {
        let (ingest, activities) = try ingest([name, "openpyxl-nhat-ky.xlsx"])
        if let reason {
            #expect(ingest.files[0].fileError?.contains(reason) == true, "\(ingest.files[0].fileError ?? "accepted")")
        }
        #expect(ingest.files[0].accepted == 0)
        #expect(ingest.files[1].accepted == 3)
        #expect(activities.count == 3)
    }

    @Test func aZipBombIsRefusedAndCostsOnlyItself() throws {
        let (ingest, activities) = try ingest(["zip-bomb-ratio.xlsx", "openpyxl-nhat-ky.xlsx"])
        #expect(ingest.files[0].fileError?.contains("tỷ lệ nén") == true, "\(ingest.files[0].fileError ?? "accepted")")
        #expect(ingest.rejections.first?.reason == .unreadableFile)
        #expect(ingest.files[1].accepted == 3)
        #expect(activities.count == 3)
    }

    @Test func aWorkbookWithNoLogSheetSaysWhichSheetsItHas() throws {
        let tmp = try TempDir()
        let url = tmp.sub("bang-tinh-khac.xlsx")
        // Our own writer makes a workbook whose only sheet is not a log.
        var sheet = SheetModel(name: "Tổng hợp")
        sheet.append([.text("Không phải nhật ký", .text)])
        let model = WorkbookModel(title: "x", author: "x", created: day("2020-01-01"), sheets: [sheet])
        try WorkbookRenderer.write(model, to: url.path)
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        LogFileReader.ingest(LogFinder.Found(relativePath: "bang-tinh-khac.xlsx", url: url), into: &ingest) { _ in }
        #expect(ingest.files[0].fileError?.contains("\"Tổng hợp\"") == true)
    }

    /// A sheet past the grid continues on "Đơn vị (2)" in the file itself (the grid lowered
    /// to 4 rows for the test): read back, every unit is there once, under its header.
    @Test func aSheetPastTheRowLimitContinuesOnASecondSheet() throws {
        let tmp = try TempDir()
        let url = tmp.sub("dai.xlsx")
        var sheet = SheetModel(name: "Đơn vị")
        let header = sheet.append([.t("Mã", .header), .t("Đơn vị", .header)])
        for k in 1...5 { sheet.append([.t("U\(k)"), .n(k)]) }
        sheet.repeatRows = header...header
        sheet.autofilter = CellRange(header, 0, header + 5, 1)
        try WorkbookRenderer.write(WorkbookModel(title: "x", author: "x", created: day("2020-01-01"), sheets: [sheet]),
                                   to: url.path, maxRows: 4)
        let reader = try XLSXReader(url: url)
        #expect(reader.sheetNames == ["Đơn vị", "Đơn vị (2)"])
        let first = try grid(reader, "Đơn vị"), second = try grid(reader, "Đơn vị (2)")
        #expect(first.map { $0.first??.text } == ["Mã", "U1", "U2", "U3"])
        #expect(second.map { $0.first??.text } == ["Mã", "U4", "U5"])
        #expect(second.compactMap { number($0.last ?? nil) } == [4, 5])
    }

    /// A large workbook is written row by row (constant_memory, here from the first cell):
    /// read back, it holds what the ordinary way writes, wrapped rows keep their heights.
    @Test func aLargeWorkbookWrittenRowByRowReadsBackTheSame() throws {
        let tmp = try TempDir()
        var sheet = SheetModel(name: "Đơn vị")
        sheet.columnWidths = [10, 12]
        sheet.append([.t("Mã", .header), .t("Tên đơn vị rất dài để xuống dòng", .header), .t("Số", .header)])
        for k in 1...50 { sheet.append([.t("U\(k)"), .t(k == 7 ? "Chi bộ có tên dài phải xuống dòng trong ô" : "Chi bộ \(k)", .wrapped), .n(k)]) }
        sheet.freeze = (1, 0)
        sheet.autofilter = CellRange(0, 0, 50, 2)
        sheet.conditionals = [.zeroIsGap(CellRange(1, 2, 50, 2))]
        let model = WorkbookModel(title: "x", author: "x", created: day("2020-01-01"), sheets: [sheet])
        let ordinary = tmp.sub("a.xlsx"), rowByRow = tmp.sub("b.xlsx")
        try WorkbookRenderer.write(model, to: ordinary.path)
        try WorkbookRenderer.write(model, to: rowByRow.path, constantMemoryCells: 0)
        let streamed = try zipPart(rowByRow, "xl/worksheets/sheet1.xml")
        #expect(streamed.contains("t=\"inlineStr\""), "written in constant_memory mode")
        #expect(!(try zipPart(ordinary, "xl/worksheets/sheet1.xml")).contains("inlineStr"))
        func texts(_ url: URL) throws -> [[String]] { try grid(XLSXReader(url: url), "Đơn vị").map { $0.map { $0?.text ?? "" } } }
        #expect(try texts(rowByRow) == texts(ordinary))
        #expect(try texts(rowByRow).count == 51)
        #expect(streamed.contains("<autoFilter ref=\"A1:C51\"/>") && streamed.contains("<conditionalFormatting sqref=\"C2:C51\">"))
        // Row 8 (U7) wraps and row 1 (the header) too: their heights are in the file.
        let heights = streamed.components(separatedBy: "customHeight=\"1\"").count - 1
        #expect(heights == sheet.rowHeights.count && heights >= 2, "\(sheet.rowHeights)")
        #expect(streamed.contains("<row r=\"8\"") && streamed.range(of: "<row r=\"8\"[^>]*customHeight", options: .regularExpression) != nil)
    }
}
