import Testing
@testable import TuyenGiaoCore

/// Who sent a refused row (issue 17): its own unit cell, else the one unit code in its
/// file's path; its month: its own date, else a YYYY-MM in the path, else the file's rows.
@Suite struct SenderAttributionTests {
    let plan = try! Fixture.tinyPlan()

    @Test func theRowsOwnUnitFirstThenTheOnlyUnitCodeInThePath() {
        let a = SenderAttribution(plan: plan)
        func owner(_ file: String, unit: String, date: String = "15/02/2020") -> SenderAttribution.Owner {
            var fields = Array(repeating: "", count: LogColumn.allCases.count)
            fields[LogColumn.donVi.rawValue] = unit
            fields[LogColumn.ngay.rawValue] = date
            return a.owner(of: Rejection(file: file, line: 2, reason: .badNumber, message: "", raw: "", fields: fields), fileMonths: [])
        }
        let code = { (o: SenderAttribution.Owner) in o.unit.map { plan.units[$0].code } }
        #expect(code(owner("B/x.csv", unit: "A1")) == "A1")
        #expect(code(owner("2020-02/B.csv", unit: "A9")) == "B")
        #expect(code(owner("mau-nhat-ky_A2.xlsx", unit: "")) == "A2")
        #expect(code(owner("A1-va-B.csv", unit: "")) == nil, "two codes in the path: nobody")
        #expect(code(owner("nhat-ky.csv", unit: "")) == nil)
        #expect(owner("x.csv", unit: "A1").month == MonthKey(year: 2020, month: 2))
        #expect(owner("2020-03/x.csv", unit: "A1", date: "").month == MonthKey(year: 2020, month: 3))
        let whole = Rejection(file: "A1.csv", line: 0, reason: .unreadableFile, message: "", raw: "")
        #expect(a.owner(of: whole, fileMonths: [MonthKey(year: 2020, month: 1)]).month == MonthKey(year: 2020, month: 1))
        #expect(a.owner(of: whole, fileMonths: []).month == nil)
    }

    @Test func aUnitThatSentOnlyRefusedRowsIsRejectedWhichIsNotAReport() {
        #expect(ReportStatus.of(activities: 0, hasNilReport: false, sentRejected: true) == .rejected)
        #expect(!ReportStatus.rejected.didReport)
        #expect(ReportStatus.of(activities: 1, hasNilReport: false, sentRejected: true) == .reported)
        #expect(ReportStatus.of(activities: 0, hasNilReport: true, sentRejected: true) == .nilReport)
        #expect(ReportStatus.of(activities: 0, hasNilReport: false) == .notReported)
    }
}
