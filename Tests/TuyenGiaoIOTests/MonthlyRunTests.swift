import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// `run` end to end on the small fixture: the workbooks are unzipped and their sheet XML
/// read back; the figures in the cells are asserted.
@Suite struct MonthlyRunTests {
    func run(_ tmp: TempDir, asOf: String = "2020-12-31", month: String? = nil) throws -> MonthlyRun.Result {
        try MonthlyRun.run(.init(input: Fixture.small, output: tmp.sub("Output"), reports: tmp.sub("Reports"),
                                 asOf: day(asOf), month: month.flatMap(MonthKey.parse)))
    }

    @Test func writesEveryPeriodWithAllOutputs() throws {
        let tmp = try TempDir()
        let r = try run(tmp)
        // First phase starts 2020-01-01, last ends 2020-03-31.
        #expect(r.periods.map(\.description) == ["2020-01", "2020-02", "2020-03"])
        for m in ["2020-01", "2020-02", "2020-03"] {
            #expect(FileManager.default.fileExists(atPath: tmp.sub("Output/tong-hop_\(m).xlsx").path))
            #expect(FileManager.default.fileExists(atPath: tmp.sub("Output/tong-hop_\(m).json").path))
            #expect(FileManager.default.fileExists(atPath: tmp.sub("Reports/bao-cao_\(m).txt").path))
        }
        #expect(r.totals.rowsRead == r.totals.accepted + r.totals.rejected + r.totals.replaced)
        #expect(r.totals.rejected == 2)
    }

    @Test func workbookCellsHoldTheFigures() throws {
        let tmp = try TempDir()
        _ = try run(tmp)
        let wb = try XLSXReader(url: tmp.sub("Output/tong-hop_2020-03.xlsx"))
        #expect(wb.sheetNames == ["Tổng hợp", "Bao phủ P2", "Đơn vị", "Nội dung", "Hình thức", "Theo tháng", "Chưa báo cáo", "Dữ liệu lỗi"])

        let summary = try grid(wb, "Tổng hợp")
        // March: A1 (30 people), B (1.200), A2's two good rows (4 + 0 people; 1 + 1 quantity).
        #expect(row(summary, labelled: "Số hoạt động").map { [number($0[1]), number($0[2])] } == [4, 7])
        #expect(number(row(summary, labelled: "Số lượt người tham dự")?[1]) == 1234)
        #expect(number(row(summary, labelled: "Đơn vị đã báo cáo")?[1]) == 3)
        #expect(number(row(summary, labelled: "Tỷ lệ đơn vị báo cáo")?[1]) == 1)
        // Every file was first received by this run (as of 31/12), long after March's due date.
        #expect(number(row(summary, labelled: "Đơn vị báo cáo đúng hạn")?[1]) == 0)
        #expect(number(row(summary, labelled: "Dòng dữ liệu lỗi (toàn bộ dữ liệu đã đọc)")?[1]) == 2)
        #expect(row(summary, labelled: "Tình trạng số liệu")?[1]?.text == "Chính thức")

        let cov = try grid(wb, "Bao phủ P2")
        let header = try #require(row(cov, labelled: "Mã"))
        #expect(header.compactMap { $0?.text } == ["Mã", "Đơn vị", "ND02", "ND03", "ND04", "Đã bao phủ", "Phải bao phủ", "Tỷ lệ"])
        // A2 now covers ND02 and ND04 in P2 (its ND03 row was broken).
        let a2 = try #require(row(cov, labelled: "A2"))
        #expect(a2.dropFirst(2).map(number) == [1, 0, 1, 2, 3, 2.0 / 3.0])
        let a = try #require(row(cov, labelled: "A"))
        #expect(number(a[7]) == 2.0 / 3.0)      // mean(A1 2/3, A2 2/3)
        let root = try #require(row(cov, labelled: "ROOT"))
        #expect(abs(number(root[7])! - 5.0 / 9.0) < 1e-12)   // mean(2/3, 2/3, 1/3)

        let units = try grid(wb, "Đơn vị")
        #expect(row(units, labelled: "A2")?[4]?.text == "Đã báo cáo")
        #expect(number(row(units, labelled: "ROOT")?[7]) == 4)
        #expect(number(row(units, labelled: "ROOT")?[10]) == 7)

        let errors = try grid(wb, "Dữ liệu lỗi")
        let reasons = errors.dropFirst().compactMap { $0.count > 2 ? $0[2]?.text : nil }
        #expect(reasons == ["bad_date", "malformed_row"])
        #expect(errors[1][4]?.text == "=1+1;A2;ND02;HN;4", "user text stays text, never a formula")
    }

    @Test func rejectedRowsFileForPeople() throws {
        let tmp = try TempDir()
        _ = try run(tmp)
        let data = try Data(contentsOf: tmp.sub("Output/du-lieu-loi.csv"))
        #expect(data.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "a BOM, so that Excel shows Vietnamese")
        let csv = String(decoding: data.dropFirst(3), as: UTF8.self)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(csv.hasPrefix("file,line,reason,message,raw"))
        #expect(lines[1].hasPrefix("2020-03/A2.csv,3,bad_date,"))
        #expect(lines[1].hasSuffix(",'=1+1;A2;ND02;HN;4"))
        #expect(lines[2].hasPrefix("2020-03/A2.csv,4,malformed_row,"))
    }

    @Test func sameInputsSameBytesAndARerunRewritesNothing() throws {
        let a = try TempDir(), b = try TempDir()
        let first = try run(a)
        _ = try run(b)
        for name in ["Output/tong-hop_2020-03.xlsx", "Output/tong-hop_2020-02.json", "Reports/bao-cao_2020-01.txt",
                     "Reports/bao-cao_2020-03.docx", "Output/du-lieu-loi.csv"] {
            #expect(try Data(contentsOf: a.sub(name)) == Data(contentsOf: b.sub(name)), "\(name)")
        }
        // 3 periods × (workbook, JSON, text and Word report) + du-lieu-loi.csv + the
        // feedback workbooks of the 3 units that report (A1, A2, B).
        #expect(first.written.count == 16)
        let again = try run(a)
        #expect(again.written.isEmpty)
        #expect(again.unchanged == 16)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: a.sub("Output").path).filter { $0.contains(AtomicFile.tempMarker) }
        #expect(leftovers.isEmpty)
    }

    @Test func secondConcurrentRunIsRefused() throws {
        let tmp = try TempDir()
        do {
            let lock = try RunLock(folder: tmp.url)
            #expect(throws: ShellError.self) { _ = try RunLock(folder: tmp.url) }
            withExtendedLifetime(lock) {}
        }
        _ = try RunLock(folder: tmp.url)   // released with the first
    }

    @Test func jsonSummaryAgreesWithTheWorkbook() throws {
        let tmp = try TempDir()
        _ = try run(tmp)
        let data = try Data(contentsOf: tmp.sub("Output/tong-hop_2020-03.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema"] as? String == "tuyengiao.summary/1")
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["activities"] as? Int == 4)
        #expect(totals["participants"] as? Int == 1234)
        #expect(totals["units_expected"] as? Int == 3)
        #expect(totals["units_reported"] as? Int == 3)
        let read = totals["rows_read"] as! Int, acc = totals["rows_accepted"] as! Int
        let rej = totals["rows_rejected"] as! Int, rep = totals["rows_replaced"] as! Int
        #expect(read == acc + rej + rep)
        #expect(read == 12)
        let phases = try #require(json["phases"] as? [[String: Any]])
        let p2 = try #require(phases.first { $0["code"] as? String == "P2" })
        #expect(abs((p2["coverage"] as! Double) - 0.5556) < 1e-9)
    }

    /// The Word report read back from its zip: page, margins, fonts and sizes, the header's
    /// bold and italics, and the figures (SPEC §7.2).
    @Test func wordReportReadBack() throws {
        let tmp = try TempDir()
        _ = try run(tmp, asOf: "2020-04-25")
        func part(_ path: String) throws -> String { try zipPart(tmp.sub("Reports/bao-cao_2020-03.docx"), path) }
        let document = try part("word/document.xml"), styles = try part("word/styles.xml")
        #expect(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4 portrait")
        #expect(document.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""), "20/15/20/30 mm")
        #expect(document.contains("<w:titlePg/>"), "no page number on the first page")
        #expect(try part("word/header1.xml").contains("PAGE"))
        let fonts = "w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
        #expect(styles.components(separatedBy: fonts).count - 1 == 3, "document defaults and both paragraph styles")
        #expect(styles.contains("<w:sz w:val=\"28\"/>"), "14 pt")
        #expect(document.contains("<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">ĐẢNG CỘNG SẢN VIỆT NAM</w:t>"))
        #expect(document.contains("<w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">BAN THƯỜNG VỤ ĐẢNG ỦY THỬ NGHIỆM</w:t>"))
        #expect(document.contains("<w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Hà Nội, ngày 20 tháng 4 năm 2020</w:t>"))
        #expect(document.contains("<w:b/><w:bCs/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">BÁO CÁO</w:t>"))
        #expect(document.contains("<w:pBdr><w:bottom w:val=\"single\""), "the rule under the heading is drawn")
        #expect(document.contains("<w:tblBorders><w:top w:val=\"nil\"/>"), "the header block has no borders")
        #expect(document.contains("<w:tblHeader/>"), "result tables repeat their header row")
        // The figures are the JSON's.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.sub("Output/tong-hop_2020-03.json"))) as! [String: Any]
        let totals = json["totals"] as! [String: Any]
        #expect(document.contains("tổ chức \(totals["activities"] as! Int) hoạt động tuyên truyền với 1.234 lượt người"))
        #expect(try part("docProps/core.xml").contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2020-04-25T00:00:00Z</dcterms:created>"))
    }

    /// A workbook that prints (SPEC §7.1): every sheet landscape on A4 and fitted to the page's
    /// width (the summary to one page), header rows repeated on every table sheet, row heights
    /// where text wraps, the coverage chart's axis fixed at 0–100 %, a banner for provisional.
    @Test func workbookPrintSetup() throws {
        let tmp = try TempDir()
        _ = try run(tmp, asOf: "2020-04-10")   // March is provisional until 20/04
        func part(_ path: String) throws -> String { try zipPart(tmp.sub("Output/tong-hop_2020-03.xlsx"), path) }
        let sheets = (1...8).map { try? part("xl/worksheets/sheet\($0).xml") }
        for (i, sheet) in sheets.enumerated() {
            let xml = try #require(sheet, "sheet \(i + 1)")
            #expect(xml.contains("orientation=\"landscape\""), "sheet \(i + 1) is not landscape")
            #expect(xml.contains("paperSize=\"9\""), "sheet \(i + 1) is not A4")
            #expect(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "sheet \(i + 1) is not fitted")
            #expect(xml.contains("fitToHeight=\"0\"") == (i != 0), "sheet \(i + 1): one page wide (the summary: one page)")
        }
        let workbook = try part("xl/workbook.xml")
        // Every table sheet but the one-page summary repeats its header row.
        #expect(workbook.components(separatedBy: "_xlnm.Print_Titles").count - 1 == 7)
        // The units sheet's header row wraps: its height is set.
        #expect(sheets[2]!.contains("<row r=\"1\" spans=") && sheets[2]!.range(of: "<row r=\"1\"[^>]*ht=\"33\"", options: .regularExpression) != nil)
        let chart = try part("xl/charts/chart1.xml")
        #expect(chart.contains("<c:max val=\"1\"/>") && chart.contains("<c:min val=\"0\"/>"))
        #expect(chart.contains("formatCode=\"0%\""))
        let wb = try XLSXReader(url: tmp.sub("Output/tong-hop_2020-03.xlsx"))
        #expect(row(try grid(wb, "Tổng hợp"), labelled: "Tình trạng số liệu")?[1]?.text == "TẠM TÍNH — chưa đến hạn báo cáo 20/04/2020")
    }

    @Test func wrappedTextGetsTheLinesItNeeds() {
        #expect(SheetModel.lines("Mã", width: 12) == 1)
        #expect(SheetModel.lines("Người tham dự (tháng)", width: 14) == 2)
        #expect(SheetModel.lines(String(repeating: "chữ ", count: 50), width: 23) == 10)
        #expect(SheetModel.lines("một\nhai\nba", width: 40) == 3)
        // A line holds (12 - 1) / 1.1 = 10 characters: ten fit, eleven wrap.
        #expect(SheetModel.lines("abcd efghi", width: 12) == 1)
        #expect(SheetModel.lines("abcde fghij", width: 12) == 2)
        var s = SheetModel(name: "x")
        s.columnWidths = [10, 14]
        s.append([.t("Mã", .header), .t("Người tham dự (tháng)", .header)])
        s.append([.t("một dòng rất dài nhưng không xuống dòng"), .n(3)])
        #expect(s.rowHeights == [0: 33])
    }
}
