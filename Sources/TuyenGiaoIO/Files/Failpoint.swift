import Foundation

/// Named pauses for fault-injection tests (SPEC §9: a run killed at any moment must leave
/// every output whole). When `TUYENGIAO_FAILPOINT` names a point, the run announces it on
/// stderr and stops there for a minute so a test can kill it, or start a second run, at
/// exactly that moment. Unset (always, outside tests), a failpoint costs one lookup.
public enum Failpoint: String, Sendable {
    /// The lock is held; nothing has been read or written yet.
    case locked
    /// Every output is written to its temporary file; none is renamed yet.
    case staged
    /// Half of the outputs are renamed into place, half are not.
    case committing

    private static let armed: Set<String> = Set(
        (ProcessInfo.processInfo.environment["TUYENGIAO_FAILPOINT"] ?? "").split(separator: ",").map(String.init))

    public func hit() {
        guard Self.armed.contains(rawValue) else { return }
        StandardError.write("tuyengiao failpoint: \(rawValue)\n")
        sleep(60)
    }
}
