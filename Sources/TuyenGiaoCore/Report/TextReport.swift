/// The monthly report as lines of text in the official layout (SPEC §7.2; Hướng dẫn
/// 36-HD/VPTW for party documents). Every figure comes from `MonthlyFigures`, the same
/// value the workbook is built from.
public enum TextReport {
    public static let width = 88
    static let leftColumn = 42
    static let rightColumn = 46
    /// Coverage below this is named under shortcomings.
    public static let lowCoverage = 0.5

    public static func render(_ f: MonthlyFigures, rowsRejected: Int, nextPeriod: MonthlyFigures.NextPeriod) -> String {
        lines(f, rowsRejected: rowsRejected, nextPeriod: nextPeriod).joined(separator: "\n") + "\n"
    }

    public static func lines(_ f: MonthlyFigures, rowsRejected: Int, nextPeriod: MonthlyFigures.NextPeriod) -> [String] {
        let plan = f.plan
        let r = plan.reporting
        var out: [String] = []
        out += header(f)
        out.append("")
        out.append(TextLayout.center("BÁO CÁO", in: width).trimmedRight)
        let subject = "Kết quả công tác tuyên truyền \(VietnameseFormat.monthName(f.period)) theo Kế hoạch số \(plan.code)"
        for l in TextLayout.wrap(subject, width: 70) { out.append(TextLayout.center(l, in: width).trimmedRight) }
        out.append(TextLayout.center("-----", in: width).trimmedRight)
        out.append("")
        if let sent = f.sent { para(&out, "(" + sent.changes(now: f) + ")") }
        if f.provisional {
            para(&out, "(Số liệu tạm tính đến ngày \(f.asOf.vietnamese); hạn gửi báo cáo của các đơn vị là ngày \(f.due.vietnamese).)")
        }
        para(&out, "Thực hiện Kế hoạch số \(plan.code) ngày \(plan.issued.vietnamese) của \(plan.issuer) về \(lowerFirst(plan.title)), \(plan.issuer) báo cáo kết quả \(VietnameseFormat.monthName(f.period)) (từ ngày \(f.start.vietnamese) đến ngày \(f.end.vietnamese)) như sau:")
        out.append("")

        // I. Results
        out.append("I. KẾT QUẢ THỰC HIỆN")
        out.append("")
        out.append("1. Tình hình báo cáo của các đơn vị")
        var reportLine = "Số đơn vị đã báo cáo: \(f.unitsReported)/\(f.unitsExpected) đơn vị (\(VietnameseFormat.percent(f.completeness)))"
        reportLine += f.unitsNilReport > 0 ? "; trong đó \(f.unitsNilReport) đơn vị báo cáo không có hoạt động trong tháng." : "."
        bullet(&out, reportLine)
        if let onTime = f.unitsOnTime, let rate = f.timeliness {
            var line = "Số đơn vị báo cáo đúng hạn (đến ngày \(f.due.vietnamese)): \(onTime)/\(f.unitsExpected) đơn vị (\(VietnameseFormat.percent(rate)))"
            if f.unitsReceiptUnknown > 0 {
                line += "; \(f.unitsReceiptUnknown) đơn vị chưa xác định được ngày nhận báo cáo (không tính là chậm)"
            }
            bullet(&out, line + ".")
        } else {
            bullet(&out, "Số đơn vị báo cáo đúng hạn: chưa xác định (chưa có sổ nhận báo cáo).")
        }
        out.append("")
        out.append("2. Kết quả theo nội dung tuyên truyền")
        bullet(&out, "Trong tháng, các đơn vị tổ chức \(VietnameseFormat.integer(f.month.activities)) hoạt động tuyên truyền với \(VietnameseFormat.integer(f.month.participants)) lượt người tham dự; lũy kế từ đầu kế hoạch: \(VietnameseFormat.integer(f.cumulative.activities)) hoạt động, \(VietnameseFormat.integer(f.cumulative.participants)) lượt người.")
        for i in f.items where i.month.activities > 0 {
            bullet(&out, "\(i.code) – \(i.title): \(VietnameseFormat.integer(i.month.activities)) hoạt động, \(VietnameseFormat.integer(i.month.participants)) lượt người, \(i.unitsCoveringMonth) đơn vị thực hiện.")
        }
        out.append("")
        out.append("3. Kết quả theo hình thức tuyên truyền")
        for x in f.forms where x.month.activities > 0 {
            var s = "\(x.title): \(VietnameseFormat.integer(x.month.activities)) hoạt động"
            let label = plan.forms[x.form].quantityLabel
            if x.month.participants > 0 || label == nil { s += ", \(VietnameseFormat.integer(x.month.participants)) lượt người" }
            if let label { s += ", \(VietnameseFormat.integer(x.month.quantity)) \(label)" }
            bullet(&out, s + ".")
        }
        if f.forms.allSatisfy({ $0.month.activities == 0 }) { bullet(&out, "Trong tháng chưa có hoạt động nào được báo cáo.") }
        out.append("")
        out.append("4. Tiến độ các đợt tuyên truyền")
        if f.activePhases.isEmpty { bullet(&out, "Trong tháng không có đợt tuyên truyền nào diễn ra.") }
        for p in f.activePhases {
            var s = "Đợt \(p.code) (\(p.title), từ \(p.start.vietnamese) đến \(p.end.vietnamese)): lũy kế \(VietnameseFormat.integer(p.measures.activities)) hoạt động; tỷ lệ bao phủ nội dung bình quân \(VietnameseFormat.percent(p.coverage))"
            if let (j, rate) = p.itemRates.enumerated().min(by: { $0.element < $1.element }) {
                s += "; nội dung ít đơn vị thực hiện nhất: \(p.itemCodes[j]) (\(VietnameseFormat.percent(rate)) đơn vị)"
            }
            bullet(&out, s + ".")
        }
        out.append("")

        // II. Assessment
        out.append("II. ĐÁNH GIÁ")
        out.append("")
        out.append("1. Ưu điểm")
        bullet(&out, "\(f.unitsReported)/\(f.unitsExpected) đơn vị đã báo cáo (\(VietnameseFormat.percent(f.completeness))); \(VietnameseFormat.integer(f.month.activities)) hoạt động với \(VietnameseFormat.integer(f.month.participants)) lượt người tham dự.")
        let top = f.items.filter { $0.month.activities > 0 }.sorted {
            ($0.month.activities, $1.code) > ($1.month.activities, $0.code)
        }.prefix(3)
        if !top.isEmpty {
            bullet(&out, "Các nội dung được thực hiện nhiều nhất: " + top.map { "\($0.code) (\(VietnameseFormat.integer($0.month.activities)) hoạt động)" }.joined(separator: ", ") + ".")
        }
        out.append("")
        out.append("2. Hạn chế")
        let missing = f.notReported
        if missing.isEmpty {
            bullet(&out, "Tất cả \(f.unitsExpected) đơn vị đã báo cáo.")
        } else {
            bullet(&out, "Còn \(missing.count)/\(f.unitsExpected) đơn vị chưa báo cáo: " + missing.map(\.name).joined(separator: "; ") + ".")
        }
        for p in f.activePhases {
            let low = p.itemRates.enumerated().filter { $0.element < lowCoverage }
            if !low.isEmpty {
                bullet(&out, "Đợt \(p.code): nội dung dưới \(VietnameseFormat.percent(lowCoverage)) đơn vị thực hiện: " + low.map { "\(p.itemCodes[$0.offset]) (\(VietnameseFormat.percent($0.element)))" }.joined(separator: ", ") + ".")
            }
        }
        if rowsRejected > 0 {
            bullet(&out, "Có \(VietnameseFormat.integer(rowsRejected)) dòng dữ liệu lỗi bị loại (chi tiết trong tệp du-lieu-loi.csv); đề nghị các đơn vị sửa và gửi lại.")
        }
        if f.outsidePhases > 0 {
            bullet(&out, "Có \(VietnameseFormat.integer(f.outsidePhases)) hoạt động diễn ra ngoài thời gian các đợt tuyên truyền (được tính vào tổng số, không tính bao phủ).")
        }
        out.append("")

        // III. Next period
        out.append("III. PHƯƠNG HƯỚNG, NHIỆM VỤ \(VietnameseFormat.upper(VietnameseFormat.monthName(nextPeriod.period)))")
        out.append("")
        if nextPeriod.phases.isEmpty {
            bullet(&out, "Các đợt tuyên truyền của kế hoạch đã kết thúc; các đơn vị tổng kết, đánh giá kết quả thực hiện kế hoạch.")
        }
        for p in nextPeriod.phases {
            let items = p.items.map { plan.items[$0].code }.joined(separator: ", ")
            let when = p.start > f.end ? "bắt đầu từ ngày \(p.start.vietnamese), đến ngày \(p.end.vietnamese)" : "tiếp tục đến ngày \(p.end.vietnamese)"
            bullet(&out, "Đợt \(p.code) (\(p.title)): \(when); các nội dung: \(items).")
        }
        if !missing.isEmpty {
            bullet(&out, "Đôn đốc các đơn vị chưa báo cáo: " + missing.map(\.code).joined(separator: ", ") + ".")
        }
        bullet(&out, "Các đơn vị gửi báo cáo \(VietnameseFormat.monthName(nextPeriod.period)) về \(r.recipient == plan.issuer ? "cơ quan thường trực" : plan.issuer) trước ngày \(nextPeriod.due.vietnamese).")
        out.append("")
        out += footer(f)
        return out
    }

    // MARK: - Blocks

    static func header(_ f: MonthlyFigures) -> [String] {
        let plan = f.plan
        let r = plan.reporting
        var left: [String] = []
        if let sup = plan.superior { left += TextLayout.wrap(sup.uppercased(), width: leftColumn - 2) }
        left += TextLayout.wrap(plan.issuer.uppercased(), width: leftColumn - 2)
        var right: [String]
        let number: String
        switch r.style {
        case .party:
            left.append("*")
            right = ["ĐẢNG CỘNG SẢN VIỆT NAM", "______________________"]
            number = "Số    -\(r.numberSuffix)"
        case .state:
            left.append("______")
            right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "___________________"]
            number = "Số:    /\(r.numberSuffix)"
        }
        // Number under the left block, place and date under the right line, on one row.
        while right.count < left.count { right.append("") }
        while left.count < right.count { left.append("") }
        left.append(number)
        right.append((plan.place.map { "\($0), " } ?? "") + VietnameseFormat.longDate(reportDate(f)))
        return TextLayout.sideBySide(left, right, leftWidth: leftColumn, rightWidth: rightColumn)
    }

    /// The report is dated on its due day once that has passed; before, on the as-of day.
    public static func reportDate(_ f: MonthlyFigures) -> Day { min(f.asOf, f.due) }

    static func footer(_ f: MonthlyFigures) -> [String] {
        let r = f.plan.reporting
        var left = ["Nơi nhận:"]
        for (i, name) in r.recipients.enumerated() {
            left.append("- \(name)" + (i == r.recipients.count - 1 ? "." : ","))
        }
        // Room for the signature and seal above the name, when there is a name.
        let right = [r.signerTitle, r.signerRole] + (r.signerName.isEmpty ? [] : ["", "", "", r.signerName])
        let block = TextLayout.sideBySide(left, right,
                                          leftWidth: leftColumn, rightWidth: rightColumn, centerLeft: false)
        return block
    }

    static func para(_ out: inout [String], _ text: String) {
        out += TextLayout.wrap(text, width: width, firstPrefix: "    ")
    }

    static func bullet(_ out: inout [String], _ text: String) {
        out += TextLayout.wrap(text, width: width, firstPrefix: "- ", restPrefix: "  ")
    }

    static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }
}

extension String {
    var trimmedRight: String { TextLayout.trimTrailing(self) }
}

extension MonthlyFigures {
    /// What the next period holds, for part III of the report.
    public struct NextPeriod: Sendable {
        public var period: MonthKey
        public var due: Day
        public var phases: [Phase]

        public init(plan: Plan, after period: MonthKey) {
            let cal = plan.calendar
            self.period = period + 1
            due = cal.due(of: period + 1)
            let start = cal.start(of: period + 1), end = cal.end(of: period + 1)
            phases = plan.phases.filter { $0.start <= end && $0.end >= start }
        }
    }
}
