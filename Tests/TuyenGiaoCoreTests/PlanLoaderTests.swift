import Foundation
import Testing
@testable import TuyenGiaoCore

@Suite struct PlanLoaderTests {
    @Test func tinyPlanLoads() throws {
        let plan = try Fixture.tinyPlan()
        #expect(plan.items.count == 4)
        #expect(plan.phases.map(\.code) == ["P1", "P2"])
        #expect(plan.phases[1].items == [1, 2, 3])
        #expect(plan.units.preorder.map { plan.units[$0].code } == ["ROOT", "A", "A1", "A2", "B"])
        #expect(plan.units.expectedUnits.map { plan.units[$0].code } == ["A1", "A2", "B"])
        #expect(plan.units[2].depth == 2)
        #expect(plan.reporting.periodEndDay == 31)
    }

    @Test func theDemoPlanIsValid() throws {
        let yaml = try String(contentsOf: Fixture.folder.appendingPathComponent("../../../Input/plan.yaml").standardized, encoding: .utf8)
        let plan = try PlanLoader.load(yaml: yaml)
        #expect(plan.phases.count == 5)
        #expect(plan.slogans.count == 16)
        #expect(plan.phases[0].end >= plan.phases[1].start, "D1 and D2 overlap")
    }

    /// `reports` is read by the loader itself (YAML 1.1 booleans written plain); a quoted
    /// or other value is a problem on its line.
    @Test func reportsTakesPlainBooleans() throws {
        func plan(_ units: String) -> String {
            """
            plan: {code: "1-KH", title: "Thử", issuer: "Ban", issued: 2020-01-01}
            reporting: {due_day: 20}
            items: [{code: ND01, title: "Một"}]
            forms: [{code: HN, title: "Hội nghị"}]
            phases: [{code: D1, title: "Đợt", start: 2020-01-01, end: 2020-06-30, items: [ND01]}]
            units:
            \(units)
            """
        }
        let loaded = try PlanLoader.load(yaml: plan("""
              - {code: ROOT, name: "Gốc", reports: Yes}
              - {code: A, name: "A", parent: ROOT, reports: off}
              - {code: B, name: "B", parent: ROOT, reports: FALSE}
              - {code: C, name: "C", parent: ROOT}
            """))
        #expect(loaded.units.expectedUnits.map { loaded.units[$0].code } == ["ROOT", "C"])
        for bad in ["\"true\"", "maybe", "1"] {
            do {
                _ = try PlanLoader.load(yaml: plan("  - {code: ROOT, name: \"Gốc\", reports: \(bad)}"))
                Issue.record("reports: \(bad) was accepted")
            } catch {
                #expect(error.problems.contains { $0.line == 7 && $0.description.contains("true hoặc false") }, "\(error.problems)")
            }
        }
    }

    @Test func everyProblemIsListedWithItsLine() throws {
        let yaml = """
        plan:
          code: "1-KH"
          title: "Thử"
          issuer: "Ban"
          issued: 2020-01-01
          isued: 2020-01-02
        reporting:
          due_day: 30
          period_end_day: 29
        items:
          - {code: ND01, title: "Một"}
          - {code: nd01, title: "Trùng"}
          - {code: "N D", title: "Sai mã"}
        forms:
          - {code: HN, title: "Hội nghị"}
        phases:
          - {code: D1, title: "Đợt", start: 2020-03-01, end: 2020-02-01, items: [ND01, ND77]}
          - {code: D2, title: "Chưa có ngày", start: null, end: null, items: [ND01]}
        units:
          - {code: U1, name: "Một", parent: U2}
          - {code: U2, name: "Hai", parent: U1}
          - {code: U3, name: "Ba", parent: NOPE}
        """
        do {
            _ = try PlanLoader.load(yaml: yaml)
            Issue.record("an invalid plan loaded")
        } catch {
            let text = error.problems.map(\.description)
            func has(_ line: Int, _ fragment: String) -> Bool {
                error.problems.contains { $0.line == line && $0.description.contains(fragment) }
            }
            #expect(has(6, "plan.isued"), "\(text)")
            #expect(has(8, "due_day"), "\(text)")
            #expect(has(9, "period_end_day"), "\(text)")
            #expect(has(12, "trùng"), "\(text)")
            #expect(has(13, "mã \"N D\""), "\(text)")
            #expect(has(17, "sau ngày kết thúc"), "\(text)")
            #expect(has(17, "ND77"), "\(text)")
            #expect(has(18, "phases[1].start"), "\(text)")
            #expect(text.contains { $0.contains("vòng lặp") }, "\(text)")
            #expect(has(22, "NOPE"), "\(text)")
            #expect(error.problems.count >= 10)
        }
    }

    @Test func missingRequiredKeysAreNamed() {
        do {
            _ = try PlanLoader.load(yaml: "plan:\n  code: x\nitems: []\n")
            Issue.record("loaded")
        } catch {
            let text = error.problems.map(\.description).joined(separator: "\n")
            for key in ["plan.title", "plan.issuer", "plan.issued", "reporting", "forms", "phases", "units"] {
                #expect(text.contains(key), "\(key) in \(text)")
            }
        }
    }

    @Test func unitsFromACSVFile() throws {
        let yaml = try Fixture.text("tiny-plan.yaml").components(separatedBy: "units:")[0] + "units_file: units.csv\n"
        let plan = try PlanLoader.load(yaml: yaml) { name in
            #expect(name == "units.csv")
            return "code,name,parent,kind,reports\nR,Gốc,,,\nX,Chi bộ X,R,chi_bo,\nY,Chi bộ Y,R,chi_bo,false\n"
        }
        #expect(plan.units.expectedUnits.map { plan.units[$0].code } == ["X"])
    }

    /// What no run could write is refused by plan check: a year typed wrong (0001 made a run
    /// stage 24,000 periods), a phase with more items than a sheet has columns.
    @Test func plansNoRunCouldWriteAreRefused() throws {
        let base = try Fixture.text("tiny-plan.yaml")
        let typo = base.replacingOccurrences(of: "start: 2020-01-01, end: 2020-02-29", with: "start: 0001-01-01, end: 2020-02-29")
        #expect(typo != base)
        do {
            _ = try PlanLoader.load(yaml: typo)
            Issue.record("a phase starting in year 1 must be refused")
        } catch {
            #expect(error.problems.contains { $0.message.contains("năm 1 ngoài khoảng 1990–2100") && $0.line != nil })
        }
        #expect(throws: InvalidPlan.self) {
            _ = try PlanLoader.load(yaml: base.replacingOccurrences(of: "issued: 2020-01-01", with: "issued: 2101-01-01"))
        }
        var many = "plan: {code: \"1-KH\", title: \"T\", issuer: \"B\", issued: 2020-01-01}\n"
        many += "reporting: {recipient: \"R\", due_day: 20, number_suffix: \"BC\"}\nitems:\n"
        for i in 0..<16_001 { many += "  - {code: N\(i), title: \"Nội dung \(i)\"}\n" }
        many += "forms:\n  - {code: HN, title: \"Hội nghị\"}\nphases:\n  - {code: D1, title: \"Đợt\", start: 2020-01-01, end: 2020-02-01, items: ["
        many += (0..<16_001).map { "N\($0)" }.joined(separator: ", ") + "]}\nunits:\n  - {code: U, name: \"Đơn vị\"}\n"
        do {
            _ = try PlanLoader.load(yaml: many)
            Issue.record("16,001 items in one phase must be refused")
        } catch {
            #expect(error.problems.contains { $0.message.contains("16001 nội dung") })
        }
    }

    /// Plan text reaches reports and terminals: control and invisible characters are blanked;
    /// a YAML mistake is said in Vietnamese, with its line, briefly.
    @Test func planTextIsPrintableAndYAMLErrorsAreShort() throws {
        let base = try Fixture.text("tiny-plan.yaml")
        let escaped = base.replacingOccurrences(of: "title: \"Tuyên truyền thử nghiệm\"",
                                                with: "title: \"Tuyên truyền\\e[31m thử\\u200B nghiệm\\x01\"")
        #expect(escaped != base)
        let plan = try PlanLoader.load(yaml: escaped)
        #expect(!plan.title.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x200B })
        #expect(plan.title == "Tuyên truyền [31m thử nghiệm")
        let broken = base + "\nitems: [ND01\n  - x: \"chưa đóng\n"
        do {
            _ = try PlanLoader.load(yaml: String(repeating: "[", count: 5000) + broken)
            Issue.record("broken YAML must be refused")
        } catch {
            let p = try #require(error.problems.first)
            #expect(p.message.hasPrefix("cú pháp YAML sai"))
            #expect(p.message.count < 300)
        }
    }

    /// A key written twice is a problem on its line, listed with the plan's other problems
    /// (it was the whole refusal before, in English and without a line).
    @Test func aRepeatedKeyIsAProblemOnItsLine() throws {
        let base = try Fixture.text("tiny-plan.yaml")
        let yaml = base.replacingOccurrences(of: "  due_day: 20\n", with: "  due_day: 20\n  due_day: 21\n")
            .replacingOccurrences(of: "{code: ND01, title: \"Lịch sử Đảng\"}", with: "{code: ND01, title: \"Lịch sử Đảng\", code: ND09}")
            .replacingOccurrences(of: "{code: TQ, title: \"Trực quan\"", with: "{code: TQ, title: \"\"")
        let lines = yaml.components(separatedBy: "\n")
        func line(_ text: String) -> Int { (lines.firstIndex { $0.contains(text) } ?? -1) + 1 }
        do {
            _ = try PlanLoader.load(yaml: yaml)
            Issue.record("a repeated key must be refused")
        } catch {
            let problems = error.problems
            #expect(problems.count == 3)
            let due = try #require(problems.first { $0.message.contains("\"due_day\"") })
            #expect(due.line == line("due_day: 21"))
            #expect(due.message.contains("lần đầu ở dòng \(line("due_day: 20"))"))
            let code = try #require(problems.first { $0.message.contains("\"code\"") })
            #expect(code.line == line("ND09"))
            // The plan's other problems are still listed.
            #expect(problems.contains { $0.path == "forms[1].title" })
        }
    }

    /// libyaml's commonest complaints come with the mistake that causes them, and its line.
    @Test func yamlMistakesSayTheLikelyCause() throws {
        func problem(_ yaml: String) throws -> PlanProblem {
            do { _ = try PlanLoader.load(yaml: yaml) } catch { return try #require(error.problems.first) }
            throw PlanProblem(line: nil, path: "", message: "loaded")
        }
        let tab = try problem("plan:\n  code: x\n\ttitle: y\n")
        #expect(tab.line == 3)
        #expect(tab.message.contains("phím Tab"))
        let indent = try problem("plan:\n\tcode: x\n")
        #expect(indent.line == 2)
        #expect(indent.message.contains("phím Tab"))
        let quote = try problem("plan:\n  code: \"x\n  title: y\n")
        #expect(quote.line == 4)
        #expect(quote.message.contains("ngoặc kép"))
        #expect(quote.message.contains("dòng 2"))
        let second = try problem("plan: {}\n---\nitems: []\n")
        #expect(second.line == 2)
        #expect(second.message.contains("\"---\""))
    }
}
