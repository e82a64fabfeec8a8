import Foundation

/// The unit submissions under a logs folder (SPEC §4): `*.csv`, `*.tsv`, `*.txt`, `*.xlsx`,
/// recursively, in byte order of their relative paths; hidden files and `~$` lock files skipped.
public enum LogFinder {
    public static let extensions: Set<String> = ["csv", "tsv", "txt", "xlsx"]

    public struct Found: Sendable {
        public var relativePath: String
        public var url: URL
        public init(relativePath: String, url: URL) { self.relativePath = relativePath; self.url = url }
    }

    public static func find(in folder: URL) throws -> [Found] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw ShellError.unreadableInput(folder.relativePath, "không phải thư mục hoặc không tồn tại")
        }
        guard let e = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                    options: [.skipsHiddenFiles]) else {
            throw ShellError.unreadableInput(folder.relativePath, "không đọc được thư mục")
        }
        let base = folder.standardizedFileURL.path
        var out: [Found] = []
        for case let url as URL in e {
            let name = url.lastPathComponent
            if name.hasPrefix(".") || name.hasPrefix("~$") { continue }
            guard extensions.contains(url.pathExtension.lowercased()),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var rel = url.standardizedFileURL.path
            if rel.hasPrefix(base + "/") { rel.removeFirst(base.count + 1) }
            out.append(Found(relativePath: rel, url: url))
        }
        out.sort { Array($0.relativePath.utf8).lexicographicallyPrecedes(Array($1.relativePath.utf8)) }
        return out
    }
}
