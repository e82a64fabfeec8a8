import Foundation
import ZIPFoundation

/// Reads cell values out of an `.xlsx` file: sheet names in workbook order, shared and
/// inline strings, numbers. Sheets stream row by row out of the inflating zip entry
/// (`XMLStreamScanner`), so a sheet of a million rows is never held whole; archives that
/// inflate past the limits (SPEC §11) are refused whole. `reference`: parse each part whole
/// with Foundation's `XMLParser` instead (the plain twin the tests compare with; it stops at
/// parts over 10 MB).
public struct XLSXReader {
    public struct Limits: Sendable {
        public var maxUncompressed: UInt64 = 512 << 20
        public var maxRatio: UInt64 = 100
        public init() {}
    }

    public enum Failure: Error, CustomStringConvertible {
        case notAZip
        /// An OLE file holding an `EncryptedPackage`: Excel's "Encrypt with Password".
        case encrypted
        case missingPart(String)
        case tooLarge(UInt64)
        case suspiciousRatio(UInt64)
        case badXML(String)
        case cellOutOfRange(String)
        case tokenTooLarge(String)
        public var description: String {
            switch self {
            case .notAZip: "không phải tệp bảng tính (không mở được dạng zip)"
            case .encrypted: "tệp có đặt mật khẩu; mở bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi lưu lại"
            case .missingPart(let p): "tệp bảng tính thiếu phần \(p)"
            case .tooLarge(let n): "tệp bảng tính giải nén ra \(n / (1 << 20)) MB, vượt giới hạn 512 MB"
            case .suspiciousRatio(let r): "tệp bảng tính có tỷ lệ nén \(r):1, vượt giới hạn 100:1 (nghi tệp nén độc hại)"
            case .badXML(let p): "phần \(p) của tệp bảng tính bị hỏng"
            case .cellOutOfRange(let r): "ô \(r) nằm ngoài bảng tính (quá \(XLSXReader.maxRows) dòng hoặc \(XLSXReader.maxColumns) cột có dữ liệu)"
            case .tokenTooLarge(let p): "phần \(p) của tệp có một ô hoặc thẻ dài quá 4 MB; tệp bị hỏng"
            }
        }
    }

    /// A cell as read: text, or a number (dates are numbers in XLSX).
    public enum Value: Equatable, Sendable {
        case text(String)
        case number(Double)

        public var text: String {
            switch self {
            case .text(let s): s
            case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            }
        }
    }

    public let sheetNames: [String]
    private let sheetPaths: [String]
    private let sharedStrings: [String]
    private let archive: Archive
    private let maxPart: UInt64
    private let reference: Bool

    /// Excel saves a workbook with a password as an OLE compound file whose stream
    /// "EncryptedPackage" (named in UTF-16) holds the encrypted zip.
    static func isEncrypted(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 20), head.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) else { return false }
        let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return head.range(of: name) != nil
    }

    public init(url: URL, limits: Limits = Limits(), reference: Bool = false) throws {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw Self.isEncrypted(url) ? Failure.encrypted : Failure.notAZip }
        try Self.checkLimits(archive, limits)
        self.archive = archive
        self.maxPart = limits.maxUncompressed
        self.reference = reference

        let workbook = try Self.part(archive, "xl/workbook.xml", max: maxPart)
        let rels = (try? Self.part(archive, "xl/_rels/workbook.xml.rels", max: maxPart)) ?? Data()
        let collect = reference ? XMLElements.collect : XMLElements.scan
        let relTargets = Dictionary(collect(rels, "Relationship").compactMap { a -> (String, String)? in
            guard let id = a["Id"], let target = a["Target"] else { return nil }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return (id, path)
        }, uniquingKeysWith: { a, _ in a })
        var names: [String] = [], paths: [String] = []
        for a in collect(workbook, "sheet") {
            guard let name = a["name"], let rid = a["r:id"], let path = relTargets[rid] else { continue }
            names.append(name); paths.append(path)
        }
        sheetNames = names
        sheetPaths = paths
        if archive["xl/sharedStrings.xml"] == nil {
            sharedStrings = []
        } else if reference {
            sharedStrings = try SharedStringsParser.parse(Self.part(archive, "xl/sharedStrings.xml", max: maxPart))
        } else {
            var table = SharedStringTable()
            try Self.stream(archive, "xl/sharedStrings.xml", max: maxPart) { table.take($0) }
            sharedStrings = table.strings
        }
    }

    /// Refuses an archive whose directory says it inflates past the limits (SPEC §11).
    static func checkLimits(_ archive: Archive, _ limits: Limits) throws {
        var total: UInt64 = 0, compressed: UInt64 = 0
        for e in archive {
            total += UInt64(e.uncompressedSize)
            compressed += UInt64(e.compressedSize)
        }
        if total > limits.maxUncompressed { throw Failure.tooLarge(total) }
        if compressed > 0, total / compressed > limits.maxRatio, total > 1 << 20 { throw Failure.suspiciousRatio(total / compressed) }
    }

    /// The sheet's cells as rows (0-based, gaps filled with nil).
    public func rows(ofSheet name: String) throws -> [[Value?]] {
        guard let i = sheetNames.firstIndex(of: name) else { throw Failure.missingPart("sheet \(name)") }
        if reference { return try SheetParser.parse(Self.part(archive, sheetPaths[i], max: maxPart), shared: sharedStrings) }
        var rows: [[Value?]] = []
        try forEachRow(ofSheet: name) { r, cells in
            while rows.count < r { rows.append([]) }
            if rows.count == r { rows.append(cells) } else { rows[r] = cells }
            return true
        }
        return rows
    }

    /// Hands the sheet's rows to `body` one by one as they inflate: the row's 0-based index
    /// and its cells (gaps nil). Rows without a cell are not handed over. `body` returns
    /// false to stop reading the sheet.
    public func forEachRow(ofSheet name: String, _ body: (Int, [Value?]) throws -> Bool) throws {
        guard let i = sheetNames.firstIndex(of: name) else { throw Failure.missingPart("sheet \(name)") }
        if reference {
            for (r, cells) in try rows(ofSheet: name).enumerated() where !cells.isEmpty {
                guard try body(r, cells) else { return }
            }
            return
        }
        var builder = SheetRowBuilder(shared: sharedStrings)
        struct Stop: Error {}
        do {
            try Self.stream(archive, sheetPaths[i], max: maxPart) { event in
                if let (r, cells) = try builder.take(event), try !body(r, cells) { throw Stop() }
            }
        } catch is Stop {}
    }

    /// Inflates one part chunk by chunk into the streaming XML reader; `handle` sees its
    /// events. Never more than `max` bytes however small the zip's directory says it is.
    static func stream(_ archive: Archive, _ path: String, max: UInt64,
                       _ handle: (XMLStreamScanner.Event) throws -> Void) throws {
        guard let entry = archive[path] else { throw Failure.missingPart(path) }
        var scanner = XMLStreamScanner()
        var seen: UInt64 = 0
        struct Overflow: Error {}
        struct Corrupt: Error {}
        /// An error of `handle`'s own (a stop, a cell out of range) passes through untouched.
        struct Passed: Error { let error: any Error }
        func pass(_ event: XMLStreamScanner.Event) throws {
            do { try handle(event) } catch { throw Passed(error: error) }
        }
        let declared = UInt64(entry.uncompressedSize)
        var emptyChunks = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if chunk.isEmpty { emptyChunks += 1; if emptyChunks > 1000 { throw Corrupt() } }
                seen += UInt64(chunk.count)
                if seen > max { throw Overflow() }
                if seen > declared { throw Corrupt() }
                try chunk.withUnsafeBytes { try scanner.feed($0, pass) }
            }
            try scanner.finish(pass)
        } catch let passed as Passed {
            throw passed.error
        } catch is Overflow {
            throw Failure.tooLarge(seen)
        } catch XMLStreamScanner.Failure.tokenTooLarge {
            throw Failure.tokenTooLarge(path)
        } catch {
            // A damaged stream, a wrong checksum, XML that is not well-formed.
            throw Failure.badXML(path)
        }
    }

    /// One part, never more than `max` bytes however small the zip's directory says it is.
    static func part(_ archive: Archive, _ path: String, max: UInt64) throws -> Data {
        guard let entry = archive[path] else { throw Failure.missingPart(path) }
        var data = Data()
        struct Overflow: Error {}
        struct Corrupt: Error {}
        // A part may not inflate past the size its own header declares: a damaged stream
        // can make the inflater produce output forever (found by scripts/fuzz.sh), and a
        // writer that understates a size is not writing a workbook.
        let declared = UInt64(entry.uncompressedSize)
        var emptyChunks = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if chunk.isEmpty { emptyChunks += 1; if emptyChunks > 1000 { throw Corrupt() } }
                data.append(chunk)
                if UInt64(data.count) > max { throw Overflow() }
                if UInt64(data.count) > declared { throw Corrupt() }
            }
        } catch is Overflow {
            throw Failure.tooLarge(UInt64(data.count))
        } catch {
            throw Failure.badXML(path)
        }
        // Foundation's XMLParser traps (takes the whole run down) on a name that is not
        // UTF-8; Excel and every other writer store parts as UTF-8, so anything else is a
        // damaged file. Found by scripts/fuzz.sh.
        guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) != nil }) else {
            throw Failure.badXML(path)
        }
        return data
    }

    /// Excel's own sheet size: no spreadsheet program writes a cell beyond it.
    static let maxRows = 1_048_576
    /// A log has a dozen columns; cells padded out to a far column would cost memory per
    /// row (rows are dense), so a workbook with a cell past this column is refused.
    static let maxColumns = 1_024
    /// Excel's own last column (XFD): a reference up to it is a cell; an empty one there (a
    /// column formatted to the sheet's edge) costs nothing and is no reason to refuse a file.
    static let excelColumns = 16_384

    /// "B12" → (row 11, column 1); nil when it is not a cell reference or lies outside
    /// `maxRows` × `maxColumns` (and never overflows, however long the text).
    static func cellIndex(_ ref: String, columnLimit: Int = maxColumns) -> (Int, Int)? {
        var col = 0, row = 0, sawDigit = false
        for u in ref.utf8 {
            if u >= 65 && u <= 90 { guard !sawDigit else { return nil }; col = col * 26 + Int(u - 64) }
            else if u >= 48 && u <= 57 { sawDigit = true; row = row * 10 + Int(u - 48) }
            else { return nil }
            if col > columnLimit || row > maxRows { return nil }
        }
        guard col > 0, row > 0 else { return nil }
        return (row - 1, col - 1)
    }
}

