import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

// The ingest path one stage at a time, on one thread (not a test; `make bench` runs it):
//
//     bench-ingest DATA_DIR [--repeat N] [--as-of YYYY-MM-DD] [--only STAGE]
//
// DATA_DIR holds plan.yaml and logs/*.csv (as ../shared/bench/gen_logs.py writes them).
// Each stage does what the one before it did and one thing more, so the differences
// are what each part of the path costs:
//   read        the files through the reader's fixed buffer (`read`, no work)
//   + check     the UTF-8 / control-byte check of each buffer (`CleanText`)
//   + parse     the CSV state machine, fields cut (`CSVParser`)
//   + interpret rows into activities: dates, units, items, forms, numbers (`LogIngest`)
//   + summary   activities summed by phase, unit, item (`AdHocSummary`), as `summary` does
// It prints, for each stage, the best time of N runs (CPU time of this one thread) and
// the MB/s that makes. `--only read|check|parse|interpret|summary` runs that one stage
// (to profile it, under perf or callgrind). "Parse path" in the issue's sense is the `+ interpret` line: bytes
// in, activities out.

struct Stage {
    let name: String
    let run: () -> Int  // returns a count, so the work cannot be optimised away
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-ingest: \(message)\n".utf8))
    exit(64)
}

var args = Array(CommandLine.arguments.dropFirst())
var repeatCount = 5
var asOfText = "2021-03-31"
var dataDir: String?
var only: String?
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--repeat": repeatCount = Int(args.isEmpty ? "" : args.removeFirst()) ?? 0
    case "--as-of": asOfText = args.isEmpty ? "" : args.removeFirst()
    case "--only": only = args.isEmpty ? "" : "+ " + args.removeFirst()
    default: dataDir = a
    }
}
guard let dataDir, repeatCount > 0, let asOf = Day.parseISO(asOfText) else {
    fail("usage: bench-ingest DATA_DIR [--repeat N] [--as-of YYYY-MM-DD] [--only STAGE]")
}
let folder = URL(fileURLWithPath: dataDir)
let plan: Plan
let files: [LogFinder.Found]
do {
    plan = try PlanFile.load(folder.appendingPathComponent("plan.yaml"))
    files = try LogFinder.find(in: folder.appendingPathComponent("logs"))
} catch {
    fail("\(error)")
}
let totalBytes = files.reduce(0) { $0 + ($1.size ?? 0) }
let buffer = ReadBuffer()

/// Every file through the read buffer; `body` sees each buffer cut at its last line break
/// (the carry-over goes to the next read, as the reader does it).
func eachBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    for file in files {
        let fd = open(file.path, O_RDONLY)
        guard fd >= 0 else { fail("cannot open \(file.relativePath)") }
        defer { close(fd) }
        var kept = 0
        while true {
            let n = read(fd, buffer.base + kept, buffer.count - kept)
            if n <= 0 {
                if kept > 0 { body(UnsafeBufferPointer(start: buffer.base, count: kept)) }
                break
            }
            let filled = kept + n
            let all = UnsafeBufferPointer(start: UnsafePointer(buffer.base), count: filled)
            let cut = (all.lastIndex(of: 0x0A) ?? (filled - 1)) + 1
            body(UnsafeBufferPointer(rebasing: all[0..<cut]))
            kept = filled - cut
            if kept > 0 { memmove(buffer.base, buffer.base + cut, kept) }
        }
    }
}

let stages: [Stage] = [
    Stage(name: "read") {
        var sum = 0
        eachBlock { sum &+= $0.count }
        return sum
    },
    Stage(name: "+ check") {
        var clean = 0
        eachBlock { if CleanText.check($0) { clean += 1 } }
        return clean
    },
    Stage(name: "+ parse") {
        var records = 0
        eachBlock { block in
            _ = CleanText.check(block)
            var parser = CSVParser(delimiter: 0x2C)
            parser.feed(block) { records &+= $0.fieldCount }
            parser.finish { records &+= $0.fieldCount }
        }
        return records
    },
    Stage(name: "+ interpret") {
        var activities = 0
        var ingest = LogIngest(plan: plan, asOf: asOf)
        for file in files {
            LogFileReader.ingest(file, into: &ingest, hash: false, buffer: buffer) { activities &+= $0.participants }
        }
        return activities
    },
    Stage(name: "+ summary") {
        var ingest = LogIngest(plan: plan, asOf: asOf)
        var summary = AdHocSummary(plan: plan, query: SummaryQuery(dimensions: [.phase, .unit, .item]),
                                   lastPeriod: plan.calendar.period(of: asOf))
        for file in files {
            LogFileReader.ingest(file, into: &ingest, hash: false, buffer: buffer) { summary.add($0) }
        }
        return summary.rows().count
    },
]

/// CPU time of this thread (user and system): the VM's other tenants do not count.
func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let mb = Double(totalBytes) / 1e6
print("bench-ingest: \(files.count) file(s), \(String(format: "%.1f", mb)) MB, one thread, best CPU time of \(repeatCount)")
print("| stage | CPU s | MB/s | stage's own s |")
print("| --- | ---: | ---: | ---: |")
var before = 0.0
for stage in stages where only == nil || stage.name == only || "+ " + stage.name == only {
    var best = Double.infinity
    var check = 0
    for _ in 0..<repeatCount {
        let t0 = cpuSeconds()
        check = stage.run()
        best = min(best, cpuSeconds() - t0)
    }
    precondition(check >= 0)
    print("| \(stage.name) | \(String(format: "%.3f", best)) | \(String(format: "%.0f", mb / best)) | \(String(format: "%.3f", max(best - before, 0))) |")
    before = best
}
