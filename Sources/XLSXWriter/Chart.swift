import CXlsxWriter

/// A chart owned by its workbook; insert it into a sheet after adding series.
public final class Chart {
    let handle: UnsafeMutablePointer<lxw_chart>
    unowned let workbook: Workbook

    public enum Kind: Sendable {
        case column, bar, line
        var rawValue: UInt8 {
            switch self {
            case .column: UInt8(LXW_CHART_COLUMN.rawValue)
            case .bar: UInt8(LXW_CHART_BAR.rawValue)
            case .line: UInt8(LXW_CHART_LINE.rawValue)
            }
        }
    }

    init(_ handle: UnsafeMutablePointer<lxw_chart>, workbook: Workbook) {
        self.handle = handle; self.workbook = workbook
    }

    public func title(_ text: String) {
        text.withCString { chart_title_set_name(handle, $0) }
    }

    public func axisNames(x: String?, y: String?) {
        if let x { x.withCString { chart_axis_set_name(handle.pointee.x_axis, $0) } }
        if let y { y.withCString { chart_axis_set_name(handle.pointee.y_axis, $0) } }
    }

    /// A series over cells of `sheet` (0-based rows/columns, inclusive).
    public func addSeries(name: String, sheet: String, categories: (row1: Int, col1: Int, row2: Int, col2: Int),
                          values: (row1: Int, col1: Int, row2: Int, col2: Int)) {
        guard let series = chart_add_series(handle, nil, nil) else { return }
        sheet.withCString { s in
            chart_series_set_categories(series, s, lxw_row_t(categories.row1), lxw_col_t(categories.col1),
                                        lxw_row_t(categories.row2), lxw_col_t(categories.col2))
            chart_series_set_values(series, s, lxw_row_t(values.row1), lxw_col_t(values.col1),
                                    lxw_row_t(values.row2), lxw_col_t(values.col2))
        }
        name.withCString { chart_series_set_name(series, $0) }
    }

    /// Fixes the value axis (no automatic cut to the data's own range) and its number format.
    public func valueAxis(min: Double, max: Double, numberFormat: String? = nil) {
        let axis = handle.pointee.y_axis
        chart_axis_set_min(axis, min)
        chart_axis_set_max(axis, max)
        if let numberFormat { numberFormat.withCString { chart_axis_set_num_format(axis, $0) } }
    }

    public func legendBottom() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue)) }
}
