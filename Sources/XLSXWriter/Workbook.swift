import CXlsxWriter
import Foundation

/// An XLSX file being written. Owns the `lxw_workbook`: it cannot be copied, and it is
/// closed exactly once (by `close()`, or freed unwritten if dropped).
public final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [FormatSpec: UnsafeMutablePointer<lxw_format>] = [:]
    private var sheetNames: Set<String> = []
    /// C strings that must outlive the workbook (libxlsxwriter keeps some pointers until close).
    private var retained: [UnsafeMutablePointer<CChar>] = []
    public let path: String

    /// When true, what libxlsxwriter prints on stderr while writing is captured and folded into
    /// the thrown error instead (a CLI whose stderr carries JSON log lines needs that). Set it
    /// once at program start, before any thread writes a workbook; see `StandardErrorCapture`.
    nonisolated(unsafe) public static var captureLibraryDiagnostics = false

    public struct Properties: Sendable {
        public var title: String?
        public var author: String?
        public var subject: String?
        /// Seconds since 1970 (UTC); fixing it makes reruns byte-identical.
        public var created: Int
        /// Custom document properties (File › Properties › Custom), name → text.
        public var custom: [(name: String, value: String)]
        public init(title: String? = nil, author: String? = nil, subject: String? = nil, created: Int,
                    custom: [(name: String, value: String)] = []) {
            self.title = title; self.author = author; self.subject = subject; self.created = created
            self.custom = custom
        }
    }

    public init(path: String, properties: Properties, constantMemory: Bool = false, tmpdir: String? = nil) throws(XLSXError) {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 0
        var tmp: UnsafeMutablePointer<CChar>?
        if let tmpdir { tmp = strdup(tmpdir); options.tmpdir = tmp }
        handle = path.withCString { workbook_new_opt($0, &options) }
        if let tmp { retained.append(tmp) }
        guard handle != nil else { throw .cannotCreate(path: path) }
        var props = lxw_doc_properties()
        props.title = keep(properties.title)
        props.author = keep(properties.author)
        props.subject = keep(properties.subject)
        props.created = time_t(properties.created)
        try XLSXError.check(workbook_set_properties(handle, &props), "workbook_set_properties")
        for (name, value) in properties.custom {
            // The library keeps the pointers until close.
            try XLSXError.check(workbook_set_custom_property_string(handle, keep(name), keep(value)),
                                "workbook_set_custom_property_string")
        }
    }

    deinit {
        // Dropped without close(): free the library's memory; the file is left unfinished
        // under its temporary name by the caller, never under the final one.
        if let handle { lxw_workbook_free(handle) }
        for p in retained { free(p) }
    }

    private func keep(_ s: String?) -> UnsafeMutablePointer<CChar>? {
        guard let s, let p = strdup(s) else { return nil }
        retained.append(p)
        return p
    }

    public func addWorksheet(_ name: String) throws(XLSXError) -> Worksheet {
        guard let handle else { throw .alreadyClosed }
        try ExcelLimits.checkSheetName(name)
        let folded = name.lowercased()
        guard sheetNames.insert(folded).inserted else { throw .invalidSheetName(name, reason: "is used twice") }
        guard let sheet = name.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw .library(operation: "workbook_add_worksheet", message: "could not add sheet \"\(name)\"")
        }
        return Worksheet(sheet, name: name, workbook: self)
    }

    public func addChart(_ kind: Chart.Kind) throws(XLSXError) -> Chart {
        guard let handle else { throw .alreadyClosed }
        guard let chart = workbook_add_chart(handle, kind.rawValue) else {
            throw .library(operation: "workbook_add_chart", message: "could not add chart")
        }
        return Chart(chart, workbook: self)
    }

    /// The one `lxw_format` for this spec.
    func format(_ spec: FormatSpec?) -> UnsafeMutablePointer<lxw_format>? {
        guard let spec, let handle else { return nil }
        if let f = formats[spec] { return f }
        guard let f = workbook_add_format(handle) else { return nil }
        spec.apply(to: f)
        formats[spec] = f
        return f
    }

    /// Writes the file. libxlsxwriter reports most errors only here; it frees the workbook
    /// whether or not it succeeds.
    /// The library prints its own diagnostics on stderr; they are captured here (a program's
    /// stderr may carry one JSON object per line) and, on failure, folded into the error,
    /// with the system's errno when the cause was the file system (full disk, permissions).
    public func close() throws(XLSXError) {
        guard let h = handle else { throw .alreadyClosed }
        handle = nil
        var code = LXW_NO_ERROR
        var systemError: Int32 = 0
        let printed = StandardErrorCapture.run {
            errno = 0
            code = workbook_close(h)
            systemError = errno
        }
        guard code != LXW_NO_ERROR else { return }
        let detail = printed.split(separator: "\n").last { $0.contains("System error") }
            .map { " (" + $0.trimmingCharacters(in: .whitespaces) + ")" } ?? ""
        throw .write(path: path, message: String(cString: lxw_strerror(code)) + detail,
                     errno: code == LXW_ERROR_ZIP_FILE_OPERATION || code == LXW_ERROR_CREATING_XLSX_FILE
                        || code == LXW_ERROR_CREATING_TMPFILE || code == LXW_ERROR_ZIP_FILE_ADD
                        || code == LXW_ERROR_ZIP_CLOSE ? systemError : 0)
    }

    func retain(_ s: String) -> UnsafeMutablePointer<CChar>? { keep(s) }
}
