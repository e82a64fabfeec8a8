import Testing
@testable import TuyenGiaoCore

/// The Word report as values (SPEC §7.2): the official layout, and words fit for a superior body.
@Suite struct ReportDocumentTests {
    func model(asOf: Day = day("2020-04-25"), style: DocumentStyle = .party) throws -> (DocumentModel, ReportContent) {
        let run = try TinyRun()
        var f = run.figures("2020-03", asOf: asOf)
        f.plan.reporting.style = style
        f.plan.reporting.signerName = "Nguyễn Văn A"
        let content = ReportContent(f, nextPeriod: .init(plan: run.plan, after: f.period))
        return (ReportDocument.build(content, created: asOf), content)
    }

    @Test func thePageAndTheFontAreTheOfficialOnes() throws {
        let (doc, _) = try model()
        #expect(doc.page.width == 210 && doc.page.height == 297)
        #expect([doc.page.top, doc.page.bottom, doc.page.left, doc.page.right] == [20, 20, 30, 15])
        #expect(doc.font == "Times New Roman" && doc.size == 14)
        #expect(doc.page.numbersFromSecondPage)
        #expect(doc.created == day("2020-04-25"))
    }

    @Test func theHeaderBlockIsATwoColumnTableWithoutBorders() throws {
        let (doc, _) = try model()
        guard case .table(let header) = doc.blocks[0] else { Issue.record("the header is not a table"); return }
        #expect(!header.borders)
        #expect(header.columns.count == 2 && header.columns.reduce(0, +) == 165)
        let left = header.rows[0][0], right = header.rows[0][1]
        #expect(left.map(\.text) == ["ĐẢNG BỘ TỈNH THỬ", "BAN THƯỜNG VỤ ĐẢNG ỦY THỬ NGHIỆM", "*", "Số    -BC/ĐU"])
        #expect(left[0].runs[0].bold == false, "the superior body: capitals, not bold")
        #expect(left[1].runs[0].bold, "the issuing body: capitals, bold")
        #expect(left.allSatisfy { $0.alignment == .center })
        #expect(right.map(\.text) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 20 tháng 4 năm 2020"])
        #expect(right[0].runs[0].bold && right[0].ruleBelow, "bold, with a drawn rule under it")
        #expect(right[1].runs[0].italic && !right[1].runs[0].bold, "place and date in italics")
    }

    @Test func theStateStyleHasTheNationalHeading() throws {
        let (doc, _) = try model(style: .state)
        guard case .table(let header) = doc.blocks[0] else { Issue.record("the header is not a table"); return }
        #expect(header.rows[0][1].map(\.text) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                                   "Hà Nội, ngày 20 tháng 4 năm 2020"])
        #expect(header.rows[0][1][1].ruleBelow)
        #expect(header.rows[0][0].last?.text == "Số:    /BC/ĐU")
    }

    @Test func titleSubjectAndBodyAreRealParagraphs() throws {
        let (doc, content) = try model()
        let ps = doc.paragraphs
        let title = try #require(ps.first { $0.text == "BÁO CÁO" })
        #expect(title.alignment == .center && title.runs[0].bold && title.runs[0].size == 16)
        let subject = try #require(ps.first { $0.text == content.subject })
        #expect(subject.alignment == .center && subject.runs[0].bold)
        let heading = try #require(ps.first { $0.text == "I. KẾT QUẢ THỰC HIỆN" })
        #expect(heading.runs[0].bold)
        let bullet = try #require(ps.first { $0.text.hasPrefix("- Số đơn vị đã báo cáo: 2/3 đơn vị (66,7%)") })
        #expect(bullet.alignment == .justified && bullet.firstLineIndent == 10 && bullet.spaceAfter == 6)
        #expect(!ps.contains { $0.text.contains("\n") }, "no hard line breaks inside a paragraph")
        // Results by form and the phases' progress are tables with a repeated header row.
        let tables = doc.blocks.compactMap { if case .table(let t) = $0, t.borders { t } else { nil } }
        #expect(tables.count == 2)
        #expect(tables[0].rows[0].map { $0.map(\.text).joined() } == ["Hình thức", "Hoạt động", "Lượt người", "Số lượng"])
        #expect(tables[0].rows[1].map { $0.map(\.text).joined() } == ["Hội nghị", "2", "1.230", ""])
        #expect(tables[0].headerRows == 1 && tables[0].rows[1][1][0].alignment == .right)
        #expect(tables[1].rows[1][2].map(\.text) == ["33,3%"])
    }

    @Test func theSignatureBlockSitsBesideTheRecipients() throws {
        let (doc, _) = try model()
        guard case .table(let footer) = doc.blocks.last! else { Issue.record("the footer is not a table"); return }
        #expect(!footer.borders)
        #expect(footer.rows[0][0].map(\.text) == ["Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy (b/c),", "- Lưu VP."])
        let right = footer.rows[0][1]
        #expect(right[0].text == "T/M BAN THƯỜNG VỤ" && right[0].runs[0].bold)
        #expect(right[1].text == "BÍ THƯ" && right[1].runs[0].bold)
        #expect(right.dropFirst(2).prefix(4).allSatisfy { $0.text.isEmpty }, "room for the signature and the seal")
        #expect(right.last?.text == "Nguyễn Văn A")
    }

    /// Items and units by their names; nothing is praised at 0 %; errors of the month only.
    @Test func wordsFitForASuperiorBody() throws {
        let run = try TinyRun()
        let (_, content) = try model()
        let text = TextReport.render(content)
        for code in ["ND02", "ND03", "ND04", "A2"] { #expect(!text.contains(code), "\(code) is a code, not a name") }
        #expect(text.contains("Đôn đốc các đơn vị chưa báo cáo: Chi bộ Hai."))
        // A month in which no one reported praises nothing.
        var empty = run.figures("2020-03", asOf: day("2020-04-25"))
        empty.unitsReported = 0
        empty.month = Measures()
        for i in empty.items.indices { empty.items[i].month = Measures() }
        let words = TextReport.render(ReportContent(empty, nextPeriod: .init(plan: run.plan, after: empty.period)))
        #expect(words.contains("Trong tháng chưa có kết quả nổi bật để ghi nhận."))
        #expect(!words.contains("0/3 đơn vị đã báo cáo (0%)."))
    }

    @Test func rejectedRowsCountForTheMonthTheyBelongTo() {
        let cal = ReportingCalendar()
        var a = FileTally(name: "2020-09/DT03.csv"); a.units = [3]
        var b = FileTally(name: "2020-10/X.csv")
        b.units = []
        let rejections = [
            Rejection(file: a.name, line: 2, reason: .badDate, message: "", raw: "31/09/2020;DT03;ND15"),  // no real date: the file's month
            Rejection(file: a.name, line: 3, reason: .unknownUnit, message: "", raw: "14/09/2020,DT09,ND15"),
            Rejection(file: a.name, line: 4, reason: .unknownItem, message: "", raw: "02/10/2020;DT03;ND99"),  // its own date: October
            Rejection(file: b.name, line: 2, reason: .unknownUnit, message: "", raw: "05/10/2020;??;ND01"),
        ]
        let months = RejectedRows.byMonth(rejections, files: [a, b], fileMonths: [[MonthKey(year: 2020, month: 9)], []], calendar: cal)
        #expect(months[MonthKey(year: 2020, month: 9)] == RejectedRows(rows: 2, units: 1))
        #expect(months[MonthKey(year: 2020, month: 10)] == RejectedRows(rows: 2, units: 2))
        #expect(months[MonthKey(year: 2020, month: 8)] == nil)
    }

    /// A plan signed on 30 December: its two days of December are no report of their own.
    @Test func aFirstPeriodTheePlanCoversLessThanHalfIsNotReported() throws {
        let cal = ReportingCalendar()
        let dec = MonthKey(year: 2019, month: 12)
        #expect(ReportedPeriods.isStub(dec, from: day("2019-12-30"), calendar: cal))
        #expect(ReportedPeriods.isStub(dec, from: day("2019-12-17"), calendar: cal))    // 15 of 31 days
        #expect(!ReportedPeriods.isStub(dec, from: day("2019-12-16"), calendar: cal))   // 16 of 31 days
        var plan = try Fixture.tinyPlan()
        plan.phases[0].start = day("2019-12-30")
        #expect(ReportedPeriods.list(plan: plan, asOf: day("2020-02-10")).map(\.description) == ["2020-01", "2020-02"])
        plan.phases[0].start = day("2019-12-16")
        #expect(ReportedPeriods.list(plan: plan, asOf: day("2020-02-10")).map(\.description) == ["2019-12", "2020-01", "2020-02"])
        // A stub that is also the last period is still reported: there is nothing to fold it into.
        plan.phases[0].start = day("2019-12-30")
        #expect(ReportedPeriods.list(plan: plan, asOf: day("2019-12-31")).map(\.description) == ["2019-12"])
    }

    /// A list of units in the report names at most 30 and says how many more, and where.
    @Test func unitListsAreCappedAndSayWhereTheRestAre() throws {
        let run = try TinyRun()
        let a2 = run.figures("2020-03").units.first { $0.code == "A2" }!
        let many = (0..<1_264).map { i -> UnitFigures in var u = a2; u.name = "Chi bộ số \(i)"; return u }
        let text = ReportSections.names(many, sheet: "Chưa báo cáo")
        #expect(text.hasPrefix("Chi bộ số 0; Chi bộ số 1;"))
        #expect(text.contains("Chi bộ số 29 và 1.234 đơn vị khác — xem bảng tính, trang Chưa báo cáo"))
        #expect(!text.contains("Chi bộ số 30"))
        #expect(ReportSections.names(Array(many.prefix(30)), sheet: "x") == (0..<30).map { "Chi bộ số \($0)" }.joined(separator: "; "))
    }
}
