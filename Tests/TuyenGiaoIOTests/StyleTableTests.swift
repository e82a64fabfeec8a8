import Foundation
import Testing
@testable import XLSXWriter
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// A workbook's cell formats (`StyleTable`): each distinct spec one `s` index from 1 in the
/// order of first use, the default spec 0 — whether it is found by comparing it with each
/// known one (up to `scanned`) or through the table built past them; and the styles part lists
/// them in that order.
@Suite struct StyleTableTests {
    @Test func eachSpecKeepsTheIndexOfItsFirstUse() {
        let specs = (0..<40).map { k in
            FormatSpec(bold: k % 2 == 0, fontSize: Double(9 + k % 5), numberFormat: k % 3 == 0 ? "#,##0" : nil, indent: k / 5)
        }
        #expect(Set(specs).count == 40 && 40 > StyleTable.scanned)
        var table = StyleTable()
        var first: [FormatSpec: Int] = [:]
        var state: UInt64 = 3
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly the formats seen so far, sometimes the next new one: indexes cross `scanned`.
            let k = min(Int(state >> 33) % (first.count + 2), specs.count - 1)
            let expected = first[specs[k]] ?? first.count + 1
            #expect(table.index(specs[k]) == expected, "spec \(k)")
            first[specs[k]] = expected
            #expect(table.index(nil) == 0 && table.index(FormatSpec()) == 0)
        }
        #expect(first.count == 40)
        #expect(table.formats == specs.sorted { first[$0]! < first[$1]! })
    }

    /// The renderer's formats made once are the ones it would make for the style.
    @Test func everyStylesFormatIsTheOneMadeForIt() {
        let styles: [CellStyle] = [.text, .wrapped, .header, .title, .subtitle, .label, .note, .banner, .bold, .indented(0),
                                   .indented(2), .indentedBold(1), .integer, .integerBold, .percent, .percentBold, .date]
        for style in styles { #expect(WorkbookRenderer.format(style) == WorkbookRenderer.makeFormat(style), "\(style)") }
        #expect(Set(styles.map(WorkbookRenderer.format)).count == styles.count, "no two styles share a format")
    }
}
