import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TuyenGiaoCore
import XLSXWriter
import ZIPFoundation
@testable import TuyenGiaoIO

/// The streaming XML reader and the spreadsheet logs beyond XLSX (issue 16): its events
/// equal Foundation's XMLParser's whatever the chunk size; a sheet over libxml2's 10 MB is
/// read whole; `.ods` and `.xls` logs saved by LibreOffice give the same activities as the
/// XLSX they came from; a workbook damaged half way costs the whole file.
@Suite struct SpreadsheetReadersTests {
    // MARK: - XMLStreamScanner against its twin

    static let sample = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment -->
        <x:worksheet xmlns:x="urn:x"><x:sheetData>\
        <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Hội nghị &amp; &lt;tọa đàm&gt; &#7889;&#x1EB9;</x:t></x:is></x:c>\
        <x:c r="B1" t='str'><x:v><![CDATA[a < b & c]]></x:v></x:c><x:c r="C1"/></x:row>\
        <x:row r="3" attr="có &quot;ngoặc&quot; > ở đây"><x:c r="A3"><x:v>42</x:v></x:c></x:row>\
        </x:sheetData></x:worksheet>
        """

    /// Events as comparable text; adjacent text pieces joined (XMLParser may split them).
    static func flatten(_ events: [String]) -> [String] {
        var out: [String] = []
        for e in events {
            if e.hasPrefix("text:"), let last = out.last, last.hasPrefix("text:") {
                out[out.count - 1] = last + e.dropFirst(5)
            } else {
                out.append(e)
            }
        }
        return out.filter { !($0.hasPrefix("text:") && $0.dropFirst(5).allSatisfy(\.isWhitespace)) }
    }

    static func streamed(_ xml: String, chunk: Int) throws -> [String] {
        var scanner = XMLStreamScanner()
        var events: [String] = []
        let take: (XMLStreamScanner.Event) -> Void = { e in
            switch e {
            case .start(let name, _, let attributes, _):
                events.append("start:\(name) " + attributes.pairs.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }.joined(separator: ","))
            case .end(let name, _): events.append("end:\(name)")
            case .text(let s): events.append("text:" + s)
            }
        }
        let bytes = Array(xml.utf8)
        var i = 0
        while i < bytes.count {
            try scanner.feed(Array(bytes[i..<min(i + chunk, bytes.count)]), take)
            i += chunk
        }
        try scanner.finish(take)
        return flatten(events)
    }

    final class Recorder: NSObject, XMLParserDelegate {
        var events: [String] = []
        func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            events.append("start:\(e) " + attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
        }
        func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            events.append("end:\(e)")
        }
        func parser(_ parser: XMLParser, foundCharacters s: String) { events.append("text:" + s) }
        func parser(_ parser: XMLParser, foundCDATA data: Data) { events.append("text:" + String(decoding: data, as: UTF8.self)) }
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func theStreamingReaderSeesWhatXMLParserSeesWhateverTheChunks(_ chunk: Int) throws {
        let p = XMLParser(data: Data(Self.sample.utf8))
        let r = Recorder()
        p.delegate = r
        #expect(p.parse())
        let reference = Self.flatten(r.events)
        #expect(reference.contains("text:Hội nghị & <tọa đàm> ốẹ"))
        #expect(try Self.streamed(Self.sample, chunk: chunk) == reference)
    }

    @Test(arguments: [
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "DTD"),
        ("<a>&unknown;</a>", "thực thể"),
        ("<a><b></a>", "chưa đóng"),
        ("<a></a></a>", "thừa"),
        ("<a>text", "cắt cụt"),
        ("<a b=c/>", "ngoặc kép"),
    ])
    func damagedXMLIsRefusedWithItsReason(_ xml: String, _ reason: String) {
        #expect {
            _ = try Self.streamed(xml, chunk: 5)
        } throws: { error in
            guard case XMLStreamScanner.Failure.malformed(let why) = error else { return false }
            return why.contains(reason)
        }
    }

    @Test func aTagLongerThanTheBoundIsRefusedNotBuffered() {
        var scanner = XMLStreamScanner(maxToken: 1000)
        let long = "<a b=\"" + String(repeating: "x", count: 5000)
        #expect(throws: XMLStreamScanner.Failure.tokenTooLarge) {
            try scanner.feed(Array(long.utf8)) { _ in }
        }
    }

    @Test func textThatIsNotUTF8IsRefused() {
        var scanner = XMLStreamScanner()
        #expect(throws: XMLStreamScanner.Failure.self) {
            try scanner.feed([UInt8]("<a>".utf8) + [0xC3, 0x28] + [UInt8]("</a>".utf8)) { _ in }
            try scanner.finish { _ in }
        }
    }

    // MARK: - XLSX past libxml2's limit, and damaged half way

    func ingest(_ urls: [URL], plan: Plan? = nil) throws -> (LogIngest, [Activity]) {
        let plan = try plan ?? PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        var ingest = LogIngest(plan: plan, asOf: day("2020-12-31"))
        var activities: [Activity] = []
        for url in urls {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
            LogFileReader.ingest(LogFinder.Found(relativePath: url.lastPathComponent, url: url, size: size), into: &ingest) {
                activities.append($0)
            }
        }
        ingest.finish { activities.append($0) }
        return (ingest, activities)
    }

    /// A log of `rows` rows written by libxlsxwriter (shared strings, a date format).
    static func bigLog(_ url: URL, rows: Int) throws {
        let wb = try Workbook(path: url.path, properties: .init(created: 0))
        let ws = try wb.addWorksheet("Nhật ký")
        for (c, h) in ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta"].enumerated() {
            try ws.write(0, c, string: h)
        }
        for r in 1...rows {
            try ws.write(r, 0, number: 43845)  // 15/01/2020
            try ws.write(r, 1, string: "A1")
            try ws.write(r, 2, string: "ND01")
            try ws.write(r, 3, string: "HN")
            try ws.write(r, 4, number: Double(r % 7))
            try ws.write(r, 5, number: 1)
            try ws.write(r, 6, string: "Sinh hoạt chuyên đề số \(r)")
        }
        try wb.close()
    }

    @Test func aSheetOverTenMegabytesIsReadToTheLastRow() throws {
        let tmp = try TempDir()
        let url = tmp.sub("nhat-ky-lon.xlsx")
        let rows = 60_000
        try Self.bigLog(url, rows: rows)
        let sheetBytes = try Archive(url: url, accessMode: .read)["xl/worksheets/sheet1.xml"]!.uncompressedSize
        try #require(sheetBytes > 10_000_000, "the sheet must pass libxml2's 10 MB limit: \(sheetBytes)")
        let (ingest, activities) = try ingest([url])
        let f = ingest.files[0]
        #expect(f.fileError == nil, "\(f.fileError ?? "")")
        #expect((f.rowsRead, f.accepted, f.rejected) == (rows, rows, 0))
        #expect(activities.count == rows)
        let expected: Int = (1...rows).map { $0 % 7 }.reduce(0, +)
        let total: Int = activities.map { Int($0.participants) }.reduce(0, +)
        #expect(total == expected)
    }

    /// A minimal XLSX around the given sheet XML (the parts every reader needs).
    static func workbook(_ url: URL, sheet: String) throws {
        let archive = try Archive(url: url, accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<Int(pos) + size)
            }
        }
        try add("xl/workbook.xml", #"<workbook xmlns:r="r"><sheets><sheet name="Nhật ký" sheetId="1" r:id="rId1"/></sheets></workbook>"#)
        try add("xl/_rels/workbook.xml.rels", #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#)
        try add("xl/worksheets/sheet1.xml", sheet)
    }

    static func cell(_ ref: String, _ text: String) -> String { #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }
    static let header = "<row r=\"1\">" + zip(["A1", "B1", "C1", "D1"], ["ngay", "don_vi", "noi_dung", "hinh_thuc"])
        .map { cell($0, $1) }.joined() + "</row>"
    static func dataRow(_ r: Int) -> String {
        "<row r=\"\(r)\">" + cell("A\(r)", "15/01/2020") + cell("B\(r)", "A1") + cell("C\(r)", "ND01") + cell("D\(r)", "HN") + "</row>"
    }

    @Test func aStyledEmptyCellInColumnXFDIsAnEmptyCell() throws {
        let tmp = try TempDir()
        let url = tmp.sub("o-trong-cot-XFD.xlsx")
        try Self.workbook(url, sheet: "<worksheet><sheetData>" + Self.header
            + "<row r=\"2\">" + Self.cell("A2", "15/01/2020") + Self.cell("B2", "A1") + Self.cell("C2", "ND01") + Self.cell("D2", "HN")
            + "<c r=\"XFD2\" s=\"3\"/></row></sheetData></worksheet>")
        let (ingest, activities) = try ingest([url])
        #expect(ingest.files[0].fileError == nil, "\(ingest.files[0].fileError ?? "")")
        #expect(activities.count == 1)
        // A value out there is still refused: rows are dense, and no log is that wide.
        let far = tmp.sub("gia-tri-cot-XFD.xlsx")
        try Self.workbook(far, sheet: "<worksheet><sheetData>" + Self.header
            + "<row r=\"2\">" + Self.cell("A2", "15/01/2020") + Self.cell("XFD2", "x") + "</row></sheetData></worksheet>")
        let refused = try self.ingest([far]).0
        #expect(refused.files[0].fileError?.contains("nằm ngoài bảng tính") == true, "\(refused.files[0].fileError ?? "accepted")")
    }

    @Test func aWorkbookDamagedHalfWayCostsTheWholeFileNeverHalf() throws {
        let tmp = try TempDir()
        let url = tmp.sub("hong-giua-chung.xlsx")
        // 500 good rows, then the XML breaks off.
        try Self.workbook(url, sheet: "<worksheet><sheetData>" + Self.header
            + (2...501).map(Self.dataRow).joined() + "<row r=\"502\"><c r=\"A502\" t=\"inlineStr\"><is><t>15/01")
        let good = Fixture.folder.appendingPathComponent("xlsx/openpyxl-nhat-ky.xlsx")
        let (ingest, activities) = try ingest([url, good])
        #expect(ingest.files[0].fileError?.contains("bị hỏng") == true, "\(ingest.files[0].fileError ?? "accepted")")
        #expect((ingest.files[0].rowsRead, ingest.files[0].accepted) == (0, 0))
        #expect(ingest.files[1].accepted == 3)
        #expect(activities.count == 3)
    }

    // MARK: - .ods and .xls

    static let spreadsheets = Fixture.folder.appendingPathComponent("spreadsheets")

    /// `openpyxl-nhat-ky.xlsx` saved by LibreOffice as .ods and as .xls
    /// (scripts/make-xlsx-fixtures.py): the same three activities as the XLSX.
    @Test(arguments: ["nhat-ky-libreoffice.ods", "nhat-ky-libreoffice.xls"])
    func odsAndXlsLogsGiveTheSameActivitiesAsTheXLSX(_ name: String) throws {
        let (ingest, activities) = try ingest([Self.spreadsheets.appendingPathComponent(name)])
        let f = ingest.files[0]
        #expect(f.fileError == nil, "\(f.fileError ?? "")")
        #expect(f.encoding == String(name.split(separator: ".").last!))
        #expect((f.rowsRead, f.accepted, f.rejected) == (3, 3, 0), "\(ingest.rejections)")
        #expect(activities.map(\.day.iso) == ["2020-01-15", "2020-02-10", "2020-03-05"])
        #expect(activities.map(\.participants) == [12, 0, 1200])
        #expect(activities.map(\.quantity) == [1, 3, 1])
        #expect(activities[1].items.count == 2)
        let plan = try PlanFile.load(Fixture.small.appendingPathComponent("plan.yaml"))
        #expect(activities.map { plan.units[$0.unit].code } == ["A1", "B", "A1"])
    }

    /// The filled log template saved by LibreOffice (scripts/check-template-roundtrip.py
    /// --make-fixtures): its drop-down lists and checks survive, and its rows read back.
    @Test(arguments: ["mau-nhat-ky_A1-libreoffice.ods", "mau-nhat-ky_A1-libreoffice.xls"])
    func theTemplateFilledAndSavedByLibreOfficeReadsBack(_ name: String) throws {
        let (ingest, activities) = try ingest([Self.spreadsheets.appendingPathComponent(name)])
        let f = ingest.files[0]
        #expect(f.fileError == nil, "\(f.fileError ?? "")")
        #expect((f.rowsRead, f.accepted, f.rejected) == (3, 3, 0), "\(ingest.rejections)")
        #expect(activities.filter { !$0.isNilReport }.map(\.participants) == [25, 1200])
        #expect(activities.filter(\.isNilReport).count == 1)
    }

    @Test func odsRowsRepeatedOnlyWhenTheyHoldValuesAndNotesLeftOut() throws {
        var builder = ODSRowBuilder(sheet: "Nhật ký")
        let xml = """
            <office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Khác"><table:table-row><table:table-cell office:value-type="string"><text:p>bỏ qua</text:p></table:table-cell></table:table-row></table:table>
            <table:table table:name="Nhật ký">
            <table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2"/>b</text:p><text:p>dòng hai</text:p></table:table-cell>\
            <table:table-cell table:number-columns-repeated="3"/>\
            <table:table-cell office:value-type="date" office:date-value="2020-07-15"><text:p>15/07/2020</text:p>\
            <office:annotation><text:p>ghi chú</text:p></office:annotation></table:table-cell>\
            <table:table-cell table:number-columns-repeated="16378"/></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="12"><text:p>12</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>
            """
        var scanner = XMLStreamScanner()
        var rows: [(Int, [GridCell?])] = []
        let take: (XMLStreamScanner.Event) throws -> Void = { e in if let r = try builder.take(e) { rows += r } }
        try scanner.feed(Array(xml.utf8), take)
        try scanner.finish(take)
        #expect(rows.map(\.0) == [0, 1, 2])
        #expect(rows[0].1 == [.text("a  b\ndòng hai"), nil, nil, nil, .number(44027)])
        let twelve: [GridCell?] = [.number(12)]
        #expect(rows[1].1 == twelve)
        #expect(rows[2].1 == twelve)
    }

    /// What scripts/fuzz.sh found in FreeXL: a bad free inside freexl_open, and a sheet that
    /// makes it allocate 700 MB. FreeXL runs in its own process: each costs only its file.
    @Test(arguments: ["fuzz-freexl-bad-free.xls", "fuzz-freexl-huge-sheet.xls"])
    func freeXLCrashesAndBlowUpsCostOnlyTheirFile(_ name: String) throws {
        let (ingest, activities) = try ingest([Self.spreadsheets.appendingPathComponent(name),
                                               Fixture.folder.appendingPathComponent("xlsx/openpyxl-nhat-ky.xlsx")])
        #expect(ingest.files[0].fileError?.contains("tệp .xls bị hỏng") == true, "\(ingest.files[0].fileError ?? "accepted")")
        #expect(ingest.files[0].accepted == 0)
        #expect(ingest.files[1].accepted == 3)
        #expect(activities.count == 3)
    }

    @Test(arguments: [("hong.xls", [UInt8]([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + [UInt8](repeating: 7, count: 3000), "hỏng"),
                      ("hong.ods", [UInt8]("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 9, count: 300), "zip")])
    func aDamagedOdsOrXlsCostsOnlyItself(_ name: String, _ bytes: [UInt8], _ reason: String) throws {
        let tmp = try TempDir()
        let url = tmp.sub(name)
        try Data(bytes).write(to: url)
        let (ingest, activities) = try ingest([url, Fixture.folder.appendingPathComponent("xlsx/openpyxl-nhat-ky.xlsx")])
        #expect(ingest.files[0].fileError?.contains(reason) == true, "\(ingest.files[0].fileError ?? "accepted")")
        #expect(ingest.files[1].accepted == 3)
        #expect(activities.count == 3)
    }
}
