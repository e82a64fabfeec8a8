/// What the monthly report says (SPEC §7.2), as values: the header block, the title, then
/// sections of paragraphs, bullets and tables. The text report and the Word document are two
/// layouts of this one value, so they say the same words; every figure comes from
/// `MonthlyFigures`, the value the workbook is built from.
///
/// Written for a superior body: items and units by their names, no file names, data errors
/// counted for the month they belong to, a strength only when it is one, an unknown receipt
/// date said as unknown.
public struct ReportContent: Sendable {
    public enum Element: Sendable, Equatable {
        case paragraph(String)
        /// A note in parentheses, set in italics (provisional figures, changes since sent).
        case note(String)
        case bullet(String)
        /// A table in the Word document; in plain text, `bullets` say the same.
        case table(ReportTable)
    }

    public struct ReportTable: Sendable, Equatable {
        public var headers: [String]
        public var rows: [[String]]
        /// Relative column widths.
        public var widths: [Double]
        /// Columns holding numbers (right-aligned).
        public var numeric: Set<Int>
        public var bullets: [String]
    }

    public struct Heading: Sendable, Equatable {
        /// 1: "I. KẾT QUẢ …" (bold, capitals); 2: "1. Tình hình …" (bold).
        public var level: Int
        public var text: String
    }

    public struct Header: Sendable, Equatable {
        public var style: DocumentStyle
        public var superior: String?
        public var issuer: String
        public var number: String
        public var place: String?
        public var date: Day
        public var placeAndDate: String { (place.map { "\($0), " } ?? "") + VietnameseFormat.longDate(date) }
    }

    public enum Block: Sendable, Equatable {
        case heading(Heading)
        case element(Element)
    }

    public var header: Header
    public var title = "BÁO CÁO"
    public var subject: String
    public var blocks: [Block]
    public var recipients: [String]
    public var signerTitle: String
    public var signerRole: String
    public var signerName: String

    /// Coverage below this is named under shortcomings.
    public static let lowCoverage = 0.5
    /// Completeness from which reporting is named as a strength.
    public static let goodCompleteness = 0.8

    /// Any document in the report's layout (a reminder letter, say).
    public init(header: Header, title: String, subject: String, blocks: [Block], recipients: [String],
                signerTitle: String, signerRole: String, signerName: String) {
        self.header = header; self.title = title; self.subject = subject; self.blocks = blocks
        self.recipients = recipients
        (self.signerTitle, self.signerRole, self.signerName) = (signerTitle, signerRole, signerName)
    }

    public init(_ f: MonthlyFigures, nextPeriod: MonthlyFigures.NextPeriod) {
        let plan = f.plan, r = plan.reporting
        header = Header(style: r.style, superior: plan.superior, issuer: plan.issuer,
                        number: r.style == .party ? "Số    -\(r.numberSuffix)" : "Số:    /\(r.numberSuffix)",
                        place: plan.place, date: Self.reportDate(f))
        subject = "Kết quả công tác tuyên truyền \(VietnameseFormat.monthName(f.period)) theo Kế hoạch số \(plan.code)"
        recipients = r.recipients.enumerated().map { i, name in "- \(name)" + (i == r.recipients.count - 1 ? "." : ",") }
        (signerTitle, signerRole, signerName) = (r.signerTitle, r.signerRole, r.signerName)
        var b = ReportBuilder()
        if let sent = f.sent { b.element(.note("(" + sent.changes(now: f) + ")")) }
        if f.provisional {
            b.element(.note("(Số liệu tạm tính đến ngày \(f.asOf.vietnamese); hạn gửi báo cáo của các đơn vị là ngày \(f.due.vietnamese).)"))
        }
        b.element(.paragraph("Thực hiện Kế hoạch số \(plan.code) ngày \(plan.issued.vietnamese) của \(plan.issuer) về \(Self.lowerFirst(plan.title)), \(plan.issuer) báo cáo kết quả \(VietnameseFormat.monthName(f.period)) (từ ngày \(f.start.vietnamese) đến ngày \(f.end.vietnamese)) như sau:"))
        ReportSections.results(f, into: &b)
        ReportSections.assessment(f, into: &b)
        ReportSections.nextPeriod(f, nextPeriod, into: &b)
        blocks = b.blocks
    }

    /// The report is dated on its due day once that has passed; before, on the as-of day.
    public static func reportDate(_ f: MonthlyFigures) -> Day { min(f.asOf, f.due) }

    static func lowerFirst(_ s: String) -> String {
        guard let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }
}

struct ReportBuilder {
    var blocks: [ReportContent.Block] = []
    mutating func heading(_ level: Int, _ text: String) { blocks.append(.heading(.init(level: level, text: text))) }
    mutating func element(_ e: ReportContent.Element) { blocks.append(.element(e)) }
    mutating func bullet(_ s: String) { element(.bullet(s)) }
}

/// The three parts of the report's body.
enum ReportSections {
    /// Units named in one list of the report, at most.
    static let namedUnits = 30

    /// Units by name, at most `namedUnits` of them: a province's report must stay readable,
    /// and the workbook lists them all ("và 1.234 đơn vị khác — xem bảng tính, trang …").
    static func names(_ units: [UnitFigures], sheet: String) -> String {
        let shown = units.prefix(namedUnits).map(\.name).joined(separator: "; ")
        guard units.count > namedUnits else { return shown }
        return shown + " và \(VietnameseFormat.integer(units.count - namedUnits)) đơn vị khác — xem bảng tính, trang \(sheet)"
    }

    static func results(_ f: MonthlyFigures, into b: inout ReportBuilder) {
        b.heading(1, "I. KẾT QUẢ THỰC HIỆN")
        b.heading(2, "1. Tình hình báo cáo của các đơn vị")
        var reportLine = "Số đơn vị đã báo cáo: \(f.unitsReported)/\(f.unitsExpected) đơn vị (\(VietnameseFormat.percent(f.completeness)))"
        reportLine += f.unitsNilReport > 0 ? "; trong đó \(f.unitsNilReport) đơn vị báo cáo không có hoạt động trong tháng." : "."
        b.bullet(reportLine)
        if let onTime = f.unitsOnTime, let rate = f.timeliness {
            var line = "Số đơn vị báo cáo đúng hạn (đến ngày \(f.due.vietnamese)): \(onTime)/\(f.unitsExpected) đơn vị (\(VietnameseFormat.percent(rate)))"
            if f.unitsReceiptUnknown > 0 {
                line += "; \(f.unitsReceiptUnknown) đơn vị chưa xác định được ngày nhận báo cáo (không tính là chậm)"
            }
            b.bullet(line + ".")
        } else {
            b.bullet("Số đơn vị báo cáo đúng hạn: chưa xác định (chưa có sổ nhận báo cáo).")
        }
        if !f.subordinates.isEmpty { subordinates(f, into: &b) }
        b.heading(2, "2. Kết quả theo nội dung tuyên truyền")
        b.bullet("Trong tháng, các đơn vị tổ chức \(VietnameseFormat.integer(f.month.activities)) hoạt động tuyên truyền với \(VietnameseFormat.integer(f.month.participants)) lượt người tham dự; lũy kế từ đầu kế hoạch: \(VietnameseFormat.integer(f.cumulative.activities)) hoạt động, \(VietnameseFormat.integer(f.cumulative.participants)) lượt người.")
        for i in f.items where i.month.activities > 0 {
            b.bullet("\(i.title): \(VietnameseFormat.integer(i.month.activities)) hoạt động, \(VietnameseFormat.integer(i.month.participants)) lượt người, \(i.unitsCoveringMonth) đơn vị thực hiện.")
        }
        b.heading(2, "3. Kết quả theo hình thức tuyên truyền")
        let forms = f.forms.filter { $0.month.activities > 0 }
        if forms.isEmpty {
            b.bullet("Trong tháng chưa có hoạt động nào được báo cáo.")
        } else {
            b.element(.table(formTable(f, forms)))
        }
        b.heading(2, "4. Tiến độ các đợt tuyên truyền")
        if f.activePhases.isEmpty {
            b.bullet("Trong tháng không có đợt tuyên truyền nào diễn ra.")
        } else {
            b.element(.table(phaseTable(f)))
        }
    }

    /// The committees below that report by summary (issue 20): who sent, and what their own
    /// trees reported down to the grassroots.
    static func subordinates(_ f: MonthlyFigures, into b: inout ReportBuilder) {
        let subs = f.subordinates, sent = subs.filter { $0.summary != nil }
        var line = "Cấp ủy cấp dưới gửi báo cáo tổng hợp: \(sent.count)/\(subs.count) cấp ủy"
        if !sent.isEmpty {
            let expected = sent.reduce(0) { $0 + $1.summary!.unitsExpected }, reported = sent.reduce(0) { $0 + $1.summary!.unitsReported }
            line += "; tại các cấp ủy đã gửi, \(reported)/\(expected) đơn vị trực thuộc đã báo cáo"
                + (expected > 0 ? " (\(VietnameseFormat.percent(Double(reported) / Double(expected))))" : "")
        }
        b.bullet(line + ".")
        for p in f.activePhases {
            b.bullet("\(p.title): tỷ lệ bao phủ nội dung tính đến từng đơn vị cơ sở (\(VietnameseFormat.integer(p.grassroots.units)) đơn vị) \(VietnameseFormat.percent(p.coverageUnits)).")
        }
    }

    static func formTable(_ f: MonthlyFigures, _ forms: [FormFigures]) -> ReportContent.ReportTable {
        let plan = f.plan
        let bullets = forms.map { x -> String in
            var s = "\(x.title): \(VietnameseFormat.integer(x.month.activities)) hoạt động"
            let label = plan.forms[x.form].quantityLabel
            if x.month.participants > 0 || label == nil { s += ", \(VietnameseFormat.integer(x.month.participants)) lượt người" }
            if let label { s += ", \(VietnameseFormat.integer(x.month.quantity)) \(label)" }
            return s + "."
        }
        let rows = forms.map { x in
            [x.title, VietnameseFormat.integer(x.month.activities), VietnameseFormat.integer(x.month.participants),
             plan.forms[x.form].quantityLabel.map { "\(VietnameseFormat.integer(x.month.quantity)) \($0)" } ?? ""]
        }
        return .init(headers: ["Hình thức", "Hoạt động", "Lượt người", "Số lượng"], rows: rows, widths: [4.2, 1.6, 1.7, 2.5],
                     numeric: [1, 2], bullets: bullets)
    }

    static func phaseTable(_ f: MonthlyFigures) -> ReportContent.ReportTable {
        let plan = f.plan
        var rows: [[String]] = [], bullets: [String] = []
        for p in f.activePhases {
            let weakest = p.itemRates.enumerated().min { $0.element < $1.element }
            let weakestText = weakest.map { "\(plan.items[p.items[$0.offset]].title) (\(VietnameseFormat.percent($0.element)) đơn vị)" }
            rows.append(["\(p.title)\n(\(p.start.vietnamese) – \(p.end.vietnamese))", VietnameseFormat.integer(p.measures.activities),
                         VietnameseFormat.percent(p.coverage), weakestText ?? ""])
            var s = "\(p.title) (từ \(p.start.vietnamese) đến \(p.end.vietnamese)): lũy kế \(VietnameseFormat.integer(p.measures.activities)) hoạt động; tỷ lệ bao phủ nội dung bình quân \(VietnameseFormat.percent(p.coverage))"
            if let weakestText { s += "; nội dung ít đơn vị thực hiện nhất: \(weakestText)" }
            bullets.append(s + ".")
        }
        return .init(headers: ["Đợt", "Hoạt động (lũy kế)", "Bao phủ bình quân", "Nội dung ít đơn vị thực hiện nhất"],
                     rows: rows, widths: [3.2, 1.6, 1.6, 3.6], numeric: [1, 2], bullets: bullets)
    }

    static func assessment(_ f: MonthlyFigures, into b: inout ReportBuilder) {
        b.heading(1, "II. ĐÁNH GIÁ")
        b.heading(2, "1. Ưu điểm")
        var strengths: [String] = []
        if f.unitsExpected > 0, f.completeness >= ReportContent.goodCompleteness {
            strengths.append("\(f.unitsReported)/\(f.unitsExpected) đơn vị đã báo cáo (\(VietnameseFormat.percent(f.completeness)))"
                + (f.unitsOnTime.map { $0 > 0 ? ", \($0) đơn vị đúng hạn" : "" } ?? "") + ".")
        }
        if f.month.activities > 0 {
            strengths.append("Các đơn vị tổ chức \(VietnameseFormat.integer(f.month.activities)) hoạt động với \(VietnameseFormat.integer(f.month.participants)) lượt người tham dự.")
            let top = f.items.filter { $0.month.activities > 0 }.sorted {
                ($0.month.activities, $1.code) > ($1.month.activities, $0.code)
            }.prefix(3)
            strengths.append("Các nội dung được thực hiện nhiều nhất: " + top.map { "\($0.title) (\(VietnameseFormat.integer($0.month.activities)) hoạt động)" }.joined(separator: "; ") + ".")
        }
        if strengths.isEmpty { strengths.append("Trong tháng chưa có kết quả nổi bật để ghi nhận.") }
        strengths.forEach { b.bullet($0) }
        b.heading(2, "2. Hạn chế")
        let missing = f.notReported, refused = f.sentButRejected
        if missing.isEmpty && refused.isEmpty {
            b.bullet("Tất cả \(f.unitsExpected) đơn vị đã báo cáo.")
        } else if !missing.isEmpty {
            b.bullet("Còn \(missing.count)/\(f.unitsExpected) đơn vị chưa báo cáo: " + names(missing, sheet: "Chưa báo cáo") + ".")
        }
        if !refused.isEmpty {
            b.bullet("\(refused.count) đơn vị đã gửi nhưng số liệu chưa hợp lệ, đề nghị sửa và gửi lại: " + names(refused, sheet: "Chưa báo cáo") + ".")
        }
        let late = f.units.filter { if case .late = $0.timeliness, $0.expected { true } else { false } }
        if !late.isEmpty {
            b.bullet("\(late.count) đơn vị báo cáo chậm so với hạn: " + names(late, sheet: "Đơn vị") + ".")
        }
        // A committee that sent its summary while its own units had not reported.
        let weak = f.subordinates.filter { ($0.summary?.completeness ?? 1) < ReportContent.goodCompleteness }
        if !weak.isEmpty {
            b.bullet("Cấp ủy cấp dưới có tỷ lệ đơn vị trực thuộc báo cáo thấp: " + weak.prefix(namedUnits).map {
                "\($0.unit.name) (\($0.summary!.unitsReported)/\($0.summary!.unitsExpected) đơn vị, \(VietnameseFormat.percent($0.summary!.completeness)))"
            }.joined(separator: "; ") + (weak.count > namedUnits ? " và \(weak.count - namedUnits) cấp ủy khác — xem bảng tính, trang \(SummaryWorkbook.sheetSubordinates)" : "") + ".")
        }
        for p in f.activePhases {
            let low = p.itemRates.enumerated().filter { $0.element < ReportContent.lowCoverage }
            if !low.isEmpty {
                b.bullet("\(p.title): nội dung dưới \(VietnameseFormat.percent(ReportContent.lowCoverage)) đơn vị thực hiện: " + low.map { "\(f.plan.items[p.items[$0.offset]].title) (\(VietnameseFormat.percent($0.element)))" }.joined(separator: "; ") + ".")
            }
        }
        let errors = f.rejectedInMonth
        if errors.rows > 0 {
            b.bullet("\(VietnameseFormat.integer(errors.rows)) dòng số liệu của \(errors.units) đơn vị chưa hợp lệ, đã đề nghị đơn vị sửa.")
        }
        if f.outsidePhases > 0 {
            b.bullet("Có \(VietnameseFormat.integer(f.outsidePhases)) hoạt động diễn ra ngoài thời gian các đợt tuyên truyền (được tính vào tổng số, không tính bao phủ).")
        }
    }

    static func nextPeriod(_ f: MonthlyFigures, _ next: MonthlyFigures.NextPeriod, into b: inout ReportBuilder) {
        let plan = f.plan
        b.heading(1, "III. PHƯƠNG HƯỚNG, NHIỆM VỤ \(VietnameseFormat.upper(VietnameseFormat.monthName(next.period)))")
        if next.phases.isEmpty {
            b.bullet("Các đợt tuyên truyền của kế hoạch đã kết thúc; các đơn vị tổng kết, đánh giá kết quả thực hiện kế hoạch.")
        }
        for p in next.phases {
            let items = p.items.map { plan.items[$0].title }.joined(separator: "; ")
            let when = p.start > f.end ? "bắt đầu từ ngày \(p.start.vietnamese), đến ngày \(p.end.vietnamese)" : "tiếp tục đến ngày \(p.end.vietnamese)"
            b.bullet("\(p.title): \(when); các nội dung: \(items).")
        }
        let missing = f.notReported + f.sentButRejected
        if !missing.isEmpty {
            b.bullet("Đôn đốc các đơn vị chưa báo cáo: " + names(missing, sheet: "Chưa báo cáo") + ".")
        }
        b.bullet("Các đơn vị gửi báo cáo \(VietnameseFormat.monthName(next.period)) về \(plan.reporting.recipient == plan.issuer ? "cơ quan thường trực" : plan.issuer) trước ngày \(next.due.vietnamese).")
    }
}
