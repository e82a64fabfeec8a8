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

    @Test func aSharedStringCellsRestIsItsIndexAsThePiecesWriteIt() {
        for index in [0, 9, 10, 99, 100, 65_535, 1_000_000] {
            var fused = XMLBytes(capacity: 64), pieces = XMLBytes(capacity: 64)
            fused.sharedStringValue(index)
            pieces.raw(" t=\"s\"><v>"); pieces.int(index); pieces.raw("</v></c>")
            #expect(fused.bytes == pieces.bytes, "index \(index)")
        }
    }
}
