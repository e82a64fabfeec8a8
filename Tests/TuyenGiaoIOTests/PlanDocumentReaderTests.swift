import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Plan documents as offices receive them (issue 18): Word's automatic numbering rendered
/// as the reader sees it, tables row by row, tracked deletions and page headers left out; the
/// same from LibreOffice's .odt; a PDF's wrapped lines joined again.
@Suite struct PlanDocumentReaderTests {
    static let folder = Fixture.folder.appendingPathComponent("plans")
    static let expected = [
        "KẾ HOẠCH", "Tuyên truyền thử nghiệm",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Thứ nhất", "2. Thứ hai",
        "II. NỘI DUNG TUYÊN TRUYỀN", "1. Lịch sử Đảng", "a) Truyền thống", "b) Thành tựu",
        "- Gạch đầu dòng", "+ Ý nhỏ", "III. CÁC ĐỢT TUYÊN TRUYỀN",
        "Đợt | Thời gian | Nội dung", "Đợt 1 | Từ tháng 3 đến hết tháng 5/2020 | Chào mừng đại hội",
        "Câu giữ lại",
    ]

    /// scripts/make-plan-docx.py --fixture: every marker above is Word's numbering, not text.
    @Test(arguments: ["danh-so-va-bang.docx", "danh-so-va-bang.odt"])
    func numberingTablesAndDeletionsReadAsTheReaderSeesThem(_ name: String) throws {
        let text = try PlanDocumentReader.text(of: Self.folder.appendingPathComponent(name))
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        #expect(lines == Self.expected, "\(lines)")
        #expect(!text.contains("CHỮ ĐÃ XÓA") && !text.contains("Đầu trang"))
    }

    @Test func theNumberingIsWordsNotTheText() throws {
        // Without numbering.xml the markers are gone: the fixture really tests the rendering.
        let xml = try zipPart(Self.folder.appendingPathComponent("danh-so-va-bang.docx"), "word/document.xml")
        #expect(xml.contains("MỤC ĐÍCH, YÊU CẦU") && !xml.contains("I. MỤC ĐÍCH"))
        #expect(xml.contains("w:numId"))
    }

    @Test func listNumbersInEveryFormat() {
        #expect(ListNumberFormat.upperRoman.render(4) == "IV" && ListNumberFormat.upperRoman.render(9) == "IX")
        #expect(ListNumberFormat.lowerLetter.render(2) == "b" && ListNumberFormat.upperLetter.render(27) == "AA")
        #expect(ListNumberFormat.decimal.render(12) == "12")
        #expect(ListNumberFormat.bulletText("\u{F0B7}") == "-" && ListNumberFormat.bulletText("+") == "+")
    }

    @Test func aPDFsWrappedLinesAreJoinedButListItemsStayApart() {
        let full = String(repeating: "chữ ", count: 20)  // 80 characters: the page's width
        let text = [full, "tiếp theo của dòng trên.", "1. Mục mới", full, "- Gạch đầu dòng", "ngắn", "dòng khác"].joined(separator: "\n")
        let lines = PDFLines.paragraphs(text).split(separator: "\n").map(String.init)
        #expect(lines == [full.trimmingCharacters(in: .whitespaces) + " tiếp theo của dòng trên.", "1. Mục mới",
                          full.trimmingCharacters(in: .whitespaces), "- Gạch đầu dòng", "ngắn", "dòng khác"], "\(lines)")
    }

    /// The shared plans saved as Word files with automatic numbering draft as their text does.
    @Test func aPlanFromItsWordFileDraftsAsFromItsText() throws {
        let plans = Fixture.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/plans")
        let txt = plans.appendingPathComponent("001_fb08252083e5d698.txt")
        guard FileManager.default.fileExists(atPath: txt.path) else { return }
        let tmp = try TempDir()
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        make.arguments = ["python3", Fixture.packageRoot.appendingPathComponent("scripts/make-plan-docx.py").path, tmp.url.path, txt.path]
        try make.run()
        make.waitUntilExit()
        try #require(make.terminationStatus == 0, "python-docx is needed (scripts/setup.sh --python)")
        let fromWord = PlanDrafter.draft(try PlanDocumentReader.text(of: tmp.sub("001_fb08252083e5d698.docx")))
        let fromText = PlanDrafter.draft(try PlanDocumentReader.text(of: txt))
        #expect(fromWord.items.map(\.text) == fromText.items.map(\.text))
        #expect(fromWord.phases.map { $0.window.map { "\($0)" } } == fromText.phases.map { $0.window.map { "\($0)" } })
        #expect(fromWord.slogans.map(\.text) == fromText.slogans.map(\.text))
        #expect(!fromWord.items.isEmpty && !fromWord.phases.isEmpty)
    }
}
