import Foundation

/// An exclusive OS lock (flock) on a file in the output folder: a second concurrent run
/// fails at once, and a killed run leaves no stale lock since the kernel drops it.
public final class RunLock {
    private let fd: Int32
    public let path: String

    public init(folder: URL) throws {
        let path = folder.appendingPathComponent(".tuyengiao.lock").path
        // The descriptor is stored only once the lock is held: a class whose stored
        // properties are all set runs `deinit` even when its `init` throws, and closing the
        // same number twice closed another thread's file (a workbook being written: "Bad
        // file descriptor"; seen in the parallel tests).
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { throw ShellError.unwritableOutput(path, AtomicFile.describe(errno: errno)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ShellError.lockHeld(path)
        }
        self.fd = fd
        self.path = path
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
