/// The monthly report as lines of text in the official layout (SPEC §7.2; Hướng dẫn
/// 36-HD/VPTW for party documents). Every figure comes from `MonthlyFigures`, the same
/// value the workbook is built from.
public enum TextReport {
    public static let width = 88
    static let leftColumn = 42
    static let rightColumn = 46

    public static func render(_ f: MonthlyFigures, nextPeriod: MonthlyFigures.NextPeriod) -> String {
        render(ReportContent(f, nextPeriod: nextPeriod))
    }

    public static func render(_ c: ReportContent) -> String { lines(c).joined(separator: "\n") + "\n" }

    public static func lines(_ c: ReportContent) -> [String] {
        var out: [String] = []
        out += header(c.header)
        out.append("")
        if !c.title.isEmpty { out.append(TextLayout.center(c.title, in: width).trimmedRight) }
        for l in TextLayout.wrap(c.subject, width: 70) { out.append(TextLayout.center(l, in: width).trimmedRight) }
        out.append(TextLayout.center("-----", in: width).trimmedRight)
        out.append("")
        for (i, block) in c.blocks.enumerated() {
            switch block {
            case .heading(let h):
                if i > 0, out.last != "" { out.append("") }
                out.append(h.text)
                if h.level == 1 { out.append("") }
            case .element(.paragraph(let text)), .element(.note(let text)):
                out += TextLayout.wrap(text, width: width, firstPrefix: "    ")
            case .element(.bullet(let text)):
                bullet(&out, text)
            case .element(.table(let t)):
                t.bullets.forEach { bullet(&out, $0) }
            }
        }
        out.append("")
        out += footer(c)
        return out
    }

    // MARK: - Blocks

    static func header(_ h: ReportContent.Header) -> [String] {
        var left: [String] = []
        if let sup = h.superior { left += TextLayout.wrap(sup.uppercased(), width: leftColumn - 2) }
        left += TextLayout.wrap(h.issuer.uppercased(), width: leftColumn - 2)
        var right: [String]
        switch h.style {
        case .party:
            left.append("*")
            right = ["ĐẢNG CỘNG SẢN VIỆT NAM", "______________________"]
        case .state:
            left.append("______")
            right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "___________________"]
        }
        // Number under the left block, place and date under the right line, on one row.
        while right.count < left.count { right.append("") }
        while left.count < right.count { left.append("") }
        left.append(h.number)
        right.append(h.placeAndDate)
        return TextLayout.sideBySide(left, right, leftWidth: leftColumn, rightWidth: rightColumn)
    }

    static func footer(_ c: ReportContent) -> [String] {
        let left = ["Nơi nhận:"] + c.recipients
        // Room for the signature and seal above the name, when there is a name.
        let right = [c.signerTitle, c.signerRole] + (c.signerName.isEmpty ? [] : ["", "", "", c.signerName])
        return TextLayout.sideBySide(left, right, leftWidth: leftColumn, rightWidth: rightColumn, centerLeft: false)
    }

    static func bullet(_ out: inout [String], _ text: String) {
        out += TextLayout.wrap(text, width: width, firstPrefix: "- ", restPrefix: "  ")
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
