import Foundation
import Testing

/// `--help` is the Vietnamese manual of each command: its text is kept in
/// Fixtures/help/ and read by a person once; a change shows in the diff.
/// `RECORD_GOLDEN=1 swift test --filter HelpSnapshotTests` records them anew (and fails).
@Suite struct HelpSnapshotTests {
    static let commands: [[String]] = [[], ["run"], ["receive"], ["freeze"], ["validate"], ["summary"], ["template"],
                                       ["plan"], ["plan", "check"], ["plan", "draft"]]

    @Test(arguments: commands)
    func helpIsTheManual(command: [String]) throws {
        let tmp = try TempDir()
        let r = try Binary.run(command + ["--help"], cwd: tmp.url, shellPrefix: "COLUMNS=100")
        #expect(r.code == 0)
        let name = (["tuyengiao"] + command).joined(separator: "-") + ".txt"
        let golden = Fixture.folder.appendingPathComponent("help/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try r.out.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(golden.path)")
            return
        }
        #expect(r.out == (try String(contentsOf: golden, encoding: .utf8)), "\(name) changed")
    }
}
