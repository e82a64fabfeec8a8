import CFreeXL
import Foundation
import TuyenGiaoCore

/// Reads cell values out of an old Excel workbook (`.xls`, BIFF inside an OLE compound
/// file) through the C library FreeXL, which converts text from the file's code page to
/// UTF-8. FreeXL holds the workbook in memory, so a file over `maxBytes` is refused before
/// it is opened (an .xls log of 65,536 rows is a few megabytes).
final class XLSReader: LogWorkbook {
    static var format: String { "xls" }
    static let maxBytes = 64 << 20

    enum Failure: Error, CustomStringConvertible {
        case tooLarge(Int)
        case encrypted
        case damaged(Int32)
        var description: String {
            switch self {
            case .tooLarge(let n): "tệp .xls nặng \(n >> 20) MB, vượt giới hạn \(XLSReader.maxBytes >> 20) MB"
            case .encrypted: "tệp có đặt mật khẩu; mở bằng Excel, bỏ mật khẩu rồi lưu lại"
            case .damaged(let code): "tệp .xls bị hỏng hoặc không phải tệp Excel (mã lỗi FreeXL \(code))"
            }
        }
    }

    let sheetNames: [String]
    private let handle: UnsafeRawPointer

    init(url: URL, size: Int?) throws {
        if let size, size > Self.maxBytes { throw Failure.tooLarge(size) }
        var h: UnsafeRawPointer?
        let opened = freexl_open(url.path, &h)
        guard opened == FREEXL_OK, let h else {
            if let h { freexl_close(h) }
            throw Failure.damaged(opened)
        }
        handle = h
        var password: UInt32 = 0
        if freexl_get_info(h, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK, password == UInt32(FREEXL_BIFF_OBFUSCATED) {
            freexl_close(h)
            throw Failure.encrypted
        }
        var count: UInt32 = 0
        guard freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK else {
            freexl_close(h)
            throw Failure.damaged(-1)
        }
        var names: [String] = []
        for i in 0..<min(count, UInt32(UInt16.max)) {
            var name: UnsafePointer<CChar>?
            if freexl_get_worksheet_name(h, UInt16(i), &name) == FREEXL_OK, let name {
                names.append(String(decoding: UnsafeRawBufferPointer(start: name, count: strlen(name)), as: UTF8.self))
            } else {
                names.append("Sheet\(i + 1)")
            }
        }
        sheetNames = names
    }

    deinit { freexl_close(handle) }

    func forEachRow(ofSheet name: String, _ body: (Int, [GridCell?]) throws -> Bool) throws {
        guard let index = sheetNames.firstIndex(of: name) else { throw XLSXReader.Failure.missingPart("sheet \(name)") }
        let selected = freexl_select_active_worksheet(handle, UInt16(index))
        guard selected == FREEXL_OK else { throw Failure.damaged(selected) }
        var rows: UInt32 = 0
        var columns: UInt16 = 0
        let sized = freexl_worksheet_dimensions(handle, &rows, &columns)
        guard sized == FREEXL_OK else { throw Failure.damaged(sized) }
        let width = min(Int(columns), XLSXReader.maxColumns)
        var cells: [GridCell?] = []
        for r in 0..<min(rows, UInt32(XLSXReader.maxRows)) {
            cells.removeAll(keepingCapacity: true)
            for c in 0..<width {
                var value = FreeXL_CellValue()
                let read = freexl_get_cell_value(handle, r, UInt16(c), &value)
                guard read == FREEXL_OK else { throw Failure.damaged(read) }
                if let cell = Self.cell(value) {
                    while cells.count < c { cells.append(nil) }
                    cells.append(cell)
                }
            }
            if !cells.isEmpty, try !body(Int(r), cells) { return }
        }
    }

    /// Dates become spreadsheet serials (as an XLSX date is); FreeXL gives them as ISO text.
    private static func cell(_ v: FreeXL_CellValue) -> GridCell? {
        switch Int32(v.type) {
        case FREEXL_CELL_INT: return .number(Double(v.value.int_value))
        case FREEXL_CELL_DOUBLE: return .number(v.value.double_value)
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_TIME:
            guard let p = v.value.text_value else { return nil }
            let text = String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)
            return text.isEmpty ? nil : .text(text)
        case FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            guard let p = v.value.text_value else { return nil }
            let iso = String(cString: p)
            let parts = iso.prefix(10).split(separator: "-")
            guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
                  let day = Day(year: y, month: m, day: d), let base = Day(year: 1899, month: 12, day: 30) else { return .text(iso) }
            return .number(Double(day - base))
        default: return nil
        }
    }
}
