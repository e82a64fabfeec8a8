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

/// Issue 18: a plan laid out unlike the shared ones — the state motto wrapped, the phases as a
/// table — drafts the same from its Word file (a real table, automatic numbering), from
/// LibreOffice's .odt and from a text PDF as from its text. The documents were made by
/// scripts/make-plan-docx.py and LibreOffice from Tests/TuyenGiaoCoreTests/Fixtures/plans.
@Suite struct PlanDocumentFormatsDraftAlikeTests {
    static let name = "bang-thoi-gian-va-quoc-hieu-xuong-dong"
    static let text = Fixture.packageRoot.appendingPathComponent("Tests/TuyenGiaoCoreTests/Fixtures/plans/\(name).txt")

    @Test(arguments: ["docx", "odt", "pdf"])
    func theSamePlanFromEveryFormat(_ ext: String) throws {
        let doc = PlanDocumentReaderTests.folder.appendingPathComponent("\(Self.name).\(ext)")
        if ext == "pdf" { try #require(PlanDocumentReader.which("pdftotext") != nil, "scripts/setup.sh installs poppler-utils") }
        let fromDoc = PlanDrafter.draft(try PlanDocumentReader.text(of: doc))
        let fromText = PlanDrafter.draft(try PlanDocumentReader.text(of: Self.text))
        #expect(fromDoc.code == "86/KH-UBND" && fromDoc.place == "Hương Vinh" && fromDoc.issued?.iso == "2025-07-28")
        #expect(fromDoc.stateMotto && fromDoc.superior == nil, "the motto wrapped over two lines is neither issuer nor superior")
        #expect(fromDoc.items.map(\.text) == fromText.items.map(\.text))
        let dates = { (d: PlanDraft) in d.phases.map { "\($0.start?.iso ?? "null")..\($0.end?.iso ?? "null")" } }
        #expect(dates(fromText) == ["2025-08-01..2025-09-02", "2025-09-03..null", "2025-10-01..2025-10-31", "2026-01-01..2026-06-30"])
        #expect(dates(fromDoc) == dates(fromText), "\(ext)")
        #expect(fromDoc.forms.map(\.text) == fromText.forms.map(\.text))
        #expect(fromDoc.slogans.map(\.text) == fromText.slogans.map(\.text))
        #expect(fromDoc.dueDay == 25)
    }
}
