import Crypto
import Foundation
import TuyenGiaoCore

/// Streams one log file into a `LogIngest` through a fixed buffer, so memory does not grow
/// with the file (SPEC §11). Text arrives as UTF-8 (with or without BOM); UTF-16 with a BOM
/// is converted first. The first non-blank record is the header.
public enum LogFileReader {
    public static let bufferSize = 1 << 20

    public static func ingest(_ file: LogFinder.Found, into ingest: inout LogIngest, sink: (Activity) -> Void) {
        let ext = file.url.pathExtension.lowercased()
        if ext == "xlsx" {
            ingestWorkbook(file, into: &ingest, sink: sink)
            if let data = try? Data(contentsOf: file.url) { ingest.setDigest(digest(of: data)) }
            return
        }
        let fd = open(file.url.path, O_RDONLY)
        guard fd >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile("Không mở được tệp: \(String(cString: strerror(errno))).")
            return
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var first = readSome(fd, &buffer)
        guard first >= 0 else {
            _ = ingest.beginFile(file.relativePath)
            ingest.failFile("Không đọc được tệp: \(String(cString: strerror(errno))).")
            return
        }
        // UTF-16 (Excel's "Unicode text"): small files in practice; decode whole, then parse.
        if first >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            let little = buffer[0] == 0xFF
            let encoding = little ? "utf-16le" : "utf-16be"
            guard let data = try? Data(contentsOf: file.url),
                  let text = String(data: data, encoding: little ? .utf16LittleEndian : .utf16BigEndian) else {
                _ = ingest.beginFile(file.relativePath, encoding: encoding)
                ingest.failFile("Tệp UTF-16 bị hỏng, không đọc được.")
                return
            }
            ingest.ingestCSV(name: file.relativePath, text: text, encoding: encoding, sink: sink)
            ingest.setDigest(digest(of: data))
            return
        }
        var start = 0
        if first >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        _ = ingest.beginFile(file.relativePath, encoding: start == 3 ? "utf-8-bom" : "utf-8")
        if first == 0 {
            ingest.failFile("Tệp rỗng.")
            return
        }
        if looksBinary(buffer[0..<first]) {
            ingest.failFile("Tệp không phải văn bản CSV (có thể là tệp nén hoặc tệp Word/Excel đổi đuôi); lưu lại dạng CSV UTF-8.")
            return
        }
        let delimiter = file.url.pathExtension.lowercased() == "tsv"
            ? UInt8(0x09) : CSVParser.detectDelimiter(headerBytes: buffer[start..<first])
        var parser = CSVParser(delimiter: delimiter)
        var state = CSVRowRouter()
        var hasher = SHA256()
        while first > 0 {
            buffer.withUnsafeBufferPointer { all in
                hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[0..<first])))
                let chunk = UnsafeBufferPointer(rebasing: all[start..<first])
                parser.feed(chunk) { state.handle($0, &ingest, sink) }
            }
            start = 0
            first = readSome(fd, &buffer)
        }
        if first < 0 {
            ingest.failFile("Lỗi khi đọc tệp: \(String(cString: strerror(errno))).")
        }
        parser.finish { state.handle($0, &ingest, sink) }
        state.finish(&ingest)
        ingest.setDigest(hex(hasher.finalize()))
    }

    /// SHA-256 of a whole file, read through the same fixed buffer; nil when unreadable.
    public static func digest(of url: URL) -> String? {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: bufferSize)
        var hasher = SHA256()
        while true {
            let n = readSome(fd, &buffer)
            if n < 0 { return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        return hex(hasher.finalize())
    }

    static func digest(of data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func hex(_ d: SHA256.Digest) -> String {
        d.map { b in String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }.joined()
    }

    /// A workbook is read whole (units' workbooks are small; §11's limits refuse the rest).
    static func ingestWorkbook(_ file: LogFinder.Found, into ingest: inout LogIngest, sink: (Activity) -> Void) {
        do {
            let reader = try XLSXReader(url: file.url)
            var sheets: [(name: String, rows: [[GridCell?]])] = []
            for name in reader.sheetNames {
                let rows = try reader.rows(ofSheet: name).map { row in
                    row.map { cell -> GridCell? in
                        switch cell {
                        case nil: nil
                        case .text(let s): .text(s)
                        case .number(let d): .number(d)
                        }
                    }
                }
                sheets.append((name, rows))
            }
            ingest.ingestSheets(name: file.relativePath, sheets: sheets, sink: sink)
        } catch {
            _ = ingest.beginFile(file.relativePath, encoding: "xlsx")
            ingest.failFile("Tệp XLSX bị từ chối: \(error). Mở tệp bằng Excel, lưu lại (hoặc lưu dạng CSV UTF-8) rồi gửi lại.")
        }
    }

    private static func readSome(_ fd: Int32, _ buffer: inout [UInt8]) -> Int {
        buffer.withUnsafeMutableBytes { raw in
            var total = 0
            while total < raw.count {
                let n = read(fd, raw.baseAddress! + total, raw.count - total)
                if n < 0 { if errno == EINTR { continue }; return -1 }
                if n == 0 { break }
                total += n
            }
            return total
        }
    }

    /// NUL bytes or a zip/OLE signature in the first block: not a text file.
    static func looksBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return true }
        return bytes.prefix(8192).contains(0)
    }
}
