import Foundation

import CXlsxWriter

/// What went wrong writing a workbook. Library errors carry libxlsxwriter's own text
/// (`lxw_strerror`), since its numeric codes differ between versions.
public enum XLSXError: Error, CustomStringConvertible, Sendable {
    case library(operation: String, message: String)
    case cannotCreate(path: String)
    case invalidSheetName(String, reason: String)
    case stringTooLong(sheet: String, row: Int, column: Int, length: Int)
    case cellOutOfRange(sheet: String, row: Int, column: Int)
    case alreadyClosed
    /// A cell written above or left of one already written (`SmallWorksheet` writes rows in order).
    case outOfOrder(sheet: String, row: Int, column: Int)
    /// Writing the file failed; `errno` is the system's error when there was one (else 0).
    case write(path: String, message: String, errno: Int32)

    public var description: String {
        switch self {
        case .library(let op, let message): "libxlsxwriter: \(op): \(message)"
        case .cannotCreate(let path): "cannot create workbook \"\(path)\""
        case .invalidSheetName(let name, let reason): "sheet name \"\(name)\" \(reason)"
        case .stringTooLong(let sheet, let row, let column, let length):
            "sheet \"\(sheet)\" cell (\(row), \(column)): \(length) characters is over Excel's 32,767"
        case .cellOutOfRange(let sheet, let row, let column): "sheet \"\(sheet)\" cell (\(row), \(column)) is outside Excel's grid"
        case .alreadyClosed: "workbook already closed"
        case .outOfOrder(let sheet, let row, let column): "sheet \"\(sheet)\" cell (\(row), \(column)) comes after a cell below or right of it"
        case .write(let path, let message, _): "libxlsxwriter: cannot write \(path): \(message)"
        }
    }

    static func check(_ code: lxw_error, _ operation: String) throws(XLSXError) {
        guard code != LXW_NO_ERROR else { return }
        throw .library(operation: operation, message: String(cString: lxw_strerror(code)))
    }
}

/// Excel's limits, enforced before libxlsxwriter sees the data.
public enum ExcelLimits {
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384
    public static let maxStringLength = 32_767
    public static let maxSheetNameLength = 31
    /// A data validation's titles and messages: Excel refuses longer ones.
    public static let maxValidationTitle = 32
    public static let maxValidationMessage = 255

    /// The first `n` characters of a text, as both writers cut a validation's texts; a text
    /// with no more bytes than that is not counted.
    public static func cut(_ s: String, to n: Int) -> String { s.utf8.count <= n ? s : String(s.prefix(n)) }

    /// A sheet's name as a formula or a defined name refers to it: in apostrophes, its own
    /// apostrophes doubled (the doubling skipped for the usual name without one).
    public static func quotedSheetName(_ name: String) -> String {
        "'" + (name.utf8.contains(0x27) ? name.replacingOccurrences(of: "'", with: "''") : name) + "'"
    }

    public static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    private static let forbiddenSheetNameTable: [Bool] = (0..<256).map { b in
        forbiddenSheetNameCharacters.contains { $0.asciiValue == UInt8(b) }
    }

    public static func checkSheetName(_ name: String) throws(XLSXError) {
        if name.isEmpty { throw .invalidSheetName(name, reason: "is empty") }
        // Characters are counted only for a name of more bytes than the limit: a province's
        // run names the sheets of tens of thousands of unit workbooks.
        if name.utf8.count > maxSheetNameLength, name.count > maxSheetNameLength {
            throw .invalidSheetName(name, reason: "is longer than Excel's 31 characters")
        }
        // All ASCII: looked for among the bytes (no other character's UTF-8 holds an ASCII byte).
        // Through the bytes with a table, not a Set's hashing per byte (every unit workbook's sheets).
        if let bad = name.utf8.first(where: { forbiddenSheetNameTable[Int($0)] }) {
            throw .invalidSheetName(name, reason: "contains \"\(Character(Unicode.Scalar(bad)))\", which Excel forbids")
        }
        if name.utf8.first == 0x27 || name.utf8.last == 0x27 { throw .invalidSheetName(name, reason: "starts or ends with an apostrophe") }
    }
}
