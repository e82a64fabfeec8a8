import Foundation
import Testing
@testable import TuyenGiaoCore

/// `plan draft` (issue 4): each date-phrase family, each way a document marks its lines and
/// sections, the header block, and the three real documents end to end.
@Suite struct DatePhraseTests {
    static let issued = Day(year: 2019, month: 12, day: 30)!

    func window(_ s: String) -> String? {
        DatePhrase.window(in: s, documentDate: Self.issued).map { "\($0.start.iso)..\($0.end.iso)" }
    }

    @Test(arguments: [
        // "từ nay" is the document's own date; "hết" changes nothing
        ("Từ nay đến tháng 3/2020", "2019-12-30..2020-03-31"),
        ("từ nay đến hết tháng 6/2020", "2019-12-30..2020-06-30"),
        // month to day, month to month, the year carried over from the other end
        ("Từ tháng 02/2020 đến 30/6/2020", "2020-02-01..2020-06-30"),
        ("Từ tháng 01 đến tháng 3/2020", "2020-01-01..2020-03-31"),
        ("Từ tháng 04 đến ngày 30/6/2020: Tuyên truyền đại hội", "2020-04-01..2020-06-30"),
        ("Từ tháng 7 đến ngày 31/8/2020", "2020-07-01..2020-08-31"),
        ("Từ tháng 11/2020 đến tháng 2/2021.", "2020-11-01..2021-02-28"),
        ("Từ tháng 11 đến tháng 2/2021", "2020-11-01..2021-02-28"),
        ("từ tháng 7/2020 đến hết năm 2020", "2020-07-01..2020-12-31"),
        // a dash for "đến", in brackets
        ("Đợt 1 (Từ tháng 01/2020 - tháng 8/2020)", "2020-01-01..2020-08-31"),
        // days, written both ways
        ("từ ngày 01/3/2021 đến ngày 31/3/2021", "2021-03-01..2021-03-31"),
        ("từ ngày 15/3 đến ngày 30/4/2021", "2021-03-15..2021-04-30"),
        ("từ ngày 5 tháng 1 năm 2021 đến ngày 20 tháng 2 năm 2021", "2021-01-05..2021-02-20"),
        // a span on its own
        ("quý IV/2020", "2020-10-01..2020-12-31"),
        ("trong quý 2 năm 2021", "2021-04-01..2021-06-30"),
        ("Tháng 3/2020: cao điểm", "2020-03-01..2020-03-31"),
        ("từ quý I đến quý III/2021", "2021-01-01..2021-09-30"),
        ("Từ tháng 3/ 2020 đến tháng 5 /2020", "2020-03-01..2020-05-31"),
    ])
    func windows(_ phrase: String, _ expected: String) {
        #expect(window(phrase) == expected, "\(phrase)")
    }

    @Test(arguments: [
        "Tuyên truyền trước, trong và sau Đại hội",
        "Tuyên truyền sau Đại hội XIII",
        "Tuyên truyền Đại hội Đại biểu Đảng bộ tỉnh lần thứ XIX, nhiệm kỳ 2020 - 2025.",
        "Hoàn thành trước quý IV/2020",      // a deadline, not a window
        "từ tháng 7/2020",                    // no end: not a window
        "Chỉ thị 35-CT/TW, ngày 30/5/2019",   // a single day is a date
    ])
    func noWindow(_ phrase: String) {
        #expect(window(phrase) == nil, "\(phrase)")
    }

    @Test func eventTiming() {
        #expect(DatePhrase.mentionsEventTiming("Tuyên truyền trước Đại hội"))
        #expect(DatePhrase.mentionsEventTiming("Tuyên truyền sau Đại hội"))
        #expect(!DatePhrase.mentionsEventTiming("Từ tháng 01 đến tháng 3/2020"))
    }
}

/// Issue 18: the date phrases of plans not seen before, each with its boundary.
@Suite struct MoreDatePhraseTests {
    func window(_ s: String, issued: String) -> String? {
        DatePhrase.window(in: s, documentDate: Day.parseISO(issued)).map { "\($0.start.iso)..\($0.end.iso)" }
    }
    func bounds(_ s: String, issued: String = "2025-07-28") -> String? {
        DatePhrase.bounds(in: s, documentDate: Day.parseISO(issued)).map { "\($0.start?.iso ?? "null")..\($0.end?.iso ?? "null")" }
    }

    @Test(arguments: [
        // an end tied to a dated event
        ("Từ nay đến ngày khai mạc Đại hội XIII của Đảng (25/01/2021)", "2020-12-10", "2020-12-10..2021-01-25"),
        ("từ tháng 12/2020 đến ngày khai mạc Đại hội 25/01/2021", "2020-12-10", "2020-12-01..2021-01-25"),
        ("Từ ngày 01/8 đến khi kết thúc Lễ kỷ niệm (02/9/2025)", "2025-07-28", "2025-08-01..2025-09-02"),
        // a month on its own
        ("trong tháng 10/2020", "2020-01-05", "2020-10-01..2020-10-31"),
        // a month without a year: from the other end, else from the document
        ("từ tháng 3 đến hết tháng 5/2021", "2020-12-10", "2021-03-01..2021-05-31"),
        ("Sau Đại hội, từ tháng 2 đến hết tháng 5", "2020-12-10", "2021-02-01..2021-05-31"),
        ("từ tháng 2 đến hết tháng 5", "2021-01-05", "2021-02-01..2021-05-31"),
        ("từ tháng 11 đến tháng 2", "2020-10-01", "2020-11-01..2021-02-28"),
        // parts of a year or a quarter
        ("6 tháng đầu năm 2026", "2025-07-28", "2026-01-01..2026-06-30"),
        ("6 tháng cuối năm 2020", "2020-01-05", "2020-07-01..2020-12-31"),
        ("nửa cuối năm 2020", "2020-01-05", "2020-07-01..2020-12-31"),
        ("nửa đầu năm 2021", "2020-12-10", "2021-01-01..2021-06-30"),
        ("từ tháng 9 đến cuối năm 2020", "2020-01-05", "2020-09-01..2020-12-31"),
        ("từ tháng 7/2020 đến cuối năm", "2020-01-05", "2020-07-01..2020-12-31"),
        ("từ tháng 7/2020 đến hết năm", "2020-01-05", "2020-07-01..2020-12-31"),
        ("từ đầu quý III đến hết năm 2021", "2021-01-05", "2021-07-01..2021-12-31"),
        ("từ tháng 5 đến đầu quý III/2021", "2021-01-05", "2021-05-01..2021-07-31"),
        ("6 tháng đầu năm", "2020-12-10", "2021-01-01..2021-06-30"),
        // the document's year holds while the span has not ended before the document's month
        ("6 tháng đầu năm", "2021-06-15", "2021-01-01..2021-06-30"),
        ("6 tháng đầu năm", "2021-07-01", "2022-01-01..2022-06-30"),
        // across a year's end
        ("từ tháng 11/2020 đến hết quý I/2021", "2020-01-05", "2020-11-01..2021-03-31"),
        ("từ cuối năm 2020 đến 6 tháng đầu năm 2021", "2020-01-05", "2020-12-01..2021-06-30"),
    ])
    func windows(_ phrase: String, _ issued: String, _ expected: String) {
        #expect(window(phrase, issued: issued) == expected, "\(phrase)")
    }

    @Test(arguments: ["cuối năm 2020", "đầu quý III", "đầu năm", "Sau Lễ kỷ niệm 02/9/2025", "giai đoạn 2016 - 2020"])
    func vaguePartsAndOpenEndsAreNoWindow(_ phrase: String) {
        #expect(window(phrase, issued: "2020-01-05") == nil, "\(phrase)")
    }

    @Test func anEventsDateStartsTheDayAfterAndTheEndStaysOpen() {
        #expect(bounds("Sau Lễ kỷ niệm 02/9/2025") == "2025-09-03..null")
        let b = DatePhrase.bounds(in: "Sau Lễ kỷ niệm 02/9/2025", documentDate: nil)
        #expect(b?.note?.contains("Lễ kỷ niệm 02/9/2025") == true, "\(b?.note ?? "")")
        #expect(bounds("từ tháng 7/2020") == "2020-07-01..null")
        #expect(bounds("Hoàn thành trước quý IV/2020") == nil)
        #expect(bounds("Sau Đại hội XIII") == nil, "an event with no date gives no date")
    }

    /// Phases as a provincial plan wrote them (Thái Nguyên, 2019, as the press quoted it): ends
    /// named by an event with its date in brackets far after "đến", an event with no date.
    @Test func eventsNamedAtLength() {
        #expect(bounds("Đợt 1: Từ cuối năm 2019 đến thời điểm hoàn thành Đại hội đại biểu Đảng bộ tỉnh Thái Nguyên lần thứ XX (10/2020).",
                       issued: "2019-11-05") == "2019-12-01..2020-10-31")
        #expect(bounds("Đợt 2: Từ tháng 11/2020 đến trước khai mạc Đại hội đại biểu toàn quốc lần thứ XIII của Đảng (quý I/2021).",
                       issued: "2019-11-05") == "2020-11-01..2021-03-31")
        let now = DatePhrase.bounds(in: "Từ nay đến thời điểm hoàn thành đại hội đại biểu đảng bộ cấp huyện và tương đương",
                                    documentDate: Day.parseISO("2019-11-05"))
        #expect(now?.start?.iso == "2019-11-05" && now?.end == nil)
        #expect(now?.note?.contains("(đại hội đại biểu đảng bộ cấp huyện và tương đương)") == true, "\(now?.note ?? "")")
        #expect(DatePhrase.mentionsEventTiming("Trong thời gian tiến hành Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"))
        // A date in another clause is not the end: a comma stands between.
        #expect(bounds("Từ tháng 3/2020 đến khi hoàn thành đại hội cấp cơ sở, chậm nhất 30/6/2020", issued: "2020-01-05") == "2020-03-01..null")
    }

    @Test func inferredEndsSayHow() {
        let issued = Day.parseISO("2020-12-10")
        #expect(DatePhrase.bounds(in: "Từ nay đến ngày khai mạc Đại hội (25/01/2021)", documentDate: issued)?.note
                == "\"từ nay\" là ngày ban hành văn bản; ngày kết thúc là ngày của sự kiện")
        #expect(DatePhrase.bounds(in: "từ tháng 2 đến hết tháng 5", documentDate: issued)?.note == "năm lấy theo ngày ban hành văn bản")
        #expect(DatePhrase.bounds(in: "từ tháng 2 đến hết tháng 5/2021", documentDate: issued)?.note == nil)
    }

    @Test func eventsAreNamed() {
        #expect(DatePhrase.mentionsEventTiming("Sau ngày bầu cử"))
        #expect(DatePhrase.mentionsEventTiming("Trước Lễ kỷ niệm 80 năm"))
        #expect(!DatePhrase.mentionsEventTiming("Tuyên truyền trong nhân dân"))
        #expect(DatePhrase.eventName(in: "Tuyên truyền sau Đại hội XIII của Đảng, tập trung") == "Đại hội XIII của Đảng")
        let d = PlanDrafter.draft("III. CÁC ĐỢT TUYÊN TRUYỀN\n1. Đợt 1: Sau Đại hội XIII của Đảng\n2. Đợt 2: Từ tháng 3 đến tháng 5/2021\n")
        #expect(d.phases.first?.windowNote == "đợt gắn với sự kiện (Đại hội XIII của Đảng), văn bản không ghi ngày: điền ngày bắt đầu và kết thúc")
    }
}

@Suite struct DocumentLineTests {
    func parsed(_ s: String) -> (DocumentLine.Marker, String) {
        let l = DocumentLine.parse(s)
        return (l.first?.marker ?? .none, l.first?.text ?? "")
    }

    @Test func markers() {
        #expect(parsed("I. MỤC ĐÍCH, YÊU CẦU") == (.roman(1), "MỤC ĐÍCH, YÊU CẦU"))
        #expect(parsed("II- NỘI DUNG TUYÊN TRUYỀN") == (.roman(2), "NỘI DUNG TUYÊN TRUYỀN"))
        #expect(parsed("1. Các đợt tuyên truyền") == (.decimal([1]), "Các đợt tuyên truyền"))
        #expect(parsed("1.2. Tuyên truyền: Từ tháng 02/2020") == (.decimal([1, 2]), "Tuyên truyền: Từ tháng 02/2020"))
        #expect(parsed("2.1.2 Trên các website") == (.decimal([2, 1, 2]), "Trên các website"))
        #expect(parsed("a) Ý nghĩa của cuộc bầu cử") == (.letter("a"), "Ý nghĩa của cuộc bầu cử"))
        #expect(parsed("Đợt 2: Từ tháng 4") == (.phase(2), "Từ tháng 4"))
        #expect(parsed("- Đợt 1 (tháng 3/2021): trước bầu cử") == (.phase(1), "(tháng 3/2021): trước bầu cử"))
        #expect(parsed(" - Các hoạt động chào mừng") == (.bullet("-"), "Các hoạt động chào mừng"))
        #expect(parsed("+ Quy chế bầu cử.") == (.bullet("+"), "Quy chế bầu cử."))
        #expect(parsed("- + Quy chế bầu cử trong Đảng.") == (.bullet("+"), "Quy chế bầu cử trong Đảng."))
        #expect(parsed("** Trước khai mạc Đại hội, tập trung:*") == (.star, "Trước khai mạc Đại hội, tập trung:"))
        #expect(parsed("- * *Sau khi bế mạc Đại hội XIII*, tập trung tuyên truyền:") == (.star, "Sau khi bế mạc Đại hội XIII, tập trung tuyên truyền:"))
        // numbers that are not markers
        #expect(parsed("1.200 lượt người tham dự") == (.none, "1.200 lượt người tham dự"))
        #expect(parsed("30/6/2020 là hạn cuối") == (.none, "30/6/2020 là hạn cuối"))
        #expect(parsed("Việc tổ chức các hoạt động") == (.none, "Việc tổ chức các hoạt động"))
    }

    @Test func otherWaysOfMarkingLines() {
        #expect(parsed("**II. NỘI DUNG TUYÊN TRUYỀN**") == (.roman(2), "NỘI DUNG TUYÊN TRUYỀN"))
        #expect(parsed("## III. CÁC ĐỢT TUYÊN TRUYỀN") == (.roman(3), "CÁC ĐỢT TUYÊN TRUYỀN"))
        #expect(parsed("1\\. Nội dung tuyên truyền") == (.decimal([1]), "Nội dung tuyên truyền"))
        #expect(parsed("\\- Treo băng rôn") == (.bullet("-"), "Treo băng rôn"))
        #expect(parsed("A. NỘI DUNG") == (.capital("A"), "NỘI DUNG"))
        #expect(parsed("b. Hình thức") == (.letter("b"), "Hình thức"))
        #expect(parsed("2/ Hình thức tuyên truyền") == (.decimal([2]), "Hình thức tuyên truyền"))
        #expect(parsed("➢ Tuyên truyền miệng") == (.bullet("-"), "Tuyên truyền miệng"))
        #expect(parsed("\u{F0D8} Tuyên truyền miệng") == (.bullet("-"), "Tuyên truyền miệng"))
    }

    @Test func leftoversOfConversionAreRemoved() {
        #expect(parsed("[bookmark: _GoBack]- Thi đua là yêu nước!") == (.bullet("-"), "Thi đua là yêu nước!"))
        #expect(parsed("- Kế hoạch số 12¹ của UBND tỉnh²") == (.bullet("-"), "Kế hoạch số 12 của UBND tỉnh"))
        #expect(parsed("- Lịch sử Đảng (*kỷ niệm 90 năm*)") == (.bullet("-"), "Lịch sử Đảng (kỷ niệm 90 năm)"))
        #expect(parsed("-  Hai\u{00A0}\u{00A0}khoảng   trắng") == (.bullet("-"), "Hai khoảng trắng"))
        // a document's own typos stay as written
        #expect(parsed("- Dur luận tích cực của nhân dân") == (.bullet("-"), "Dur luận tích cực của nhân dân"))
    }
}

@Suite struct PlanDrafterTests {
    @Test(arguments: [
        ("Số: 20- KH/ĐUK", "20-KH/ĐUK"),
        ("Số 215-KH/ĐU", "215-KH/ĐU"),
        ("Số: /KH-KHCN", "/KH-KHCN"),
        ("Số: 17- KH/ĐUSCT\t               Quảng Bình, ngày 10 tháng 9 năm 2020", "17-KH/ĐUSCT"),
        ("SỐ 05 – KH/ĐU", "05-KH/ĐU"),
    ])
    func numbers(_ line: String, _ code: String) {
        #expect(PlanDrafter.draft("\(line)\nKẾ HOẠCH\nTuyên truyền\n").code == code)
    }

    @Test func headerBlock() {
        let d = PlanDrafter.draft("""
        ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ KHOA HỌC VÀ CÔNG NGHỆ\t\tĐộc lập - Tự do - Hạnh phúc
        Số: /KH-KHCN\t\tNam Định, ngày      tháng     năm 2021

        KẾ HOẠCH
        Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV
        và đại biểu Hội đồng nhân dân các cấp
        -----
        Căn cứ Kế hoạch số 12/KH-UBND, Sở Khoa học và Công nghệ xây dựng kế hoạch như sau:
        """)
        #expect(d.code == "/KH-KHCN")
        #expect(d.place == "Nam Định")
        #expect(d.issued == nil, "a blank date stays blank")
        #expect(d.title == "Tuyên truyền cuộc bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp")
        #expect(d.issuer == "Sở Khoa học và Công nghệ")
        #expect(d.superior == "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH")
        let yaml = PlanDraftYAML.render(d, source: "x.txt")
        #expect(yaml.contains("  style: state\n"))
        #expect(yaml.contains("  number_suffix: \"BC-KHCN\"\n"))
        #expect(yaml.contains("  issued: null   # điền ngày ban hành"))
    }
}

@Suite struct DraftSectionTests {
    @Test func contentListAndPhaseSectionWithBullets() {
        let d = PlanDrafter.draft("""
        Hà Nội, ngày 05 tháng 01 năm 2021
        KẾ HOẠCH
        Tuyên truyền
        II. NỘI DUNG TUYÊN TRUYỀN
        1. Tuyên truyền về mục tiêu, lý tưởng của Đảng. Tăng cường vai trò lãnh đạo.
        2. Tuyên truyền các dự thảo văn kiện.
        III. CÁC ĐỢT TUYÊN TRUYỀN
        1. Từ tháng 01 đến tháng 3/2021:
        - Phổ biến Chỉ thị 35-CT/TW.
        2. Tuyên truyền Đại hội XIII của Đảng
        - Thông báo nhanh kết quả Đại hội.
        """)
        #expect(d.items.map(\.text) == ["Tuyên truyền về mục tiêu, lý tưởng của Đảng", "Tuyên truyền các dự thảo văn kiện"])
        #expect(d.phases.count == 2)
        #expect(d.phases[0].window?.start.iso == "2021-01-01")
        #expect(d.phases[0].items == nil, "the document lists its content elsewhere: the reviewer chooses")
        #expect(d.phases[0].mentions == ["Phổ biến Chỉ thị 35-CT/TW"])
        #expect(d.phases[1].window == nil)
        #expect(d.phases[1].windowNote?.hasPrefix("văn bản không ghi thời gian") == true)
    }

    @Test func contentGivenPerPhase() {
        let d = PlanDrafter.draft("""
        1.1. Nội dung
        - Tuyên truyền trước Đại hội
        + Tuyên truyền tư tưởng Hồ Chí Minh về thi đua yêu nước.
        + Tuyên truyền kết quả các phong trào thi đua.
        - Tuyên truyền sau Đại hội
        + Tuyên truyền kết quả Đại hội.
        1.2. Hình thức tuyên truyền
        - Tuyên truyền qua các phương tiện thông tin đại chúng, internet.
        - Sinh hoạt chi bộ.
        """)
        #expect(d.phases.map(\.title) == ["Tuyên truyền trước Đại hội", "Tuyên truyền sau Đại hội"])
        #expect(d.phases.allSatisfy { $0.window == nil && $0.windowNote?.contains("gắn với sự kiện") == true })
        #expect(d.items.count == 3)
        #expect(d.phases.map { $0.items ?? [] } == [["ND01", "ND02"], ["ND03"]])
        #expect(d.forms.map(\.text) == ["Tuyên truyền qua các phương tiện thông tin đại chúng, internet", "Sinh hoạt chi bộ"])
    }

    @Test func phaseBulletsBecomeItemsOnceEach() {
        let d = PlanDrafter.draft("""
        Bắc Ninh, ngày 30 tháng 12 năm 2019
        KẾ HOẠCH
        II- NỘI DUNG TUYÊN TRUYỀN
        1. Các đợt tuyên truyền
        1.1. Từ nay đến tháng 3/2020
        - Tuyên truyền lịch sử vẻ vang của Đảng.
        1.2. Tuyên truyền đại hội cơ sở: Từ tháng 02/2020 đến 30/6/2020
        ** Trước khai mạc Đại hội, tập trung tuyên truyền những nội dung sau:*
        - Chủ đề, phương châm của Đại hội.
        + Quy chế bầu cử.
        - Tuyên truyền lịch sử vẻ vang của Đảng.
        2. Các hoạt động tuyên truyền chủ yếu
        2.1. Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng
        2.1.1. Trên Cổng thông tin điện tử
        2.2. Tuyên truyền miệng
        - Tổ chức hội nghị báo cáo viên.
        """)
        #expect(d.phases.map(\.title) == ["Từ nay đến tháng 3/2020", "Tuyên truyền đại hội cơ sở"])
        #expect(d.phases[0].window?.start.iso == "2019-12-30", "từ nay = the document's date")
        #expect(d.phases[1].window?.end.iso == "2020-06-30")
        #expect(d.items.map(\.text) == ["Tuyên truyền lịch sử vẻ vang của Đảng", "Chủ đề, phương châm của Đại hội"])
        #expect(d.phases.map { $0.items ?? [] } == [["ND01"], ["ND02", "ND01"]])
        #expect(d.forms.map(\.text) == ["Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng", "Tuyên truyền miệng"])
    }

    @Test func slogansNumberedBulletedOrPlain() {
        for body in ["1. Thi đua là yêu nước!\n2. Đảng Cộng sản Việt Nam quang vinh muôn năm!",
                     "- Thi đua là yêu nước!\n- Đảng Cộng sản Việt Nam quang vinh muôn năm!",
                     "Thi đua là yêu nước!\nĐảng Cộng sản Việt Nam quang vinh muôn năm!"] {
            let d = PlanDrafter.draft("IV. MỘT SỐ KHẨU HIỆU TUYÊN TRUYỀN\n\(body)\nNơi nhận:\n- Lưu VP.\n")
            #expect(d.slogans.map(\.text) == ["Thi đua là yêu nước!", "Đảng Cộng sản Việt Nam quang vinh muôn năm!"], "\(body)")
        }
    }

    @Test func unitsAreNamesNotSentences() {
        let named = PlanDrafter.draft("III. TỔ CHỨC THỰC HIỆN\n1. Các chi bộ trực thuộc\n- Xây dựng kế hoạch.\n2. Ban Tuyên giáo Đảng ủy Khối\n")
        #expect(named.units.map(\.text) == ["Các chi bộ trực thuộc", "Ban Tuyên giáo Đảng ủy Khối"])
        let sentences = PlanDrafter.draft("III. TỔ CHỨC THỰC HIỆN\n1. Các Chi bộ trực thuộc tổ chức tuyên truyền các nội dung theo kế hoạch đến toàn thể cán bộ đảng viên trong Chi bộ.\n")
        #expect(sentences.units.isEmpty)
    }

    /// A state body's plan, laid out unlike the three real ones: letters for items, "Đợt N" as
    /// bullets with their windows in brackets, slogans with no marker, units as sub-sections.
    @Test func aStateBodysPlan() {
        let d = PlanDrafter.draft("""
        ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH		CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        SỞ KHOA HỌC VÀ CÔNG NGHỆ		Độc lập - Tự do - Hạnh phúc
        Số: 15/KH-KHCN		Nam Định, ngày 05 tháng 01 năm 2021
        KẾ HOẠCH TUYÊN TRUYỀN BẦU CỬ
        Căn cứ Kế hoạch số 12/KH-UBND, Sở Khoa học và Công nghệ ban hành kế hoạch như sau:
        II. NỘI DUNG VÀ HÌNH THỨC TUYÊN TRUYỀN
        1. Nội dung tuyên truyền
        a) Ý nghĩa, tầm quan trọng của cuộc bầu cử.
        b) Các quy định của Luật Bầu cử; quyền và nghĩa vụ của cử tri.
        2. Hình thức tuyên truyền
        - Treo băng rôn, khẩu hiệu tại trụ sở cơ quan.
        - Đăng tin, bài trên Cổng thông tin điện tử của Sở.
        III. THỜI GIAN THỰC HIỆN
        - Đợt 1 (từ ngày 01/3/2021 đến ngày 31/3/2021): tuyên truyền trước bầu cử.
        - Đợt 2: Từ tháng 4 đến hết ngày 23/5/2021.
        IV. KHẨU HIỆU
        Nhiệt liệt hưởng ứng cuộc bầu cử đại biểu Quốc hội khóa XV!
        Bầu cử là quyền và nghĩa vụ của công dân!
        V. TỔ CHỨC THỰC HIỆN
        1. Văn phòng Sở
        Chủ trì triển khai; báo cáo kết quả về Sở trước ngày 25 hằng tháng.
        2. Công đoàn cơ sở
        """)
        #expect(d.code == "15/KH-KHCN" && d.place == "Nam Định" && d.issued?.iso == "2021-01-05")
        #expect(d.title == "TUYÊN TRUYỀN BẦU CỬ")
        #expect(d.issuer == "Sở Khoa học và Công nghệ")
        #expect(d.superior == "ỦY BAN NHÂN DÂN TỈNH NAM ĐỊNH")
        #expect(d.items.map(\.text) == ["Ý nghĩa, tầm quan trọng của cuộc bầu cử", "Các quy định của Luật Bầu cử; quyền và nghĩa vụ của cử tri"])
        #expect(d.forms.count == 2)
        #expect(d.phases.map { "\($0.title) \($0.window!.start.iso)..\($0.window!.end.iso)" }
                == ["Tuyên truyền trước bầu cử 2021-03-01..2021-03-31", "Từ tháng 4 đến hết ngày 23/5/2021 2021-04-01..2021-05-23"])
        #expect(d.slogans.count == 2)
        #expect(d.units.map(\.text) == ["Văn phòng Sở", "Công đoàn cơ sở"])
        #expect(d.dueDay == 25)
        let yaml = PlanDraftYAML.render(d, source: "state.txt")
        #expect(yaml.contains("style: state") && yaml.contains("number_suffix: \"BC-KHCN\""))
    }

    @Test func reportingDay() {
        #expect(PlanDrafter.draft("có báo cáo về Ban Thường vụ vào ngày 20 hàng tháng để tổng hợp").dueDay == 20)
        #expect(PlanDrafter.draft("báo cáo kết quả về Sở trước ngày 25 hằng tháng.").dueDay == 25)
        #expect(PlanDrafter.draft("Hướng dẫn số 32-HD/ĐUK, ngày 20/01/2020 của Ban Thường vụ").dueDay == nil)
    }
}

/// Issue 18: sections found by what they hold, header blocks that wrap, and the two documents
/// of Fixtures/plans (laid out unlike the shared ones) end to end.
@Suite struct DraftStructureTests {
    @Test func phasesUnderAHeadingThatDoesNotNameThem() {
        let d = PlanDrafter.draft("""
        Huế, ngày 10 tháng 12 năm 2020
        KẾ HOẠCH
        II. NỘI DUNG TUYÊN TRUYỀN
        1. Ý nghĩa của Đại hội.
        III. CÁC HOẠT ĐỘNG TUYÊN TRUYỀN THEO TỪNG GIAI ĐOẠN
        3.1. Giai đoạn 1: Từ nay đến ngày khai mạc Đại hội (25/01/2021)
        - Tuyên truyền công tác chuẩn bị.
        3.2. Giai đoạn 2: từ ngày 25/01 đến ngày 01/02/2021
        - Đưa tin về Đại hội.
        IV. HÌNH THỨC TUYÊN TRUYỀN
        - Tuyên truyền miệng.
        """)
        #expect(d.phases.map(\.title) == ["Giai đoạn 1: Từ nay đến ngày khai mạc Đại hội (25/01/2021)",
                                          "Giai đoạn 2: Từ ngày 25/01 đến ngày 01/02/2021"])
        #expect(d.phases.map { $0.window.map { "\($0.start.iso)..\($0.end.iso)" } ?? "null" }
                == ["2020-12-10..2021-01-25", "2021-01-25..2021-02-01"])
        #expect(d.phases.allSatisfy { $0.reason == "mục có các giai đoạn/đợt" })
        #expect(d.forms.map(\.text) == ["Tuyên truyền miệng"], "the phase section is not taken for forms")
        #expect(d.items.map(\.text) == ["Ý nghĩa của Đại hội"])
        // One "Giai đoạn" line is not a section: the heading keeps its own role.
        let one = PlanDrafter.draft("III. CÁC HOẠT ĐỘNG TUYÊN TRUYỀN CHỦ YẾU\n1. Giai đoạn 1: tháng 3/2021\n2. Hội nghị báo cáo viên\n")
        #expect(one.forms.count == 2)
    }

    @Test func aContentHeadingThatMentionsATimeIsNotAPhase() {
        let d = PlanDrafter.draft("""
        II. NỘI DUNG TUYÊN TRUYỀN TRONG SUỐT NĂM 2021 VÀ NHỮNG NĂM TIẾP THEO
        - Tuyên truyền ý nghĩa của Đại hội.
        - Tuyên truyền thành tựu đổi mới.
        """)
        #expect(d.phases.isEmpty)
        #expect(d.items.count == 2)
    }

    @Test func anItemEndingInAColonWithPointsIsOneItem() {
        let d = PlanDrafter.draft("""
        II. NỘI DUNG TUYÊN TRUYỀN
        - Tuyên truyền ý nghĩa của Đại hội.
        - Tuyên truyền những thành tựu của công cuộc đổi mới:
        + Thành tựu phát triển kinh tế - xã hội.
        + Kết quả thực hiện Nghị quyết.
        - Đấu tranh phản bác các quan điểm sai trái.
        """)
        #expect(d.items.map(\.text) == ["Tuyên truyền ý nghĩa của Đại hội", "Tuyên truyền những thành tựu của công cuộc đổi mới",
                                        "Đấu tranh phản bác các quan điểm sai trái"])
        #expect(d.items[1].details == ["Thành tựu phát triển kinh tế - xã hội", "Kết quả thực hiện Nghị quyết"])
        #expect(d.phases.isEmpty, "an item with points is not a phase label")
        let yaml = PlanDraftYAML.render(d, source: "x.txt")
        #expect(yaml.contains("    # gồm các ý:\n    #   + Thành tựu phát triển kinh tế - xã hội\n"))
    }

    @Test func phasesInATable() {
        let d = PlanDrafter.draft("""
        Hương Vinh, ngày 28 tháng 7 năm 2025
        KẾ HOẠCH
        III. THỜI GIAN THỰC HIỆN
        Đợt | Thời gian | Nội dung trọng tâm
        Đợt 1 | Từ ngày 01/8 đến ngày 02/9/2025 | Tuyên truyền cao điểm kỷ niệm
        Đợt 2 | Sau Lễ kỷ niệm 02/9/2025 | Tuyên truyền kết quả
        Giai đoạn cuối | Sau Đại hội | Tổng kết
        """)
        #expect(d.phases.map(\.title) == ["Đợt 1: Tuyên truyền cao điểm kỷ niệm", "Đợt 2: Tuyên truyền kết quả", "Giai đoạn cuối: Tổng kết"])
        #expect(d.phases.map { "\($0.start?.iso ?? "null")..\($0.end?.iso ?? "null")" }
                == ["2025-08-01..2025-09-02", "2025-09-03..null", "null..null"])
        #expect(d.phases.allSatisfy { $0.reason == "bảng thời gian" && $0.line > 3 })
        #expect(d.phases[2].windowNote?.contains("(Đại hội)") == true)
        // No content list of its own: the table's content column gives the items.
        #expect(d.items.map(\.text) == ["Tuyên truyền cao điểm kỷ niệm", "Tuyên truyền kết quả", "Tổng kết"])
        #expect(d.phases.map { $0.items ?? [] } == [["ND01"], ["ND02"], ["ND03"]])
        let yaml = PlanDraftYAML.render(d, source: "x.docx")
        #expect(yaml.contains("  - code: D1   # dòng 5: bảng thời gian\n"))
        #expect(yaml.contains("    start: 2025-09-03\n    end: null   # bắt đầu sau Lễ kỷ niệm 02/9/2025 (ngày hôm sau)"))
    }

    @Test func aPlaceWrappedOverTwoLines() {
        let d = PlanDrafter.draft("""
        ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ\t\tĐẢNG CỘNG SẢN VIỆT NAM
        HUYỆN ỦY PHÚ VANG
        *\t\tThừa Thiên
        Số 45-KH/HU\t\tHuế, ngày 10 tháng 12 năm 2020
        KẾ HOẠCH
        Tuyên truyền
        """)
        #expect(d.place == "Thừa Thiên Huế")
        #expect(d.issued?.iso == "2020-12-10")
        #expect(d.issuer == "HUYỆN ỦY PHÚ VANG" && d.superior == "ĐẢNG BỘ TỈNH THỪA THIÊN HUẾ")
        #expect(!d.stateMotto)
        // A line above the date that is no place is left alone.
        let other = PlanDrafter.draft("ĐẢNG BỘ KHỐI\nSố 12-KH/ĐUK\nBắc Ninh, ngày 30 tháng 12 năm 2019\nKẾ HOẠCH\nTuyên truyền\n")
        #expect(other.place == "Bắc Ninh")
    }

    @Test func theStateMottoWrappedIsNeverABodyAndSetsTheStateStyle() {
        let d = PlanDrafter.draft("""
        ĐOÀN THANH NIÊN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA
        XÃ HƯƠNG VINH\t\tVIỆT NAM
        \t\tĐộc lập - Tự do - Hạnh phúc
        Số: 07-KH/ĐTN\t\tHương Vinh, ngày 28 tháng 7 năm 2025
        KẾ HOẠCH
        TUYÊN TRUYỀN KỶ NIỆM 80 NĂM CÁCH MẠNG THÁNG TÁM
        VÀ QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        (02/9/1945 - 02/9/2025)
        -----
        """)
        #expect(d.stateMotto)
        #expect(d.issuer == "XÃ HƯƠNG VINH" && d.superior == "ĐOÀN THANH NIÊN", "\(d.issuer ?? "") / \(d.superior ?? "")")
        #expect(d.title == "TUYÊN TRUYỀN KỶ NIỆM 80 NĂM CÁCH MẠNG THÁNG TÁM VÀ QUỐC KHÁNH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (02/9/1945 - 02/9/2025)")
        let yaml = PlanDraftYAML.render(d, source: "x.txt")
        #expect(yaml.contains("  style: state   # theo quốc hiệu ở đầu văn bản\n"), "a party-style number, but the state motto")
        // An organ wrapped onto its place is one body.
        let ubnd = PlanDrafter.draft("ỦY BAN NHÂN DÂN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ HƯƠNG VINH\nKẾ HOẠCH\nTuyên truyền\n")
        #expect(ubnd.issuer == "ỦY BAN NHÂN DÂN XÃ HƯƠNG VINH" && ubnd.superior == nil)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/plans")

    @Test func theReportSaysWhatWasFoundAndWhatWasNot() throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("giai-doan-va-dia-danh-xuong-dong.txt"), encoding: .utf8)
        let report = PlanDraftReport.render(PlanDrafter.draft(text), source: "kh.txt")
        #expect(report.contains("  ✓ Địa danh: Thừa Thiên Huế\n"))
        #expect(report.contains("  ✓ 4 đợt (dòng 25–34, theo các dòng \"Giai đoạn/Đợt N\" dưới đề mục \"CÁC HOẠT ĐỘNG TUYÊN TRUYỀN THEO TỪNG GIAI ĐOẠN\")\n"))
        #expect(report.contains("    ✗ D4 (dòng 33): Giai đoạn 4: Sau ngày bầu cử — chưa có ngày; đợt gắn với sự kiện (ngày bầu cử)"))
        #expect(report.contains("    1 nội dung có các ý \"+\" bên dưới"))
        let empty = PlanDraftReport.render(PlanDrafter.draft("Một đoạn văn không phải kế hoạch.\n"), source: "x.txt")
        #expect(empty.contains("  ✗ không tìm thấy đợt hay giai đoạn nào"))
        #expect(empty.contains("  ✗ Hạn báo cáo: văn bản không ghi ngày báo cáo hằng tháng"))
    }

    /// Both documents, drafted and filled in, pass `plan check`; scored by ../shared/plans/score.py
    /// in scripts/check-plan-drafts.py (also as .docx, .odt and .pdf).
    @Test(arguments: ["giai-doan-va-dia-danh-xuong-dong.txt", "bang-thoi-gian-va-quoc-hieu-xuong-dong.txt"])
    func fixtureDraftsFilledInPassPlanCheck(_ name: String) throws {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
        let yaml = PlanDraftYAML.render(PlanDrafter.draft(text), source: name)
        #expect(RealPlanDocumentTests.problems(RealPlanDocumentTests.fillNulls(yaml)) == [], "\(name)")
    }
}

/// The three real documents of ../shared/plans, end to end, and the promise that a draft
/// with its nulls filled in passes `plan check`.
@Suite struct RealPlanDocumentTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/plans").standardized

    func draft(_ name: String) throws -> PlanDraft {
        let url = Self.folder.appendingPathComponent(name)
        let text = try #require(try? String(contentsOf: url, encoding: .utf8), "missing \(url.path)")
        return PlanDrafter.draft(text)
    }

    @Test func quangBinh() throws {
        let d = try draft("000_2b5bd5cf2315680b.txt")
        #expect(d.code == "17-KH/ĐUSCT" && d.place == "Quảng Bình" && d.issued?.iso == "2020-09-10")
        #expect(d.issuer == "Đảng ủy Sở Công Thương")
        #expect(d.dueDay == nil)
        #expect(d.items.count == 11)
        #expect(d.items[0].text.hasPrefix("Tuyên truyền tưởng Hồ Chí Minh"), "the document's typo is kept")
        #expect(d.phases.count == 3 && d.phases.allSatisfy { $0.window == nil })
        #expect(d.forms.count == 3)
        #expect(d.slogans.count == 9)
        #expect(d.slogans[5].text.hasPrefix("Thi đua lập thành tích"), "the bookmark before it is gone")
    }

    @Test func thanhHoa() throws {
        let d = try draft("001_fb08252083e5d698.txt")
        #expect(d.code == "215-KH/ĐU" && d.place == "Thanh Hóa" && d.issued?.iso == "2020-02-10")
        #expect(d.items.count == 7)
        #expect(d.phases.map { $0.window.map { "\($0.start.iso)..\($0.end.iso)" } ?? "null" }
                == ["2020-01-01..2020-03-31", "2020-04-01..2020-06-30", "2020-07-01..2020-08-31", "null", "null"])
        #expect(d.forms.isEmpty)
        #expect(d.slogans.count == 5)
    }

    @Test func bacNinh() throws {
        let d = try draft("003_f6e3a05446b93d4a.txt")
        #expect(d.code == "20-KH/ĐUK" && d.place == "Bắc Ninh" && d.issued?.iso == "2019-12-30")
        #expect(d.issuer == "Ban Thường vụ Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh")
        #expect(d.dueDay == 20)
        #expect(d.phases.map { $0.window.map { "\($0.start.iso)..\($0.end.iso)" } ?? "null" }
                == ["2019-12-30..2020-03-31", "2020-02-01..2020-06-30", "2020-07-01..2020-08-31",
                    "2020-09-01..2020-10-31", "2020-11-01..2021-02-28"])
        #expect(d.forms.map(\.text).first == "Tổ chức tuyên truyền trên các phương tiện thông tin đại chúng")
        #expect(d.forms.count == 5)
        #expect(d.slogans.count == 16)
        #expect(d.units.count == 4)
        #expect(d.phases.allSatisfy { !($0.items ?? []).isEmpty })
    }

    @Test(arguments: ["000_2b5bd5cf2315680b.txt", "001_fb08252083e5d698.txt", "003_f6e3a05446b93d4a.txt"])
    func filledInDraftPassesPlanCheck(_ name: String) throws {
        let yaml = PlanDraftYAML.render(try draft(name), source: name)
        // Before: the holes, and only they, are reported (a draft with no hole is valid as is).
        #expect(Self.problems(yaml).isEmpty == !yaml.contains(": null"))
        let filled = Self.fillNulls(yaml)
        #expect(!filled.contains(": null"))
        #expect(Self.problems(filled) == [], "\(name)")
    }

    static func problems(_ yaml: String) -> [String] {
        let result = Result { () throws(InvalidPlan) in try PlanLoader.load(yaml: yaml) }
        if case .failure(let e) = result { return e.problems.map { $0.located(in: "plan.yaml") } }
        return []
    }

    /// What a reviewer does: every null gets a value of its kind.
    static func fillNulls(_ yaml: String) -> String {
        var out: [String] = []
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            guard let r = line.range(of: ": null") else { out.append(line); continue }
            let indent = String(line.prefix { $0 == " " })
            let key = line[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            switch key {
            case "start": out.append(indent + "start: 2020-01-01")
            case "end": out.append(indent + "end: 2030-12-31")
            case "issued": out.append(indent + "issued: 2020-01-01")
            case "due_day": out.append(indent + "due_day: 20")
            case "items" where !indent.isEmpty: out.append(indent + "items: [ND01]")
            case "items": out += ["items:", "  - code: ND01", "    title: \"Nội dung\""]
            case "forms": out += ["forms:", "  - code: HT01", "    title: \"Hình thức\""]
            case "phases": out += ["phases:", "  - code: D1", "    title: \"Đợt\"", "    start: 2020-01-01", "    end: 2020-12-31", "    items: [ND01]"]
            case "units": out += ["units:", "  - code: DV01", "    name: \"Đơn vị\""]
            default: out.append(indent + key + ": \"điền\"")
            }
        }
        return out.joined(separator: "\n")
    }
}
