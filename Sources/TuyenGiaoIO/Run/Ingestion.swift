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
        // Byte-identical files count once (SPEC §4). Only a file as long as an earlier one
        // can equal it, so only those are hashed before they are read.
        var bySize: [Int: [Int]] = [:]
        for (i, file) in files.enumerated() {
            progress?(i, files.count, file.relativePath)
            let size = (try? file.url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? -1
            if size > 0, let earlier = bySize[size], let sha = LogFileReader.digest(of: file.url),
               let original = earlier.map({ ingest.files[$0] }).first(where: { $0.sha256 == sha && $0.duplicateOf == nil }) {
                ingest.duplicateFile(file.relativePath, of: original)
            } else {
                LogFileReader.ingest(file, into: &ingest, sink: sink)
                // A file refused before it was read through (binary, empty) is still a receipt.
                if ingest.files.last?.sha256 == nil, let sha = LogFileReader.digest(of: file.url) { ingest.setDigest(sha) }
            }
            if size > 0 { bySize[size, default: []].append(ingest.files.count - 1) }
        }
        ingest.finish(sink: sink)
        return Outcome(ingest: ingest)
    }
}
