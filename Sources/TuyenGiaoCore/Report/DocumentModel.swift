/// A printed document as values: page, paragraphs of runs, tables (SPEC §7.2). Built in the
/// core (what is bold, centred, in which table cell), written to .docx by the shell's
/// `DocumentRenderer` through the domain-free `DocxWriter`. Lengths in millimetres, sizes in
/// points.
public struct DocumentModel: Sendable, Equatable {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var bold = false
        public var italic = false
        public var size: Double?
        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil) {
            self.text = text; self.bold = bold; self.italic = italic; self.size = size
        }
    }

    public enum Alignment: Sendable, Equatable { case left, center, right, justified }

    public struct Paragraph: Sendable, Equatable {
        public var runs: [Run]
        public var alignment: Alignment
        public var firstLineIndent: Double = 0
        public var leftIndent: Double = 0
        public var rightIndent: Double = 0
        public var spaceBefore: Double = 0
        public var spaceAfter: Double = 0
        /// 1.0 = single.
        public var lineSpacing: Double = 1.0
        public var keepWithNext = false
        public var ruleBelow = false
        public init(_ runs: [Run], alignment: Alignment = .left) { self.runs = runs; self.alignment = alignment }
        public var text: String { runs.map(\.text).joined() }
    }

    public struct Table: Sendable, Equatable {
        /// Column widths in millimetres.
        public var columns: [Double]
        public var rows: [[[Paragraph]]]
        public var borders: Bool
        public var headerRows: Int
    }

    public enum Block: Sendable, Equatable {
        case paragraph(Paragraph)
        case table(Table)
    }

    public struct Page: Sendable, Equatable {
        public var width = 210.0, height = 297.0
        public var top = 20.0, bottom = 20.0, left = 30.0, right = 15.0
        public var numbersFromSecondPage = true
    }

    public var page = Page()
    public var font = "Times New Roman"
    public var size = 14.0
    public var title: String
    public var created: Day
    public var blocks: [Block] = []

    public init(title: String, created: Day) { self.title = title; self.created = created }

    /// Every paragraph, tables' cells included, in reading order (for tests and checks).
    public var paragraphs: [Paragraph] {
        blocks.flatMap { block -> [Paragraph] in
            switch block {
            case .paragraph(let p): [p]
            case .table(let t): t.rows.flatMap { $0.flatMap { $0 } }
            }
        }
    }
}
