import Foundation
import Testing
@testable import XLSXWriter

/// The fused cell pieces `SmallWorksheet` writes each cell with are the same bytes as the
/// pieces one by one, at the edges of Excel's grid (a letter more, a digit more).
@Suite struct XMLBytesTests {
    @Test func aCellsOpeningIsItsReferenceAndStyleAsThePiecesWriteThem() {
        let columns = [0, 1, 25, 26, 27, 51, 52, 701, 702, 703, 18_277, 16_383]
        let rows = [0, 8, 9, 98, 99, 1_048_575]
        for col in columns {
            for row in rows {
                for style in [0, 1, 9, 10, 12_345] {
                    var fused = XMLBytes(capacity: 64), pieces = XMLBytes(capacity: 64)
                    fused.cellStart(row, col, style: style)
                    pieces.raw("<c r=\""); pieces.cell(row, col); pieces.raw("\"")
                    if style != 0 { pieces.attribute("s", style) }
                    #expect(fused.bytes == pieces.bytes, "row \(row), column \(col), style \(style)")
                }
            }
        }
        // Both share one way of spelling columns and numbers: spelled out here by hand.
        for (row, col, style, written) in [(0, 0, 0, "<c r=\"A1\""), (9, 25, 3, "<c r=\"Z10\" s=\"3\""),
                                           (99, 26, 10, "<c r=\"AA100\" s=\"10\""), (0, 701, 0, "<c r=\"ZZ1\""),
                                           (0, 702, 0, "<c r=\"AAA1\""), (1_048_575, 16_383, 0, "<c r=\"XFD1048576\"")] {
            var x = XMLBytes(capacity: 64)
            x.cellStart(row, col, style: style)
            #expect(String(decoding: x.bytes, as: UTF8.self) == written)
        }
        var negative = XMLBytes(capacity: 8)
        negative.int(-120)
        #expect(String(decoding: negative.bytes, as: UTF8.self) == "-120")
    }

    /// Numbers as libxlsxwriter's %.16G spells them: whole ones without a point, the others in
    /// their shortest form, an exponent's E upper case.
    @Test func numbersAreSpelledAsExcelReadsThem() {
        for (v, written) in [(0.0, "0"), (12.0, "12"), (-3.0, "-3"), (0.8125, "0.8125"), (0.1, "0.1"), (1e-05, "1E-05"),
                             (2.5e20, "2.5E+20"), (Double.infinity, "INF")] {
            var x = XMLBytes(capacity: 8)
            x.number(v)
            #expect(String(decoding: x.bytes, as: UTF8.self) == written, "\(v)")
        }
    }

    /// Whole numbers of 256ths (column widths, row heights) are written from their digits, not
    /// through `description`: every one of them under 2^20 and either side of it, negative
    /// too, reads as `description` spells it; just past the bound, the general path takes over.
    @Test func twoHundredFiftySixthsAreSpelledAsTheirShortestDecimal() {
        func spelled(_ v: Double) -> String {
            var x = XMLBytes(capacity: 8)
            x.number(v)
            return String(decoding: x.bytes, as: UTF8.self)
        }
        var checked = 0
        for whole in [0, 1, 7, 12, 99, 100, 255, 409, 1000, 65_535, 1_048_575, 1_048_576, 1_048_577, 4_294_967_295] {
            for k in 0..<256 {
                for sign in [1.0, -1.0] {
                    let v = sign * (Double(whole) + Double(k) / 256)
                    #expect(spelled(v) == (v == v.rounded() ? String(Int(v)) : v.description.uppercased()), "\(whole) + \(k)/256")
                    checked += 1
                }
            }
        }
        #expect(checked == 14 * 256 * 2)
        #expect(XMLBytes.twoHundredFiftySixths(12.7109375) == 182)
        #expect(XMLBytes.twoHundredFiftySixths(1_048_576.5) == nil, "past 2^20: the general path")
        #expect(XMLBytes.twoHundredFiftySixths(0.1) == nil)
        #expect(XMLBytes.twoHundredFiftySixths(12) == nil && XMLBytes.twoHundredFiftySixths(-3) == nil, "a whole number has no 256ths")
    }

    /// Each character that needs escaping is found on its own (a text is copied as it is when
    /// a scan finds none of them), in an element and in an attribute.
    @Test func eachSpecialCharacterIsEscapedOnItsOwn() {
        for (text, element, attribute) in [("a&b", "a&amp;b", "a&amp;b"), ("a<b", "a&lt;b", "a&lt;b"), ("a>b", "a&gt;b", "a&gt;b"),
                                           ("a\"b", "a\"b", "a&quot;b"), ("a\tb", "a\tb", "a&#9;b"), ("a\u{1}b", "a_x0001_b", "a_x0001_b"),
                                           ("Đơn vị ?", "Đơn vị ?", "Đơn vị ?")] {
            var e = XMLBytes(capacity: 8), a = XMLBytes(capacity: 8)
            e.text(text)
            a.text(text, attribute: true)
            #expect(String(decoding: e.bytes, as: UTF8.self) == element, "\(text)")
            #expect(String(decoding: a.bytes, as: UTF8.self) == attribute, "\(text)")
        }
    }

    /// The buffer grows past the room it was made with, keeping what was written, whether a
    /// piece is a few bytes (copied one by one) or many (one copy).
    @Test func theBufferGrowsAndKeepsEveryByte() {
        var x = XMLBytes(capacity: 1)
        var expected = ""
        for k in 0..<3_000 {
            let text = k % 7 == 0 ? String(repeating: "Đơn vị \(k) ", count: 5) : "<\(k)>"
            x.text(text)
            expected += text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        #expect(x.count == expected.utf8.count)
        #expect(String(decoding: x.bytes, as: UTF8.self) == expected)
    }

    @Test func aSharedStringCellsRestIsItsIndexAsThePiecesWriteIt() {
        for index in [0, 9, 10, 99, 100, 65_535, 1_000_000] {
            var fused = XMLBytes(capacity: 64), pieces = XMLBytes(capacity: 64)
            fused.sharedStringValue(index)
            pieces.raw(" t=\"s\"><v>"); pieces.int(index); pieces.raw("</v></c>")
            #expect(fused.bytes == pieces.bytes, "index \(index)")
        }
    }
}
