import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// The fingerprint that lets a run skip rendering an unchanged workbook must change with
/// anything the renderer writes, and be what the written file carries.
@Suite struct WorkbookFingerprintTests {
    func model() -> WorkbookModel {
        var s = SheetModel(name: "Đơn vị")
        s.columnWidths = [12, 40]
        let header = s.append([.t("Mã", .header), .t("Đơn vị", .header), .t("Tỷ lệ", .header)])
        s.append([.t("A1"), .t("Chi bộ Một", .indented(1)), .pct(0.5)])
        s.freeze = (header + 1, 0)
        s.autofilter = CellRange(header, 0, header + 1, 2)
        s.conditionals = [.rateScale(CellRange(1, 2, 1, 2))]
        s.validations = [ValidationRule(CellRange(1, 0, 10, 0), .integerAtLeast(0))]
        s.columnStyles = [0: .date, 2: .integer]
        return WorkbookModel(title: "T", author: "A", created: day("2020-01-01"), sheets: [s])
    }

    @Test func anyChangeTheRendererWouldWriteChangesTheFingerprint() {
        let base = WorkbookFingerprint.of(model())
        #expect(base == WorkbookFingerprint.of(model()))
        var changes: [(String, (inout WorkbookModel) -> Void)] = [
            ("a cell's text", { $0.sheets[0].rows[1][1] = .t("Chi bộ Hai", .indented(1)) }),
            ("a cell's style", { $0.sheets[0].rows[1][1] = .t("Chi bộ Một", .indented(2)) }),
            ("a number", { $0.sheets[0].rows[1][2] = .pct(0.5001) }),
            ("a column width", { $0.sheets[0].columnWidths[1] = 41 }),
            ("a column style", { $0.sheets[0].columnStyles[2] = .percent }),
            ("the frozen rows", { $0.sheets[0].freeze = (1, 1) }),
            ("a validation", { $0.sheets[0].validations = [ValidationRule(CellRange(1, 0, 10, 0), .integerAtLeast(1))] }),
            ("a conditional", { $0.sheets[0].conditionals = [.dataBar(CellRange(1, 2, 1, 2))] }),
            ("the sheet's name", { $0.sheets[0].name = "Đơn vị (2)" }),
            ("the date", { $0.created = day("2020-01-02") }),
            ("a row moved to the next", { $0.sheets[0].rows[1] = [.t("A1"), .t("Chi bộ Một", .indented(1))]; $0.sheets[0].rows.append([.pct(0.5)]) }),
        ]
        changes.append(("printing on one page", { $0.sheets[0].onePage = true }))
        for (what, change) in changes {
            var m = model()
            change(&m)
            #expect(WorkbookFingerprint.of(m) != base, "\(what) left the fingerprint unchanged")
        }
    }

    /// The fingerprint is put into a buffer of its own; its plain twin appends the same fields
    /// to an array. Both must hash the same bytes — or every workbook already written would be
    /// rendered again for nothing — for every kind of field, and past the buffer's 16 KB.
    @Test func theFingerprintIsItsPlainTwins() {
        var models = [model()]
        var rich = model()
        rich.sheets[0].validations += [
            ValidationRule(CellRange(2, 1, 40, 1), .list(sheet: "Danh mục", column: 3, rows: 1...12), strict: false,
                           prompt: ("Chọn", "Chọn một nội dung trong danh sách"), error: ("Sai", "Không có trong danh sách")),
            ValidationRule(CellRange(2, 2, 40, 2), .dateBetween(day("2021-01-01"), day("2021-12-31")), prompt: ("", "")),
        ]
        rich.sheets[0].repeatRows = 0...1
        rich.sheets[0].landscape = true
        rich.sheets[0].columnStyles = [:]
        var long = SheetModel(name: "Dòng cần sửa")
        _ = long.append([.t(String(repeating: "Nội dung rất dài ", count: 1_500), .wrapped), .empty, .n(3)])
        for r in 0..<2_000 { _ = long.append([.t("Chi bộ \(r)", .indentedBold(r % 3)), .empty, .pct(Double(r) / 7)]) }
        rich.sheets.append(long)
        models.append(rich)
        var plainSheet = model()
        plainSheet.sheets[0].freeze = nil
        plainSheet.sheets[0].autofilter = nil
        plainSheet.sheets[0].conditionals = []
        models.append(plainSheet)
        for (k, m) in models.enumerated() {
            #expect(WorkbookFingerprint.of(m) == WorkbookFingerprint.plain(m), "model \(k)")
        }
    }

    /// A field added to the sheet model must be added to the fingerprint too: this list is
    /// the fields it puts.
    @Test func theFingerprintCoversEveryFieldOfASheet() {
        let fields = Mirror(reflecting: SheetModel(name: "x")).children.compactMap(\.label)
        #expect(fields == ["name", "columnWidths", "rows", "freeze", "autofilter", "conditionals", "charts", "landscape",
                           "onePage", "repeatRows", "validations", "columnStyles"])
        let workbookFields = Mirror(reflecting: model()).children.compactMap(\.label)
        #expect(workbookFields == ["title", "author", "created", "sheets"])
    }

    @Test func theWrittenWorkbookCarriesItsModelsFingerprint() throws {
        let tmp = try TempDir()
        let url = tmp.sub("x.xlsx")
        _ = try WorkbookRenderer.prepare(model(), for: url)   // to a temporary name; not adopted
        #expect(WorkbookFingerprint.stored(in: url) == nil)
        try WorkbookRenderer.write(model(), to: url.path, fingerprint: WorkbookFingerprint.of(model()))
        #expect(WorkbookFingerprint.stored(in: url) == WorkbookFingerprint.of(model()))
        let prepared = try WorkbookRenderer.prepare(model(), for: url)
        #expect(prepared.temp == nil, "an unchanged model is not rendered")
        var other = model()
        other.sheets[0].rows[1][0] = .t("A2")
        let again = try WorkbookRenderer.prepare(other, for: url)
        #expect(again.temp != nil)
        if let t = again.temp { try? FileManager.default.removeItem(at: t) }
        // The fingerprint is trusted without rendering: a file that carries the model's
        // fingerprint over other cells (made so on purpose) is left as it is.
        try WorkbookRenderer.write(other, to: url.path, fingerprint: WorkbookFingerprint.of(model()))
        #expect(try WorkbookRenderer.prepare(model(), for: url).temp == nil)
    }
}
