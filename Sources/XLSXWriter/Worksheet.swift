import CXlsxWriter

/// One sheet of a `Workbook`. Valid until the workbook is closed.
public final class Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    unowned let workbook: Workbook

    init(_ handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.handle = handle; self.name = name; self.workbook = workbook
    }

    private func checkCell(_ row: Int, _ col: Int) throws(XLSXError) {
        guard row >= 0, row < ExcelLimits.maxRows, col >= 0, col < ExcelLimits.maxColumns else {
            throw .cellOutOfRange(sheet: name, row: row, column: col)
        }
    }

    /// Always a string cell, never a formula, whatever the text starts with.
    public func write(_ row: Int, _ col: Int, string: String, format: FormatSpec? = nil) throws(XLSXError) {
        try checkCell(row, col)
        let length = string.utf16.count
        guard length <= ExcelLimits.maxStringLength else {
            throw .stringTooLong(sheet: name, row: row, column: col, length: length)
        }
        let f = workbook.format(format)
        try XLSXError.check(string.withCString { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), $0, f) },
                            "worksheet_write_string(\(name)!\(row),\(col))")
    }

    public func write(_ row: Int, _ col: Int, number: Double, format: FormatSpec? = nil) throws(XLSXError) {
        try checkCell(row, col)
        try XLSXError.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), number, workbook.format(format)),
                            "worksheet_write_number(\(name)!\(row),\(col))")
    }

    public func writeBlank(_ row: Int, _ col: Int, format: FormatSpec) throws(XLSXError) {
        try checkCell(row, col)
        try XLSXError.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), workbook.format(format)),
                            "worksheet_write_blank")
    }

    public func setColumn(_ first: Int, _ last: Int, width: Double, format: FormatSpec? = nil) throws(XLSXError) {
        try XLSXError.check(worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, workbook.format(format)),
                            "worksheet_set_column")
    }

    public func setRowHeight(_ row: Int, _ height: Double) throws(XLSXError) {
        try XLSXError.check(worksheet_set_row(handle, lxw_row_t(row), height, nil), "worksheet_set_row")
    }

    public func merge(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, string: String, format: FormatSpec? = nil) throws(XLSXError) {
        try checkCell(r2, c2)
        try XLSXError.check(string.withCString {
            worksheet_merge_range(handle, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), $0, workbook.format(format))
        }, "worksheet_merge_range")
    }

    public func freezePanes(row: Int, column: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    public func autofilter(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int) throws(XLSXError) {
        try XLSXError.check(worksheet_autofilter(handle, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2)),
                            "worksheet_autofilter")
    }

    public enum Conditional: Sendable {
        /// Red–yellow–green from 0 to 1 (for rates).
        case threeColorScale
        case dataBar(color: UInt32)
        case lessThan(Double, FormatSpec)
        case equalTo(Double, FormatSpec)
    }

    public func conditionalFormat(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ rule: Conditional) throws(XLSXError) {
        guard r2 >= r1, c2 >= c1 else { return }
        var cf = lxw_conditional_format()
        switch rule {
        case .threeColorScale:
            cf.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
            cf.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue); cf.min_value = 0; cf.min_color = 0xF8696B
            cf.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue); cf.mid_value = 0.5; cf.mid_color = 0xFFEB84
            cf.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue); cf.max_value = 1; cf.max_color = 0x63BE7B
        case .dataBar(let color):
            cf.type = UInt8(LXW_CONDITIONAL_DATA_BAR.rawValue)
            cf.bar_color = lxw_color_t(color)
        case .lessThan(let v, let f):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            cf.value = v; cf.format = workbook.format(f)
        case .equalTo(let v, let f):
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            cf.value = v; cf.format = workbook.format(f)
        }
        try XLSXError.check(worksheet_conditional_format_range(handle, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), &cf),
                            "worksheet_conditional_format_range")
    }

    public func insertChart(_ chart: Chart, row: Int, column: Int, xScale: Double = 1, yScale: Double = 1) throws(XLSXError) {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try XLSXError.check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options),
                            "worksheet_insert_chart")
    }

    /// Landscape, fitted to one page wide (or to one page), header rows repeated on every page.
    public func printSetup(landscape: Bool, fitToWidth: Bool, onePage: Bool = false, repeatRows: ClosedRange<Int>?) throws(XLSXError) {
        if landscape { worksheet_set_landscape(handle) }
        worksheet_set_paper(handle, 9)  // A4
        if onePage { worksheet_fit_to_pages(handle, 1, 1) } else if fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
        if let rows = repeatRows {
            try XLSXError.check(worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
                                "worksheet_repeat_rows")
        }
    }

    /// What a cell range accepts (Excel's data validation).
    public enum Validation: Sendable, Equatable {
        /// A drop-down from a range of cells, e.g. `'Danh mục'!$A$2:$A$20`.
        case list(source: String)
        /// A date between two Excel serials (1900 system).
        case dateBetween(Double, Double)
        /// A whole number of at least this much.
        case integerAtLeast(Double)
    }

    /// How firmly: `stop` refuses other values; `information` only explains (for a drop-down
    /// whose cell may also hold several values, "ND01; ND02").
    public enum Strictness: Sendable, Equatable { case stop, information }

    /// A validation with the prompt shown on entry and the message shown on a wrong value
    /// (Excel limits: title 32 characters, message 255).
    public func validate(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ rule: Validation, strictness: Strictness = .stop,
                         prompt: (title: String, message: String)? = nil,
                         error: (title: String, message: String)? = nil) throws(XLSXError) {
        var v = lxw_data_validation()
        switch rule {
        case .list(let source):
            v.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
            v.value_formula = workbook.retain(source)
        case .dateBetween(let a, let b):
            v.validate = UInt8(LXW_VALIDATION_TYPE_DATE_NUMBER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            v.minimum_number = a
            v.maximum_number = b
        case .integerAtLeast(let n):
            v.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
            v.criteria = UInt8(LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO.rawValue)
            v.value_number = n
        }
        v.ignore_blank = UInt8(LXW_VALIDATION_ON.rawValue)
        v.error_type = UInt8((strictness == .stop ? LXW_VALIDATION_ERROR_TYPE_STOP : LXW_VALIDATION_ERROR_TYPE_INFORMATION).rawValue)
        if let prompt {
            v.show_input = UInt8(LXW_VALIDATION_ON.rawValue)
            v.input_title = workbook.retain(ExcelLimits.cut(prompt.title, to: ExcelLimits.maxValidationTitle))
            v.input_message = workbook.retain(ExcelLimits.cut(prompt.message, to: ExcelLimits.maxValidationMessage))
        }
        if let error {
            v.show_error = UInt8(LXW_VALIDATION_ON.rawValue)
            v.error_title = workbook.retain(ExcelLimits.cut(error.title, to: ExcelLimits.maxValidationTitle))
            v.error_message = workbook.retain(ExcelLimits.cut(error.message, to: ExcelLimits.maxValidationMessage))
        }
        try XLSXError.check(worksheet_data_validation_range(handle, lxw_row_t(r1), lxw_col_t(c1), lxw_row_t(r2), lxw_col_t(c2), &v),
                            "worksheet_data_validation_range")
    }

    public func activate() { worksheet_activate(handle) }
}
