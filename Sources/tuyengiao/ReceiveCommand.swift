import ArgumentParser
import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

struct ReceiveCommand: OfficeCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Nhận nhật ký của đơn vị: lưu vào Input/logs/, ghi ngày nhận vào sổ nhận, đọc ngay và in biên nhận.",
        discussion: """
        Mỗi tệp được lưu vào Input/logs/NGÀY-NHẬN/ với tên như khi gửi (không ghi đè tệp khác) và ghi vào \
        sổ nhận Input/so-nhan.csv với nguồn "receive". Tệp trùng nội dung với tệp đã nhận thì không ghi gì mới. \
        Biên nhận in ra (số dòng nhận, lỗi và lý do, đơn vị, tháng, đúng hạn hay muộn) có thể gửi lại cho đơn vị.
        """)

    @OptionGroup var shared: SharedOptions
    @Argument(help: "Các tệp nhật ký nhận được (CSV, TSV/TXT, XLSX).")
    var files: [String]
    @Option(help: ArgumentHelp("Ngày nhận (mặc định: hôm nay), ví dụ ngày của thư điện tử.", valueName: "YYYY-MM-DD"),
            transform: Day.argument)
    var date: Day?
    @Option(help: "Mã đơn vị gửi tệp, nếu biết (ghi vào tên tệp lưu).")
    var unit: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("cần ít nhất một tệp để nhận") }
    }

    func execute() throws -> Outcome {
        let options = Intake.Options(input: shared.inputURL, output: shared.outputURL,
                                     date: date ?? Clock.today(), unit: unit,
                                     encoding: shared.forcedEncoding)
        let result = try Intake.receive(files.map { URL(fileURLWithPath: $0) }, options)
        if !shared.quiet { printOut(result.receipts.map { ReceiptText.render($0, date: options.date) }.joined(separator: "\n")) }
        return result.receipts.contains { $0.alreadyReceived == nil && $0.tally.rejected > 0 } ? .rowsRejected : .done
    }
}

/// The receipt a clerk forwards to the unit.
enum ReceiptText {
    static func render(_ r: Intake.Receipt, date: Day) -> String {
        var out = "BIÊN NHẬN — \(r.source)\n"
        if let (file, when) = r.alreadyReceived {
            out += "  Nội dung tệp này trùng với tệp đã nhận \(when.map { "ngày \($0.vietnamese)" } ?? "trước đây") (\(file)); không ghi gì mới.\n"
            return out
        }
        out += "  Nhận ngày \(date.vietnamese); lưu tại \(r.filedAs)\n"
        let t = r.tally
        if t.encoding == "json" {
            // A committee's summary (issue 20): one report, taken, replaced by a later one, or refused.
            if let e = t.fileError { return out + "  Không dùng được báo cáo tổng hợp này: \(e)\n" }
            out += "  Báo cáo tổng hợp của cấp dưới: đã nhận" + (t.replaced > 0 ? "; đã có bản gửi sau thay thế bản này" : "") + ".\n"
        } else {
            if let e = t.fileError { out += "  Không dùng được tệp: \(e)\n" }
            out += "  Đã đọc \(VietnameseFormat.integer(t.rowsRead)) dòng: \(VietnameseFormat.integer(t.accepted)) dòng hợp lệ, "
                + "\(VietnameseFormat.integer(t.rejected)) dòng lỗi" + (t.replaced > 0 ? ", \(t.replaced) dòng bị thay thế" : "") + ".\n"
            for x in r.rejections.prefix(5) { out += "    dòng \(x.line): \(x.message)\n" }
            if r.rejections.count > 5 { out += "    … và \(r.rejections.count - 5) dòng lỗi khác\n" }
        }
        for m in r.months {
            out += "  \(m.unit) – \(m.unitName), tháng \(m.month.vietnamese) (hạn \(m.due.vietnamese)): "
            out += SummaryWorkbook.statusText(m.status)
            if m.status == .rejected {
                out += ", đề nghị sửa và gửi lại.\n"
                continue
            }
            out += m.status == .reported ? " (\(VietnameseFormat.integer(m.activities)) hoạt động), " : ", "
            switch m.timeliness {
            case .onTime: out += "đúng hạn" + (m.firstReceipt.map { $0 < date ? " (đã nhận lần đầu ngày \($0.vietnamese))" : "" } ?? "")
            case .late(let d): out += "muộn \(d) ngày"
            case .unknown: out += "chưa xác định được ngày nhận lần đầu"
            }
            out += ".\n"
        }
        if r.rejections.isEmpty == false { out += "  Đề nghị đơn vị sửa các dòng lỗi và gửi lại.\n" }
        return out
    }
}
