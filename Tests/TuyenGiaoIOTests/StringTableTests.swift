import Foundation
import Testing
@testable import XLSXWriter

/// A workbook's shared strings (`StringTable`) give each text the index a dictionary of its
/// bytes gives — first use first, the same text the same index — through growth from a
/// table of 16 slots, for texts of every length around the hash's 8-byte words, texts
/// that differ in one byte anywhere, the empty text, and texts equal as Unicode but not as
/// bytes (composed and decomposed), which Excel keeps apart as libxlsxwriter does.
@Suite struct StringTableTests {
    @Test func eachTextGetsTheIndexADictionaryOfItsBytesGives() {
        var state: UInt64 = 7
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        let alphabet = Array("abcĐđạ ộ0;<&".unicodeScalars)
        var texts = ["", "a", "Đảng bộ tỉnh", "Đa\u{309}ng bộ tỉnh", "12345678", "123456789", "1234567", "12345670"]
        for _ in 0..<3_000 {
            texts.append(String(String.UnicodeScalarView((0..<next(40)).map { _ in alphabet[next(alphabet.count)] })))
        }
        // One byte changed at every place of a 20-byte text.
        let base = Array("Nội dung số 17 ab".utf8)
        for k in base.indices { var b = base; b[k] ^= 1; if let t = String(validating: b, as: UTF8.self) { texts.append(t) } }
        var table = StringTable(capacity: 16)
        var reference: [[UInt8]: Int] = [:]
        for _ in 0..<3 {   // every text looked up again after all were added
            for text in texts {
                let bytes = Array(text.utf8)
                let expected = reference[bytes] ?? reference.count
                let (index, added) = table.index(of: text)
                #expect(index == expected && added == (reference[bytes] == nil), "\(text.debugDescription)")
                reference[bytes] = expected
            }
        }
        #expect(table.count == reference.count && table.count > 2_500)
        #expect(table.index(of: "Đảng bộ tỉnh").index != table.index(of: "Đa\u{309}ng bộ tỉnh").index)
    }
}
