/// The XLSX log template for units (SPEC §8 `template`): sheet "Nhật ký" with the §4 header
/// and a drop-down on every column that has a list, "Hướng dẫn" saying how to fill it, and
/// "Danh mục" holding the lists as "ND01 - title". What a unit fills in is read back by `run`.
public enum LogTemplate {
    public static let logSheet = "Nhật ký"
    public static let listSheet = "Danh mục"
    public static let guideSheet = "Hướng dẫn"
    /// Rows prepared with checks and drop-downs; a unit may write below them too.
    public static let preparedRows = 500

    /// `unit`: a template for one unit (its drop-down holds only that unit).
    public static func build(_ plan: Plan, unit: Int?, created: Day) -> WorkbookModel {
        let units = unit.map { [$0] } ?? plan.units.preorder.filter { plan.units[$0].expected }
        let lists: [[String]] = [
            units.map { "\(plan.units[$0].code) - \(plan.units[$0].name)" },
            plan.items.map { "\($0.code) - \($0.title)" },
            plan.forms.map { "\($0.code) - \($0.title)" },
            plan.phases.map { "\($0.code) - \($0.title)" },
        ]
        let title = unit.map { "Nhật ký hoạt động tuyên truyền — \(plan.units[$0].name)" } ?? "Nhật ký hoạt động tuyên truyền"
        return WorkbookModel(title: title, author: plan.issuer, created: created,
                             sheets: [logSheet(plan, lists: lists), guide(plan, unit: unit), listsSheet(lists)])
    }

    /// The columns a unit fills in (`dongGoc` is written only by a feedback workbook).
    public static let columns = LogColumn.allCases.filter { $0 != .dongGoc }

    /// The log sheet: header, widths, drop-downs and checks on the prepared rows. A feedback
    /// workbook reuses it under its own name, with more columns after the template's.
    static func logSheet(_ plan: Plan, lists: [[String]], name: String = logSheet, extraHeaders: [String] = [],
                         rows preparedRows: Int = preparedRows) -> SheetModel {
        var s = SheetModel(name: name)
        s.append((columns.map(\.vietnameseHeader) + extraHeaders).map { .t($0, .header) })
        s.columnWidths = [12, 34, 44, 30, 11, 11, 40, 18, 16]
        s.columnStyles = [LogColumn.ngay.rawValue: .date]
        s.freeze = (1, 0)
        s.autofilter = CellRange(0, 0, 0, columns.count + extraHeaders.count - 1)
        s.repeatRows = 0...0
        let rows = 1...preparedRows
        func range(_ c: LogColumn) -> CellRange { CellRange(rows.lowerBound, c.rawValue, rows.upperBound, c.rawValue) }
        func list(_ i: Int) -> ValidationRule.Kind { .list(sheet: listSheet, column: i, rows: 1...max(1, lists[i].count)) }
        let first = plan.phases.map(\.start).min().map { min($0, plan.issued) } ?? plan.issued
        let last = plan.lastPhaseEnd
        s.validations = [
            ValidationRule(range(.ngay), .dateBetween(first, last),
                           prompt: ("Ngày thực hiện", "Gõ ngày dạng dd/mm/yyyy, ví dụ 05/03/2020."),
                           error: ("Ngày không hợp lệ", "Ngày phải trong thời gian của kế hoạch, từ \(first.vietnamese) đến \(last.vietnamese).")),
            ValidationRule(range(.donVi), list(0), prompt: ("Đơn vị", "Chọn đơn vị trong danh sách."),
                           error: ("Đơn vị không có trong danh sách", "Chọn đơn vị trong danh sách (trang Danh mục).")),
            ValidationRule(range(.noiDung), list(1), strict: false,
                           prompt: ("Nội dung", "Chọn một nội dung; nhiều nội dung thì gõ mã cách nhau bằng dấu ; (ví dụ ND01; ND03). Không có hoạt động trong tháng: gõ Không có hoạt động."),
                           error: ("Nội dung", "Giá trị không có trong danh sách: nếu là nhiều nội dung, kiểm tra các mã cách nhau bằng dấu ;.")),
            ValidationRule(range(.hinhThuc), list(2), prompt: ("Hình thức", "Chọn một hình thức trong danh sách."),
                           error: ("Hình thức không có trong danh sách", "Chọn hình thức trong danh sách (trang Danh mục).")),
            ValidationRule(range(.soNguoi), .integerAtLeast(0), prompt: ("Số người", "Số người tham dự, số nguyên từ 0."),
                           error: ("Số người", "Số người phải là số nguyên từ 0 trở lên.")),
            ValidationRule(range(.soLuong), .integerAtLeast(0), prompt: ("Số lượng", "Băng rôn, bài viết, tin đăng, ấn phẩm…; để trống là 1."),
                           error: ("Số lượng", "Số lượng phải là số nguyên từ 0 trở lên.")),
            ValidationRule(range(.dot), list(3), prompt: ("Đợt", "Không bắt buộc: chỉ chọn khi hoạt động thuộc riêng một đợt."),
                           error: ("Đợt không có trong danh sách", "Chọn đợt trong danh sách hoặc để trống.")),
        ]
        return s
    }

    static func guide(_ plan: Plan, unit: Int?) -> SheetModel {
        var s = SheetModel(name: guideSheet)
        s.columnWidths = [110]
        s.landscape = false
        let cal = plan.calendar
        let lines: [(String, CellStyle)] = [
            ("Hướng dẫn ghi nhật ký hoạt động tuyên truyền", .title),
            ("Kế hoạch số \(plan.code) của \(plan.issuer): \(plan.title)", .wrapped),
            (unit.map { "Đơn vị: \(plan.units[$0].code) - \(plan.units[$0].name)" } ?? "Dùng chung cho các đơn vị.", .bold),
            ("", .text),
            ("1. Mỗi hoạt động ghi một dòng ở trang \"\(logSheet)\", bắt đầu từ dòng 2; không sửa dòng tiêu đề.", .wrapped),
            ("2. Ngày: ngày thực hiện, dạng dd/mm/yyyy (ví dụ 05/03/2020).", .wrapped),
            ("3. Đơn vị, Nội dung, Hình thức, Đợt: chọn trong danh sách thả xuống (danh sách đầy đủ ở trang \"\(listSheet)\"). Một hoạt động có nhiều nội dung: gõ các mã cách nhau bằng dấu chấm phẩy, ví dụ ND01; ND03.", .wrapped),
            ("4. Số người: số lượt người tham dự (để trống là 0). Số lượng: số băng rôn, bài viết, tin đăng, ấn phẩm… (để trống là 1).", .wrapped),
            ("5. Mã hoạt động: mã riêng của đơn vị cho hoạt động (không bắt buộc). Gửi lại một dòng có cùng mã thì dòng gửi sau thay dòng gửi trước — dùng để sửa số liệu đã gửi.", .wrapped),
            ("6. Tháng không có hoạt động nào: ghi một dòng với ngày trong tháng đó, đơn vị, và ở cột Nội dung gõ: Không có hoạt động. Như vậy đơn vị vẫn được tính là đã báo cáo.", .wrapped),
            ("7. Lưu tệp dạng Excel (.xlsx) và gửi chậm nhất ngày \(plan.reporting.dueDay) của tháng sau (kỳ báo cáo: "
                + (cal.periodEndDay == 31 ? "từng tháng dương lịch" : "từ ngày \(cal.periodEndDay + 1) tháng trước đến ngày \(cal.periodEndDay) tháng này") + ").", .wrapped),
            ("Dòng nào sai sẽ bị trả lại kèm lý do trong tệp du-lieu-loi.csv; các dòng đúng vẫn được tính.", .note),
        ]
        for (text, style) in lines { s.append([.t(text, style)]) }
        return s
    }

    static func listsSheet(_ lists: [[String]]) -> SheetModel {
        var s = SheetModel(name: listSheet)
        s.append(["Đơn vị", "Nội dung", "Hình thức", "Đợt"].map { .t($0, .header) })
        s.columnWidths = [40, 60, 40, 40]
        s.freeze = (1, 0)
        let height = lists.map(\.count).max() ?? 0
        for r in 0..<height {
            s.append(lists.map { r < $0.count ? .t($0[r]) : .empty })
        }
        return s
    }
}
