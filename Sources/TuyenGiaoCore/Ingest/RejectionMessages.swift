/// Every message a rejected row or file carries, in one place, so that the Vietnamese a unit
/// clerk reads can be reviewed together (SPEC §7.4, §10). Each says what is wrong and what to
/// do; the stable reason code travels beside it (`RejectReason`).
public enum RejectionMessages {
    // MARK: Rows

    public static func columnCount(row: Int, header: Int) -> String {
        "Dòng có \(row) cột, tiêu đề có \(header) cột; kiểm tra dấu phân cách và dấu ngoặc kép."
    }
    public static let notText = "Dòng có ký tự không đọc được (không phải chữ UTF-8); lưu lại tệp dạng CSV UTF-8."
    /// Valid text holding a control character (a Word line break `\v` pasted into a cell).
    public static func controlCharacter(_ field: String) -> String {
        "Dòng có ký tự điều khiển không in được trong ô \(quoted(field)) (ví dụ ngắt dòng của Word, \\v); xóa ký tự đó rồi gửi lại."
    }
    public static let unbalancedQuote = "Dấu ngoặc kép mở nhưng không đóng; dòng này bị bỏ qua, các dòng sau vẫn được đọc. Sửa dấu ngoặc kép rồi gửi lại."
    public static func oversized(bytes: Int) -> String {
        "Dòng dài quá \(VietnameseFormat.integer(bytes)) byte hoặc quá 10.000 cột (có thể thiếu dấu xuống dòng hoặc dấu ngoặc kép); dòng này bị bỏ qua, các dòng sau vẫn được đọc."
    }
    public static let missingDate = "Thiếu ngày thực hiện (cột Ngày)."
    public static let missingUnit = "Thiếu đơn vị (cột Đơn vị)."
    public static let missingItems = "Thiếu nội dung tuyên truyền (cột Nội dung); nếu tháng này không có hoạt động, ghi \"Không có hoạt động\"."
    public static let missingItemInList = "Thiếu nội dung tuyên truyền (cột Nội dung)."
    public static let missingForm = "Thiếu hình thức tuyên truyền (cột Hình thức)."
    public static func badDate(_ text: String) -> String {
        "Ngày \(quoted(text)) không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2020."
    }
    public static func futureDate(_ day: Day, asOf: Day) -> String {
        "Ngày \(day.vietnamese) sau ngày lập báo cáo \(asOf.vietnamese); kiểm tra lại ngày, tháng, năm."
    }
    public static func beforePlan(_ day: Day, planStart: Day) -> String {
        "Ngày \(day.vietnamese) trước khi kế hoạch bắt đầu (\(planStart.vietnamese)); kiểm tra lại năm."
    }
    public static func badParticipants(_ text: String) -> String {
        "Số người \(quoted(text)) không phải số nguyên từ 0 đến 1.000.000.000 (ví dụ 1.200)."
    }
    public static func badQuantity(_ text: String) -> String {
        "Số lượng \(quoted(text)) không phải số nguyên từ 0 đến 1.000.000.000."
    }
    /// `what`: "Đơn vị", "Hình thức", "Đợt", "Nội dung".
    public static func ambiguous(_ what: String, _ text: String, candidates: [String]) -> String {
        "\(what) \(quoted(text)) khớp với nhiều mục: \(candidates.joined(separator: ", ")); hãy ghi mã."
    }
    /// `hint`: " (ví dụ ND01)" or "".
    public static func unknown(_ what: String, _ text: String, hint: String) -> String {
        "\(what) \(quoted(text)) không có trong kế hoạch; ghi mã\(hint) hoặc đúng tên như trong kế hoạch."
    }

    public static func unknownItem(_ text: String, example: String) -> String {
        "Nội dung \(quoted(text)) không có trong kế hoạch; ghi mã nội dung (ví dụ \(example)), nhiều nội dung cách nhau bằng dấu ;"
    }

    /// A value from the row as the message shows it: in quotes, characters that cannot be
    /// seen written out (a zero-width space in "C​B1" shows as `C\u{200B}B1`, a Word line
    /// break as `\v`, control bytes as `\u{1B}`), and no more than 60 characters of it — a
    /// message is for a person, the whole row stays in du-lieu-loi.csv.
    public static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = "", count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { out += "…"; break }
            switch scalar.value {
            case 0x0B: out += "\\v"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F..<0xA0, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0xFEFF:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return "\"" + out + "\""
    }

    // MARK: Files

    public static func missingColumns(_ columns: [String]) -> String {
        "Tệp thiếu cột \(columns.joined(separator: ", ")) ở dòng tiêu đề; sửa tiêu đề theo mẫu rồi gửi lại."
    }
    public static func headerMissing(_ columns: String) -> String {
        "Dòng tiêu đề thiếu cột \(columns); dùng tiêu đề theo mẫu (ngay, don_vi, noi_dung, hinh_thuc, …)."
    }
    public static let noHeader = "Tệp không có dòng tiêu đề và dữ liệu."
    public static func noSheetWithHeader(_ names: String) -> String {
        "Không trang tính nào (\(names)) có dòng tiêu đề đúng mẫu (ngay, don_vi, noi_dung, hinh_thuc); dùng mẫu của tuyengiao template."
    }
    public static func cannotOpen(_ why: String) -> String { "Không mở được tệp: \(why)." }
    public static func cannotRead(_ why: String) -> String { "Không đọc được tệp: \(why)." }
    public static func readFailed(_ why: String) -> String { "Lỗi khi đọc tệp: \(why)." }
    public static let empty = "Tệp rỗng."
    public static let notCSV = "Tệp không phải văn bản CSV (có thể là tệp nén hoặc tệp Word/Excel đổi đuôi); lưu lại dạng CSV UTF-8."
    public static let brokenUTF16 = "Tệp UTF-16 bị hỏng, không đọc được."
    public static func workbookRefused(_ why: String, format: String = "xlsx") -> String {
        "Tệp \(format.uppercased()) bị từ chối: \(why). Mở tệp bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx (hoặc CSV UTF-8) rồi gửi lại."
    }
}
