/// What a renderer needs of a sheet, from either writer: libxlsxwriter's `Worksheet` or the
/// Swift `SmallWorksheet`. Charts and conditional formats are the libxlsxwriter sheet's alone.
public protocol SheetWriting: AnyObject {
    var name: String { get }
    func write(_ row: Int, _ col: Int, string: String, format: FormatSpec?) throws(XLSXError)
    func write(_ row: Int, _ col: Int, number: Double, format: FormatSpec?) throws(XLSXError)
    func setColumn(_ first: Int, _ last: Int, width: Double, format: FormatSpec?) throws(XLSXError)
    func setRowHeight(_ row: Int, _ height: Double) throws(XLSXError)
    func freezePanes(row: Int, column: Int)
    func autofilter(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int) throws(XLSXError)
    func printSetup(landscape: Bool, fitToWidth: Bool, onePage: Bool, repeatRows: ClosedRange<Int>?) throws(XLSXError)
    func validate(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int, _ rule: Worksheet.Validation, strictness: Worksheet.Strictness,
                  prompt: (title: String, message: String)?, error: (title: String, message: String)?) throws(XLSXError)
}

extension Worksheet: SheetWriting {}
extension SmallWorksheet: SheetWriting {}
