import Foundation

/// A validation's XML, kept for the next sheet that has the same one: every unit's "Dòng cần
/// sửa" checks the same columns with the same prompts, and cutting and escaping their texts
/// again was part of each unit workbook's head (issue 21). The last few are kept, compared
/// field by field, texts by their bytes.
enum ValidationXML {
    struct Key: Equatable {
        let r1: Int, c1: Int, r2: Int, c2: Int
        let rule: Worksheet.Validation
        let strictness: Worksheet.Strictness
        let promptTitle: String?, prompt: String?, errorTitle: String?, error: String?

        /// Texts compared by their bytes, as they are written (String's == would take two
        /// canonically equal spellings for one).
        static func == (a: Key, b: Key) -> Bool {
            func same(_ x: String?, _ y: String?) -> Bool {
                switch (x, y) {
                case (nil, nil): true
                case let (x?, y?): ByteKey(x) == ByteKey(y)
                default: false
                }
            }
            let rules = switch (a.rule, b.rule) {
            case let (.list(x), .list(y)): same(x, y)
            default: a.rule == b.rule
            }
            return a.r1 == b.r1 && a.c1 == b.c1 && a.r2 == b.r2 && a.c2 == b.c2 && rules && a.strictness == b.strictness
                && same(a.promptTitle, b.promptTitle) && same(a.prompt, b.prompt)
                && same(a.errorTitle, b.errorTitle) && same(a.error, b.error)
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var recent: [(key: Key, bytes: [UInt8])] = []
    static let kept = 32

    static func bytes(for key: Key) -> [UInt8] {
        lock.lock()
        let known = recent.first { $0.key == key }?.bytes
        lock.unlock()
        if let known { return known }
        let made = build(key)
        lock.lock()
        if recent.count >= kept { recent.removeFirst() }
        recent.append((key, made))
        lock.unlock()
        return made
    }

    /// `<dataValidation …>…</dataValidation>`, texts cut to Excel's limits as libxlsxwriter
    /// cuts them (the plain twin: `bytes(for:)` finds what this made).
    static func build(_ k: Key) -> [UInt8] {
        var x = XMLBytes(capacity: 512)
        x.raw("<dataValidation")
        switch k.rule {
        case .list: x.raw(" type=\"list\"")
        case .dateBetween: x.raw(" type=\"date\"")
        case .integerAtLeast: x.raw(" type=\"whole\"")
        }
        if k.strictness == .information { x.raw(" errorStyle=\"information\"") }
        if case .integerAtLeast = k.rule { x.raw(" operator=\"greaterThanOrEqual\"") }
        x.raw(" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\"")
        if let title = k.errorTitle, let message = k.error {
            x.attribute("errorTitle", ExcelLimits.cut(title, to: ExcelLimits.maxValidationTitle))
            x.attribute("error", ExcelLimits.cut(message, to: ExcelLimits.maxValidationMessage))
        }
        if let title = k.promptTitle, let message = k.prompt {
            x.attribute("promptTitle", ExcelLimits.cut(title, to: ExcelLimits.maxValidationTitle))
            x.attribute("prompt", ExcelLimits.cut(message, to: ExcelLimits.maxValidationMessage))
        }
        x.raw(" sqref=\""); x.cell(k.r1, k.c1)
        if k.r2 != k.r1 || k.c2 != k.c1 { x.raw(":"); x.cell(k.r2, k.c2) }
        x.raw("\"><formula1>")
        switch k.rule {
        case .list(let source): x.text(source.hasPrefix("=") ? String(source.dropFirst()) : source); x.raw("</formula1>")
        case .dateBetween(let a, let b): x.number(a); x.raw("</formula1><formula2>"); x.number(b); x.raw("</formula2>")
        case .integerAtLeast(let n): x.number(n); x.raw("</formula1>")
        }
        x.raw("</dataValidation>")
        return x.bytes
    }
}
