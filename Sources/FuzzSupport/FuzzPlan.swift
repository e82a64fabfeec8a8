import Foundation
import TuyenGiaoCore
import TuyenGiaoIO

/// The plan the fuzz targets ingest against: small, with names that differ only in
/// diacritics and a title holding `;`, so the matchers' corner cases are reachable.
public enum FuzzPlan {
    public static let yaml = """
    plan: {code: "1-KH/ĐU", title: "Thử", issuer: "Đảng ủy Thử", place: "Hà Nội", issued: 2020-01-01}
    reporting: {recipient: "Ban Tuyên giáo", due_day: 20}
    items:
      - {code: ND01, title: "Lịch sử Đảng"}
      - {code: ND02, title: "Đại hội chi bộ; đại hội đảng bộ"}
    forms:
      - {code: HN, title: "Hội nghị"}
      - {code: TQ, title: "Trực quan"}
    phases:
      - {code: P1, title: "Đợt một", start: 2020-01-01, end: 2020-02-29, items: [ND01, ND02]}
      - {code: P2, title: "Đợt hai", start: 2020-02-01, end: 2020-03-31, items: [ND02]}
    units:
      - {code: ROOT, name: "Đảng bộ Thử"}
      - {code: A, name: "Chi bộ Một", parent: ROOT}
      - {code: B, name: "Chi bộ Mốt", parent: ROOT}
    """

    public static let plan: Plan = {
        switch Result(catching: { try PlanLoader.load(yaml: yaml) }) {
        case .success(let p): return p
        case .failure(let e): fatalError("fuzz plan: \(e)")
        }
    }()

    /// Every file's rows are accounted for (SPEC §7.4): read = accepted + rejected + replaced.
    public static func checkAccounting(_ ingest: LogIngest) {
        for f in ingest.files {
            FuzzDriver.require(f.rowsRead == f.accepted + f.rejected + f.replaced,
                               "\(f.name): read \(f.rowsRead) ≠ \(f.accepted) + \(f.rejected) + \(f.replaced)")
            FuzzDriver.require(f.accepted >= 0 && f.rejected >= 0, "negative tally in \(f.name)")
        }
    }
}

/// The body both fuzz targets share: the bytes become one log file with the given
/// extension, read by the same reader `run` uses.
public enum FuzzTarget {
    public static func logFile(extension ext: String) -> (UnsafeRawBufferPointer) -> Void {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-fuzz-\(getpid()).\(ext)")
        return { bytes in
            _ = FileManager.default.createFile(atPath: path.path, contents: Data(bytes))
            var ingest = LogIngest(plan: FuzzPlan.plan, asOf: Day(year: 2020, month: 12, day: 31)!)
            var activities = 0
            LogFileReader.ingest(LogFinder.Found(relativePath: "fuzz.\(ext)", url: path), into: &ingest) { _ in activities += 1 }
            ingest.finish { _ in activities += 1 }
            FuzzPlan.checkAccounting(ingest)
            FuzzDriver.require(activities == ingest.totals.accepted,
                               "\(activities) activities for \(ingest.totals.accepted) accepted rows")
        }
    }
}
