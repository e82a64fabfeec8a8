import Testing
@testable import XLSXWriter

/// A validation found among the recent ones is the one `build` makes for it, whichever
/// differs from it by one field came before.
@Suite struct ValidationXMLTests {
    @Test func aValidationFoundIsTheOneBuiltWhateverTheOneBefore() {
        typealias Key = ValidationXML.Key
        let base = Key(r1: 2, c1: 0, r2: 500, c2: 0, rule: .list(source: "'Danh mục'!$A$2:$A$20"), strictness: .stop,
                       promptTitle: "Mã nội dung", prompt: "Chọn mã trong danh sách", errorTitle: "Sai mã", error: "Mã không có")
        func with(_ change: (inout (r1: Int, c1: Int, r2: Int, c2: Int, rule: Worksheet.Validation, strict: Worksheet.Strictness,
                                     pt: String?, p: String?, et: String?, e: String?)) -> Void) -> Key {
            var v = (r1: base.r1, c1: base.c1, r2: base.r2, c2: base.c2, rule: base.rule, strict: base.strictness,
                     pt: base.promptTitle, p: base.prompt, et: base.errorTitle, e: base.error)
            change(&v)
            return Key(r1: v.r1, c1: v.c1, r2: v.r2, c2: v.c2, rule: v.rule, strictness: v.strict,
                       promptTitle: v.pt, prompt: v.p, errorTitle: v.et, error: v.e)
        }
        let keys = [
            base,
            with { $0.r1 = 3 }, with { $0.c1 = 1; $0.c2 = 1 }, with { $0.r2 = 501 }, with { $0.c2 = 2 },
            with { $0.rule = .list(source: "'Danh mục'!$B$2:$B$20") }, with { $0.rule = .dateBetween(43_831, 44_196) },
            with { $0.rule = .dateBetween(43_831, 44_197) }, with { $0.rule = .integerAtLeast(0) }, with { $0.rule = .integerAtLeast(1) },
            with { $0.strict = .information }, with { $0.pt = "Mã" }, with { $0.p = "Chọn mã" }, with { $0.pt = nil; $0.p = nil },
            with { $0.et = "Sai" }, with { $0.e = "Không có" }, with { $0.et = nil; $0.e = nil },
        ]
        for a in keys {
            for b in keys {
                #expect(ValidationXML.bytes(for: a) == ValidationXML.build(a))
                #expect(ValidationXML.bytes(for: b) == ValidationXML.build(b))
            }
        }
    }
}
