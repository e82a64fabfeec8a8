/// The cell formats of a `SmallWorkbook`: each distinct `FormatSpec` one cell format (`xf`),
/// fonts, fills, borders and number formats each listed once, in order of first use — the
/// same `styles.xml` libxlsxwriter would write for the same formats (ECMA-376 §18.8).
struct StyleTable {
    private struct Font: Hashable { var bold: Bool, italic: Bool, size: Double, color: UInt32? }

    private var xfs: [FormatSpec] = []
    /// Built only past `scanned` formats.
    private var xfIndex: [FormatSpec: Int] = [:]
    private var fonts: [Font] = [Font(bold: false, italic: false, size: 11, color: nil)]
    private var fills: [UInt32] = []
    private var numberFormats: [String] = []

    private var last: (spec: FormatSpec, index: Int)?

    /// The formats in the order of their `s` index (1…): the styles part follows from them.
    var formats: [FormatSpec] { xfs }

    /// The `s` attribute of a cell in this format; 0, the default, for nil.
    mutating func index(_ spec: FormatSpec?) -> Int {
        guard let spec else { return 0 }
        // Cells run in the same format: one comparison, not a hash, for most of them.
        if let last, last.spec == spec { return last.index }
        let i = lookUp(spec)
        last = (spec, i)
        return i
    }

    /// Up to this many formats a spec is compared with each, not hashed: hashing and inserting
    /// one cost some 2,400 instructions (callgrind), and a unit's workbook has a handful.
    static let scanned = 16

    private mutating func lookUp(_ spec: FormatSpec) -> Int {
        guard spec != FormatSpec() else { return 0 }
        if xfs.count <= Self.scanned {
            if let k = xfs.firstIndex(of: spec) { return k + 1 }
        } else {
            if xfIndex.isEmpty { for (k, known) in xfs.enumerated() { xfIndex[known] = k + 1 } }
            if let i = xfIndex[spec] { return i }
        }
        xfs.append(spec)
        if !xfIndex.isEmpty { xfIndex[spec] = xfs.count }
        if !fonts.contains(font(spec)) { fonts.append(font(spec)) }
        if let fill = spec.background, !fills.contains(fill) { fills.append(fill) }
        if let code = spec.numberFormat, !numberFormats.contains(code) { numberFormats.append(code) }
        return xfs.count
    }

    private func font(_ s: FormatSpec) -> Font { Font(bold: s.bold, italic: s.italic, size: s.fontSize ?? 11, color: s.fontColor) }

    /// Custom number formats are numbered from 164 (0–163 are Excel's built-in ones).
    private func numberFormatID(_ code: String?) -> Int { code.flatMap { numberFormats.firstIndex(of: $0) }.map { 164 + $0 } ?? 0 }

    var xml: [UInt8] {
        var x = XMLBytes(capacity: 2048)
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n")
        x.raw(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        if !numberFormats.isEmpty {
            x.raw("<numFmts"); x.attribute("count", numberFormats.count); x.raw(">")
            for (i, code) in numberFormats.enumerated() {
                x.raw("<numFmt"); x.attribute("numFmtId", 164 + i); x.attribute("formatCode", code); x.raw("/>")
            }
            x.raw("</numFmts>")
        }
        x.raw("<fonts"); x.attribute("count", fonts.count); x.raw(">")
        for f in fonts {
            x.raw("<font>")
            if f.bold { x.raw("<b/>") }
            if f.italic { x.raw("<i/>") }
            x.raw("<sz"); x.plainAttribute("val", f.size); x.raw("/>")
            if let c = f.color { x.raw("<color"); x.attribute("rgb", argb(c)); x.raw("/>") } else { x.raw(#"<color theme="1"/>"#) }
            x.raw(#"<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#)
        }
        x.raw("</fonts>")
        x.raw("<fills"); x.attribute("count", 2 + fills.count); x.raw(">")
        x.raw(#"<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#)
        for fill in fills {
            x.raw(#"<fill><patternFill patternType="solid"><fgColor"#); x.attribute("rgb", argb(fill))
            x.raw(#"/><bgColor indexed="64"/></patternFill></fill>"#)
        }
        x.raw("</fills>")
        let bordered = xfs.contains { $0.border }
        x.raw("<borders"); x.attribute("count", bordered ? 2 : 1); x.raw(">")
        x.raw("<border><left/><right/><top/><bottom/><diagonal/></border>")
        if bordered {
            x.raw(#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#)
            x.raw(#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>"#)
        }
        x.raw("</borders>")
        x.raw(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        x.raw("<cellXfs"); x.attribute("count", 1 + xfs.count); x.raw(">")
        x.raw(#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#)
        for s in xfs { xf(s, into: &x) }
        x.raw("</cellXfs>")
        x.raw(#"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>"#)
        x.raw(#"<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"#)
        return x.bytes
    }

    private func xf(_ s: FormatSpec, into x: inout XMLBytes) {
        let fontID = fonts.firstIndex(of: font(s)) ?? 0
        let fillID = s.background.flatMap { fills.firstIndex(of: $0) }.map { $0 + 2 } ?? 0
        let numFmtID = numberFormatID(s.numberFormat)
        // Indent shows only with a left (or right) alignment: libxlsxwriter sets left, so do we.
        let horizontal: String? = switch s.align {
        case .left: "left"
        case .center: "center"
        case .right: "right"
        case .general: s.indent > 0 ? "left" : nil
        }
        let aligned = horizontal != nil || s.verticalCenter || s.wrap || s.indent > 0
        x.raw("<xf"); x.attribute("numFmtId", numFmtID); x.attribute("fontId", fontID); x.attribute("fillId", fillID)
        x.attribute("borderId", s.border ? 1 : 0); x.raw(#" xfId="0""#)
        if numFmtID != 0 { x.raw(#" applyNumberFormat="1""#) }
        if fontID != 0 { x.raw(#" applyFont="1""#) }
        if fillID != 0 { x.raw(#" applyFill="1""#) }
        if s.border { x.raw(#" applyBorder="1""#) }
        guard aligned else { x.raw("/>"); return }
        x.raw(#" applyAlignment="1"><alignment"#)
        if let horizontal { x.attribute("horizontal", horizontal) }
        if s.verticalCenter { x.raw(#" vertical="center""#) }
        if s.indent > 0 { x.attribute("indent", min(s.indent, 15)) }
        if s.wrap { x.raw(#" wrapText="1""#) }
        x.raw("/></xf>")
    }

    private func argb(_ rgb: UInt32) -> String {
        let hex = String(rgb & 0xFF_FFFF, radix: 16, uppercase: true)
        return "FF" + String(repeating: "0", count: 6 - hex.count) + hex
    }
}

extension XMLBytes {
    /// ` name="12"` or ` name="10.5"`: a size in points as libxlsxwriter prints it (%g).
    mutating func plainAttribute(_ name: StaticString, _ value: Double) {
        raw(" "); raw(name); raw("=\""); number(value); raw("\"")
    }
}
