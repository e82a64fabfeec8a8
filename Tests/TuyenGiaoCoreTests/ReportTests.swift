import Foundation
import Testing
@testable import TuyenGiaoCore

@Suite struct ReportTests {
    /// The March report of the tiny fixture, compared with a golden file a person has read.
    /// `RECORD_GOLDEN=1 swift test` re-records it (and fails, so the diff is seen).
    @Test func textReportMatchesGolden() throws {
        let run = try TinyRun()
        let f = run.figures("2020-03", asOf: day("2020-04-25"))
        let text = TextReport.render(f, nextPeriod: .init(plan: run.plan, after: f.period))
        let golden = Fixture.folder.appendingPathComponent("golden/bao-cao_2020-03.txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("golden file re-recorded: \(golden.path)")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func reportLayoutRules() throws {
        let run = try TinyRun()
        var f = run.figures("2020-03", asOf: day("2020-04-25"))
        f.rejectedInMonth = RejectedRows(rows: 3, units: 2)
        let lines = TextReport.lines(ReportContent(f, nextPeriod: .init(plan: run.plan, after: f.period)))
        #expect(lines[0].hasSuffix("ĐẢNG CỘNG SẢN VIỆT NAM"))
        #expect(lines.contains { $0.contains("Số    -BC/ĐU") && $0.hasSuffix("Hà Nội, ngày 20 tháng 4 năm 2020") })
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "*" })
        #expect(lines.contains { $0.contains("2/3 đơn vị (66,7%)") })
        #expect(lines.contains { $0.contains("3 dòng số liệu của 2 đơn vị chưa hợp lệ, đã đề nghị đơn vị sửa.") })
        #expect(!lines.joined().contains(".csv"), "no file names in a report sent upward")
        let footer = try #require(lines.firstIndex { $0.hasPrefix("Nơi nhận:") })
        #expect(lines[footer].hasSuffix("T/M BAN THƯỜNG VỤ"))
        #expect(lines[footer + 1].hasSuffix("BÍ THƯ"))
        #expect(lines.last == "- Lưu VP.")
        #expect(lines.allSatisfy { TextLayout.width($0) <= TextReport.width })
    }

    @Test func provisionalPeriodsSaySo() throws {
        let run = try TinyRun(asOf: day("2020-04-10"))
        let f = run.figures("2020-03", asOf: day("2020-04-10"))
        let text = TextReport.render(f, nextPeriod: .init(plan: run.plan, after: f.period))
        #expect(text.contains("Số liệu tạm tính đến ngày 10/04/2020"))
        #expect(text.contains("ngày 10 tháng 4 năm 2020"))
        let json = SummaryJSON.build(f, input: run.ingest.totals).render()
        #expect(json.contains("\"provisional\": true"))
    }

    @Test func workbookModelHoldsTheSameFiguresAsTheReport() throws {
        let run = try TinyRun()
        let f = run.figures("2020-03")
        let wb = SummaryWorkbook.build(f, rejections: [], rowsRejected: 0)
        #expect(wb.sheets.map(\.name) == ["Tổng hợp", "Bao phủ P2", "Đơn vị", "Nội dung", "Hình thức", "Theo tháng", "Chưa báo cáo", "Dữ liệu lỗi"])
        let summary = wb.sheets[0]
        let r = try #require(summary.row(labelled: "Số hoạt động"))
        #expect(summary[r, 1].number == 2)
        #expect(summary[r, 2].number == 5)
        let cov = wb.sheets[1]
        let a = try #require(cov.row(labelled: "A"))
        #expect(cov[a, 7].number == 1.0 / 3.0)       // mean(A1 2/3, A2 0)
        let missing = wb.sheets[6]
        #expect(missing[1, 0].text == "A2")
    }

    /// Above `coverageDetailUnits` units a coverage sheet lists the parents only (issue 21);
    /// at the limit itself every unit is still there.
    @Test func aCoverageSheetPastTheLimitIsSummarisedByParent() throws {
        let run = try TinyRun()
        let f = run.figures("2020-03")
        let phase = try #require(f.activePhases.first)
        let all = SummaryWorkbook.build(f, rejections: [], rowsRejected: 0, coverageDetailUnits: phase.rows.count).sheets[1]
        let few = SummaryWorkbook.build(f, rejections: [], rowsRejected: 0, coverageDetailUnits: phase.rows.count - 1).sheets[1]
        let codes = { (s: SheetModel) in s.rows.compactMap { $0.first?.text }.filter { c in phase.rows.contains { $0.code == c } } }
        #expect(codes(all) == phase.rows.map(\.code))
        #expect(codes(few) == phase.rows.filter(\.isParent).map(\.code))
        #expect(few.rows[1].contains { $0.text?.contains("tổng hợp theo đơn vị cấp trên") == true })
        // The parents' figures are the same either way, and the rates row too.
        let a = try #require(few.row(labelled: "A")), aAll = try #require(all.row(labelled: "A"))
        #expect(few.rows[a].map(\.number) == all.rows[aAll].map(\.number))
        #expect(few.rows.last?.map(\.number) == all.rows.last?.map(\.number))
    }

    /// The run's month-by-month history gives every period's items and trend exactly as the
    /// plain walk over the cube does.
    @Test func theHistoryGivesWhatThePlainWalkGives() throws {
        let run = try TinyRun()
        let periods = (0..<6).map { run.cube.firstPeriod + $0 }
        let history = CubeHistory(cube: run.cube, plan: run.plan, through: periods.count - 1)
        for period in periods {
            let plain = MonthlyFigures(plan: run.plan, cube: run.cube, period: period, asOf: day("2020-12-31"), receipts: nil)
            let fast = MonthlyFigures(plan: run.plan, cube: run.cube, period: period, asOf: day("2020-12-31"), receipts: nil,
                                      history: history)
            #expect(fast.items.map { [$0.unitsCoveringMonth, $0.unitsCoveringCumulative, $0.month.activities, $0.month.participants,
                                      $0.cumulative.activities, $0.cumulative.participants] }
                    == plain.items.map { [$0.unitsCoveringMonth, $0.unitsCoveringCumulative, $0.month.activities, $0.month.participants,
                                          $0.cumulative.activities, $0.cumulative.participants] }, "\(period)")
            #expect(fast.trend.map(\.perForm) == plain.trend.map(\.perForm))
            #expect(fast.items.contains { $0.unitsCoveringCumulative > $0.unitsCoveringMonth } || period == periods[0])
        }
    }

    @Test func jsonTotalsBalance() throws {
        let run = try TinyRun()
        let json = SummaryJSON.build(run.figures("2020-01"), input: run.ingest.totals).render()
        #expect(json.hasPrefix("{\n  \"schema\": \"tuyengiao.summary/1\""))
        #expect(json.contains("\"rows_read\": 8"))
        #expect(json.contains("\"rows_replaced\": 1"))
        #expect(json.contains("\"coverage\": 0.5000"))
    }

    /// What the level above needs per unit and no more (issue 21): each expected unit's line
    /// says, by running phase, the items it still misses (a phase it has covered left out); a
    /// phase lists no units; every unit is one line.
    @Test func jsonListsPerUnitOnlyTheMissingItemsOfActivePhasesOneUnitALine() throws {
        let run = try TinyRun()
        let text = SummaryJSON.build(run.figures("2020-03"), input: run.ingest.totals).render()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let phases = try #require(json["phases"] as? [[String: Any]])
        #expect(phases.map { $0["code"] as? String } == ["P1", "P2"] && phases.allSatisfy { $0["units"] == nil })
        #expect(phases.map { $0["active"] as? Bool } == [false, true])
        let units = try #require(json["units"] as? [[String: Any]])
        func missing(_ code: String) -> [String: [String]]? {
            units.first { $0["code"] as? String == code }?["missing"] as? [String: [String]]
        }
        #expect(missing("A1") == ["P2": ["ND03"]], "P1 has ended: not running in March")
        #expect(missing("A2") == ["P2": ["ND02", "ND03", "ND04"]])
        #expect(missing("B") == ["P2": ["ND02", "ND04"]])
        // February: both running; A1 has covered P1's items, so P1 is left out of its line. January: all of it.
        func missingByUnit(_ month: String) throws -> [String: [String: [String]]] {
            let text = SummaryJSON.build(run.figures(month), input: run.ingest.totals).render()
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let list = try #require(json["units"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.compactMap { u in
                (u["missing"] as? [String: [String]]).map { (u["code"] as! String, $0) }
            })
        }
        let february = try missingByUnit("2020-02")
        #expect(february["A1"] == ["P2": ["ND03", "ND04"]])
        #expect(february["B"] == ["P1": ["ND02"], "P2": ["ND02", "ND03", "ND04"]])
        #expect(try missingByUnit("2020-01")["A1"] == [:])
        #expect(try missingByUnit("2020-04").isEmpty, "no phase runs in April: no unit says what it misses")
        #expect(units.filter { $0["missing"] != nil }.map { $0["code"] as? String } == ["A1", "A2", "B"])  // expected units only
        #expect(text.contains(",\"missing\":{\"P2\":[\"ND03\"]}},\n"))
        let unitLines = text.split(separator: "\n").filter { $0.contains("\"status\":") }
        #expect(unitLines.count == run.plan.units.count)
        #expect(unitLines.allSatisfy { $0.hasPrefix("    {\"code\":") && $0.utf8.count < 300 })
    }

    /// A unit's line leaves out what is unknown or the default (issue 21, ≤ 200 bytes a unit):
    /// no parent at the root, `expected` only when false, no timeliness when the receipt is
    /// unknown, no `month` when the unit did nothing, else [activities, participants,
    /// quantity] in the order `unit_month` names — and the level above reads it to the same
    /// tally as the figures.
    @Test func aUnitLineLeavesOutTheUnknownAndTheDefaultAndReadsBackTheSame() throws {
        let run = try TinyRun()
        let figures = run.figures("2020-03")
        let text = SummaryJSON.build(figures, input: run.ingest.totals).render()
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func line(_ code: String) -> String? { lines.first { $0.hasPrefix("{\"code\":\"\(code)\"") } }
        #expect(line("ROOT") == "{\"code\":\"ROOT\",\"name\":\"Đảng bộ Thử nghiệm\",\"expected\":false,\"status\":\"not_reported\",\"month\":[2,1230,2]},")
        #expect(line("A2") == "{\"code\":\"A2\",\"name\":\"Chi bộ Hai\",\"parent\":\"A\",\"status\":\"not_reported\",\"missing\":{\"P2\":[\"ND02\",\"ND03\",\"ND04\"]}},")
        #expect(line("B") == "{\"code\":\"B\",\"name\":\"Chi bộ Bê\",\"parent\":\"ROOT\",\"status\":\"reported\",\"month\":[1,1200,1],\"missing\":{\"P2\":[\"ND02\",\"ND04\"]}}", "the last line")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(json["unit_month"] as? [String] == ["activities", "participants", "quantity"])
        let read = try JSONDecoder().decode(SubordinateSummary.self, from: Data(text.utf8))
        let root = try #require(read.units.first { $0.code == "ROOT" })
        #expect(!root.expected && root.parent == nil && root.month.measures == figures.units[0].month)
        #expect(read.units.filter(\.expected).map(\.code) == ["A1", "A2", "B"])
        #expect(read.units.first { $0.code == "A2" }?.month.measures == Measures())
        #expect(SummaryIntegrity.accounting(read) == nil, "the lean lines balance with the totals")
        #expect(read.tally.roots == figures.month && read.tally.reported == figures.unitsReported)
    }

    @Test func peopleCSVGetsBOMAndNeutralisedFormulas() {
        let csv = CSVText.rejections([Rejection(file: "a.csv", line: 3, reason: .badDate, message: "sai, \"ngày\"", raw: "=HYPERLINK(1)")])
        #expect(csv.hasPrefix("\u{FEFF}file,line,reason,message,raw\n"))
        #expect(csv.contains("a.csv,3,bad_date,\"sai, \"\"ngày\"\"\",'=HYPERLINK(1)\n"))
        #expect(CSVText.line(["=x"], for: .machines) == "=x\n")
    }

    /// The byte-level summary writer gives what one `CSVText.line` per row gives.
    @Test func summaryCSVIsRFC4180WithFixedCoverage() {
        let q = SummaryQuery(dimensions: [.phase, .unit])
        let rows = [
            SummaryRow(keys: ["D1", "CB0001"], measures: Measures(activities: 1, participants: 0, quantity: 10), covered: 2, required: 3),
            SummaryRow(keys: ["D,2", "\"q\""], measures: Measures(activities: 1_234_567, participants: 9_876_543_210, quantity: 0),
                       covered: 0, required: 0),
        ]
        let expected = "phase,unit,activities,participants,quantity,covered,required,coverage\n"
            + "D1,CB0001,1,0,10,2,3,0.6667\n"
            + "\"D,2\",\"\"\"q\"\"\",1234567,9876543210,0,0,0,0.0000\n"
        #expect(SummaryText.csv(q, rows) == expected)
        let plain = SummaryQuery(dimensions: [.form])
        #expect(SummaryText.csv(plain, [SummaryRow(keys: [""], measures: Measures(activities: 10, participants: 100, quantity: 7))])
                == "form,activities,participants,quantity\n,10,100,7\n")
    }

    /// Escapes read back by an independent parser; layout as written by hand once.
    @Test func jsonStringsRoundTripAndLayoutIsStable() throws {
        let tricky = "Đảng \"bộ\" \\ tab\t cr\r lf\n" + String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}"
        let doc = JSONValue.object([("a", .array([.int(1), .string(tricky)])), ("b", .object([])), ("c", .array([]))])
        let parsed = try JSONSerialization.jsonObject(with: Data(doc.render().utf8)) as! [String: Any]
        #expect((parsed["a"] as! [Any])[1] as! String == tricky)
        #expect(JSONValue.object([("k", .array([.int(1), .bool(true)])), ("v", .null)]).render()
                == "{\n  \"k\": [\n    1,\n    true\n  ],\n  \"v\": null\n}")
        #expect(JSONValue.array([.string("x"), .double(0.5, decimals: 2)]).render(indent: 0) == "[\"x\",0.50]")
    }

    /// Integers written digit by digit in place read as Swift spells them: zero, every power
    /// of ten and its neighbours, negatives, and both ends of Int.
    @Test func jsonIntegersAreSpelledAsSwiftSpellsThem() {
        var values: [Int] = [0, 1, -1, 9, -9, Int.max, Int.min, Int.min + 1]
        var p = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]
        }
        let rendered = JSONValue.array(values.map { .int($0) }).render(indent: 0)
        #expect(rendered == "[" + values.map(String.init).joined(separator: ",") + "]")
    }

    /// What Excel cannot hold never stops a run: rejected rows past the sheet's useful size
    /// are counted, not listed; two phase codes equal once cut to 31 characters get two sheets.
    @Test func workbookLimitsAreMetWithoutFailing() throws {
        let run = try TinyRun()
        var f = run.figures("2020-02")
        f.phases[0].code = String(repeating: "X", count: 40) + "1"
        f.phases[1].code = String(repeating: "X", count: 40) + "2"
        let many = (0..<(SummaryWorkbook.maxErrorRows + 7)).map {
            Rejection(file: "a.csv", line: $0 + 2, reason: .badDate, message: "sai", raw: "x")
        }
        let wb = SummaryWorkbook.build(f, rejections: many, rowsRejected: many.count)
        let names = wb.sheets.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.count <= 31 })
        #expect(names.filter { $0.hasPrefix("Bao phủ") }.count == 2)
        let errors = wb.sheets.last!
        #expect(errors.rows.count == 1 + SummaryWorkbook.maxErrorRows + 1)
        #expect(errors.rows.last?[3].text == "… và 7 dòng lỗi khác, xem tệp du-lieu-loi.csv")
    }

    /// Guarding a cell against Excel formulas must round-trip, whatever the name looks like:
    /// a register line for `'=x.csv` must find `'=x.csv` again on the next run.
    @Test func formulaGuardRoundTrips() throws {
        for name in ["=x.csv", "'=x.csv", "''+y.csv", "-z.csv", "@a.csv", "'plain.csv", "'", "''", "a=b.csv", ""] {
            let cell = CSVText.field(name, for: .people)
            #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(name) written as a formula")
            #expect(CSVText.unguarded(cell) == name, "\(name) → \(cell)")
        }
        let sha = String(repeating: "a", count: 64)
        var register = ReceiptRegister()
        for name in ["'=x.csv", "=y.csv", "'+z.csv"] {
            register.record(.init(file: name, sha256: sha, received: day("2020-02-10"), source: .run))
        }
        let (back, problems) = try ReceiptRegister.parse(register.render())
        #expect(problems.isEmpty)
        #expect(back.entries.map(\.file) == ["'=x.csv", "=y.csv", "'+z.csv"])
        #expect(back.entry(file: "'=x.csv", sha256: sha) != nil)
    }

    /// A version is found by its name and digest whatever the digest's case (a clerk's or an
    /// old tool's upper-case line), and by nothing else.
    @Test func aRegisterLineIsFoundByNameAndDigestInEitherCase() {
        let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        var register = ReceiptRegister()
        register.record(.init(file: "logs/a.csv", sha256: sha.uppercased(), received: day("2020-02-10"), source: .run))
        register.record(.init(file: "logs/b.csv", sha256: sha, received: day("2020-02-11"), source: .run))
        #expect(register.entry(file: "logs/a.csv", sha256: sha)?.received == day("2020-02-10"))
        #expect(register.entry(file: "logs/b.csv", sha256: sha.uppercased())?.received == day("2020-02-11"))
        #expect(register.entry(file: "logs/a.csv", sha256: String(sha.dropLast()) + "c") == nil)
        #expect(register.entry(file: "logs/c.csv", sha256: sha) == nil)
    }
}

/// A unit's "Nội dung còn thiếu" sheet: a phase's long title shown whole, not cut by the next column.
@Suite struct UnitMissingSheetTests {
    @Test func aLongPhaseTitleWrapsInARowTallEnoughForIt() {
        let title = "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"
        let d = Day(year: 2020, month: 12, day: 1)!
        let p = PhaseCoverage(phase: 0, code: "D5", title: title, start: d, end: d, active: true, items: [0],
                              itemCodes: ["ND20"], coverage: 0, itemRates: [0], rows: [], measures: Measures(), missingByUnit: [])
        let s = UnitFeedback.missingSheetModel([(p, ["ND20"])], titles: ["ND20": "Ý nghĩa của Đại hội"])
        #expect(s[1, 0] == .text("D5 - " + title, .wrapped))
        #expect(s.rowHeights[1] == 48, "66 characters: three lines of the 30-wide column")
    }
}

@Suite struct UnitFileNameTests {
    /// A unit's workbook is named by its code; a character no file name can hold becomes "-",
    /// each one, and a code without any is kept as it is (the usual case, checked by its bytes).
    @Test func aCodeBecomesAFileNameWithoutTheCharactersAFileCannotHold() {
        #expect(UnitFeedback.fileName(code: "CB0701") == "CB0701.xlsx")
        #expect(UnitFeedback.fileName(code: "Đảng_ủy.7") == "Đảng_ủy.7.xlsx")
        #expect(UnitFeedback.fileName(code: "A/1") == "A-1.xlsx")
        #expect(UnitFeedback.fileName(code: "x\\y:z*?\"<>|") == "x-y-z------.xlsx")
        #expect(UnitFeedback.fileName(code: "Chi bộ/Ấp 3") == "Chi bộ-Ấp 3.xlsx")
    }
}

/// A wrapped cell's lines counted over its bytes (`SheetModel.simpleLines`, every unit's headers)
/// are the lines counted through Swift's characters (`plainLines`), for every text: the ones
/// the byte count takes and the ones it leaves (combining marks, CR LF, emoji, other scripts).
@Suite struct WrappedLinesTwinTests {
    static let pieces = ["Mã", "hoạt", "động", "Người", "tham", "dự", "(tháng)", "Đảng", "bộ", "tỉnh", "abc", "x",
                         "Nghị quyết", "—", "“trích”", "…", "–", "ĐẠI", "ỹ", "ÿ", "ʼ", "\t", "·",
                         " ", "  ", "\n", "\n\n",
                         "e\u{301}", "\r\n", "👍", "🇻🇳", "Ελλάδα", "Москва", "\u{200D}", "日本"]

    @Test func bytesAndCharactersCountTheSameLines() {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        var taken = 0, left = 0
        for _ in 0..<4_000 {
            let simple = next(3) > 0   // two texts in three of the pieces the bytes count
            let pool = simple ? Array(Self.pieces.prefix(27)) : Self.pieces
            let text = (0..<next(40)).map { _ in pool[next(pool.count)] }.joined(separator: next(2) == 0 ? " " : "")
            for width in [3.0, 8.43, 12, 14, 30, 60] {
                let room = max(1, (width - 1) / 1.1)
                var bytes = text
                let counted = bytes.withUTF8 { SheetModel.simpleLines($0, room: room) }
                if let counted { taken += 1; #expect(counted == SheetModel.plainLines(text, room: room), "\(text.debugDescription) at \(width)") }
                else { left += 1 }
                #expect(SheetModel.lines(text, width: width) == SheetModel.plainLines(text, room: room), "\(text.debugDescription)")
            }
        }
        #expect(taken > 10_000 && left > 2_000, "both kinds of text are tried: \(taken) counted over bytes, \(left) left")
        // Each text the bytes cannot count is left to the characters.
        for text in ["e\u{301}", "a\r\nb", "👍", "Ελλάδα", "a\u{200D}b", "日本"] {
            var t = text
            #expect(t.withUTF8 { SheetModel.simpleLines($0, room: 5) } == nil, "\(text.debugDescription)")
        }
    }
}
