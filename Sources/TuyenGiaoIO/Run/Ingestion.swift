import Foundation
import TuyenGiaoCore

/// Reads every log file of a run into the given sink, in file order (deterministic).
public enum Ingestion {
    public struct Outcome {
        public var ingest: LogIngest
        public var files: [FileTally] { ingest.files }
        public var rejections: [Rejection] { ingest.rejections }
        public var totals: FileTally { ingest.totals }
    }

    public static func run(plan: Plan, files: [LogFinder.Found], asOf: Day,
                           progress: ((Int, Int, String) -> Void)? = nil,
                           sink: (Activity) -> Void) -> Outcome {
        var ingest = LogIngest(plan: plan, asOf: asOf)
        for (i, file) in files.enumerated() {
            progress?(i, files.count, file.relativePath)
            LogFileReader.ingest(file, into: &ingest, sink: sink)
        }
        ingest.finish(sink: sink)
        return Outcome(ingest: ingest)
    }
}
