import Foundation

/// All the outputs of one run, committed together (SPEC §7, §9). Each file is first written
/// in full to a temporary name in its own folder; when every file is staged they are flushed
/// to disk, and only then renamed into place. A failure while staging (full disk, no permission) removes
/// the temporaries and changes no output; a kill at any moment leaves every output as the old
/// whole file or the new whole file, and the next run sweeps the temporaries.
/// A file whose bytes equal the existing one is not staged at all, so a rerun with no new
/// input changes nothing.
public final class OutputBatch {
    private var staged: [(temp: URL, destination: URL)] = []
    /// Folders created whole by this run, and the files written in them (`NewFolder`).
    private var newFolders: [NewFolder] = []
    /// The names of the files in each of `newFolders`, by its `index` (a first run's 100,000
    /// unit workbooks: named by strings, no URL made for any of them).
    private var inNewFolders: [[String]] = []
    /// Folders this batch created for its files: removed again (when empty) if it is abandoned.
    private var createdFolders: [URL] = []
    public private(set) var unchanged: [URL] = []
    private var finished = false

    public init() {}

    public var stagedDestinations: [URL] { staged.map(\.destination) }

    /// A file written in full to its temporary name and flushed (or found unchanged), not
    /// yet part of a batch. Preparing touches nothing shared, so files can be prepared on
    /// several threads and adopted in a fixed order.
    public struct Prepared: Sendable {
        enum Place: Sendable {
            /// The destination already holds what would be written.
            case unchanged(URL)
            /// Written to `temp` beside its destination, renamed at the commit.
            case staged(temp: URL, destination: URL)
            /// Written under its own name in the temporary folder of the batch's `NewFolder`
            /// number `folder`, and moved with it. Paths, not URLs: a province's first run has
            /// 100,000 of them, and making URLs of them was 3 % of its CPU time (perf).
            case inNewFolder(folder: Int, name: String, tempPath: String)
        }
        let place: Place

        /// The destination already holds what would be written.
        static func unchanged(_ destination: URL) -> Prepared { Prepared(place: .unchanged(destination)) }

        /// Where it was written, nil when nothing was.
        var temp: URL? {
            switch place {
            case .unchanged: nil
            case .staged(let temp, _): temp
            case .inNewFolder(_, _, let path): URL(fileURLWithPath: path, isDirectory: false)
            }
        }

        /// Removes the temporary files of outputs prepared but never adopted (a task failed
        /// half-way: the batch never saw them).
        static func discard(_ files: [Prepared]) {
            for f in files {
                switch f.place {
                case .unchanged: break
                case .staged(let temp, _): try? FileManager.default.removeItem(at: temp)
                case .inNewFolder(_, _, let path): unlink(path)
                }
            }
        }
    }

    /// Stages `data` for `destination` unless the file already holds exactly these bytes.
    public func stage(_ data: Data, to destination: URL) throws {
        adopt(try Self.prepare(data, for: destination))
    }

    public func stage(_ text: String, to destination: URL) throws {
        try stage(Data(text.utf8), to: destination)
    }

    /// Stages a text written piece by piece as `produce` makes it, never held whole (a
    /// province's register is 15 MB). `changed`: known to differ from the destination's.
    public func stage(streaming produce: ((String) -> Void) -> Void, to destination: URL, changed: Bool = false) throws {
        adopt(try Self.prepare(for: destination, changed: changed) { try AtomicFile.writeStreamed(to: $0, produce) })
    }

    /// Stages a file another writer produces (libxlsxwriter writes to a path of its own).
    public func stage(to destination: URL, writing: (URL) throws -> Void) throws {
        adopt(try Self.prepare(for: destination, writing: writing))
    }

    /// Makes sure `folder` exists before files are prepared in it; one the batch had to create
    /// goes again if the batch is abandoned, so a failed run leaves no empty folder behind.
    public func makeFolder(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        } catch {
            throw ShellError.unwritableOutput(folder.path, AtomicFile.describe(error))
        }
        createdFolders.append(folder)
    }

    /// A folder the run creates, whole: its files are written under their own names in a
    /// temporary folder beside it, which `commit` renames into place at once — one rename for a
    /// province's first 100,000 unit workbooks instead of one each (issue 21), and nothing of it
    /// in place before the rest of the run's outputs are ready.
    public struct NewFolder: Sendable {
        public let destination: URL
        let temp: URL
        /// Its place in the batch's `newFolders`.
        let index: Int
        /// `destination`'s and `temp`'s paths, made once for all the folder's files.
        let destinationPath: String
        let tempPath: String

        init(destination: URL, temp: URL, index: Int) {
            self.destination = destination; self.temp = temp; self.index = index
            destinationPath = destination.path
            tempPath = temp.path
        }

        /// Where the file `name` of this folder is written until the folder is renamed into place.
        func temporaryPath(of name: String) -> String { tempPath + "/" + name }

        /// Where the file `name` of this folder is once the folder is renamed into place.
        func path(of name: String) -> String { destinationPath + "/" + name }
    }

    /// A `NewFolder` for `folder` when there is none yet; nil when it exists (its files are then
    /// staged one by one, each beside its old version).
    public func newFolder(_ folder: URL) throws -> NewFolder? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            try makeFolder(folder)   // a folder: nothing to do; anything else: the error it gives
            return nil
        }
        let created = NewFolder(destination: folder, temp: AtomicFile.temporaryPath(for: folder), index: newFolders.count)
        do {
            try FileManager.default.createDirectory(at: created.temp, withIntermediateDirectories: false)
        } catch {
            throw ShellError.unwritableOutput(folder.path, AtomicFile.describe(error))
        }
        newFolders.append(created)
        inNewFolders.append([])
        return created
    }

    public func adopt(_ file: Prepared) {
        switch file.place {
        case .unchanged(let destination): unchanged.append(destination)
        case .staged(let temp, let destination): staged.append((temp, destination))
        case .inNewFolder(let k, let name, _): inNewFolders[k].append(name)
        }
    }

    /// A file for a `NewFolder`, written by `writing` under its own name in the temporary
    /// folder; what it wrote is removed when it fails.
    public static func prepare(for destination: URL, in folder: NewFolder, writing: (URL) throws -> Void) throws -> Prepared {
        try prepare(named: destination.lastPathComponent, in: folder) { try writing(URL(fileURLWithPath: $0, isDirectory: false)) }
    }

    /// The file `name` of a `NewFolder`, written by `writing` to the path it is handed (in the
    /// temporary folder); what it wrote is removed when it fails.
    public static func prepare(named name: String, in folder: NewFolder, writing: (String) throws -> Void) throws -> Prepared {
        let path = folder.temporaryPath(of: name)
        do {
            try writing(path)
        } catch {
            unlink(path)
            throw named(error, folder.path(of: name))
        }
        return Prepared(place: .inNewFolder(folder: folder.index, name: name, tempPath: path))
    }

    /// The error said of the destination the office knows, not of the temporary file.
    private static func named(_ error: any Error, _ destination: String) -> any Error {
        if case ShellError.workbook(_, let why) = error { return ShellError.workbook(destination, why) }
        if case ShellError.unwritableOutput(_, let why) = error { return ShellError.unwritableOutput(destination, why) }
        return ShellError.unwritableOutput(destination, AtomicFile.describe(error))
    }

    public static func prepare(_ data: Data, for destination: URL) throws -> Prepared {
        // The old file is read back only when it is as long as the new one: a longer register
        // or report differs already, and its bytes need not be held beside the new ones.
        if size(of: destination) == data.count, let old = try? Data(contentsOf: destination), old == data {
            return .unchanged(destination)
        }
        let temp = AtomicFile.temporaryPath(for: destination)
        do {
            try AtomicFile.writeSynced(data, to: temp, sync: false)   // flushed by `commit`
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ShellError.unwritableOutput(destination.path, AtomicFile.describe(error))
        }
        return Prepared(place: .staged(temp: temp, destination: destination))
    }

    /// The length of the file at `url`, nil when there is none (or it cannot be asked).
    static func size(of url: URL) -> Int? {
        var info = stat()
        return stat(url.path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// `changed`: the caller knows the bytes differ from the destination's (a workbook whose
    /// fingerprint differs), so they are not read back to be compared.
    public static func prepare(for destination: URL, changed: Bool = false, writing: (URL) throws -> Void) throws -> Prepared {
        let temp = AtomicFile.temporaryPath(for: destination)
        do {
            try writing(temp)
            if !changed, size(of: destination) == size(of: temp),
               let old = try? Data(contentsOf: destination), old == (try Data(contentsOf: temp)) {
                try? FileManager.default.removeItem(at: temp)
                return .unchanged(destination)
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw named(error, destination.path)
        }
        return Prepared(place: .staged(temp: temp, destination: destination))
    }

    /// Flushes every staged file, renames each into place, then flushes the folders so the
    /// renames survive a power cut. Returns the paths of the destinations that changed.
    @discardableResult
    public func commit() throws -> [String] {
        Failpoint.staged.hit()
        do {
            try flushStaged()
        } catch {
            let path = staged.first?.destination.path ?? ""
            abandon()
            throw ShellError.unwritableOutput(path, AtomicFile.describe(error))
        }
        var done: [String] = []
        // The folders whose names changed, flushed once the renames are done.
        var renamedIn = Set<String>()
        // The new folders first, each with all its files at once: its files' names were
        // flushed with their bytes, only its parent's entry changes.
        for folder in newFolders {
            guard rename(folder.temp.path, folder.destination.path) == 0 else {
                let why = String(cString: strerror(errno))
                abandon()
                throw ShellError.unwritableOutput(folder.destination.path, why)
            }
            done += inNewFolders[folder.index].map(folder.path(of:))
            renamedIn.insert(folder.destination.deletingLastPathComponent().path)
        }
        newFolders = []
        inNewFolders = []
        for (i, entry) in staged.enumerated() {
            if i == staged.count / 2 && i > 0 { Failpoint.committing.hit() }
            guard rename(entry.temp.path, entry.destination.path) == 0 else {
                let why = String(cString: strerror(errno))
                abandon()
                throw ShellError.unwritableOutput(entry.destination.path, why)
            }
            done.append(entry.destination.path)
            renamedIn.insert(entry.destination.deletingLastPathComponent().path)
        }
        for folder in renamedIn.sorted() { AtomicFile.syncFolder(folder) }
        staged = []
        finished = true
        return done
    }

    /// A few files are flushed one by one (an fsync each names the file that failed); a run's
    /// thousands — the units' workbooks, a province's — by one syncfs per file system: 10,000
    /// fsyncs were 5 s of a 44 s run (issue 21). Either way nothing is renamed before its bytes
    /// are on disk.
    static let filesFlushedOneByOne = 64

    private func flushStaged() throws {
        let count = staged.count + inNewFolders.reduce(0) { $0 + $1.count }
        // One by one: every temporary, then the names in each new folder.
        func eachFile() throws {
            for entry in staged { try AtomicFile.sync(entry.temp) }
            for folder in newFolders {
                for name in inNewFolders[folder.index] { try AtomicFile.sync(path: folder.temporaryPath(of: name)) }
                AtomicFile.syncFolder(folder.temp.path)
            }
        }
        if count <= Self.filesFlushedOneByOne { return try eachFile() }
        var devices = Set<UInt64>()
        // A new folder's files are all in its temporary folder.
        let folders = Set(staged.map { $0.temp.deletingLastPathComponent().path } + newFolders.map(\.temp.path))
        for folder in folders.sorted() {
            var st = stat()
            guard stat(folder, &st) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            guard devices.insert(UInt64(st.st_dev)).inserted else { continue }
            if try !AtomicFile.syncFileSystem(of: folder) { return try eachFile() }
        }
    }

    /// Removes every temporary file not yet renamed.
    public func abandon() {
        for entry in staged { try? FileManager.default.removeItem(at: entry.temp) }
        staged = []
        for folder in newFolders { try? FileManager.default.removeItem(at: folder.temp) }   // with its files
        newFolders = []
        inNewFolders = []
        for folder in createdFolders.reversed() { rmdir(folder.path) }
        createdFolders = []
        finished = true
    }

    deinit { if !finished { abandon() } }
}
