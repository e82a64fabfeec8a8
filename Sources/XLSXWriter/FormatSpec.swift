import CXlsxWriter

/// A cell format as a plain value; the workbook turns each distinct one into exactly one
/// `lxw_format`.
public struct FormatSpec: Hashable, Sendable {
    public enum Align: Hashable, Sendable { case general, left, center, right }

    public var bold = false
    public var italic = false
    public var fontSize: Double?
    public var fontColor: UInt32?
    public var background: UInt32?
    public var numberFormat: String?
    public var indent = 0
    public var wrap = false
    public var align = Align.general
    public var verticalCenter = false
    public var border = false

    public init(bold: Bool = false, italic: Bool = false, fontSize: Double? = nil, fontColor: UInt32? = nil,
                background: UInt32? = nil, numberFormat: String? = nil, indent: Int = 0, wrap: Bool = false,
                align: Align = .general, verticalCenter: Bool = false, border: Bool = false) {
        self.bold = bold; self.italic = italic; self.fontSize = fontSize; self.fontColor = fontColor
        self.background = background; self.numberFormat = numberFormat; self.indent = indent; self.wrap = wrap
        self.align = align; self.verticalCenter = verticalCenter; self.border = border
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if let fontColor { format_set_font_color(f, lxw_color_t(fontColor)) }
        if let background {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, lxw_color_t(background))
        }
        if let numberFormat { numberFormat.withCString { format_set_num_format(f, $0) } }
        if indent > 0 { format_set_indent(f, UInt8(min(indent, 15))) }
        if wrap { format_set_text_wrap(f) }
        switch align {
        case .general: break
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if verticalCenter { format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
    }
}
