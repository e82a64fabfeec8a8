import Foundation
import Testing
@testable import TuyenGiaoCore

@Suite struct RowInterpreterTests {
    func interpret(_ fields: [String], header: [String] = ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta"],
                   asOf: String = "2020-12-31") throws -> RowOutcome {
        // Through the caches and packed tags, and through their plain twin (`reference`):
        // the same outcome, or the test fails.
        var fast = RowInterpreter(plan: try Fixture.tinyPlan(), asOf: day(asOf))
        var plain = RowInterpreter(plan: try Fixture.tinyPlan(), asOf: day(asOf), reference: true)
        let outcome = fast.interpret(StringRow(fields), header: HeaderMap(header: header), file: 0)
        let twin = plain.interpret(StringRow(fields), header: HeaderMap(header: header), file: 0)
        #expect(String(describing: outcome) == String(describing: twin), "the reference twin disagrees on \(fields)")
        return outcome
    }

    func reason(_ o: RowOutcome) -> RejectReason? { if case .rejected(let r, _) = o { r } else { nil } }
    func message(_ o: RowOutcome) -> String { if case .rejected(_, let m) = o { m } else { "" } }
    func activity(_ o: RowOutcome) -> Activity? { if case .activity(let a, _) = o { a } else { nil } }

    @Test func valuesMatchByCodeCodeTitleOrFoldedName() throws {
        let a = try #require(activity(try interpret(["5/3/2020", "a1 - bất kỳ", "lịch sử dang;  VAN KIEN dai hoi", "hội  nghị", "1 200", "", ""])))
        #expect(a.unit == 2)
        #expect(a.items == [0, 2])
        #expect(a.form == 0)
        #expect(a.participants == 1200)
        #expect(a.quantity == 1)            // default
        #expect(a.day == day("2020-03-05"))
    }

    /// Number cells: spaces or tabs only are blank (the defaults apply), digits with padding
    /// or grouping are numbers, anything else is refused.
    @Test func numberCellsBlankPaddedOrPlain() throws {
        let blank = try #require(activity(try interpret(["5/3/2020", "A1", "ND01", "HN", "  ", "\t", ""])))
        #expect(blank.participants == 0)
        #expect(blank.quantity == 1)
        let padded = try #require(activity(try interpret(["5/3/2020", "A1", "ND01", "HN", " 0012 ", "000000000007", ""])))
        #expect(padded.participants == 12)
        #expect(padded.quantity == 7)
        #expect(reason(try interpret(["5/3/2020", "A1", "ND01", "HN", "12a", "", ""])) == .badNumber)
        #expect(reason(try interpret(["5/3/2020", "A1", "ND01", "HN", "", "10000000000000", ""])) == .badNumber)  // past 10^12
        // The bound: 10^9 is a number, one more is not (sums never wrap, SPEC §11).
        #expect(activity(try interpret(["5/3/2020", "A1", "ND01", "HN", "1.000.000.000", "1000000000", ""]))?.participants == 1_000_000_000)
        #expect(reason(try interpret(["5/3/2020", "A1", "ND01", "HN", "1000000001", "", ""])) == .badNumber)
        #expect(reason(try interpret(["5/3/2020", "A1", "ND01", "HN", "", "1.000.000.001", ""])) == .badNumber)
        #expect(activity(try interpret(["5/3/2020", "A1", "ND01", "HN", "999999999", "", ""]))?.participants == 999_999_999)
    }

    @Test func anItemTitleContainingASemicolonIsNotSplit() throws {
        let a = try #require(activity(try interpret(["2020-02-01", "A1", "ND02 - Đại hội chi bộ; đại hội đảng bộ;ND01", "HN", "", "", ""])))
        #expect(a.items == [0, 1])
        let b = try #require(activity(try interpret(["2020-02-01", "A1", "Đại hội chi bộ;đại hội đảng bộ", "HN", "", "", ""])))
        #expect(b.items == [1])
    }

    /// A value is resolved once and then found in a cache, mostly packed into the slot's tag
    /// (dates, units, item lists, forms, phases): a row read again must come out the same
    /// as the first time, for every kind of value.
    @Test func aRowReadAgainFromTheCachesIsTheSame() throws {
        var i = RowInterpreter(plan: try Fixture.tinyPlan(), asOf: day("2020-12-31"))
        let header = HeaderMap(header: ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta", "dot"])
        let rows = [["05/03/2020", "A1", "ND01;ND04", "HN", "12", "3", "", "P2"],
                    ["2020-02-29", "a2 - bất kỳ", "Lịch sử Đảng", "hội nghị", "", "", "", ""],
                    ["1/1/2020", "B", "Không có hoạt động", "", "", "", "", ""],
                    ["31/12/2020", "Chi bộ Một", "nd02 - Đại hội chi bộ; đại hội đảng bộ;ND03", "HN", "1.200", "", "", "p1"]]
        func describe(_ o: RowOutcome) -> String {
            switch o {
            case .rejected(let r, let m): "rejected \(r) \(m)"
            case .activity(let a, let id):
                "\(a.day) \(a.period) \(a.unit) \(Array(a.items)) \(a.form) \(a.participants) \(a.quantity) \(String(describing: a.pinnedPhase)) \(a.isNilReport) \(String(describing: id))"
            }
        }
        let first = rows.map { describe(i.interpret(StringRow($0), header: header, file: 0)) }
        let again = rows.map { describe(i.interpret(StringRow($0), header: header, file: 0)) }
        #expect(first == again)
        #expect(first.filter { $0.hasPrefix("rejected") }.isEmpty, "\(first)")
        #expect(first[0].contains("[0, 3]") && first[0].contains("Optional(1)") && first[3].contains("Optional(0)"), "\(first)")
    }

    /// An item list met for the first time is read piece by piece when it is made of codes
    /// (`ItemCodeLists`); it must answer as resolving the whole list as text does, and leave
    /// every other list (titles, `;` inside a title, empty pieces, unknown codes, nil
    /// reports) to that. Also with `-` as an item's code: alone, `-` stays a nil report.
    @Test func listsOfCodesReadPieceByPieceAgreeWithTheWholeList() throws {
        var plan = try Fixture.tinyPlan()
        let pieces = ["ND01", "nd02", " Nd03 ", "ND04\t", "ND77", "", " ", "-", "Lịch sử Đảng", "Đại hội chi bộ",
                      " đại hội đảng bộ", "ND03 - Văn kiện đại hội", "Không có hoạt động", "x;y", "\u{00A0}ND01"]
        var rng = SplitMix(seed: 2020)
        for dashIsACode in [false, true] {
            if dashIsACode { plan.items[3].code = "-" }
            let interpreter = RowInterpreter(plan: plan, asOf: day("2020-12-31"))
            let lists = ItemCodeLists(items: ValueMatcher(codes: plan.items.map(\.code), names: plan.items.map(\.title)))
            var readByPieces = 0
            for round in 0..<3_000 {
                let count = round == 0 ? 1 : 1 + Int(rng.next() % 4)
                let list = round == 0 ? "-" : (0..<count).map { _ in
                    rng.next() % 3 == 0 ? pieces[Int(rng.next() % UInt64(pieces.count))] : pieces[Int(rng.next() % 4)]
                }.joined(separator: ";")
                var bytes = list
                guard let byPieces = bytes.withUTF8({ lists.read($0) }) else { continue }
                readByPieces += 1
                let whole = interpreter.resolveItems(list.trimmingSpaces)
                guard case .success(.items(let items)) = whole else {
                    Issue.record("\(list.debugDescription): read as \(Array(byPieces)), whole: \(whole)")
                    continue
                }
                #expect(Array(byPieces) == Array(items), "\(list.debugDescription)")
            }
            #expect(readByPieces > 500)
        }
        plan.items[3].code = "-"
        var withDashCode = RowInterpreter(plan: plan, asOf: day("2020-12-31"))
        let o = withDashCode.interpret(StringRow(["01/02/2020", "A1", " - ", "HN", "", "", ""]),
                               header: HeaderMap(header: ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta"]), file: 0)
        #expect(activity(o)?.isNilReport == true)
    }

    @Test func ambiguousNameIsRejectedNamingTheCandidates() throws {
        var plan = try Fixture.tinyPlan()
        plan.units.units[4].name = "Chi bộ Một"  // B now shares A1's name
        var i = RowInterpreter(plan: plan, asOf: day("2020-12-31"))
        let o = i.interpret(StringRow(["01/02/2020", "chi bo mot", "ND01", "HN", "", "", ""]),
                            header: HeaderMap(header: ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta"]), file: 0)
        #expect(reason(o) == .ambiguousValue)
        #expect(message(o).contains("A1, B"))
    }

    @Test(arguments: [
        (["31/02/2020", "A1", "ND01", "HN", "", "", ""], RejectReason.badDate),
        (["01/02/2021", "A1", "ND01", "HN", "", "", ""], .futureDate),
        (["01/02/2019", "A1", "ND01", "HN", "", "", ""], .beforePlan),
        (["01/02/2020", "ZZ", "ND01", "HN", "", "", ""], .unknownUnit),
        (["01/02/2020", "A1", "ND01;ND77", "HN", "", "", ""], .unknownItem),
        (["01/02/2020", "A1", "ND01", "Hội thảo", "", "", ""], .unknownForm),
        (["01/02/2020", "A1", "ND01", "HN", "-5", "", ""], .badNumber),
        (["01/02/2020", "A1", "ND01", "HN", "12,5", "", ""], .badNumber),
        (["01/02/2020", "", "ND01", "HN", "", "", ""], .missingField),
        (["01/02/2020", "A1", "ND01", "HN", "", ""], .malformedRow),
        (["01/02/2020", "A1", "ND01", "HN", "", "", "", "thừa"], .malformedRow),
    ])
    func badValuesAreRejectedWithAStableReason(fields: [String], expected: RejectReason) throws {
        let o = try interpret(fields)
        #expect(reason(o) == expected)
        #expect(!message(o).isEmpty)
    }

    /// Characters no one can see are written out in messages; messages stay short.
    @Test func messagesShowHiddenCharactersAndStayShort() throws {
        let hidden = try interpret(["5/3/2020", "C\u{200B}B1", "ND01", "HN", "", "", ""])
        #expect(reason(hidden) == .unknownUnit)
        #expect(message(hidden).contains("\"C\\u{200B}B1\""))
        let long = try interpret(["5/3/2020", String(repeating: "Đơn vị rất dài ", count: 3000), "ND01", "HN", "", "", ""])
        #expect(reason(long) == .unknownUnit)
        #expect(message(long).count < 200)
        // A Word line break (\v) in a description is named as such, not "not UTF-8".
        let word = try interpret(["5/3/2020", "A1", "ND01", "HN", "", "", "Hội nghị\u{0B}quán triệt"])
        #expect(reason(word) == .malformedRow)
        #expect(message(word).contains("\\v") && message(word).contains("ký tự điều khiển"))
    }

    @Test func trailingEmptyColumnsAreFine() throws {
        #expect(activity(try interpret(["01/02/2020", "A1", "ND01", "HN", "", "", "", "", ""])) != nil)
    }

    @Test func nilReportNeedsNoForm() throws {
        for text in ["-", "Không có hoạt động", "KHONG CO HOAT DONG"] {
            let a = try #require(activity(try interpret(["01/02/2020", "A1", text, "", "", "", ""])))
            #expect(a.isNilReport)
        }
    }

    @Test func headerNamesMatchWithoutCaseOrDiacriticsInAnyOrder() {
        let h = HeaderMap(header: ["Mô tả", "NGÀY THỰC HIỆN", "Mã đơn vị", "Hình thức", "Nội dung", "Ghi chú", "Số người tham dự"])
        #expect(h[.ngay] == 1)
        #expect(h[.donVi] == 2)
        #expect(h[.noiDung] == 4)
        #expect(h[.soNguoi] == 6)
        #expect(h[.moTa] == 0)
        #expect(h.missingRequired.isEmpty)
        #expect(h.ignored == ["Ghi chú"])
        #expect(HeaderMap(header: ["date", "unit"]).missingRequired == [.noiDung, .hinhThuc])
    }
}

@Suite struct ValueParsingTests {
    @Test func logDates() {
        #expect(LogDate.parse("05/03/2020") == day("2020-03-05"))
        #expect(LogDate.parse("5/3/2020") == day("2020-03-05"))
        #expect(LogDate.parse("05-03-2020") == day("2020-03-05"))
        #expect(LogDate.parse("2020-03-05") == day("2020-03-05"))
        #expect(LogDate.parse(" 29/02/2020 ") == day("2020-02-29"))
        for bad in ["29/02/2019", "2020/03/05", "05/03/20", "05.03-2020", "", "abc", "1/1/1/2020"] {
            #expect(LogDate.parse(bad) == nil, "\(bad)")
        }
        #expect(LogDate.fromExcelSerial(43891) == day("2020-03-01"))
        #expect(LogDate.fromExcelSerial(61) == day("1900-03-01"))
    }

    @Test func vietnameseNumbers() {
        #expect(VietnameseNumber.parse("1.200") == 1200)
        #expect(VietnameseNumber.parse("1 200") == 1200)
        #expect(VietnameseNumber.parse("1\u{00A0}200\u{00A0}000") == 1_200_000)
        #expect(VietnameseNumber.parse("12") == 12)
        #expect(VietnameseNumber.parse(" 0 ") == 0)
        for bad in ["12,5", "1.20", "-3", "abc", "1.200,5", "", "1..200"] {
            #expect(VietnameseNumber.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func folding() {
        #expect(TextFolding.matchKey("  Đảng   bộ  KHỐI ") == "dang bo khoi")
        #expect(TextFolding.matchKey("Nghe\u{0323}") == TextFolding.matchKey("Nghẹ"))
        #expect(TextFolding.matchKey("\tMã  Đơn_Vị\u{00A0}\u{2003}X ") == "ma don_vi x")
    }

    /// The byte-wise ASCII path and the ASCII shortcuts inside the Unicode path give what
    /// the Unicode property tables give, on random texts with every kind of ASCII byte.
    @Test func foldingShortcutsAgreeWithUnicodeProperties() {
        func reference(_ s: String) -> String {
            var out = "", pendingSpace = false
            for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars
            where !(0x0300...0x036F).contains(scalar.value) {
                if scalar.properties.isWhitespace { pendingSpace = !out.isEmpty; continue }
                if pendingSpace { out += " "; pendingSpace = false }
                out += scalar == "đ" || scalar == "Đ" ? "d" : scalar.properties.lowercaseMapping
            }
            return out
        }
        var rng = SplitMix(seed: 5712)
        for _ in 0..<3_000 {
            let ascii = rng.next() % 2 == 0
            let s = String((0..<Int(rng.next() % 12)).map { _ -> Character in
                if ascii || rng.next() % 3 != 0 { return Character(Unicode.Scalar(UInt8(rng.next() % 128))) }
                return ["Đ", "ấ", "\u{00A0}", "Ữ", "\u{2028}"][Int(rng.next() % 5)]
            })
            #expect(TextFolding.matchKey(s) == reference(s), "\(Array(s.unicodeScalars.map(\.value)))")
        }
        // Every Vietnamese letter in both cases, precomposed and decomposed, among other
        // Latin letters, marks and scripts: the letter-by-letter folding and the NFC shortcut
        // must give what Foundation's normalisers give.
        let vietnamese = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
        let letters = Array(vietnamese + vietnamese.uppercased()).map(String.init)
            + ["e\u{0323}\u{0302}", "A\u{0301}", "ñ", "ç", "Ø", "ß", "ﬁ", "Å", "Ω", "ǆ", "\u{0301}", "ộ\u{0301}", "한", " ", "  ", "x",
               "–", "—", "‘", "’", "“", "”", "…", "°", "«", "»", "•", "\u{00A0}"]
        for _ in 0..<3_000 {
            let s = (0..<Int(rng.next() % 8)).map { _ in letters[Int(rng.next() % UInt64(letters.count))] }.joined()
            #expect(TextFolding.matchKey(s) == reference(s), "\(Array(s.unicodeScalars.map(\.value)))")
            #expect(Array(TextFolding.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars),
                    "\(Array(s.unicodeScalars.map(\.value)))")
        }
        #expect(TextFolding.vietnameseLetters.count == 2 * 66 + 2)
    }

    /// Trimming, collapsing spaces and code keys take ASCII shortcuts; they must answer what
    /// the `Character`- and Unicode-based forms answer (a space followed by a combining mark
    /// is left out: as one `Character` it is not white space, as scalars it is).
    @Test func spaceAndCodeShortcutsAgreeWithTheirPlainForms() {
        func trimmed(_ s: String) -> String {
            var t = Substring(s)
            while let f = t.first, f.isWhitespace { t.removeFirst() }
            while let l = t.last, l.isWhitespace { t.removeLast() }
            return String(t)
        }
        func collapsed(_ s: String) -> String { s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        var rng = SplitMix(seed: 4711)
        let pieces: [String] = [" ", "\t", "\r\n", "\n", "\u{00A0}", "\u{3000}", "\u{2028}", "nd01", "ND", "ẹ", "e\u{0323}",
                                "Đ", "ß", ";", "-", "~", "!", "x", "\u{1F600}", "–", "\u{0085}", "\u{1680}", "\u{2009}",
                                "\u{202F}", "\u{205F}", "\u{200B}", "\u{2060}", "\u{1A80}", "\u{2080}"]
        var nonTrivial = 0
        for _ in 0..<5_000 {
            let s = (0..<Int(rng.next() % 7)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            if s.trimmingSpaces != s { nonTrivial += 1 }
            #expect(s.trimmingSpaces == trimmed(s), "\(Array(s.unicodeScalars.map(\.value)))")
            #expect(TextFolding.collapseSpaces(s) == collapsed(s), "\(Array(s.unicodeScalars.map(\.value)))")
            #expect(ValueMatcher.codeKey(s) == s.uppercased(), "\(Array(s.unicodeScalars.map(\.value)))")
        }
        #expect(nonTrivial > 1_000)
    }
}
