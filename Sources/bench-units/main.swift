import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

// The units' workbooks one stage at a time, on one thread (not a test; a benchmark):
//
//     bench-units DATA_DIR [--repeat N] [--as-of YYYY-MM-DD] [--units N]
//
// DATA_DIR holds plan.yaml and logs/ (scripts/gen_growth.py). One `run` into a scratch folder
// gives every period's figures; then, for the first N units (default 2,000), each stage does
// what the one before did and one thing more, so the differences are what each part costs:
//   model        the unit's workbook as values (`UnitFeedback.Builder.model(for:)`)
//   + fingerprint  its digest (`WorkbookFingerprint.of`)
//   + bytes      the .xlsx in memory (`SmallWorkbook`, through `WorkbookRenderer.smallBytes`)
//   + file       all of `WorkbookRenderer.prepare` into a new folder (what a first run does)
// It prints each stage's best CPU time of N rounds (this thread's), in µs per unit: the VM's
// other tenants, which make wall times of whole runs drift by 15 %, count far less here.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-units: \(message)\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
var repeatCount = 5
var asOfText = "2021-02-28"
var unitCount = 2_000
var dataDir: String?
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--repeat": repeatCount = Int(args.isEmpty ? "" : args.removeFirst()) ?? 0
    case "--as-of": asOfText = args.isEmpty ? "" : args.removeFirst()
    case "--units": unitCount = Int(args.isEmpty ? "" : args.removeFirst()) ?? 0
    default: dataDir = a
    }
}
guard let dataDir, repeatCount > 0, unitCount > 0, let asOf = Day.parseISO(asOfText) else {
    fail("usage: bench-units DATA_DIR [--repeat N] [--as-of YYYY-MM-DD] [--units N]")
}
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-units-\(getpid())")
defer { try? FileManager.default.removeItem(at: scratch) }
let result: MonthlyRun.Result
do {
    result = try MonthlyRun.run(.init(input: URL(fileURLWithPath: dataDir), output: scratch.appendingPathComponent("Output"),
                                      reports: scratch.appendingPathComponent("Reports"), asOf: asOf))
} catch {
    fail("\(error)")
}
guard let latest = result.latest else { fail("no period to report") }
let builder = UnitFeedback.Builder(result.feedback, figures: [latest], created: asOf)
let units = Array(builder.units.prefix(unitCount))

/// CPU time of this thread (user and system).
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

struct Stage {
    let name: String
    let run: (Int) throws -> Int  // a count, so the work cannot be optimised away
}

let stages: [Stage] = [
    Stage(name: "model") { u in builder.model(for: u).workbook.sheets.count },
    Stage(name: "+ fingerprint") { u in WorkbookFingerprint.of(builder.model(for: u).workbook).utf8.count },
    Stage(name: "+ bytes") { u in
        let model = builder.model(for: u).workbook
        return try WorkbookRenderer.smallBytes(model, fingerprint: WorkbookFingerprint.of(model), path: "").count
    },
]

print("bench-units: \(units.count) of \(builder.units.count) units' workbooks, one thread, best CPU time of \(repeatCount)")
print("| stage | µs per unit | stage's own µs |")
print("| --- | ---: | ---: |")
var before = 0.0
@MainActor func report(_ name: String, _ best: Double) {
    let perUnit = best / Double(units.count) * 1e6
    print("| \(name) | \(String(format: "%.1f", perUnit)) | \(String(format: "%.1f", max(perUnit - before, 0))) |")
    before = perUnit
}
do {
    for stage in stages {
        var best = Double.infinity
        for _ in 0..<repeatCount {
            let t0 = cpuSeconds()
            var check = 0
            for u in units { check &+= try stage.run(u) }
            best = min(best, cpuSeconds() - t0)
            precondition(check > 0)
        }
        report(stage.name, best)
    }
    // The whole of a first run's unit workbook: into a new folder, abandoned after each round.
    var best = Double.infinity
    for _ in 0..<repeatCount {
        let batch = OutputBatch()
        guard let folder = try batch.newFolder(scratch.appendingPathComponent("don-vi")) else { fail("don-vi exists") }
        let t0 = cpuSeconds()
        for u in units {
            let model = builder.model(for: u)
            batch.adopt(try WorkbookRenderer.prepare(model.workbook, named: model.fileName, in: folder, writer: .smallWhenItFits))
        }
        best = min(best, cpuSeconds() - t0)
        batch.abandon()
    }
    report("+ file", best)
} catch {
    fail("\(error)")
}
