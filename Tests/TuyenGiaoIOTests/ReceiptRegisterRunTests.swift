import Foundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

/// The receipt register `Input/so-nhan.csv` and timeliness from it (SPEC §5, §7.5; the
/// receipts issue), through `run` on a small workspace whose days we choose.
@Suite struct ReceiptRegisterRunTests {
    /// An office that starts with an empty folder, then receives files day by day.
    @Test func aRunDatesEachNewFileByItsOwnDayAndNeverChangesALine() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")                        // the register is created, empty
        #expect(try Data(contentsOf: o.register).starts(with: [0xEF, 0xBB, 0xBF]), "a BOM for Excel")
        #expect(try o.lines().map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") } == ["file,sha256,received,source,rows,accepted,rejected,units,encoding,months"])
        try o.log("a1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n")
        #expect(try o.run("2020-02-10").newFiles == 1) // before January's due date, 20/02
        let bLog = "20/01/2020,B,ND02,TQ,0\n"
        try o.log("b-thang1.csv", bLog)
        try o.log("b-thang1-gui-lai.csv", bLog)       // the same bytes again: counted once
        let second = try o.run("2020-02-25")
        #expect(second.newFiles == 2)
        #expect(second.totals.accepted == 2)
        let lines = try o.lines()
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("a1-thang1.csv,") && lines[1].hasSuffix(",2020-02-10,run,1,1,0,A1,utf-8,2020-01"))
        #expect(lines[2].hasPrefix("b-thang1-gui-lai.csv,") && lines[2].hasSuffix(",2020-02-25,run,1,1,0,B,utf-8,2020-01"))
        #expect(lines[3].hasPrefix("b-thang1.csv,") && lines[3].hasSuffix(",2020-02-25,run,0,0,0,,utf-8,"))

        #expect(try o.unit("A1", "2020-01")["days_late"] as? Int == 0)
        #expect(try o.unit("A1", "2020-01")["first_receipt"] as? String == "2020-02-10")
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == 5)
        let wb = try XLSXReader(url: o.tmp.sub("Output/tong-hop_2020-01.xlsx"))
        #expect(row(try grid(wb, "Đơn vị"), labelled: "B")?.compactMap { $0?.text }.contains("Muộn 5 ngày") == true)

        let before = try Data(contentsOf: o.register)
        #expect(try o.run("2020-03-01").newFiles == 0)
        #expect(try Data(contentsOf: o.register) == before, "a run with nothing new leaves the register's bytes alone")
    }

    /// Every entry under logs/ has its line, read or not: one never opened (a Word file, a
    /// FIFO) by name with `khong-doc` for its digest, once, however many runs see it.
    @Test func anEntryThatCouldNotBeReadIsInTheRegisterByName() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("a1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.write("ghi-chu.docx", Data("x".utf8))
        #expect(mkfifo(o.logs.appendingPathComponent("ong.csv").path, 0o644) == 0)
        #expect(try o.run("2020-02-10").newFiles == 3)
        let lines = try o.lines()
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("a1.csv,") && lines[1].hasSuffix(",2020-02-10,run,1,1,0,A1,utf-8,2020-01"))
        #expect(lines[2] == "ghi-chu.docx,khong-doc,2020-02-10,run,0,0,0,,không đọc được,")
        #expect(lines[3] == "ong.csv,khong-doc,2020-02-10,run,0,0,0,,không đọc được,")
        let before = try Data(contentsOf: o.register)
        #expect(try o.run("2020-02-11").newFiles == 0)
        #expect(try Data(contentsOf: o.register) == before, "seen again: no new line")
    }

    @Test func filesAlreadyThereWhenTheRegisterIsCreatedHaveAnUnknownDateNotALateOne() throws {
        let o = try SmallOffice()
        try o.log("a1-thang1.csv", "15/01/2020,A1,ND01,HN,10\n")
        let r = try o.run("2026-12-01")
        #expect(r.registerNotes.contains { $0.contains("initial") })
        #expect(try o.lines()[1].contains(",,initial,"))
        let a1 = try o.unit("A1", "2020-01")
        #expect(a1["days_late"] == nil)
        #expect(a1["first_receipt"] == nil)
        let totals = try o.json("2020-01")["totals"] as! [String: Any]
        #expect(totals["units_receipt_unknown"] as? Int == 1)
        #expect(totals["units_on_time"] as? Int == 0)
        let wb = try XLSXReader(url: o.tmp.sub("Output/tong-hop_2020-01.xlsx"))
        #expect(row(try grid(wb, "Đơn vị"), labelled: "A1")?.compactMap { $0?.text }.contains("Chưa xác định") == true)
        #expect(number(row(try grid(wb, "Tổng hợp"), labelled: "Đơn vị chưa xác định ngày nhận báo cáo")?[1]) == 1)
        let report = try String(contentsOf: o.tmp.sub("Reports/bao-cao_2020-01.txt"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(report.contains("1 đơn vị chưa xác định được ngày nhận báo cáo (không tính là chậm)"))
        // A clerk who learns the date (from the e-mail) writes it in; the tool keeps it.
        let edited = try String(contentsOf: o.register, encoding: .utf8).replacingOccurrences(of: ",,initial,", with: ",18/02/2020,initial,")
        try edited.write(to: o.register, atomically: true, encoding: .utf8)
        try o.log("b-thang1.csv", "20/01/2020,B,ND02,TQ,0\n")
        try o.run("2026-12-02")
        #expect(try o.unit("A1", "2020-01")["days_late"] as? Int == 0)
        #expect(try o.unit("A1", "2020-01")["first_receipt"] as? String == "2020-02-18")
        #expect(try o.lines()[1].contains(",2020-02-18,receive,"), "the corrected date is kept")
        #expect(try o.lines().count == 3)
    }

    /// The report asks units to correct their rows; a correction sent after the due date
    /// must not make a unit that reported on time late.
    @Test func aCorrectionAfterTheDueDateKeepsTheUnitOnTime() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-20")                                    // the due date itself: on time
        #expect(try o.unit("A1", "2020-01")["days_late"] as? Int == 0)
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,12\n")          // corrected, same name, after the due date
        try o.run("2020-02-27")
        #expect(try o.lines().count == 3, "the old version keeps its line; the correction gets one of its own")
        let a1 = try o.unit("A1", "2020-01")
        #expect(a1["days_late"] as? Int == 0)
        #expect(a1["first_receipt"] as? String == "2020-02-20")
        #expect((a1["month"] as? [Int])?[1] == 12, "the figures are the correction's")
        // B's first file arrives the day after the due date: late by one.
        try o.log("B.csv", "20/01/2020,B,ND02,TQ,0\n")
        try o.run("2020-02-21")
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == 1)
    }

    /// Looking back with --as-of, a version the register dates after that day had not
    /// arrived yet: it cannot be the unit's first receipt.
    @Test func aWhatIfRunCountsOnlyVersionsReceivedByItsDay() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-25")                                     // late by 5
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,11\n")
        try o.run("2020-03-01")                                     // the correction
        try o.run("2020-02-28", whatIf: true, output: "Out-28")
        #expect(try o.unit("A1", "2020-01", output: "Out-28")["days_late"] as? Int == 5)
        try o.run("2020-02-24", whatIf: true, output: "Out-24")
        #expect(try o.unit("A1", "2020-01", output: "Out-24")["days_late"] as? Int == 10, "only the correction is known then")
    }

    @Test func aWhatIfRunWithAsOfNeverWritesTheRegister() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-10")
        let before = try Data(contentsOf: o.register)
        try o.log("B.csv", "20/01/2020,B,ND02,TQ,0\n")
        let r = try o.run("2030-01-01", whatIf: true)
        #expect(r.newFiles == 0)
        #expect(try Data(contentsOf: o.register) == before)
        // What the figures would say on that day: B's file as if received then.
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == day("2030-01-01") - day("2020-02-20"))
        // A what-if run needs only its own output lock: two of them into different folders
        // run side by side, even while another process holds the input folder's lock.
        let held = try RunLock(folder: o.input)
        try o.run("2020-03-01", whatIf: true, output: "Out-a")
        try o.run("2020-03-01", whatIf: true, output: "Out-b")
        #expect(throws: ShellError.self) { try o.run("2020-03-01") }
        withExtendedLifetime(held) {}
    }

    @Test func anEmptyRegisterWhileLogsExistStopsTheRunAndChangesNothing() throws {
        let o = try SmallOffice()
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try Data().write(to: o.register)
        do {
            try o.run("2020-02-10")
            Issue.record("an empty register must stop the run")
        } catch {
            #expect("\(error)".contains("sổ nhận trống"))
            #expect("\(error)".contains("khôi phục"))
        }
        #expect(try Data(contentsOf: o.register).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: o.tmp.sub("Output/tong-hop_2020-01.json").path))
        // A register whose header cannot be read stops it too.
        try "tep,ma\nx,y\n".write(to: o.register, atomically: true, encoding: .utf8)
        #expect(throws: ShellError.self) { try o.run("2020-02-10") }
    }

    /// The register opened and saved again by Excel or LibreOffice: `;`, d/m/yyyy, CRLF, no
    /// BOM, every cell quoted — the same figures, byte for byte.
    @Test func aRegisterSavedBySpreadsheetProgramsGivesTheSameFigures() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-10")
        try o.log("B.csv", "20/01/2020,B,ND02,TQ,0\n")
        try o.run("2020-02-25")
        try o.run("2020-03-01", whatIf: true, output: "Out-ours")
        let ours = try o.json("2020-01", output: "Out-ours")
        #expect(try o.unit("B", "2020-01", output: "Out-ours")["days_late"] as? Int == 5)

        let saved = try o.lines().map { line -> String in
            line.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: ",", omittingEmptySubsequences: false).map { cell in
                var text = String(cell)
                if let d = Day.parseISO(text) { let c = d.components; text = "\(c.day)/\(c.month)/\(c.year)" }
                return "\"\(text)\""
            }.joined(separator: ";")
        }.joined(separator: "\r\n") + "\r\n"
        try saved.write(to: o.register, atomically: true, encoding: .utf8)
        let r = try o.run("2020-03-01", whatIf: true, output: "Out-excel")
        #expect(r.registerNotes.isEmpty)
        let excel = try o.json("2020-01", output: "Out-excel")
        #expect(NSDictionary(dictionary: ours).isEqual(to: excel))
        #expect(try Data(contentsOf: o.tmp.sub("Out-ours/tong-hop_2020-01.json")) == Data(contentsOf: o.tmp.sub("Out-excel/tong-hop_2020-01.json")))
    }

    @Test func aBadLineIsAWarningNamingTheLineAndItsFileCountsAsUnknown() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.log("B.csv", "20/01/2020,B,ND02,TQ,0\n")
        try o.run("2020-02-10")
        let text = try String(contentsOf: o.register, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "2020-02-10,run,1,1,0,A1", with: "hôm qua,run,1,1,0,A1")
        try broken.write(to: o.register, atomically: true, encoding: .utf8)
        let r = try o.run("2020-02-11")
        #expect(r.registerNotes.contains { $0.hasPrefix("sổ nhận dòng 2:") && $0.contains("hôm qua") })
        #expect(try o.unit("A1", "2020-01")["days_late"] == nil)
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == 0)
        #expect(r.newFiles == 0, "the unreadable line is not replaced by a new one")
        #expect(try String(contentsOf: o.register, encoding: .utf8) == broken, "nothing new: the clerk's line stays as it is")
    }

    /// A line whose digest cannot be read might stand for any version of its file: every
    /// version of that name then has an unknown receipt date, and the line is kept as written.
    @Test func aLineWithoutItsDigestMakesEveryVersionOfItsFileUnknown() throws {
        let o = try SmallOffice()
        try o.run("2020-01-05")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.log("B.csv", "20/01/2020,B,ND02,TQ,0\n")
        try o.run("2020-02-10")
        let text = try String(contentsOf: o.register, encoding: .utf8) + "A1.csv,hỏng,2020-01-01,run,1,1,0,A1,utf-8,2020-01\n"
        try text.write(to: o.register, atomically: true, encoding: .utf8)
        let r = try o.run("2020-02-11")
        #expect(r.registerNotes.contains { $0.hasPrefix("sổ nhận dòng 4:") })
        #expect(try o.unit("A1", "2020-01")["days_late"] == nil)
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == 0)
        #expect(try String(contentsOf: o.register, encoding: .utf8) == text)
    }

    @Test func theOldRegisterUnderOutputIsCarriedOverOnce() throws {
        let o = try SmallOffice()
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try FileManager.default.createDirectory(at: o.tmp.sub("Output"), withIntermediateDirectories: true)
        let data = try Data(contentsOf: o.input.appendingPathComponent("logs/A1.csv"))
        let sha = LogFileReader.digest(of: data)
        try "\u{FEFF}file,sha256,first_seen,rows,accepted,rejected,units,encoding\nA1.csv,\(sha),2020-02-12,1,1,0,A1,utf-8\n"
            .write(to: o.tmp.sub("Output/so-nhan.csv"), atomically: true, encoding: .utf8)
        let r = try o.run("2020-03-01")
        #expect(r.registerNotes.contains { $0.contains("đã chuyển sổ nhận cũ") })
        #expect(try o.lines()[1] == "A1.csv,\(sha),2020-02-12,run,1,1,0,A1,utf-8,")
        #expect(try o.unit("A1", "2020-01")["first_receipt"] as? String == "2020-02-12")
        #expect(try o.run("2020-03-02").registerNotes.isEmpty, "carried over once")
    }

    @Test func aFrozenMonthStaysAsSentAndLaterRunsSayWhatChanged() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        try o.log("A1.csv", "15/01/2020,A1,ND01,HN,10\n")
        try o.run("2020-02-15")
        let reports = o.tmp.sub("Reports"), output = o.tmp.sub("Output")
        let kept = try Freeze.freeze(month: MonthKey(year: 2020, month: 1), date: day("2020-02-20"), input: o.input,
                                     output: output, reports: reports)
        #expect(kept == ["tong-hop_2020-01.xlsx", "tong-hop_2020-01.json", "bao-cao_2020-01.docx", "bao-cao_2020-01.txt"])
        let folder = reports.appendingPathComponent("da-gui/2020-01")
        func snapshot() throws -> [String: Data] {
            var out: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                out[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return out
        }
        let frozen = try snapshot()
        #expect(frozen["tong-hop_2020-01.json"] == (try Data(contentsOf: output.appendingPathComponent("tong-hop_2020-01.json"))))
        #expect(frozen.count == 5)

        try o.log("B.csv", "20/01/2020,B,ND02,TQ,7\n")   // arrives after the report was sent
        let later = try o.run("2020-02-25")
        #expect(try snapshot() == frozen, "a later run changes nothing that was sent")
        #expect(later.unfrozen.isEmpty)
        let json = try o.json("2020-01")
        let sent = try #require(json["sent"] as? [String: Any])
        #expect(sent["date"] as? String == "2020-02-20")
        #expect((sent["totals"] as? [String: Any])?["activities"] as? Int == 1)
        #expect((sent["totals"] as? [String: Any])?["units_reported"] as? Int == 1)
        #expect((json["totals"] as! [String: Any])["activities"] as? Int == 2)
        let change = "So với báo cáo đã gửi ngày 20/02/2020: thêm 1 đơn vị báo cáo, thêm 1 hoạt động, thêm 7 lượt người tham dự."
        #expect(sent["changes"] as? String == change)
        let report = try String(contentsOf: reports.appendingPathComponent("bao-cao_2020-01.txt"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(report.contains(change))
        let wb = try XLSXReader(url: output.appendingPathComponent("tong-hop_2020-01.xlsx"))
        #expect(row(try grid(wb, "Tổng hợp"), labelled: "Báo cáo đã gửi")?[1]?.text == change)
        #expect(try o.json("2020-02")["sent"] == nil, "a month not frozen has no sent version")
        // Freezing again never overwrites what was sent.
        #expect(throws: ShellError.self) {
            try Freeze.freeze(month: MonthKey(year: 2020, month: 1), date: day("2020-02-26"), input: o.input,
                              output: output, reports: reports)
        }
        #expect(try snapshot() == frozen)
        // February is final on 20/03 and not frozen: the run says so.
        #expect(try o.run("2020-03-20").unfrozen == [MonthKey(year: 2020, month: 2)])
        #expect(try o.run("2020-03-19").unfrozen.isEmpty)
    }

    @Test func receiveFilesTheLogRecordsItsDateAndSaysWhetherItWasOnTime() throws {
        let o = try SmallOffice()
        try o.run("2020-01-31")
        let inbox = o.tmp.sub("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let sent = inbox.appendingPathComponent("thang1.csv")
        try (SmallOffice.header + "20/01/2020,B,ND02,TQ,0\n21/01/2020,B,ND09,TQ,0\n").write(to: sent, atomically: true, encoding: .utf8)
        let options = Intake.Options(input: o.input, output: o.tmp.sub("Output"), date: day("2020-02-21"), unit: "B")
        let first = try Intake.receive([sent], options).receipts
        #expect(first.count == 1)
        let r = first[0]
        #expect(r.filedAs == "logs/2020-02-21/B_thang1.csv")
        #expect(FileManager.default.fileExists(atPath: o.input.appendingPathComponent(r.filedAs).path))
        #expect(r.tally.accepted == 1 && r.tally.rejected == 1)
        #expect(r.rejections.first?.reason == .unknownItem)
        #expect(r.months.count == 1)
        #expect(r.months[0].unit == "B" && r.months[0].month == MonthKey(year: 2020, month: 1))
        #expect(r.months[0].timeliness == .late(days: 1))
        #expect(try o.lines().last!.hasPrefix("2020-02-21/B_thang1.csv,") == true)
        #expect(try o.lines().last!.contains(",2020-02-21,receive,2,1,1,B,utf-8,2020-01"))

        // The same bytes again: said so, nothing recorded or filed.
        let register = try Data(contentsOf: o.register)
        let again = try Intake.receive([sent], options).receipts[0]
        #expect(again.alreadyReceived?.file == "2020-02-21/B_thang1.csv")
        #expect(again.alreadyReceived?.date == day("2020-02-21"))
        #expect(try Data(contentsOf: o.register) == register)
        // Another file of the same name, another day: never overwrites the first.
        try (SmallOffice.header + "22/01/2020,B,ND02,HN,5\n").write(to: sent, atomically: true, encoding: .utf8)
        let fixed = try Intake.receive([sent], Intake.Options(input: o.input, output: o.tmp.sub("Output"), date: day("2020-02-21"),
                                                              unit: "B")).receipts[0]
        #expect(fixed.filedAs == "logs/2020-02-21/B_thang1-2.csv")
        #expect(try o.lines().count == 3)
        // A run on the next day agrees: B's first receipt of January was 21/02, one day late.
        try o.run("2020-02-22")
        #expect(try o.unit("B", "2020-01")["days_late"] as? Int == 1)
    }
}
