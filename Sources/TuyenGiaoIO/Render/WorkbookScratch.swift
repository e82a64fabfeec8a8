import Foundation

/// Where libxlsxwriter keeps its scratch files. It writes every part of a workbook (a dozen:
/// styles, theme, each sheet…) to a temporary file of its own and deletes it at once, so a
/// run writing a province's unit workbooks creates and deletes over a million files. On a
/// disk file system that churn cost more than the workbooks' own writing (issue 21: 54 % of
/// a 100,000-unit run in the kernel, creating and unlinking in /tmp; the run's time doubled
/// from one run to the next as ext4 searched past recently deleted inodes). In memory
/// (`/dev/shm`, tmpfs) the same files cost a few microseconds.
///
/// Only small workbooks go there: a workbook in `constant_memory` mode streams its rows to a
/// scratch file that can grow to hundreds of megabytes, which stays on disk (the library's
/// default, /tmp). `TUYENGIAO_XLSX_TMPDIR` names another folder (an empty value: the
/// library's default), for a machine whose /dev/shm is small or absent.
enum WorkbookScratch {
    static let environmentKey = "TUYENGIAO_XLSX_TMPDIR"

    /// The folder for a small workbook's scratch files; nil is libxlsxwriter's default.
    static let small: String? = choose(environment: ProcessInfo.processInfo.environment[environmentKey],
                                       usable: usable)

    static func choose(environment: String?, usable: (String) -> Bool) -> String? {
        if let named = environment { return named.isEmpty ? nil : named }
        return usable(memoryFolder) ? memoryFolder : nil
    }

    static let memoryFolder = "/dev/shm"

    /// A folder this process can create files in.
    static func usable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR && access(path, W_OK | X_OK) == 0
    }
}
