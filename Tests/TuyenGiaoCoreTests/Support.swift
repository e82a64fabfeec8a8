import Foundation
import Testing
@testable import TuyenGiaoCore

/// Fixture files next to the tests (read from the source tree, so golden files can be re-recorded).
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func tinyPlan() throws -> Plan { try PlanLoader.load(yaml: text("tiny-plan.yaml")) }
}

/// The tiny fixture ingested into a cube, as `run` does it.
struct TinyRun {
    let plan: Plan
    var cube: ActivityCube
    var ingest: LogIngest

    init(asOf: Day = Day(year: 2020, month: 12, day: 31)!, logs: String? = nil) throws {
        plan = try Fixture.tinyPlan()
        var cube = ActivityCube(plan: plan)
        var ingest = LogIngest(plan: plan, asOf: asOf)
        ingest.ingestCSV(name: "tiny-logs.csv", text: try logs ?? Fixture.text("tiny-logs.csv")) { cube.add($0) }
        ingest.finish { cube.add($0) }
        self.cube = cube
        self.ingest = ingest
    }

    func figures(_ month: String, asOf: Day = Day(year: 2020, month: 12, day: 31)!) -> MonthlyFigures {
        MonthlyFigures(plan: plan, cube: cube, period: MonthKey.parse(month)!, asOf: asOf, receipts: nil)
    }

    func unitIndex(_ code: String) -> Int { plan.units.units.firstIndex { $0.code == code }! }
}

func day(_ s: String) -> Day { Day.parseISO(s)! }
