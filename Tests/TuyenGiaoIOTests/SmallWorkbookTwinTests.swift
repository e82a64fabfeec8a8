import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import TuyenGiaoCore
import XLSXWriter
import ZIPFoundation
@testable import TuyenGiaoIO

/// The Swift writer of the units' small workbooks (`SmallWorkbook`, issue 21) must write what
/// libxlsxwriter, its reference twin, writes: every part of the package, the same XML, except
/// libxlsxwriter's optional row `spans` hints. A model that uses every feature the renderer
/// has goes through both, part by part.
@Suite struct SmallWorkbookTwinTests {
    /// Every cell style, text that needs escaping, numbers of every shape, widths and column
    /// styles, every kind of validation (strict and not, titles past Excel's limits), panes
    /// frozen three ways, a filter, print titles, portrait and one-page printing.
    static func kitchenSink() -> WorkbookModel {
        let styles: [CellStyle] = [.text, .wrapped, .header, .title, .subtitle, .label, .note, .banner, .bold,
                                   .indented(1), .indented(3), .indentedBold(2), .integer, .integerBold,
                                   .percent, .percentBold, .date]
        var a = SheetModel(name: "Tình hình")
        a.columnWidths = [8.43, 12, 40, 0.5, 1, 255, 13.71]
        a.columnStyles = [4: .date, 6: .integer]
        a.append([.t("BÁO CÁO", .title)])
        a.append([])
        let header = a.append(styles.enumerated().map { .t("Cột \($0.offset)", .header) })
        for (i, style) in styles.enumerated() {
            a.append([.t("Chi bộ \(i) — <&>\"'", style), .number(Double(i) * 1.5 - 3, style),
                      .t("Một dòng dài cần xuống dòng vì cột không đủ rộng cho cả câu này nữa", style), .empty,
                      .t("", style), .t("  khoảng trắng ở đầu và cuối  ", style)])
        }
        a.append([.t("ký tự điều khiển \u{01}\u{1F}\r\t và _x0041_"), .n(0), .number(1e20, .integer), .number(0.1, .percent),
                  .number(123_456_789_012, .integer), .number(-0.000_125, .text), .number(43831, .date)])
        a.append([.t("Chi bộ 0 — <&>\"'"), .t("nhiều\ndòng\n\nnữa", .wrapped), .t("")])   // a repeated string, a blank
        a.freeze = (header + 1, 1)
        a.autofilter = CellRange(header, 0, a.rows.count - 1, 6)
        a.repeatRows = header...header
        a.landscape = false
        a.onePage = true
        let long = String(repeating: "Giá trị không hợp lệ. ", count: 20)
        a.validations = [
            ValidationRule(CellRange(3, 0, 500, 0), .list(sheet: "Danh mục của 'tỉnh' nhà", column: 1, rows: 1...4),
                           prompt: ("Chọn đơn vị trong danh sách", "Chỉ chọn mã có trong danh mục"),
                           error: ("Sai mã", long)),
            ValidationRule(CellRange(3, 4, 500, 4), .dateBetween(day("2020-01-01"), day("2021-12-31")), strict: false,
                           error: ("Ngày ngoài kỳ kế hoạch: ngày phải nằm trong năm 2020 hoặc 2021", "Kiểm tra lại")),
            ValidationRule(CellRange(3, 6, 3, 6), .integerAtLeast(0)),
        ]
        var b = SheetModel(name: "Danh mục của 'tỉnh' nhà")
        b.columnWidths = [30, 30]
        b.append([.t("Mã", .header), .t("Tên", .header)])
        for i in 1...4 { b.append([.t("ND0\(i)"), .t("Nội dung \(i) & <b>")]) }
        b.freeze = (0, 1)
        b.repeatRows = 0...0   // a later sheet with a name that sorts first: Excel's names go by name
        var c = SheetModel(name: "Trống")
        c.freeze = (2, 0)
        c.landscape = true
        return WorkbookModel(title: "Tình hình báo cáo — đơn vị", author: "Ban Tuyên giáo", created: day("2021-03-10"),
                             sheets: [a, b, c])
    }

    /// A second, plainer workbook: the writer's shared parts (styles, theme) must not carry over.
    static func plain() -> WorkbookModel {
        var s = SheetModel(name: "Dòng cần sửa")
        s.columnWidths = [10]
        s.append([.t("Dòng", .header), .t("Lỗi", .header)])
        s.append([.n(12), .t("Thiếu mã nội dung")])
        s.repeatRows = 0...0
        return WorkbookModel(title: "", author: "", created: day("1999-12-31"), sheets: [s])
    }

    func parts(_ url: URL) throws -> [String: String] {
        let archive = try Archive(url: url, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }   // checks each part's CRC
            out[entry.path] = String(decoding: data, as: UTF8.self)
                .replacingOccurrences(of: #" spans="[0-9]+:[0-9]+""#, with: "", options: .regularExpression)
        }
        return out
    }

    func bothWriters(_ model: WorkbookModel, in tmp: TempDir, _ name: String) throws -> (small: URL, reference: URL) {
        #expect(WorkbookRenderer.smallFits(model))
        let reference = tmp.sub(name + "-libxlsxwriter.xlsx"), small = tmp.sub(name + "-small.xlsx")
        try WorkbookRenderer.write(model, to: reference.path, fingerprint: "v1:abc")
        try Data(WorkbookRenderer.smallBytes(model, fingerprint: "v1:abc", path: small.path)).write(to: small)
        return (small, reference)
    }

    /// One after another in one process: a part the small writer shares between workbooks
    /// (styles, relationships) must be the one of the workbook at hand.
    @Test func samePartsAsLibxlsxwriter() throws {
        let tmp = try TempDir()
        for (which, model) in [("kitchen-sink", Self.kitchenSink()), ("plain", Self.plain())] {
            try sameParts(which, model, in: tmp)
        }
    }

    func sameParts(_ which: String, _ model: WorkbookModel, in tmp: TempDir) throws {
        let (small, reference) = try bothWriters(model, in: tmp, which)
        let (mine, theirs) = (try parts(small), try parts(reference))
        #expect(mine.keys.sorted() == theirs.keys.sorted())
        for (part, xml) in theirs.sorted(by: { $0.key < $1.key }) {
            let ours = mine[part] ?? ""
            guard ours != xml else { continue }
            let at = zip(ours, xml).prefix { $0 == $1 }.count
            Issue.record("\(which): \(part) differs at character \(at): …\(ours.dropFirst(max(0, at - 60)).prefix(160))… vs libxlsxwriter …\(xml.dropFirst(max(0, at - 60)).prefix(160))…")
        }
    }

    @Test func readsBackWithTheFiguresWritten() throws {
        let tmp = try TempDir()
        let (small, _) = try bothWriters(Self.kitchenSink(), in: tmp, "read")
        let wb = try XLSXReader(url: small)
        #expect(wb.sheetNames == ["Tình hình", "Danh mục của 'tỉnh' nhà", "Trống"])
        let g = try grid(wb, "Tình hình")
        #expect(g[0].first??.text == "BÁO CÁO")
        #expect(g[3][0]?.text == "Chi bộ 0 — <&>\"'")
        #expect(number(g[4][1]) == -1.5)
        #expect(g[3][5]?.text == "  khoảng trắng ở đầu và cuối  ")
        // Control characters go out as Excel's _xHHHH_ escapes (as libxlsxwriter writes them).
        let last = try #require(row(g, labelled: "ký tự điều khiển _x0001__x001F__x000D_\t và _x0041_"))
        #expect(number(last[2]) == 1e20 && number(last[4]) == 123_456_789_012 && number(last[5]) == -0.000_125)
        #expect(WorkbookFingerprint.stored(in: small) == "v1:abc")
    }

    /// A part the workbook before had byte for byte is copied deflated (`RecentParts`); one
    /// that differs — here by one letter, the same length — must be deflated anew.
    @Test func aPartLikeThePreviousWorkbooksIsCopiedAndOnlyThen() throws {
        let tmp = try TempDir()
        func model(_ reason: String) -> WorkbookModel {
            var m = Self.plain()
            m.sheets[0].rows[1] = [.n(12), .t(reason)]
            return m
        }
        let first = try WorkbookRenderer.smallBytes(model("Thiếu mã nội dung"), path: "a.xlsx")
        for (k, reason) in ["Thiếu mã nội dung", "Thiếu mã nội dunG", "Thiếu mã nội dung", "Thiếu mã nội dung"].enumerated() {
            let bytes = try WorkbookRenderer.smallBytes(model(reason), path: "b.xlsx")
            let url = tmp.sub("\(k).xlsx")
            try Data(bytes).write(to: url)
            #expect(try grid(XLSXReader(url: url), "Dòng cần sửa")[1][1]?.text == reason)
            #expect((bytes == first) == (reason == "Thiếu mã nội dung"))
        }
    }

    /// A reader that streams a zip (no central directory: `unzip` from a pipe, Java's
    /// ZipInputStream) trusts the local headers: each must say what its directory entry says.
    @Test func localHeadersAgreeWithTheCentralDirectory() throws {
        let bytes = try WorkbookRenderer.smallBytes(Self.kitchenSink(), fingerprint: "v1:abc", path: "x.xlsx")
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let end = bytes.count - 22
        #expect(u32(end) == 0x0605_4B50, "end of central directory record last, no comment")
        var at = u32(end + 16), entries = 0
        while at < end {
            #expect(u32(at) == 0x0201_4B50)
            let local = u32(at + 42), nameLength = u16(at + 28)
            #expect(u32(local) == 0x0403_4B50)
            // Method, CRC, compressed and uncompressed sizes, name length, then the name.
            #expect(bytes[(local + 8)..<(local + 28)] == bytes[(at + 10)..<(at + 30)])
            #expect(bytes[(local + 30)..<(local + 30 + nameLength)] == bytes[(at + 46)..<(at + 46 + nameLength)])
            at += 46 + nameLength + u16(at + 30) + u16(at + 32)
            entries += 1
        }
        #expect(entries == u16(end + 10) && entries >= 10)
    }

    /// Where the writers part ways on purpose: control characters in an attribute (a check's
    /// message), which libxlsxwriter writes raw — a tab or a line break that a reader turns
    /// into a space, any other a byte that makes the sheet unreadable.
    @Test func controlCharactersInAMessageStayReadable() throws {
        var m = Self.plain()
        m.sheets[0].validations = [ValidationRule(CellRange(1, 0, 9, 0), .integerAtLeast(0),
                                                  error: ("Sai\tsố", "Dòng một\r\nDòng hai \u{02}"))]
        let tmp = try TempDir()
        let url = tmp.sub("m.xlsx")
        try Data(WorkbookRenderer.smallBytes(m, path: url.path)).write(to: url)
        let xml = try zipPart(url, "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"errorTitle="Sai&#9;số" error="Dòng một&#13;&#10;Dòng hai _x0002_""#))
        final class Attributes: NSObject, XMLParserDelegate {
            var error: String?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "dataValidation" { error = attributes["error"] }
            }
        }
        let parser = XMLParser(data: Data(xml.utf8)), reader = Attributes()
        parser.delegate = reader
        #expect(parser.parse(), "well-formed XML")
        #expect(reader.error == "Dòng một\r\nDòng hai _x0002_")
    }

    @Test func rowsOutOfOrderAreRefusedNotReordered() throws {
        let wb = SmallWorkbook(properties: .init(title: "", author: "", created: 0))
        let ws = try wb.addWorksheet("A")
        try ws.write(2, 1, string: "x")
        #expect(throws: XLSXError.self) { try ws.write(1, 0, string: "y") }
        #expect(throws: XLSXError.self) { try ws.write(2, 0, string: "y") }
        try ws.write(2, 2, number: 1)
        try ws.write(5, 0, number: 1)
    }

    @Test func featuresItDoesNotWriteGoToLibxlsxwriter() {
        var m = Self.plain()
        #expect(WorkbookRenderer.smallFits(m))
        m.sheets[0].conditionals = [.zeroIsGap(CellRange(1, 0, 1, 0))]
        #expect(!WorkbookRenderer.smallFits(m), "conditional formats")
        m = Self.plain()
        m.sheets[0].charts = [ChartModel(kind: .column, title: "", series: [], anchorRow: 0, anchorColumn: 0)]
        #expect(!WorkbookRenderer.smallFits(m), "charts")
        m = Self.plain()
        #expect(!WorkbookRenderer.smallFits(m, maxRows: 1), "a sheet past the row limit continues, in libxlsxwriter")
        m.sheets[0].rows = Array(repeating: Array(repeating: .n(1), count: 500), count: 501)
        #expect(!WorkbookRenderer.smallFits(m), "more cells than a workbook held whole")
    }

    @Test func aModelWithConditionalFormatsIsWrittenWithThem() throws {
        var m = Self.plain()
        m.sheets[0].conditionals = [.zeroIsGap(CellRange(1, 0, 1, 0))]
        let tmp = try TempDir()
        let dest = tmp.sub("CB02.xlsx")
        let batch = OutputBatch()
        batch.adopt(try WorkbookRenderer.prepare(m, for: dest, writer: .smallWhenItFits))
        try batch.commit()
        #expect(try zipPart(dest, "xl/worksheets/sheet1.xml").contains("<conditionalFormatting sqref=\"A2\">"),
                "libxlsxwriter wrote it, the format included")
    }

    @Test func prepareWritesTheSmallWriterBytesAndSkipsAnUnchangedModel() throws {
        let tmp = try TempDir()
        let model = Self.kitchenSink()
        let dest = tmp.sub("CB01.xlsx")
        let batch = OutputBatch()
        batch.adopt(try WorkbookRenderer.prepare(model, for: dest, writer: .smallWhenItFits))
        try batch.commit()
        let expected = try WorkbookRenderer.smallBytes(model, fingerprint: WorkbookFingerprint.of(model), path: dest.path)
        #expect(try Data(contentsOf: dest) == Data(expected))
        #expect(try WorkbookRenderer.prepare(model, for: dest, writer: .smallWhenItFits).temp == nil,
                "the same model is not rendered again")
    }
}
