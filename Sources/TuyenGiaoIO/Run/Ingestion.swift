import Foundation
import TuyenGiaoCore

/// Reads every log file of a run, on every core, into accumulators that are merged at the
/// end; the outcome is the same, to the byte, as reading the files one after another.
///
/// The work is a list of tasks in input order: a whole file, a piece of a large file (cut
/// just after a line break), or the SHA-256 of a file read in pieces. Each worker thread
/// keeps its own accumulator and row interpreter and takes the next task; each task's
/// tallies, rejections and re-sent activities are kept apart and merged in input order.
/// A piece that turns out to have begun inside a quoted field (its predecessor ended
/// inside quotes) undoes the split: the whole input is then read again on one thread.
public enum Ingestion {
    public struct Outcome {
        public var ingest: LogIngest
        public var files: [FileTally] { ingest.files }
        public var rejections: [Rejection] { ingest.rejections }
        public var totals: FileTally { ingest.totals }
    }

    public struct Options: Sendable {
        /// Forces the encoding of files without a byte-order mark (nil: detect).
        public var encoding: TextEncoding?
        /// Compute every file's SHA-256 (the receipt register needs it; summaries do not).
        public var digests: Bool
        /// Worker threads; default: every core (`TUYENGIAO_THREADS` overrides, for benchmarks).
        public var workers: Int
        /// Files at least this large are read in pieces (at least one per worker) of at most `pieceBytes`.
        public var splitBytes: Int
        public var pieceBytes: Int

        /// Every fast path's plain twin (`TUYENGIAO_REFERENCE=1`, read by the CLI).
        public var reference: Bool

        public init(encoding: TextEncoding? = nil, digests: Bool = true, workers: Int? = nil, splitBytes: Int = 16 << 20,
                    pieceBytes: Int = 64 << 20, reference: Bool = false) {
            self.encoding = encoding
            self.reference = reference
            self.digests = digests
            self.workers = max(1, workers ?? ProcessInfo.processInfo.environment["TUYENGIAO_THREADS"].flatMap { Int($0) }
                ?? ProcessInfo.processInfo.activeProcessorCount)
            self.splitBytes = splitBytes
            self.pieceBytes = pieceBytes
        }
    }

    public static func run<A: ActivityAccumulator>(plan: Plan, files: [LogFinder.Found], asOf: Day, options: Options,
                                                  progress: ((Int, Int, String) -> Void)? = nil,
                                                  make: @escaping () -> A) -> (Outcome, A) {
        let sizes = files.map { file -> Int in
            if let size = file.size { return size }
            var st = stat()
            return stat(file.path, &st) == 0 ? Int(st.st_size) : -1
        }
        // Byte-identical files count once (SPEC §4). Only files of equal size can be equal,
        // so only those are hashed before anything is read.
        var digests = [String?](repeating: nil, count: files.count)
        var duplicateOf = [Int?](repeating: nil, count: files.count)
        var bySize: [Int: [Int]] = [:]
        for (i, size) in sizes.enumerated() where size > 0 { bySize[size, default: []].append(i) }
        for group in bySize.values where group.count > 1 {
            // A group is in input order: a digest's first file is the original. Looked up, not
            // searched — 100,000 one-unit files come in few sizes, groups of hundreds.
            var first: [String: Int] = [:]
            for i in group {
                guard let d = LogFileReader.digest(of: files[i].url) else { continue }
                digests[i] = d
                if let earlier = first[d] { duplicateOf[i] = earlier } else { first[d] = i }
            }
        }
        let tasks = planTasks(files: files, sizes: sizes, duplicateOf: duplicateOf, digests: digests, options: options)
        // The merge runs as the results come in, in input order, on whichever worker finds the
        // next one ready: a result is held from its reading to its merge only, never until
        // the last file is read (100,000 one-unit files held 100,000 parts; issue 21).
        let merger = Merger(files: files, digests: digests, prototype: RowInterpreter(plan: plan, asOf: asOf, reference: options.reference))
        let results = TaskResults<A>(tasks: tasks, workers: options.workers, merge: merger.merge)
        let progressLock = NSLock()
        var done = 0
        // Called from the workers; one at a time, so a progress bar is never drawn twice at once.
        let report: (Int) -> Void = { file in
            guard let progress else { return }
            progressLock.lock()
            defer { progressLock.unlock() }
            done += 1
            progress(min(done, files.count), files.count, files[file].relativePath)
        }
        // What the workers share: read-only values, the locked results and progress.
        let prototype = merger.prototype
        let shared = Unchecked((make: make, report: report, digests: digests, prototype: prototype))
        DispatchQueue.concurrentPerform(iterations: min(options.workers, max(tasks.count, 1))) { w in
            let (make, report, digests, prototype) = shared.value
            // Its own interpreter: the value caches are not shared between threads.
            var interp = prototype.withOwnCaches()
            var accumulator = make()
            let buffer = ReadBuffer()
            while let t = results.next() {
                switch tasks[t] {
                case .whole(let i):
                    var part = LogIngest(interpreter: interp, fileBase: i)
                    interp = prototype   // the part's caches referenced once: filled in place, not copied
                    LogFileReader.ingest(files[i], into: &part, encoding: options.encoding,
                                         hash: options.digests && digests[i] == nil, buffer: buffer) { accumulator.add($0) }
                    interp = part.handBack(leaving: prototype)
                    results.store(t, .ingest(part.part, nil))
                    report(i)
                case .piece(let i, let range, let isFirst, let isLast, let info):
                    var part = LogIngest(interpreter: interp, fileBase: i)
                    interp = prototype   // the part's caches referenced once: filled in place, not copied
                    let end = LogFileReader.ingestPiece(files[i], range: range, isFirst: isFirst, isLast: isLast,
                                                        info: info, into: &part, buffer: buffer) { accumulator.add($0) }
                    interp = part.handBack(leaving: prototype)
                    results.store(t, .ingest(part.part, end))
                    if isLast { report(i) }
                case .digest(let i):
                    results.store(t, .digest(LogFileReader.digest(of: files[i].url, buffer: buffer)))
                case .duplicate, .summary:
                    // Decided before any reading (a summary is read apart, `SubordinateFiles`):
                    // nothing to read, only its place in the merge.
                    results.store(t, .nothing)
                }
            }
            results.keep(accumulator, worker: w)
        }
        // A split that began a piece inside a quoted field cannot be patched: read it all again, in order.
        if merger.splitInsideQuotes {
            var again = options
            again.splitBytes = .max
            return run(plan: plan, files: files, asOf: asOf, options: again, progress: nil, make: make)
        }
        precondition(results.allMerged, "every task's result merged")
        var ingest = merger.takeIngest()
        for (i, sha) in merger.computedDigests { ingest.setDigest(sha, file: i) }
        for i in files.indices where digests[i] != nil && ingest.files[i].sha256 == nil {
            ingest.setDigest(digests[i]!, file: i)
        }
        // A file refused before it was read through (binary, empty) is still a receipt.
        if options.digests {
            // An entry refused by name (a FIFO, a link out of the folder) is never opened.
            for i in files.indices where ingest.files[i].sha256 == nil && files[i].refusal == nil {
                if let sha = LogFileReader.digest(of: files[i].url) { ingest.setDigest(sha, file: i) }
            }
        }
        // Into the first worker's, each other let go once merged: a province's cube is hundreds
        // of megabytes, and a fresh one to merge into was a third copy at the peak (issue 21).
        var kept = results.takeAccumulators()
        var accumulator = kept.isEmpty ? make() : kept.removeFirst()
        while let other = kept.popLast() { accumulator.merge(other) }
        ingest.finish { accumulator.add($0) }
        return (Outcome(ingest: ingest), accumulator)
    }

    /// One per file (100,000 small files: 100,000 tasks), so a piece's larger payload is
    /// boxed (`indirect`) rather than widening every task.
    enum Task {
        case whole(Int)
        indirect case piece(Int, Range<Int>, isFirst: Bool, isLast: Bool, LogFileReader.SplitInfo)
        case digest(Int)
        case duplicate(Int, of: Int)
        /// A subordinate's JSON summary: listed in input order, its figures taken apart.
        case summary(Int)
    }

    /// The tasks in input order: large UTF-8 files in pieces, with their digest as a task of its own
    /// (ahead of the pieces).
    static func planTasks(files: [LogFinder.Found], sizes: [Int], duplicateOf: [Int?], digests: [String?],
                     options: Options) -> [Task] {
        var tasks: [Task] = []
        for i in files.indices {
            if let original = duplicateOf[i] { tasks.append(.duplicate(i, of: original)); continue }
            if files[i].isSummary { tasks.append(.summary(i)); continue }
            if options.workers > 1, sizes[i] >= options.splitBytes,
               let info = LogFileReader.splitInfo(files[i], encoding: options.encoding) {
                // Four pieces a worker at least: with one or two each, the worker that also
                // hashed the file finished a piece later than the other (a province's one
                // 160 MB file: three pieces and the digest on two cores, one idle a third of it).
                let pieces = max(options.workers * 4, (sizes[i] + options.pieceBytes - 1) / options.pieceBytes)
                let points = LogFileReader.splitPoints(files[i], size: sizes[i], pieces: pieces)
                if points.count > 2 {
                    // The digest first: one worker hashes while the others start on the
                    // pieces. Last, it left one core hashing alone at the end.
                    if options.digests && digests[i] == nil { tasks.append(.digest(i)) }
                    for k in 0..<(points.count - 1) {
                        tasks.append(.piece(i, points[k]..<points[k + 1], isFirst: k == 0, isLast: k == points.count - 2, info))
                    }
                    continue
                }
            }
            tasks.append(.whole(i))
        }
        return tasks
    }
}

/// A value handed to worker threads that only read it (or synchronise themselves).
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// The tasks' results merged into one ingest in input order (whatever order the workers
/// finish in, the outcome is the one-thread reading's, to the byte). Called by `TaskResults`
/// with each result in task order, one at a time.
final class Merger: @unchecked Sendable {
    let files: [LogFinder.Found]
    let digests: [String?]
    let prototype: RowInterpreter
    private(set) var ingest: LogIngest
    private(set) var computedDigests: [(file: Int, sha: String)] = []
    /// A piece of a split file began inside a quoted field: nothing more is merged, and the
    /// run reads its input again without splitting.
    private(set) var splitInsideQuotes = false
    private var lineOffset = 0

    init(files: [LogFinder.Found], digests: [String?], prototype: RowInterpreter) {
        self.files = files
        self.digests = digests
        self.prototype = prototype
        ingest = LogIngest(interpreter: prototype, fileBase: 0)
        // A tally per file, known from the start: no list doubling as it grows.
        ingest.reserveFiles(files.count)
    }

    /// The merged ingest, handed over rather than copied: a second reference to its file list
    /// made the next change to it copy all 100,000 tallies (issue 21).
    func takeIngest() -> LogIngest {
        defer { ingest = LogIngest(interpreter: prototype, fileBase: 0) }
        return ingest
    }

    func merge(_ task: Ingestion.Task, _ result: TaskResult) {
        guard !splitInsideQuotes else { return }
        switch (task, result) {
        case (.duplicate(let i, let original), _):
            var tally = ingest.files[original]
            tally.sha256 = tally.sha256 ?? digests[original]
            ingest.duplicateFile(files[i].relativePath, of: tally)
        case (.summary(let i), _):
            ingest.summaryFile(files[i].relativePath)
        case (.whole, .ingest(let part, _)):
            ingest.absorb(part, continuing: false)
        case (.piece(_, _, let isFirst, let isLast, _), .ingest(let part, let end?)):
            if !isLast && !end.atRecordStart { splitInsideQuotes = true; return }
            if isFirst { lineOffset = 0 }
            ingest.absorb(part, continuing: !isFirst, lineOffset: lineOffset)
            lineOffset += end.lines
        case (.digest(let i), .digest(let sha)):
            // Comes before the file's pieces: recorded once its tally exists.
            if let sha { computedDigests.append((i, sha)) }
        default:
            preconditionFailure("task \(task) has no result")
        }
    }
}

/// What a task gave: a part read, a digest, or nothing (a task decided before any reading:
/// a duplicate, a summary).
enum TaskResult {
    /// Boxed: a slot per task lives until the run's end, most of them merged and empty.
    indirect case ingest(LogIngest.Part, LogFileReader.PieceEnd?)
    case digest(String?)
    case nothing
}

/// The tasks, the next one to hand out, their results until merged, and each worker's
/// accumulator. A result is stored by the worker that read it, then merged — by whichever
/// worker finds it next in input order — and let go.
final class TaskResults<A>: @unchecked Sendable {
    private let tasks: [Ingestion.Task]
    private var results: [TaskResult?]
    private var kept: [A?]
    private var nextTask = 0
    private var nextMerge = 0
    private let lock = NSLock()
    /// Held while merging: one merge at a time, in order; reading goes on meanwhile.
    private let mergeLock = NSLock()
    private let merge: (Ingestion.Task, TaskResult) -> Void

    init(tasks: [Ingestion.Task], workers: Int, merge: @escaping (Ingestion.Task, TaskResult) -> Void) {
        self.tasks = tasks
        self.merge = merge
        results = Array(repeating: nil, count: tasks.count)
        kept = Array(repeating: nil, count: workers)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextTask < results.count else { return nil }
        defer { nextTask += 1 }
        return nextTask
    }

    /// Stores task `t`'s result, then merges every result ready from the next one in order.
    func store(_ t: Int, _ r: TaskResult) {
        lock.lock(); results[t] = r; lock.unlock()
        mergeLock.lock(); defer { mergeLock.unlock() }
        while true {
            lock.lock()
            guard nextMerge < results.count, let ready = results[nextMerge] else { lock.unlock(); return }
            results[nextMerge] = nil
            let task = tasks[nextMerge]
            nextMerge += 1
            lock.unlock()
            merge(task, ready)
        }
    }

    var allMerged: Bool { lock.lock(); defer { lock.unlock() }; return nextMerge == results.count }

    func keep(_ a: A, worker: Int) { lock.lock(); kept[worker] = a; lock.unlock() }
    /// In worker order (the merge is order-free anyway: sums and unions), handed over: the
    /// results keep none.
    func takeAccumulators() -> [A] {
        defer { kept = [] }
        return kept.compactMap { $0 }
    }
}
