import Foundation

/// The parts a workbook's layout decides alone — content types, relationships, the sheet list
/// and its defined names, styles — deflated, kept for the next workbook of the same layout:
/// building and looking them up was some 40 µs of each unit's workbook, an eighth of it, and
/// 100,000 units have a handful of layouts between them (issue 21). The last few layouts are
/// kept, compared field by field.
struct FixedParts {
    let contentTypes, packageRelationships, app, workbook, workbookRelationships, styles: ZipBuilder.Deflated

    /// Everything those parts are made of: each sheet's name, filter range and print titles,
    /// whether there are shared strings and custom properties, and the cell formats in the
    /// order they were first used (the styles part and every `s` index follow from it).
    struct Layout: Equatable {
        let sheets: [(name: String, filter: (Int, Int, Int, Int)?, titles: ClosedRange<Int>?)]
        let hasStrings: Bool, hasCustom: Bool
        let formats: [FormatSpec]

        static func == (a: Layout, b: Layout) -> Bool {
            guard a.hasStrings == b.hasStrings, a.hasCustom == b.hasCustom, a.sheets.count == b.sheets.count,
                  a.formats == b.formats else { return false }
            for (x, y) in zip(a.sheets, b.sheets) {
                // Names by their bytes, as they are written.
                guard ByteKey(x.name) == ByteKey(y.name), x.titles == y.titles else { return false }
                switch (x.filter, y.filter) {
                case (nil, nil): continue
                case let (f?, g?): guard f == g else { return false }
                default: return false
                }
            }
            return true
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [(layout: Layout, parts: FixedParts)] = []
    static let limit = 8

    static func recent(_ layout: Layout) -> FixedParts? {
        lock.lock()
        defer { lock.unlock() }
        return kept.first { $0.layout == layout }?.parts
    }

    static func remember(_ layout: Layout, _ parts: FixedParts) {
        lock.lock()
        if kept.count >= limit { kept.removeLast() }
        kept.insert((layout, parts), at: 0)
        lock.unlock()
    }
}
