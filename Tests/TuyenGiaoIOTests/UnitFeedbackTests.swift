import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// Issue 17: each unit's own feedback workbook, corrections sent back, the `rejected`
/// status, and reminders before the due date. The small plan: A1, A2 and B report.
@Suite struct UnitFeedbackTests {
    @Test func aUnitGetsExactlyItsRefusedRowsInTheTemplatesColumnsWithReasons() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n32/01/2020,A1,ND01,HN,5\n17/01/2020,A1,ND01,Hội thảo,9\n")
        try o.log("B-thang1.csv", "15/01/2020,B,ND01,HN,3\n")
        try o.run("2020-02-10")
        let wb = try XLSXReader(url: o.tmp.sub("Output/don-vi/A1.xlsx"))
        #expect(wb.sheetNames == ["Tình hình", "Dòng cần sửa", "Nội dung còn thiếu", "Danh mục"])
        let rows = try grid(wb, "Dòng cần sửa").map { $0.map { $0?.text ?? "" } }
        #expect(rows[0] == ["Ngày", "Đơn vị", "Nội dung", "Hình thức", "Số người", "Số lượng", "Mô tả", "Đợt", "Mã hoạt động",
                            "Dòng gốc", "Lỗi", "Cách sửa"])
        #expect(rows.count == 3)
        #expect(Array(rows[1].prefix(5)) == ["32/01/2020", "A1", "ND01", "HN", "5"])
        #expect(rows[1][9] == "A1-thang1.csv:3")
        #expect(rows[1][10].contains("32/01/2020") && rows[1][11].contains("dd/mm/yyyy"))
        #expect(Array(rows[2].prefix(5)) == ["17/01/2020", "A1", "ND01", "Hội thảo", "9"])
        #expect(rows[2][9] == "A1-thang1.csv:4" && rows[2][11].contains("hình thức"))
        // B's workbook has no row to fix; its status sheet says so.
        let b = try XLSXReader(url: o.tmp.sub("Output/don-vi/B.xlsx"))
        #expect(try grid(b, "Dòng cần sửa").count == 1)
        #expect(try grid(b, "Tình hình")[1].first??.text == "Không có dòng nào cần sửa.")
        // A1's January on its status sheet: reported, received 10/02/2020, on time.
        let status = try grid(wb, "Tình hình").map { $0.map { $0?.text ?? "" } }
        #expect(status.contains { $0.prefix(4) == ["01/2020", "Đã báo cáo", "10/02/2020", "Đúng hạn"] }, "\(status)")
    }

    /// The sheets built once for every unit (the lists with the unit's name put in, the empty
    /// "Dòng cần sửa") make the same workbook as building them for the unit: every field of
    /// every unit's model, through its fingerprint, for units with and without refused rows.
    @Test func aUnitsWorkbookFromTheSharedSheetsIsTheOneBuiltForIt() throws {
        let o = try SmallOffice()
        try o.log("A1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n32/01/2020,A1,ND01,HN,5\n17/01/2020,A1,ND01,Hội thảo,9\n")
        try o.log("B-thang1.csv", "15/01/2020,B,ND01,HN,3\n")
        let run = try o.run("2020-02-10")
        let builder = UnitFeedback.Builder(run.feedback, figures: [try #require(run.latest)], created: day("2020-02-10"))
        #expect(builder.units.count >= 3)
        for u in builder.units {
            let fast = builder.model(for: u), plain = builder.plainModel(for: u)
            #expect(WorkbookFingerprint.of(fast.workbook) == WorkbookFingerprint.of(plain.workbook), "\(fast.code)")
            #expect(fast.workbook.sheets[3][1, 0].text == "\(fast.code) - \(run.plan.units[u].name)")
        }
        let a1 = try #require(builder.units.first { run.plan.units[$0].code == "A1" })
        #expect(builder.model(for: a1).workbook.sheets[1].rows.count == 3, "A1's two refused rows under the header")
    }

    /// Each unit's "Nội dung còn thiếu" lists its own missing items of the running phases (the
    /// builder finds them by the unit's place in flat arrays); a unit that is not expected to
    /// report but sent rows gets its workbook too, and one that did neither gets none.
    @Test func eachUnitsMissingItemsAreItsOwnAndASenderNotExpectedGetsAWorkbook() throws {
        let o = try SmallOffice()
        try o.log("A1.csv", "10/02/2020,A1,ND01,HN,10\n11/02/2020,A1,ND02,HN,10\n12/02/2020,A1,ND03,HN,10\n")
        try o.log("B.csv", "10/02/2020,B,ND02,HN,3\n")
        try o.log("A.csv", "10/03/2020,A,ND04,HN,7\n")
        let run = try o.run("2020-03-25")
        let latest = try #require(run.latest)
        #expect(latest.period == MonthKey(year: 2020, month: 3))
        let builder = UnitFeedback.Builder(run.feedback, figures: [latest], created: day("2020-03-25"))
        let codes = builder.units.map { run.plan.units[$0].code }
        #expect(codes == ["A", "A1", "A2", "B"], "A sent rows though its children report; ROOT did nothing")
        var listed: [String: [String]] = [:]
        for u in builder.units {
            let sheet = builder.model(for: u).workbook.sheets[2]
            listed[run.plan.units[u].code] = sheet.rows.dropFirst().compactMap { $0.count > 1 ? $0[1].text : nil }
        }
        // March: P2 alone runs (ND02, ND03, ND04), counted from February.
        #expect(listed["A1"] == ["ND04"])
        #expect(listed["B"] == ["ND03", "ND04"])
        #expect(listed["A2"] == ["ND02", "ND03", "ND04"])
        #expect(listed["A"] == [], "a parent has no missing list of its own")
    }

    /// A rerun writes only the unit workbooks whose content changed (issue 21); a workbook
    /// swapped for another unit's is written again, byte for byte as before. (That an
    /// unchanged one is not even rendered is WorkbookFingerprintTests'.)
    @Test func aRerunWritesOnlyTheUnitWorkbooksWhoseContentChanged() throws {
        let o = try SmallOffice()
        try o.log("A1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n32/01/2020,A1,ND01,HN,5\n")
        try o.log("B-thang1.csv", "15/01/2020,B,ND01,HN,3\n")
        try o.run("2020-02-10")
        let a1 = o.tmp.sub("Output/don-vi/A1.xlsx"), b = o.tmp.sub("Output/don-vi/B.xlsx")
        let bBytes = try Data(contentsOf: b)
        #expect(WorkbookFingerprint.stored(in: a1) != nil)
        #expect(WorkbookFingerprint.stored(in: a1) != WorkbookFingerprint.stored(in: b))
        // Nothing new: no unit workbook is written.
        let again = try o.run("2020-02-10")
        #expect(!again.written.contains { $0.contains("/don-vi/") }, "\(again.written)")
        // B's file replaced by A1's: B's is written again, byte for byte as before.
        try FileManager.default.removeItem(at: b)
        try FileManager.default.copyItem(at: a1, to: b)
        let repaired = try o.run("2020-02-10")
        #expect(repaired.written.filter { $0.contains("/don-vi/") } == [b.path])
        #expect(try Data(contentsOf: b) == bBytes)
        // A new refused row for A1 changes A1's workbook and no other.
        try o.log("A1-them.csv", "33/01/2020,A1,ND01,HN,5\n")
        let changed = try o.run("2020-02-10")
        #expect(changed.written.filter { $0.contains("/don-vi/") } == [a1.path])
    }

    @Test func rowsFixedAndSentBackCorrectTheOriginalsAndTheAccountingHolds() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n32/01/2020,A1,ND01,HN,5\n17/01/2020,A1,ND77,HN,9\n")
        let first = try o.run("2020-02-10")
        #expect(first.rejections.count == 2)
        // The unit fixes the two rows in place and sends them back with their "Dòng gốc".
        try ("Ngày,Đơn vị,Nội dung,Hình thức,Số người,Số lượng,Mô tả,Đợt,Mã hoạt động,Dòng gốc,Lỗi,Cách sửa\n"
             + "31/01/2020,A1,ND01,HN,5,,,,,A1-thang1.csv:3,Ngày sai,Gõ ngày\n"
             + "17/01/2020,A1,ND02,HN,9,,,,,A1-thang1.csv:4,Nội dung sai,Chọn nội dung\n")
            .write(to: o.logs.appendingPathComponent("A1-sua.csv"), atomically: true, encoding: .utf8)
        let second = try o.run("2020-02-12")
        #expect(second.rejections.isEmpty, "\(second.rejections)")
        #expect(second.totals.corrected == 2)
        #expect(second.files.allSatisfy { $0.rowsRead == $0.accepted + $0.rejected + $0.replaced })
        let csv = try String(contentsOf: o.tmp.sub("Output/du-lieu-loi.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 1, "only the header is left: \(csv)")
        let totals = try #require(try o.json("2020-01")["totals"] as? [String: Any])
        #expect(totals["rows_rejected"] as? Int == 2 && totals["rows_corrected"] as? Int == 2)
        let a1 = try o.unit("A1", "2020-01")
        #expect((a1["month"] as? [Int])?[1] == 24, "\(a1)")
        #expect(try grid(XLSXReader(url: o.tmp.sub("Output/don-vi/A1.xlsx")), "Dòng cần sửa").count == 1)
    }

    @Test func aUnitWhoseOnlyFileIsJunkHasSentButRejectedNotNotReported() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        // B's file, named by its code as `receive --unit` names it, in January's folder.
        try FileManager.default.createDirectory(at: o.logs.appendingPathComponent("2020-01"), withIntermediateDirectories: true)
        try o.write("2020-01/B_nhat-ky.csv", Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 64)))
        let r = try o.run("2020-02-10")
        #expect(try o.unit("B", "2020-01")["status"] as? String == "rejected")
        #expect(try o.unit("A2", "2020-01")["status"] as? String == "not_reported")
        #expect(try o.json("2020-01")["totals"].flatMap { ($0 as? [String: Any])?["units_reported"] as? Int } == 1)
        let report = try String(contentsOf: o.tmp.sub("Reports/bao-cao_2020-01.txt"), encoding: .utf8)
        #expect(report.contains("đã gửi nhưng số liệu chưa hợp lệ, đề nghị sửa và gửi lại: Chi bộ Bê"), "\(report)")
        let wb = try XLSXReader(url: o.tmp.sub("Output/tong-hop_2020-01.xlsx"))
        #expect(row(try grid(wb, "Chưa báo cáo"), labelled: "B")?.compactMap { $0?.text }.contains("Đã gửi nhưng dữ liệu lỗi") == true)
        #expect(r.unattributed.isEmpty)
    }

    @Test func aReminderBeforeTheDueDateNamesExactlyTheUnitsMissingAndNoneOnceFinal() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-10")   // January is due 20/02: still provisional
        let letter = try String(contentsOf: o.tmp.sub("Reports/don-doc_2020-01.txt"), encoding: .utf8)
        #expect(letter.contains("V/v đôn đốc báo cáo kết quả công tác tuyên truyền tháng 1/2020"))
        #expect(letter.contains("Kính gửi: Chi bộ Hai; Chi bộ Bê."), "\(letter)")
        #expect(!letter.contains("Chi bộ Một"))
        #expect(letter.contains("trước ngày 20/02/2020"))
        let docx = try zipPart(o.tmp.sub("Reports/don-doc_2020-01.docx"), "word/document.xml")
        #expect(docx.contains("Kính gửi: Chi bộ Hai; Chi bộ Bê."))
        let list = try String(contentsOf: o.tmp.sub("Output/nhac-nho_2020-01.csv"), encoding: .utf8)
        let lines = list.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("A2,Chi bộ Hai,") && lines[2].hasPrefix("B,Chi bộ Bê,"))
        // Once the due date has passed, the period is final: no reminder is written for it.
        // (A reminder written while the month was provisional is kept: it may have been sent.)
        let late = try SmallOffice()
        try late.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try late.run("2020-02-20")
        #expect(!FileManager.default.fileExists(atPath: late.tmp.sub("Reports/don-doc_2020-01.txt").path))
        #expect(!FileManager.default.fileExists(atPath: late.tmp.sub("Output/nhac-nho_2020-01.csv").path))
        #expect(FileManager.default.fileExists(atPath: late.tmp.sub("Reports/don-doc_2020-02.txt").path))
    }
}

extension UnitFeedbackTests {
    /// The receipt at intake says what the feedback workbook's first sheet says: a unit whose
    /// rows were all refused has sent, but nothing could be accepted.
    @Test func theReceiptTellsAUnitWhoseRowsWereAllRefused() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        let inbox = o.tmp.sub("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let good = inbox.appendingPathComponent("a1.csv"), bad = inbox.appendingPathComponent("nhat-ky.csv")
        try (SmallOffice.header + "20/01/2020,A1,ND02,TQ,0\n21/01/2020,A1,ND01,HN,4\n").write(to: good, atomically: true, encoding: .utf8)
        try (SmallOffice.header + "20/01/2020,B,ND02,TQ,ba\n").write(to: bad, atomically: true, encoding: .utf8)
        let a1 = try Intake.receive([good], Intake.Options(input: o.input, output: o.tmp.sub("Output"), date: day("2020-02-03")))
        #expect(a1.receipts[0].months.map(\.status) == [.reported])
        #expect(a1.receipts[0].months.map(\.activities) == [2])
        let b = try Intake.receive([bad], Intake.Options(input: o.input, output: o.tmp.sub("Output"), date: day("2020-02-03"), unit: "B"))
        #expect(b.receipts[0].months.map(\.unit) == ["B"])
        #expect(b.receipts[0].months.map(\.status) == [.rejected])
    }
}
