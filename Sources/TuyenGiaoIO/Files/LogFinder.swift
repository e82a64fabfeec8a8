import Foundation
import TuyenGiaoCore

/// The unit submissions under a logs folder (SPEC §4): `*.csv`, `*.tsv`, `*.txt`, and the
/// workbooks `*.xlsx`, `*.ods` (LibreOffice) and `*.xls` (old Excel),
/// recursively, in byte order of their relative paths; hidden files and `~$` lock files skipped.
/// Every other entry is listed too, with the reason it is refused (a name that is not UTF-8, a
/// broken link, a link out of the input folder, a FIFO or device, another kind of file), so
/// that nothing under `logs/` is skipped without a word; a refused entry is never opened.
///
/// Walked with `readdir` and `stat`, which also give each file's size: a folder of 600
/// units' logs cost 40 ms through `FileManager`'s enumerator and resource values, a tenth
/// of an ad hoc summary over a million rows.
public enum LogFinder {
    public static let workbookExtensions: Set<String> = ["xlsx", "ods", "xls"]
    public static let extensions = Set(["csv", "tsv", "txt"]).union(workbookExtensions)

    public struct Found: Sendable {
        public var relativePath: String
        /// The file's path. Kept as the listed folder (one string every entry shares) and the
        /// relative path, not as a URL nor a second full path: a run lists every file and keeps
        /// the list, and each was a few hundred bytes of each of 100,000 files (issue 21).
        public var path: String {
            switch location {
            case .under(let folder): folder + "/" + relativePath
            case .at(let path): path
            }
        }
        private var location: Location
        private enum Location: Sendable {
            /// The relative path lies under this folder.
            case under(String)
            /// A path given whole.
            case at(String)
        }
        public var url: URL { URL(fileURLWithPath: path) }
        /// The name's extension (after its last dot), as `URL.pathExtension` gives it.
        public var pathExtension: String {
            let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
            return String(name[name.index(after: dot)...])
        }
        /// Bytes, as seen when the folder was listed; nil when not known.
        public var size: Int?
        /// Why the entry is not read (it is reported, never opened); nil for a log.
        public var refusal: String?
        /// A subordinate committee's JSON summary (`…tong-hop_YYYY-MM.json`), not a log.
        public var isSummary: Bool
        public init(relativePath: String, url: URL, size: Int? = nil, refusal: String? = nil, isSummary: Bool = false) {
            self.init(relativePath: relativePath, path: url.path, size: size, refusal: refusal, isSummary: isSummary)
        }

        public init(relativePath: String, path: String, size: Int? = nil, refusal: String? = nil, isSummary: Bool = false) {
            self.relativePath = relativePath
            location = .at(path)
            self.size = size
            self.refusal = refusal
            self.isSummary = isSummary
        }

        /// An entry listed under `folder` (the string shared by every entry of the listing).
        init(relativePath: String, under folder: String, size: Int? = nil, refusal: String? = nil, isSummary: Bool = false) {
            self.relativePath = relativePath
            location = .under(folder)
            self.size = size
            self.refusal = refusal
            self.isSummary = isSummary
        }
    }

    public static func find(in folder: URL) throws -> [Found] {
        var st = stat()
        guard stat(folder.path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw ShellError.unreadableInput(folder.relativePath, "không phải thư mục hoặc không tồn tại")
        }
        var out: [Found] = []
        let root = realpath(folder.deletingLastPathComponent().path, nil).map { p in defer { free(p) }; return String(cString: p) }
        guard walk(folder.path, relative: "", base: folder.path, root: root ?? folder.deletingLastPathComponent().path, into: &out) else {
            throw ShellError.unreadableInput(folder.relativePath, "không đọc được thư mục")
        }
        out.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        return out
    }

    /// Adds the entries under `path`; false when the folder itself cannot be opened. `root`:
    /// the input folder's real path, which no file read may lie outside of.
    private static func walk(_ path: String, relative: String, base: String, root: String, into out: inout [Found]) -> Bool {
        guard let dir = opendir(path) else { return false }
        defer { closedir(dir) }
        var subfolders: [(path: String, relative: String)] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.bindMemory(to: UInt8.self).prefix { $0 != 0 })
            }
            if bytes == Array(".".utf8) || bytes == Array("..".utf8) { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // Not a name we can even open by: listed with its bytes shown, never read.
                let shown = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16, uppercase: true) }.joined()
                let rel = relative.isEmpty ? shown : relative + "/" + shown
                out.append(Found(relativePath: rel, under: base, size: 0,
                                 refusal: "Tên tệp không phải chữ UTF-8 (thường do tệp nén trên Windows); đổi tên tệp rồi đặt lại vào thư mục logs/."))
                continue
            }
            if name.hasPrefix(".") || name.hasPrefix("~$") { continue }
            let full8 = path + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var link = stat()
            guard lstat(full8, &link) == 0 else { continue }
            func refuse(_ why: String) {
                out.append(Found(relativePath: rel, under: base, size: 0, refusal: why))
            }
            if link.st_mode & S_IFMT == S_IFDIR {
                subfolders.append((full8, rel))
                continue
            }
            if link.st_mode & S_IFMT == S_IFLNK {
                guard let target = realpath(full8, nil).map({ p in defer { free(p) }; return String(cString: p) }) else {
                    refuse("Liên kết hỏng (trỏ tới tệp không còn, hoặc tạo thành vòng); chép chính tệp nhật ký vào logs/.")
                    continue
                }
                guard target.hasPrefix(root + "/") else {
                    refuse("Liên kết trỏ ra ngoài thư mục đầu vào; không đọc. Chép chính tệp nhật ký vào logs/.")
                    continue
                }
            }
            // A link to a file counts as the file (`stat` follows it); nothing but a regular
            // file is ever opened, so a FIFO cannot make a run wait.
            var st = stat()
            guard stat(full8, &st) == 0 else { refuse("Không đọc được thông tin tệp."); continue }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR { refuse("Liên kết tới thư mục: không đọc; chép thư mục vào logs/."); continue }
            guard kind == S_IFREG else { refuse("Không phải tệp thường (FIFO, thiết bị…); không đọc."); continue }
            let ext = name.lastIndex(of: ".").map { name[name.index(after: $0)...].lowercased() } ?? ""
            if SummaryIntegrity.isSummaryName(name) {
                out.append(Found(relativePath: rel, under: base, size: Int(st.st_size), isSummary: true))
                continue
            }
            guard extensions.contains(ext) else {
                refuse("Không phải tệp nhật ký (.csv, .tsv, .txt, .xlsx, .ods, .xls) hay báo cáo tổng hợp của cấp dưới (tong-hop_YYYY-MM.json); không đọc.")
                continue
            }
            out.append(Found(relativePath: rel, under: base, size: Int(st.st_size)))
        }
        for sub in subfolders { _ = walk(sub.path, relative: sub.relative, base: base, root: root, into: &out) }
        return true
    }
}
