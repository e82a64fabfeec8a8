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
        var xfd = XMLBytes(capacity: 64)
        xfd.cellStart(1_048_575, 16_383, style: 0)
        #expect(String(decoding: xfd.bytes, as: UTF8.self) == "<c r=\"XFD1048576\"", "Excel's last cell")
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
