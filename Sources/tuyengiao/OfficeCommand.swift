import ArgumentParser
import TuyenGiaoIO

/// What a command's work came to; SPEC §9's exit codes are chosen from it in one place.
enum Outcome {
    /// Exit 0.
    case done
    /// Exit 2: done and written, but some rows were rejected.
    case rowsRejected
}

/// A command of this tool: it does its work in `execute`, and `run` turns every way that can
/// end into an exit code — a wrong command line 64 (with its usage), a failure 1 (one line on
/// stderr saying what and where), rows rejected 2, otherwise 0.
protocol OfficeCommand: ParsableCommand {
    var shared: SharedOptions { get }
    func execute() throws -> Outcome
}

extension OfficeCommand {
    func run() throws {
        let outcome: Outcome
        do {
            outcome = try execute()
        } catch let e as ValidationError {
            throw e
        } catch let e as ExitCode {
            throw e  // already reported by the command (plan check lists every problem)
        } catch {
            throw shared.console.fail(error)
        }
        if outcome == .rowsRejected { throw Exit.rejected }
    }
}
