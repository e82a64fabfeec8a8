/// The report's words (`ReportContent`) laid out as a Word document in the official layout
/// (Hướng dẫn 36-HD/VPTW for party documents; the state style for `style: state`): A4,
/// margins 20/20/30/15 mm, Times New Roman 14 pt, justified body with a first-line indent,
/// the header block and the signature block as borderless two-column tables.
public enum ReportDocument {
    typealias P = DocumentModel.Paragraph
    typealias R = DocumentModel.Run

    /// The text block's width: 210 mm less the 30 and 15 mm margins.
    static let textWidth = 165.0
    static let indent = 10.0

    public static func build(_ c: ReportContent, created: Day) -> DocumentModel {
        var doc = DocumentModel(title: c.title + " " + c.subject, created: created)
        doc.blocks.append(.table(header(c.header)))
        var title = P([R(c.title, bold: true, size: 16)], alignment: .center)
        title.spaceBefore = 12
        title.keepWithNext = true
        var subject = P([R(c.subject, bold: true)], alignment: .center)
        subject.keepWithNext = true
        var rule = P([R("-----")], alignment: .center)
        rule.spaceAfter = 6
        // A letter (công văn) has no title of its own: its subject line says what it is about.
        doc.blocks += (c.title.isEmpty ? [] : [.paragraph(title)]) + [.paragraph(subject), .paragraph(rule)]
        for block in c.blocks { doc.blocks.append(contentsOf: body(block)) }
        doc.blocks.append(.paragraph(P([])))
        doc.blocks.append(.table(footer(c)))
        return doc
    }

    /// A body paragraph: justified, first line indented, 6 pt after, line spacing 1.15.
    static func bodyParagraph(_ runs: [R]) -> P {
        var p = P(runs, alignment: .justified)
        p.firstLineIndent = indent
        p.spaceAfter = 6
        p.lineSpacing = 1.15
        return p
    }

    static func body(_ block: ReportContent.Block) -> [DocumentModel.Block] {
        switch block {
        case .heading(let h):
            var p = bodyParagraph([R(h.text, bold: true)])
            p.keepWithNext = true
            if h.level == 1 { p.spaceBefore = 6 }
            return [.paragraph(p)]
        case .element(.paragraph(let text)):
            return [.paragraph(bodyParagraph([R(text)]))]
        case .element(.note(let text)):
            return [.paragraph(bodyParagraph([R(text, italic: true)]))]
        case .element(.bullet(let text)):
            return [.paragraph(bodyParagraph([R("- " + text)]))]
        case .element(.table(let t)):
            return [.table(table(t)), .paragraph(P([]))]
        }
    }

    /// A results table: ruled, header row bold and repeated on every page, numbers right.
    static func table(_ t: ReportContent.ReportTable) -> DocumentModel.Table {
        let total = t.widths.reduce(0, +)
        let columns = t.widths.map { ($0 / total * textWidth * 10).rounded() / 10 }
        func cell(_ text: String, column: Int, header: Bool) -> [P] {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                var p = P([R(String(line), bold: header, size: 13)],
                          alignment: header ? .center : (t.numeric.contains(column) ? .right : .left))
                p.spaceBefore = 2
                p.spaceAfter = 2
                return p
            }
        }
        let rows = [t.headers.enumerated().map { cell($1, column: $0, header: true) }]
            + t.rows.map { row in row.enumerated().map { cell($1, column: $0, header: false) } }
        return DocumentModel.Table(columns: columns, rows: rows, borders: true, headerRows: 1)
    }

    /// Left: the superior body (capitals) over the issuing body (capitals, bold), a `*`
    /// under it, the number line. Right: the national or party heading (capitals, bold)
    /// with a rule under it, then place and date in italics.
    static func header(_ h: ReportContent.Header) -> DocumentModel.Table {
        func centred(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil) -> P {
            P([R(text, bold: bold, italic: italic, size: size)], alignment: .center)
        }
        var left: [P] = []
        if let sup = h.superior { left.append(centred(VietnameseFormat.upper(sup))) }
        var issuer = centred(VietnameseFormat.upper(h.issuer), bold: true)
        var right: [P]
        switch h.style {
        case .party:
            left.append(issuer)
            left.append(centred("*"))
            var heading = centred("ĐẢNG CỘNG SẢN VIỆT NAM", bold: true)
            heading.ruleBelow = true
            (heading.leftIndent, heading.rightIndent) = (9, 9)
            right = [heading]
        case .state:
            issuer.ruleBelow = true
            (issuer.leftIndent, issuer.rightIndent) = (20, 20)
            left.append(issuer)
            var motto = centred("Độc lập - Tự do - Hạnh phúc", bold: true)
            motto.ruleBelow = true
            (motto.leftIndent, motto.rightIndent) = (17, 17)
            right = [centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 13), motto]
        }
        var number = centred(h.number)
        number.spaceBefore = 6
        left.append(number)
        var date = centred(h.placeAndDate, italic: true)
        date.spaceBefore = 6
        right.append(date)
        return DocumentModel.Table(columns: [72, 93], rows: [[left, right]], borders: false, headerRows: 0)
    }

    /// `Nơi nhận:` and its list at the left, the signature block at the right, with room for
    /// the signature and the seal.
    static func footer(_ c: ReportContent) -> DocumentModel.Table {
        var left = [P([R("Nơi nhận:", bold: true, italic: true, size: 12)])]
        left += c.recipients.map { P([R($0, size: 11)]) }
        var right = [P([R(VietnameseFormat.upper(c.signerTitle), bold: true)], alignment: .center),
                     P([R(VietnameseFormat.upper(c.signerRole), bold: true)], alignment: .center)]
        right += Array(repeating: P([]), count: 4)
        if !c.signerName.isEmpty { right.append(P([R(c.signerName, bold: true)], alignment: .center)) }
        return DocumentModel.Table(columns: [80, 85], rows: [[left, right]], borders: false, headerRows: 0)
    }
}
