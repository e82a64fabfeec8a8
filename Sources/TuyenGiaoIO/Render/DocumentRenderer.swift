import DocxWriter
import Foundation
import TuyenGiaoCore

/// `DocumentModel` (the core's values) → a .docx through the domain-free `DocxWriter`.
public enum DocumentRenderer {
    static func twips(_ mm: Double) -> Int { Int((mm * 1440 / 25.4).rounded()) }
    static func twipsFromPoints(_ pt: Double) -> Int { Int((pt * 20).rounded()) }

    public static func data(_ model: DocumentModel) throws -> Data {
        var page = WordDocument.Page()
        page.width = twips(model.page.width); page.height = twips(model.page.height)
        page.top = twips(model.page.top); page.bottom = twips(model.page.bottom)
        page.left = twips(model.page.left); page.right = twips(model.page.right)
        page.numbersFromSecondPage = model.page.numbersFromSecondPage
        let doc = WordDocument(page: page, font: model.font, size: model.size, title: model.title,
                               created: model.created.iso + "T00:00:00Z")
        for block in model.blocks {
            switch block {
            case .paragraph(let p): doc.add(paragraph(p))
            case .table(let t):
                doc.add(WordDocument.Table(columns: t.columns.map(twips), rows: t.rows.map { $0.map { $0.map(paragraph) } },
                                           borders: t.borders, headerRows: t.headerRows))
            }
        }
        // The zip library converts the entries' date with gmtime().
        GmtimeGate.shared.enter(WordDocument.entryTimestamp)
        defer { GmtimeGate.shared.leave() }
        return try doc.data()
    }

    static func paragraph(_ p: DocumentModel.Paragraph) -> WordDocument.Paragraph {
        let alignment: WordDocument.Alignment = switch p.alignment {
        case .left: .left
        case .center: .center
        case .right: .right
        case .justified: .both
        }
        var out = WordDocument.Paragraph(p.runs.map { WordDocument.Run($0.text, bold: $0.bold, italic: $0.italic, size: $0.size) },
                                         alignment: alignment)
        out.firstLineIndent = twips(p.firstLineIndent)
        out.leftIndent = twips(p.leftIndent)
        out.rightIndent = twips(p.rightIndent)
        out.spaceBefore = twipsFromPoints(p.spaceBefore)
        out.spaceAfter = twipsFromPoints(p.spaceAfter)
        out.lineSpacing = Int((p.lineSpacing * 240).rounded())
        out.keepWithNext = p.keepWithNext
        out.ruleBelow = p.ruleBelow
        return out
    }
}
