import Testing
@testable import TuyenGiaoCore

/// The receipt register read line by line, and matched against the files of a run.
@Suite struct ReceiptRegisterTests {
    let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    let other = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"

    /// Each line is read under the header it follows, as a spreadsheet program leaves it:
    /// BOM, `;`, a blank line, day-first dates, a clerk's Vietnamese column names.
    @Test func eachLineIsReadUnderItsHeaderWhateverTheSpreadsheetDid() throws {
        let text = "\u{FEFF}\n"
            + "Tệp;Mã băm;Ngày nhận;Nguồn;Số dòng;Nhận;Lỗi;Đơn vị;Bảng mã;Tháng\r\n"
            + "logs/a.csv;\(sha.uppercased());5/2/2020;run;3;2;1;\"A1; A2\";utf-8;2020-01\r\n"
            + "\r\n"
            + "logs/b.csv;not-a-digest;6/2/2020;run;1;1;0;B;utf-8;2020-01\r\n"
            + "logs/c.csv;\(other);31/2/2020;run;1;1;0;B;utf-8;2020-01\r\n"
            + "logs/d.csv;\(other);;initial;1;1;0;B;utf-8;\"2020-01;2020-02\"\r\n"
        let (register, problems) = try ReceiptRegister.parse(text)
        #expect(register.entries.count == 4)
        let a = try #require(register.entry(file: "logs/a.csv", sha256: sha))
        #expect(a.received == day("2020-02-05") && a.source == .run)
        #expect((a.rows, a.accepted, a.rejected) == (3, 2, 1))
        #expect(a.units == ["A1", "A2"] && a.months == [MonthKey.parse("2020-01")!])
        let d = try #require(register.entry(file: "logs/d.csv", sha256: other))
        #expect(d.received == nil && d.source == .initial && d.months.count == 2)
        // The bad digest and the impossible date: warnings naming their lines, kept as read.
        #expect(problems.map(\.line) == [5, 6])
        #expect(register.hasUnreadableLine(for: "logs/b.csv"))
        #expect(register.entry(file: "logs/c.csv", sha256: other)?.verbatim?.first == "logs/c.csv")
    }

    /// A header without the file, its digest and its date puts the whole register in doubt.
    @Test(arguments: ["file,rows,received\nlogs/a.csv,1,2020-02-05\n", "sha256,received\n", "ghi chú\nlogs/a.csv\n"])
    func aRegisterWithoutItsThreeColumnsIsRefusedWhole(_ text: String) {
        #expect(throws: ReceiptRegister.Unreadable.self) { try ReceiptRegister.parse(text) }
    }

    @Test func anEmptyRegisterIsAnEmptyRegister() throws {
        let (register, problems) = try ReceiptRegister.parse("")
        #expect(register.entries.isEmpty && problems.isEmpty)
    }

    /// A version in the folder now is never its own earlier receipt, whichever of its lines the
    /// register's index finds: a line a clerk copied and re-dated, a digest typed in capitals.
    @Test func aVersionInTheFolderIsNeverItsOwnEarlierReceipt() throws {
        let plan = try Fixture.tinyPlan()
        let january = MonthKey.parse("2020-01")!
        var register = ReceiptRegister()
        register.append(.init(file: "logs/a.csv", sha256: sha, received: day("2020-02-05"), source: .run,
                              units: ["A1"], months: [january]))
        register.append(.init(file: "logs/a.csv", sha256: sha, received: day("2020-02-25"), source: .run,
                              units: ["A1"], months: [january]))
        register.append(.init(file: "logs/b.csv", sha256: other.uppercased(), received: day("2020-02-03"), source: .run,
                              units: ["B"], months: [january]))
        // A version no longer in the folder: the one earlier receipt there is.
        register.append(.init(file: "logs/a.csv", sha256: other, received: day("2020-02-01"), source: .run,
                              units: ["A1"], months: [january]))
        let files = [("logs/a.csv", sha, "A1"), ("logs/b.csv", other, "B")].map { name, digest, unit in
            ReceiptReconciler.FileSeen(name: name, sha256: digest, tally: FileTally(name: name), unitCodes: [unit], months: [january])
        }
        let outcome = ReceiptReconciler.reconcile(register: register, fileCount: files.count, file: { files[$0] }, plan: plan,
                                                  newVersions: .seenOn(day("2020-03-01")), asOf: day("2020-03-01"))
        #expect(outcome.added == 0)
        #expect(outcome.receipts.received == [0: day("2020-02-25"), 1: day("2020-02-03")])
        let a1 = plan.units.units.firstIndex { $0.code == "A1" }!
        #expect(outcome.receipts.earlier == [UnitMonth(unit: a1, month: january): [day("2020-02-01")]])
    }

    /// New versions get a line each, their units and months in order whatever order they came in.
    @Test func aNewVersionsLineListsItsUnitsAndMonthsInOrder() throws {
        let plan = try Fixture.tinyPlan()
        let (jan, feb) = (MonthKey.parse("2020-01")!, MonthKey.parse("2020-02")!)
        let seen = [ReceiptReconciler.FileSeen(name: "logs/x.csv", sha256: sha, tally: FileTally(name: "logs/x.csv"),
                                               unitCodes: ["B", "A2", "A1"], months: [feb, jan]),
                    ReceiptReconciler.FileSeen(name: "logs/y.csv", sha256: other, tally: FileTally(name: "logs/y.csv"),
                                               unitCodes: ["A1"], months: [jan, feb])]
        let outcome = ReceiptReconciler.reconcile(register: ReceiptRegister(), fileCount: 3, file: { $0 < 2 ? seen[$0] : nil },
                                                  plan: plan, newVersions: .seenOn(day("2020-03-02")), asOf: day("2020-03-02"))
        #expect(outcome.added == 2)
        #expect(outcome.register.entries.map(\.units) == [["A1", "A2", "B"], ["A1"]])
        #expect(outcome.register.entries.map(\.months) == [[jan, feb], [jan, feb]])
        #expect(outcome.receipts.received == [0: day("2020-03-02"), 1: day("2020-03-02")])
    }
}
