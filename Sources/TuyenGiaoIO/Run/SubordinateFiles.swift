import Foundation
import TuyenGiaoCore

/// Reads the subordinate committees' JSON summaries under `logs/` (issue 20) and hands them
/// to the core's `SubordinateIntake`, before any log row is read: which committee months
/// they speak for decides which raw rows are set aside.
public enum SubordinateFiles {
    /// A summary is a page of figures; anything this large is not one.
    static let maxBytes = 64 << 20

    public static func intake(_ files: [LogFinder.Found], plan: Plan) -> SubordinateIntake {
        var found: [SubordinateIntake.Found] = []
        var seen = Set<String>()
        let decoder = JSONDecoder()
        for (i, file) in files.enumerated() where file.isSummary {
            guard (file.size ?? 0) <= maxBytes else {
                found.append(.init(file: i, name: file.relativePath,
                                   summary: .failure(.init("Tệp quá lớn để là một báo cáo tổng hợp (trên 64 MB); không đọc."))))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file.path) else {
                found.append(.init(file: i, name: file.relativePath, summary: .failure(.init("Không mở được tệp."))))
                continue
            }
            // Byte-identical to an earlier file: the run lists it as a duplicate, read once.
            guard seen.insert(LogFileReader.digest(of: data)).inserted else { continue }
            do {
                var summary = try decoder.decode(SubordinateSummary.self, from: data)
                summary.compact()
                found.append(.init(file: i, name: file.relativePath, summary: .success(summary)))
            } catch {
                found.append(.init(file: i, name: file.relativePath, summary: .failure(.init(
                    "Không đọc được báo cáo tổng hợp (JSON hỏng hoặc thiếu mục \(Self.describe(error))); đề nghị cấp dưới xuất lại tệp tong-hop bằng tuyengiao."))))
            }
        }
        return SubordinateIntake(found, plan: plan)
    }

    /// Everything under `logs/` read as a run reads it (`run` and `receive` alike): the
    /// committees' summaries first — the months they speak for set raw rows aside — then the
    /// logs into the cube, the summaries added to it, and each file's fate settled in its tally.
    static func ingest(plan: Plan, files: [LogFinder.Found], asOf: Day, options: Ingestion.Options,
                       progress: ((Int, Int, String) -> Void)? = nil)
        -> (outcome: Ingestion.Outcome, cube: ActivityCube, intake: SubordinateIntake) {
        let intake = intake(files, plan: plan)
        let cells = intake.cells, reference = options.reference
        var (outcome, cube) = Ingestion.run(plan: plan, files: files, asOf: asOf, options: options, progress: progress) {
            ActivityCube(plan: plan, reference: reference, supersededBySummaries: cells)
        }
        for contribution in intake.contributions { cube.add(contribution) }
        outcome.ingest.settle(intake, setAside: cube.setAsideByFile)
        return (outcome, cube, intake)
    }

    /// The missing or mistyped key, as a short phrase.
    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let c)?: return "\"" + (c.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".") + "\""
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .dataCorrupted(let c)?:
            return c.codingPath.isEmpty ? "" : "\"" + c.codingPath.map(\.stringValue).joined(separator: ".") + "\""
        default: return ""
        }
    }

    /// The warnings a run prints about its committees: what their summaries could not map,
    /// and raw rows set aside because a summary speaks for the same committee and month.
    static func notes(_ intake: SubordinateIntake, setAside: [UnitMonth: Int], plan: Plan) -> [String] {
        intake.warnings + setAside.sorted { ($0.key.month, $0.key.unit) < ($1.key.month, $1.key.unit) }.map { key, n in
            "\(plan.units[key.unit].name) tháng \(key.month.vietnamese): có cả báo cáo tổng hợp và \(n) dòng nhật ký — dùng báo cáo tổng hợp, các dòng nhật ký tính là bị thay thế"
        }
    }
}
