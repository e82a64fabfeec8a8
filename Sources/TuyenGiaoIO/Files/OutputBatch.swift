import Foundation

/// All the outputs of one run, committed together (SPEC §7, §9). Each file is first written
/// in full to a temporary name in its own folder and flushed; only when every file is staged
/// are they renamed into place. A failure while staging (full disk, no permission) removes
/// the temporaries and changes no output; a kill at any moment leaves every output as the old
/// whole file or the new whole file, and the next run sweeps the temporaries.
/// A file whose bytes equal the existing one is not staged at all, so a rerun with no new
/// input changes nothing.
public final class OutputBatch {
    private var staged: [(temp: URL, destination: URL)] = []
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
        let temp: URL?  // nil: the destination already holds these bytes
        let destination: URL

        /// The destination already holds what would be written.
        static func unchanged(_ destination: URL) -> Prepared { Prepared(temp: nil, destination: destination) }
    }

    /// Stages `data` for `destination` unless the file already holds exactly these bytes.
    public func stage(_ data: Data, to destination: URL) throws {
        adopt(try Self.prepare(data, for: destination))
    }

    public func stage(_ text: String, to destination: URL) throws {
        try stage(Data(text.utf8), to: destination)
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

    public func adopt(_ file: Prepared) {
        if let temp = file.temp { staged.append((temp, file.destination)) } else { unchanged.append(file.destination) }
    }

    public static func prepare(_ data: Data, for destination: URL) throws -> Prepared {
        if let old = try? Data(contentsOf: destination), old == data { return Prepared(temp: nil, destination: destination) }
        let temp = AtomicFile.temporaryPath(for: destination)
        do {
            try AtomicFile.writeSynced(data, to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw ShellError.unwritableOutput(destination.path, AtomicFile.describe(error))
        }
        return Prepared(temp: temp, destination: destination)
    }

    public static func prepare(for destination: URL, writing: (URL) throws -> Void) throws -> Prepared {
        let temp = AtomicFile.temporaryPath(for: destination)
        do {
            try writing(temp)
            let new = try Data(contentsOf: temp)
            if let old = try? Data(contentsOf: destination), old == new {
                try? FileManager.default.removeItem(at: temp)
                return Prepared(temp: nil, destination: destination)
            }
            try AtomicFile.sync(temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            // Name the destination the office knows, not the temporary file.
            if case ShellError.workbook(_, let why) = error { throw ShellError.workbook(destination.path, why) }
            if case ShellError.unwritableOutput(_, let why) = error { throw ShellError.unwritableOutput(destination.path, why) }
            throw ShellError.unwritableOutput(destination.path, AtomicFile.describe(error))
        }
        return Prepared(temp: temp, destination: destination)
    }

    /// Renames every staged file into place, then flushes the folders so the renames survive
    /// a power cut. Returns the destinations that changed.
    @discardableResult
    public func commit() throws -> [URL] {
        Failpoint.staged.hit()
        var done: [URL] = []
        for (i, entry) in staged.enumerated() {
            if i == staged.count / 2 && i > 0 { Failpoint.committing.hit() }
            guard rename(entry.temp.path, entry.destination.path) == 0 else {
                let why = String(cString: strerror(errno))
                abandon()
                throw ShellError.unwritableOutput(entry.destination.path, why)
            }
            done.append(entry.destination)
        }
        for folder in Set(done.map { $0.deletingLastPathComponent().path }).sorted() { AtomicFile.syncFolder(folder) }
        staged = []
        finished = true
        return done
    }

    /// Removes every temporary file not yet renamed.
    public func abandon() {
        for entry in staged { try? FileManager.default.removeItem(at: entry.temp) }
        staged = []
        for folder in createdFolders.reversed() { rmdir(folder.path) }
        createdFolders = []
        finished = true
    }

    deinit { if !finished { abandon() } }
}
