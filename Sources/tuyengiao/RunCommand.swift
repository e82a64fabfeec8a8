import ArgumentParser
import Foundation
import Logging
import TuyenGiaoCore
import TuyenGiaoIO

struct RunCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Chạy toàn bộ: đọc kế hoạch và nhật ký, ghi bảng tính, báo cáo và JSON cho từng kỳ.")

    @OptionGroup var shared: SharedOptions
    @Option(help: ArgumentHelp("Chỉ làm kỳ này.", valueName: "YYYY-MM"), transform: MonthKey.argument)
    var month: MonthKey?
    @Option(help: ArgumentHelp("In tình hình của một đơn vị: báo cáo kỳ gần nhất, các dòng cần sửa, nội dung còn thiếu.",
                               valueName: "MÃ"))
    var unit: String?

    func execute() throws -> Outcome {
        let console = shared.console
        let options = MonthlyRun.Options(input: shared.inputURL, output: shared.outputURL, reports: shared.reportsURL,
                                         asOf: shared.asOfDay, month: month,
                                         encoding: shared.forcedEncoding, recordsReceipts: shared.asOf == nil,
                                         reference: shared.reference)
        let started = Date()
        let result = try MonthlyRun.run(options) { done, total, name in console.progress(done, total, name) }
        for f in result.files {
            let fields: Logger.Metadata = ["file": "\(f.name)", "rows": "\(f.rowsRead)", "accepted": "\(f.accepted)",
                                           "rejected": "\(f.rejected)", "replaced": "\(f.replaced)"]
            console.debug("đã đọc tệp", fields)
            if !f.ignoredColumns.isEmpty {
                // A header of 100,000 columns must not print a megabyte of warning.
                let shown = f.ignoredColumns.prefix(10).map { RejectionMessages.quoted($0, limit: 40) }.joined(separator: ", ")
                let more = f.ignoredColumns.count > 10 ? " và \(f.ignoredColumns.count - 10) cột khác" : ""
                console.warning("\(f.name): bỏ qua các cột không dùng: \(shown)\(more)", ["file": "\(f.name)"])
            }
            if let e = f.fileError { console.warning("\(f.name): \(e)", ["file": "\(f.name)"]) }
        }
        for note in result.registerNotes { console.warning(note, ["file": "\(ReceiptBook.fileName)"]) }
        for note in result.consolidationNotes { console.warning(note) }
        if !result.outsideByUnit.isEmpty {
            let list = result.outsideByUnit.sorted { $0.key < $1.key }
                .map { "\(result.plan.units[$0.key].code) (\($0.value))" }.joined(separator: ", ")
            console.warning("có hoạt động ngoài thời gian mọi đợt (tính vào tổng, không tính bao phủ): \(list)")
        }
        let t = result.totals
        console.info("xong", [
            "files": "\(result.files.count)", "rows": "\(t.rowsRead)", "accepted": "\(t.accepted)",
            "rejected": "\(t.rejected)", "replaced": "\(t.replaced)", "written": "\(result.written.count)",
            "unchanged": "\(result.unchanged)", "duration": "\(String(format: "%.3f", Date().timeIntervalSince(started)))",
        ])
        if let unit {
            guard let u = result.plan.units.units.firstIndex(where: { $0.code.lowercased() == unit.lowercased() }) else {
                throw ValidationError("không có đơn vị mã \(unit) trong kế hoạch")
            }
            printOut(UnitSummary.render(result, unit: u, output: shared.output))
        } else if !shared.quiet {
            printOut(RunSummary.render(result, asOf: options.asOf, input: shared.input, output: shared.output,
                                       reports: shared.reports, recorded: options.recordsReceipts))
        }
        return result.totals.rejected - result.totals.corrected > 0 ? .rowsRejected : .done
    }
}

/// The one-screen summary printed after a run.
enum RunSummary {
    static func render(_ r: MonthlyRun.Result, asOf: Day, input: String, output: String, reports: String, recorded: Bool) -> String {
        let t = r.totals
        var out = "tuyengiao — \(r.plan.code): \(r.plan.title)\n"
        out += "Số liệu tính đến \(asOf.vietnamese); \(r.periods.count) kỳ báo cáo"
        if let first = r.periods.first, let last = r.periods.last { out += " (\(first) … \(last))" }
        out += "\n\n"
        out += "Đã đọc \(VietnameseFormat.integer(t.rowsRead)) dòng từ \(r.files.count) tệp: "
        out += "\(VietnameseFormat.integer(t.accepted)) nhận, \(VietnameseFormat.integer(t.rejected)) lỗi"
        out += t.corrected > 0 ? " (\(VietnameseFormat.integer(t.corrected)) dòng đã được đơn vị sửa và gửi lại)" : ""
        out += ", \(VietnameseFormat.integer(t.replaced)) bị thay thế.\n"
        let duplicates = r.files.filter { $0.duplicateOf != nil }
        out += "Sổ nhận (\(input)/\(ReceiptBook.fileName)): "
        out += recorded ? "\(r.newFiles) tệp mới nhận" : "không ghi (chạy với --as-of)"
        out += duplicates.isEmpty ? ".\n" : "; \(duplicates.count) tệp trùng nội dung với tệp khác, chỉ tính một lần: "
            + duplicates.prefix(3).map { "\($0.name) = \($0.duplicateOf!)" }.joined(separator: ", ")
            + (duplicates.count > 3 ? ", …" : "") + ".\n"
        let bad = r.files.filter { $0.rejected > 0 || $0.fileError != nil }
        for f in bad.prefix(8) {
            out += "  \(f.name): \(f.rowsRead) dòng, \(f.rejected) lỗi" + (f.fileError.map { " — \($0)" } ?? "") + "\n"
        }
        if bad.count > 8 { out += "  … và \(bad.count - 8) tệp khác có lỗi\n" }
        if !r.unattributed.isEmpty {
            let files = Set(r.unattributed.map(\.file)).sorted()
            out += "  \(r.unattributed.count) dòng lỗi không rõ của đơn vị nào (không đọc được đơn vị, tên tệp không có mã đơn vị): "
                + files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", …" : "") + "\n"
        }
        if let f = r.latest {
            out += "\nKỳ \(f.period) (\(f.start.vietnamese)–\(f.end.vietnamese), hạn \(f.due.vietnamese))"
            out += f.provisional ? " — TẠM TÍNH\n" : "\n"
            out += "  Hoạt động: \(VietnameseFormat.integer(f.month.activities)); lượt người: \(VietnameseFormat.integer(f.month.participants)); số lượng: \(VietnameseFormat.integer(f.month.quantity))\n"
            out += "  Đơn vị đã báo cáo: \(f.unitsReported)/\(f.unitsExpected) (\(VietnameseFormat.percent(f.completeness)))"
            out += f.unitsNilReport > 0 ? ", trong đó \(f.unitsNilReport) không có hoạt động\n" : "\n"
            out += "  Đúng hạn: " + (f.unitsOnTime.map { "\($0)/\(f.unitsExpected)" } ?? "chưa xác định")
            out += f.unitsReceiptUnknown > 0 ? "; \(f.unitsReceiptUnknown) đơn vị chưa xác định ngày nhận\n" : "\n"
            for p in f.activePhases {
                out += "  Bao phủ đợt \(p.code): \(VietnameseFormat.percent(p.coverage))\n"
            }
            if !f.subordinates.isEmpty {
                let sent = f.subordinates.filter { $0.summary != nil }
                out += "  Cấp dưới: \(sent.count)/\(f.subordinates.count) đã gửi báo cáo tổng hợp"
                let absent = f.subordinates.filter { $0.summary == nil }.map(\.unit.code)
                out += absent.isEmpty ? "\n" : "; chưa có: " + absent.prefix(10).joined(separator: ", ") + (absent.count > 10 ? ", …" : "") + "\n"
                for p in f.activePhases {
                    out += "  Bao phủ đợt \(p.code) tính đến từng đơn vị cơ sở (\(VietnameseFormat.integer(p.grassroots.units)) đơn vị): \(VietnameseFormat.percent(p.coverageUnits))\n"
                }
            }
            let missing = f.notReported
            if !missing.isEmpty {
                out += "  Chưa báo cáo (\(missing.count)): " + missing.prefix(10).map(\.code).joined(separator: ", ")
                    + (missing.count > 10 ? ", …" : "") + "\n"
            }
            let refused = f.sentButRejected
            if !refused.isEmpty {
                out += "  Đã gửi nhưng dữ liệu lỗi (\(refused.count)): " + refused.prefix(10).map(\.code).joined(separator: ", ")
                    + (refused.count > 10 ? ", …" : "") + " — xem Output/don-vi/MÃ.xlsx\n"
            }
        }
        if let last = r.unfrozen.last {
            out += "\nKỳ \(last) đã quá hạn báo cáo nhưng chưa chốt bản đã gửi"
            out += r.unfrozen.count > 1 ? " (cùng \(r.unfrozen.count - 1) kỳ trước đó)" : ""
            out += ": sau khi gửi báo cáo, chạy `tuyengiao freeze --month \(last)` để giữ nguyên bản đã gửi.\n"
        }
        out += "\nĐã ghi \(r.written.count) tệp, \(r.unchanged) tệp không đổi: \(output)/tong-hop_YYYY-MM.xlsx|.json, \(reports)/bao-cao_YYYY-MM.docx|.txt"
        let pending = t.rejected - t.corrected
        out += pending > 0 ? ", \(output)/du-lieu-loi.csv (\(pending) dòng lỗi)" : ""
        out += ", \(output)/\(UnitFeedback.folder)/MÃ.xlsx (phản hồi cho từng đơn vị)\n"
        return out
    }
}

/// One unit's view after a run (`run --unit CODE`): what a unit clerk asks on the phone.
enum UnitSummary {
    static func render(_ r: MonthlyRun.Result, unit u: Int, output: String) -> String {
        let unit = r.plan.units[u]
        var out = "\(unit.code) – \(unit.name)\n"
        if let f = r.latest, let uf = f.units.first(where: { $0.unit == u }) {
            out += "Kỳ \(f.period.vietnamese) (hạn \(f.due.vietnamese))\(f.provisional ? ", tạm tính" : ""): "
            out += SummaryWorkbook.statusText(uf.status)
            if let day = uf.firstReceipt { out += ", nhận \(day.vietnamese)" }
            let timeliness = SummaryWorkbook.timelinessText(uf.timeliness)
            out += timeliness.isEmpty ? "" : ", \(timeliness.lowercased())"
            out += "; \(VietnameseFormat.integer(uf.month.activities)) hoạt động\n"
            for p in f.activePhases {
                guard let entry = p.missingByUnit.first(where: { $0.unit == u }), !entry.missing.isEmpty else { continue }
                out += "Đợt \(p.code): còn thiếu nội dung \(entry.missing.joined(separator: ", "))\n"
            }
        }
        let rows = r.feedback.rows.filter { $0.owner.unit == u }.map(\.rejection)
        if rows.isEmpty {
            out += "Không có dòng nào cần sửa.\n"
        } else {
            out += "\(rows.count) dòng cần sửa (\(output)/\(UnitFeedback.folder)/\(unit.code).xlsx, trang \(UnitFeedback.fixSheet)):\n"
            for rej in rows.prefix(20) {
                out += "  \(rej.file) dòng \(rej.line): \(rej.message)\n"
            }
            if rows.count > 20 { out += "  … và \(rows.count - 20) dòng khác\n" }
        }
        return out
    }
}
