/// Builds the monthly workbook of SPEC §7.1 from one period's figures, as values.
public enum SummaryWorkbook {
    public static let sheetSummary = "Tổng hợp"
    public static let sheetUnits = "Đơn vị"
    public static let sheetItems = "Nội dung"
    public static let sheetForms = "Hình thức"
    public static let sheetTrend = "Theo tháng"
    public static let sheetMissing = "Chưa báo cáo"
    public static let sheetSubordinates = "Cấp dưới"
    public static let sheetErrors = "Dữ liệu lỗi"

    /// Rejected rows listed in a workbook; the rest are counted (all are in du-lieu-loi.csv).
    public static let maxErrorRows = 100_000

    /// Units past which a coverage sheet is summarised by parent (issue 21): a province's
    /// 10,000 chi bộ × every required item is a grid no one reads on screen or paper, and was
    /// most of the cells a month's workbook wrote. The units' own rows are in their workbooks
    /// (`don-vi/MÃ.xlsx`) and in the JSON.
    public static let coverageDetailUnits = 5_000

    public static func coverageSheetName(_ phaseCode: String) -> String {
        String("Bao phủ \(phaseCode)".prefix(31))
    }

    /// Text shown for a unit's reporting status.
    public static func statusText(_ s: ReportStatus) -> String {
        switch s {
        case .reported: "Đã báo cáo"
        case .nilReport: "Không có hoạt động"
        case .notReported: "Chưa báo cáo"
        case .rejected: "Đã gửi nhưng dữ liệu lỗi"
        }
    }

    public static func timelinessText(_ t: Timeliness?) -> String {
        switch t {
        case .none: ""
        case .onTime: "Đúng hạn"
        case .late(let d): "Muộn \(d) ngày"
        case .unknown: "Chưa xác định"
        }
    }

    public static func build(_ f: MonthlyFigures, rejections: [Rejection], rowsRejected: Int,
                             coverageDetailUnits: Int = coverageDetailUnits) -> WorkbookModel {
        var sheets = [summarySheet(f, rowsRejected: rowsRejected)]
        var names = Set(sheets.map(\.name))
        for phase in f.activePhases {
            var sheet = coverageSheet(f, phase, detailUnits: coverageDetailUnits)
            // Two phase codes may be the same once cut to Excel's 31 characters: number them.
            var n = 2
            let base = sheet.name
            while !names.insert(sheet.name).inserted {
                sheet.name = String(base.prefix(31 - " (\(n))".count)) + " (\(n))"
                n += 1
            }
            sheets.append(sheet)
        }
        sheets.append(unitsSheet(f))
        if !f.subordinates.isEmpty { sheets.append(subordinatesSheet(f)) }
        sheets.append(itemsSheet(f))
        sheets.append(formsSheet(f))
        sheets.append(trendSheet(f))
        sheets.append(missingSheet(f))
        sheets.append(errorsSheet(rejections))
        return WorkbookModel(title: "Tổng hợp kết quả tuyên truyền \(VietnameseFormat.monthName(f.period))",
                             author: f.plan.issuer, created: f.asOf, sheets: sheets)
    }

    // MARK: - Sheets

    static func summarySheet(_ f: MonthlyFigures, rowsRejected: Int) -> SheetModel {
        var s = SheetModel(name: sheetSummary)
        s.columnWidths = [46, 52, 16, 16, 18, 16]
        s.append([.t("TỔNG HỢP KẾT QUẢ TUYÊN TRUYỀN \(VietnameseFormat.upper(VietnameseFormat.monthName(f.period)))", .title)])
        s.append([.t("Kế hoạch", .label), .t("\(f.plan.code): \(f.plan.title)", .wrapped)])
        s.append([.t("Kỳ báo cáo", .label), .t("\(f.period.description) (\(f.start.vietnamese) – \(f.end.vietnamese))")])
        s.append([.t("Hạn báo cáo", .label), .t(f.due.vietnamese)])
        s.append([.t("Số liệu tính đến", .label), .t(f.asOf.vietnamese)])
        s.append([.t("Tình trạng số liệu", .label),
                  f.provisional ? .t("TẠM TÍNH — chưa đến hạn báo cáo \(f.due.vietnamese)", .banner) : .t("Chính thức", .bold)])
        if let sent = f.sent { s.append([.t("Báo cáo đã gửi", .label), .t(sent.changes(now: f))]) }
        s.append([])
        let header = s.append([.t("Chỉ tiêu", .header), .t("Trong tháng", .header), .t("Lũy kế", .header)])
        s.append([.t("Số hoạt động"), .n(f.month.activities), .n(f.cumulative.activities)])
        s.append([.t("Số lượt người tham dự"), .n(f.month.participants), .n(f.cumulative.participants)])
        s.append([.t("Số lượng (băng rôn, tin bài, tài liệu…)"), .n(f.month.quantity), .n(f.cumulative.quantity)])
        s.append([.t("Đơn vị phải báo cáo"), .n(f.unitsExpected)])
        s.append([.t("Đơn vị đã báo cáo"), .n(f.unitsReported)])
        s.append([.t("Trong đó: báo cáo không có hoạt động"), .n(f.unitsNilReport)])
        s.append([.t("Đơn vị báo cáo đúng hạn"), f.unitsOnTime.map { .n($0) } ?? .t("Chưa xác định")])
        s.append([.t("Đơn vị chưa xác định ngày nhận báo cáo"), .n(f.unitsReceiptUnknown)])
        s.append([.t("Tỷ lệ đơn vị báo cáo"), .pct(f.completeness)])
        s.append([.t("Tỷ lệ báo cáo đúng hạn"), f.timeliness.map { .pct($0) } ?? .t("Chưa xác định")])
        s.append([.t("Hoạt động ngoài các đợt"), .n(f.outsidePhases)])
        s.append([.t("Dòng dữ liệu lỗi (toàn bộ dữ liệu đã đọc)"), .n(rowsRejected)])
        s.conditionals.append(.rateScale(CellRange(header + 9, 1, header + 10, 1)))
        s.append([])
        let phaseHeader = s.append([.t("Đợt", .header), .t("Tên đợt", .header), .t("Từ ngày", .header),
                                    .t("Đến ngày", .header), .t("Hoạt động (lũy kế)", .header), .t("Tỷ lệ bao phủ", .header)])
        for p in f.phases {
            s.append([.t(p.code), .t(p.title, .wrapped), .t(p.start.vietnamese), .t(p.end.vietnamese),
                      .n(p.measures.activities), .pct(p.coverage)])
        }
        if !f.phases.isEmpty {
            let last = phaseHeader + f.phases.count
            s.conditionals.append(.rateScale(CellRange(phaseHeader + 1, 5, last, 5)))
            s.charts.append(ChartModel(kind: .column, title: "Tỷ lệ bao phủ nội dung theo đợt", xAxis: "Đợt", yAxis: "Tỷ lệ",
                                       series: [ChartSeries(name: "Tỷ lệ bao phủ",
                                                            categories: CellRange(phaseHeader + 1, 0, last, 0),
                                                            values: CellRange(phaseHeader + 1, 5, last, 5))],
                                       anchorRow: last + 2, anchorColumn: 0, valueAxis: (0, 1, "0%")))
        }
        s.freeze = (1, 0)
        s.onePage = true    // one page: the key figures, the phases and their chart together
        return s
    }

    static func coverageSheet(_ f: MonthlyFigures, _ p: PhaseCoverage, detailUnits: Int = coverageDetailUnits) -> SheetModel {
        var s = SheetModel(name: coverageSheetName(p.code))
        let n = p.itemCodes.count
        s.columnWidths = [12, 44] + Array(repeating: 8, count: n) + [12, 12, 12]
        s.append([.t("Bao phủ nội dung đợt \(p.code): \(p.title) (\(p.start.vietnamese) – \(p.end.vietnamese)), lũy kế đến \(min(f.end, p.end).vietnamese)", .title)])
        // A province: parents only, each summing its units (the units' rows are elsewhere).
        let summarised = p.rows.count > detailUnits
        let rows = summarised ? p.rows.filter(\.isParent) : p.rows
        s.append([.empty, .t(summarised
            ? "Có \(VietnameseFormat.integer(p.rows.count)) đơn vị, quá nhiều để liệt kê: trang này tổng hợp theo đơn vị cấp trên (số hoạt động cộng dồn các đơn vị trực thuộc; tỷ lệ là bình quân của các đơn vị phải báo cáo). Từng đơn vị: tệp don-vi/MÃ.xlsx (trang Nội dung còn thiếu) và tệp JSON."
            : "Số hoạt động theo từng nội dung; ô 0 là nội dung đơn vị chưa thực hiện. Dòng đơn vị cấp trên cộng dồn các đơn vị trực thuộc; tỷ lệ là bình quân của các đơn vị phải báo cáo.", .note)])
        let header = s.append([.t("Mã", .header), .t("Đơn vị", .header)] + p.itemCodes.map { .t($0, .header) }
                              + [.t("Đã bao phủ", .header), .t("Phải bao phủ", .header), .t("Tỷ lệ", .header)])
        for r in rows {
            let bold = r.isParent
            var cells: [Cell] = [.t(r.code, bold ? .bold : .text), .t(r.name, bold ? .indentedBold(r.depth) : .indented(r.depth))]
            cells += r.itemCounts.map { .n($0, bold ? .integerBold : .integer) }
            cells += [.n(r.covered, bold ? .integerBold : .integer), .n(r.required, bold ? .integerBold : .integer),
                      .pct(r.coverage, bold ? .percentBold : .percent)]
            s.append(cells)
        }
        let last = header + rows.count
        s.append([.t("", .bold), .t("Tỷ lệ đơn vị đã thực hiện", .bold)] + p.itemRates.map { .pct($0, .percentBold) }
                 + [.empty, .empty, .pct(p.coverage, .percentBold)])
        s.freeze = (header + 1, 2)
        s.autofilter = CellRange(header, 0, last, n + 4)
        if n > 0 { s.conditionals.append(.zeroIsGap(CellRange(header + 1, 2, last, n + 1))) }
        s.conditionals.append(.rateScale(CellRange(header + 1, n + 4, last + 1, n + 4)))
        s.conditionals.append(.rateScale(CellRange(last + 1, 2, last + 1, n + 1)))
        s.repeatRows = header...header
        return s
    }

    static func unitsSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetUnits)
        s.columnWidths = [12, 44, 12, 12, 20, 16, 14, 12, 14, 12, 12, 14, 12]
        let header = s.append(["Mã", "Đơn vị", "Cấp trên", "Phải báo cáo", "Báo cáo tháng", "Đúng hạn", "Ngày nhận đầu tiên",
                               "Hoạt động (tháng)", "Người tham dự (tháng)", "Số lượng (tháng)",
                               "Hoạt động (lũy kế)", "Người tham dự (lũy kế)", "Số lượng (lũy kế)"].map { .t($0, .header) })
        for u in f.units {
            let bold = u.isParent
            let int: CellStyle = bold ? .integerBold : .integer
            s.append([.t(u.code, bold ? .bold : .text), .t(u.name, bold ? .indentedBold(u.depth) : .indented(u.depth)),
                      .t(u.parentCode ?? ""), .t(u.expected ? "Có" : "Không"),
                      .t(u.expected || u.status.didReport ? statusText(u.status) : ""),
                      .t(timelinessText(u.timeliness)), .t(u.firstReceipt?.vietnamese ?? ""),
                      .n(u.month.activities, int), .n(u.month.participants, int), .n(u.month.quantity, int),
                      .n(u.cumulative.activities, int), .n(u.cumulative.participants, int), .n(u.cumulative.quantity, int)])
        }
        s.freeze = (header + 1, 2)
        s.autofilter = CellRange(header, 0, header + f.units.count, 12)
        s.repeatRows = header...header
        return s
    }

    /// The committees below that report by summary (issue 20): what each sent, and what its
    /// own tree reported.
    static func subordinatesSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetSubordinates)
        s.columnWidths = [8, 34, 10, 16, 12, 11, 10, 10, 10, 12, 10, 12, 36]
        s.append([.t("Cấp ủy cấp dưới báo cáo bằng bản tổng hợp — \(VietnameseFormat.monthName(f.period))", .title)])
        s.append([.empty, .t("Mỗi dòng là một cấp ủy cấp dưới (đơn vị có plan_code trong kế hoạch): tình hình gửi báo cáo tổng hợp của cấp ủy, và số liệu của chính cấp ủy đó về các đơn vị trực thuộc.", .note)])
        let header = s.append(["Mã", "Cấp ủy cấp dưới", "Mã kế hoạch", "Báo cáo tổng hợp", "Đúng hạn", "Ngày nhận",
                               "Đơn vị phải báo cáo", "Đơn vị đã báo cáo", "Tỷ lệ báo cáo", "Bao phủ (các đợt đang diễn ra)",
                               "Hoạt động (tháng)", "Người tham dự (tháng)", "Tệp"].map { .t($0, .header) })
        for c in f.subordinates {
            let u = c.unit
            var row: [Cell] = [.t(u.code), .t(u.name), .t(c.planCode), .t(statusText(u.status)), .t(timelinessText(u.timeliness)),
                               .t(u.firstReceipt?.vietnamese ?? "")]
            if let m = c.summary {
                row += [.n(m.unitsExpected), .n(m.unitsReported), .pct(m.completeness), m.coverage.map { .pct($0) } ?? .t(""),
                        .n(m.measures.activities), .n(m.measures.participants), .t(m.file)]
            } else {
                row += [.t(""), .t(""), .t(""), .t(""), .n(u.month.activities), .n(u.month.participants), .t("")]
            }
            s.append(row)
        }
        let last = header + f.subordinates.count
        s.conditionals.append(.rateScale(CellRange(header + 1, 8, last, 9)))
        s.freeze = (header + 1, 2)
        s.autofilter = CellRange(header, 0, last, 12)
        s.repeatRows = header...header
        return s
    }

    static func itemsSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetItems)
        s.columnWidths = [10, 60, 14, 14, 16, 14, 14, 16]
        let header = s.append(["Mã", "Nội dung", "Đơn vị thực hiện (tháng)", "Hoạt động (tháng)", "Người tham dự (tháng)",
                               "Đơn vị thực hiện (lũy kế)", "Hoạt động (lũy kế)", "Người tham dự (lũy kế)"].map { .t($0, .header) })
        for i in f.items {
            s.append([.t(i.code), .t(i.title, .wrapped), .n(i.unitsCoveringMonth), .n(i.month.activities),
                      .n(i.month.participants), .n(i.unitsCoveringCumulative), .n(i.cumulative.activities),
                      .n(i.cumulative.participants)])
        }
        s.freeze = (header + 1, 2)
        s.autofilter = CellRange(header, 0, header + f.items.count, 7)
        s.conditionals.append(.dataBar(CellRange(header + 1, 6, header + f.items.count, 6)))
        s.repeatRows = header...header
        return s
    }

    static func formsSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetForms)
        s.columnWidths = [10, 44, 14, 16, 14, 14, 16, 14]
        let header = s.append(["Mã", "Hình thức", "Hoạt động (tháng)", "Người tham dự (tháng)", "Số lượng (tháng)",
                               "Hoạt động (lũy kế)", "Người tham dự (lũy kế)", "Số lượng (lũy kế)"].map { .t($0, .header) })
        for x in f.forms {
            s.append([.t(x.code), .t(x.title, .wrapped), .n(x.month.activities), .n(x.month.participants), .n(x.month.quantity),
                      .n(x.cumulative.activities), .n(x.cumulative.participants), .n(x.cumulative.quantity)])
        }
        let last = header + f.forms.count
        s.freeze = (header + 1, 2)
        s.autofilter = CellRange(header, 0, last, 7)
        s.repeatRows = header...header
        if !f.forms.isEmpty {
            s.charts.append(ChartModel(kind: .bar, title: "Số hoạt động theo hình thức", xAxis: nil, yAxis: nil,
                                       series: [ChartSeries(name: "Trong tháng", categories: CellRange(header + 1, 1, last, 1),
                                                            values: CellRange(header + 1, 2, last, 2)),
                                                ChartSeries(name: "Lũy kế", categories: CellRange(header + 1, 1, last, 1),
                                                            values: CellRange(header + 1, 5, last, 5))],
                                       anchorRow: last + 2, anchorColumn: 1))
        }
        return s
    }

    static func trendSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetTrend)
        s.columnWidths = [12] + Array(repeating: 12, count: f.plan.forms.count) + [12]
        let header = s.append([.t("Tháng", .header)] + f.plan.forms.map { .t($0.code, .header) } + [.t("Tổng", .header)])
        for row in f.trend {
            let total = row.perForm.reduce(0) { $0 + $1.activities }
            s.append([.t(row.month.description)] + row.perForm.map { .n($0.activities) } + [.n(total, .integerBold)])
        }
        let last = header + f.trend.count
        s.freeze = (header + 1, 1)
        s.repeatRows = header...header
        s.autofilter = CellRange(header, 0, last, f.plan.forms.count + 1)
        if !f.trend.isEmpty {
            let series = f.plan.forms.enumerated().map { j, form in
                ChartSeries(name: form.code, categories: CellRange(header + 1, 0, last, 0),
                            values: CellRange(header + 1, j + 1, last, j + 1))
            }
            s.charts.append(ChartModel(kind: .line, title: "Số hoạt động theo tháng và hình thức", xAxis: "Tháng",
                                       yAxis: "Hoạt động", series: series, anchorRow: last + 2, anchorColumn: 0,
                                       xScale: 2, yScale: 1.4))
        }
        return s
    }

    static func missingSheet(_ f: MonthlyFigures) -> SheetModel {
        var s = SheetModel(name: sheetMissing)
        s.columnWidths = [12, 44, 12, 44, 26]
        let header = s.append(["Mã", "Đơn vị chưa báo cáo", "Mã cấp trên", "Đơn vị cấp trên", "Tình trạng"].map { .t($0, .header) })
        // Units that sent nothing, then units whose every row was refused (to fix and resend).
        let missing = f.notReported + f.sentButRejected
        for u in missing {
            s.append([.t(u.code), .t(u.name), .t(u.parentCode ?? ""), .t(u.parentName ?? ""), .t(statusText(u.status))])
        }
        if missing.isEmpty { s.append([.t(""), .t("Tất cả đơn vị đã báo cáo.", .note)]) }
        s.freeze = (header + 1, 0)
        s.autofilter = CellRange(header, 0, header + max(missing.count, 1), 4)
        s.repeatRows = header...header
        return s
    }

    static func errorsSheet(_ rejections: [Rejection]) -> SheetModel {
        var s = SheetModel(name: sheetErrors)
        s.columnWidths = [28, 7, 15, 60, 60]
        let header = s.append(["Tệp", "Dòng", "Mã lỗi", "Nội dung lỗi", "Dòng dữ liệu gốc"].map { .t($0, .header) })
        for r in rejections.prefix(maxErrorRows) {
            s.append([.t(r.file, .wrapped), .n(r.line), .t(r.reason.rawValue), .t(r.message, .wrapped), .t(clip(r.raw), .wrapped)])
        }
        if rejections.count > maxErrorRows {
            // Far below Excel's 1,048,576 rows, and past what anyone reads in a workbook.
            s.append([.t(""), .empty, .t(""), .t("… và \(VietnameseFormat.integer(rejections.count - maxErrorRows)) dòng lỗi khác, xem tệp du-lieu-loi.csv", .note)])
        }
        if rejections.isEmpty { s.append([.t(""), .empty, .t(""), .t("Không có dòng dữ liệu lỗi.", .note)]) }
        s.freeze = (header + 1, 0)
        s.autofilter = CellRange(header, 0, header + max(min(rejections.count, maxErrorRows), 1), 4)
        s.repeatRows = header...header
        return s
    }

    /// Excel holds at most 32,767 characters a cell; the CSV keeps the whole row.
    static func clip(_ s: String) -> String {
        s.utf16.count <= 32_000 ? s : String(s.prefix(30_000)) + " …(đã cắt bớt)"
    }
}
