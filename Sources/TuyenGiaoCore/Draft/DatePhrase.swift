import Foundation

/// Time windows written the way plans write them (issue 4, SPEC §8 `plan draft`):
/// "từ nay đến hết tháng 6/2020", "Từ tháng 02/2020 đến 30/6/2020", "Từ tháng 01 đến
/// tháng 3/2020" (the year carries over from the other end), "từ tháng 7/2020 đến hết năm
/// 2020", "quý IV/2020", "(Từ tháng 01/2020 - tháng 8/2020)", "ngày 30 tháng 6 năm 2020".
/// "từ nay" is the document's own date. Anything less than a whole window is no window:
/// the draft leaves the dates null rather than guess.
///
/// Issue 18 added the phrases of plans not seen before: an end tied to a dated event ("đến
/// ngày khai mạc Đại hội 25/01/2021"), parts of a year or quarter ("6 tháng đầu năm 2021",
/// "nửa cuối năm 2020", "đến cuối năm", "từ đầu quý III"), and months with no year, which take
/// the year from the other end or else from the document (the first such year that does not
/// end before the document was issued: a plan speaks of what comes). `bounds` also gives a
/// window open at one end ("sau Lễ kỷ niệm 02/9/2025" starts the day after) with its reason.
public enum DatePhrase {
    public struct Window: Equatable, Sendable {
        public var start: Day
        public var end: Day
    }

    /// One end of a window as written: a day, a month, a quarter, a year, or "now".
    enum Point: Equatable {
        case now
        case day(Int, Int, Int?)        // day, month, year?
        case month(Int, Int?)           // month, year?
        case quarter(Int, Int?)         // 1...4, year?
        case year(Int)
        /// Months `first...last` of a year: "6 tháng đầu năm" (1...6), "nửa cuối năm" (7...12),
        /// "cuối năm" (12...12), "đầu quý III" (7...7). A vague one ("cuối năm", "đầu quý") only
        /// ends a range; it is never a window on its own.
        case months(Int, Int, Int?, vague: Bool)

        var year: Int? {
            switch self {
            case .now: nil
            case .day(_, _, let y), .month(_, let y), .quarter(_, let y), .months(_, _, let y, _): y
            case .year(let y): y
            }
        }
        var isVague: Bool { if case .months(_, _, _, true) = self { true } else { false } }
        /// The month the point starts in (for carrying a year across a range).
        var firstMonth: Int? {
            switch self {
            case .now, .year: nil
            case .day(_, let m, _), .month(let m, _): m
            case .quarter(let q, _): 3 * q - 2
            case .months(let m, _, _, _): m
            }
        }
        /// The month the point ends in.
        var lastMonth: Int? {
            switch self {
            case .now, .year: nil
            case .day(_, let m, _), .month(let m, _): m
            case .quarter(let q, _): 3 * q
            case .months(_, let m, _, _): m
            }
        }
        func with(year y: Int) -> Point {
            switch self {
            case .day(let d, let m, nil): .day(d, m, y)
            case .month(let m, nil): .month(m, y)
            case .quarter(let q, nil): .quarter(q, y)
            case .months(let a, let b, nil, let vague): .months(a, b, y, vague: vague)
            default: self
            }
        }
        /// First and last day of the span the point names.
        func span(now: Day?) -> (Day, Day)? {
            switch self {
            case .now: return now.map { ($0, $0) }
            case .day(let d, let m, let y?): return Day(year: y, month: m, day: d).map { ($0, $0) }
            case .month(let m, let y?):
                guard let a = Day(year: y, month: m, day: 1) else { return nil }
                return (a, Day(year: y, month: m, day: Day.daysIn(year: y, month: m))!)
            case .quarter(let q, let y?):
                guard (1...4).contains(q), let a = Day(year: y, month: 3 * q - 2, day: 1) else { return nil }
                return (a, Day(year: y, month: 3 * q, day: Day.daysIn(year: y, month: 3 * q))!)
            case .year(let y):
                guard let a = Day(year: y, month: 1, day: 1) else { return nil }
                return (a, Day(year: y, month: 12, day: 31)!)
            case .months(let m1, let m2, let y?, _):
                guard (1...12).contains(m1), (m1...12).contains(m2), let a = Day(year: y, month: m1, day: 1) else { return nil }
                return (a, Day(year: y, month: m2, day: Day.daysIn(year: y, month: m2))!)
            default: return nil
            }
        }
    }

    enum Token: Equatable {
        case word(String)
        case number(Int, digits: Int)
        case mark(Character)
    }

    /// The first window the text states, if it states one completely.
    public static func window(in text: String, documentDate: Day?) -> Window? {
        var how: [String] = []
        return window(in: text, documentDate: documentDate, how: &how)
    }

    /// The window, and how its ends were inferred rather than read ("từ nay" is the document's
    /// date, a year taken from the document, an end given by a dated event).
    static func window(in text: String, documentDate: Day?, how: inout [String]) -> Window? {
        let tokens = tokenize(TextFolding.matchKey(text))
        var i = 0
        while i < tokens.count {
            // "từ X đến Y", "X - Y", "từ nay đến hết Y"
            let hasFrom = i > 0 && tokens[i - 1] == .word("tu")
            if let (a, afterA) = point(tokens, i) {
                var j = afterA
                if j < tokens.count, isConnector(tokens, &j) {
                    skipFillers(tokens, &j)
                    if let (b, _) = point(tokens, j), let w = range(a, b, now: documentDate, how: &how) {
                        if a == .now { how.insert("\"từ nay\" là ngày ban hành văn bản", at: 0) }
                        return w
                    }
                    if let (b, _) = eventDate(tokens, j), let w = range(a, b, now: documentDate, how: &how) {
                        if a == .now { how.insert("\"từ nay\" là ngày ban hành văn bản", at: 0) }
                        how.append("ngày kết thúc là ngày của sự kiện")
                        return w
                    }
                }
                // A lone point is a window only when it names a span on its own
                // ("quý IV/2020", "tháng 3/2020", "năm 2020", "6 tháng đầu năm 2021"), never
                // "từ X" with no end, never a vague part ("cuối năm").
                var lone = a
                if case .months(_, _, nil, false) = a, let documentDate {
                    lone = withDocumentYear(a, documentDate)
                    how.append("năm lấy theo ngày ban hành văn bản")
                }
                if !hasFrom, a != .now, !a.isVague, case .some(let s) = lone.span(now: documentDate), !isDeadline(tokens, i) {
                    if case .day = a { i = afterA; continue }  // a single day is a date, not a window
                    return Window(start: s.0, end: s.1)
                }
                i = max(i + 1, afterA)
                continue
            }
            i += 1
        }
        return nil
    }

    /// Whether the text names a time tied to an event instead of dates
    /// ("trước, trong và sau Đại hội", "sau Đại hội XIII", "trước Lễ kỷ niệm", "sau bầu cử").
    public static func mentionsEventTiming(_ text: String) -> Bool {
        let k = TextFolding.matchKey(text)
        if ["truoc khi khai mac", "sau khi be mac", "truoc, trong va sau", "dien ra dai hoi", "trong thoi gian dien ra",
            "khai mac dai hoi"].contains(where: { k.contains($0) }) { return true }
        let event = #"(^|[^a-z])(truoc|trong|sau)( khi| ngay| dip| thoi gian)?( khai mac| be mac| to chuc| dien ra| tien hanh)? "#
            + #"(dai hoi|le |le$|hoi nghi|ky hop|bau cu|ngay bau cu|tet|ky niem|hoi thao|hoi dien)"#
        return k.range(of: event, options: .regularExpression) != nil
    }

    private static func range(_ a: Point, _ b: Point, now: Day?, how: inout [String]) -> Window? {
        var a = a, b = b
        // The year written at one end carries to the other: "Từ tháng 01 đến tháng 3/2020";
        // a start month after the end month means the start is in the year before.
        if a.year == nil, let y = b.year {
            let back = (a.firstMonth ?? 1) > (b.firstMonth ?? 12) ? 1 : 0
            a = a.with(year: y - back)
        }
        if b.year == nil, let y = a.year {
            let forward = (b.lastMonth ?? 12) < (a.firstMonth ?? 1) ? 1 : 0
            b = b.with(year: y + forward)
        }
        if a.year == nil, case .now = a, let now, b.year == nil { b = b.with(year: now.year + ((b.firstMonth ?? 12) < now.month ? 1 : 0)) }
        // Neither end has a year ("từ tháng 3 đến hết tháng 5"): the document's.
        if a.year == nil, b.year == nil, a != .now, let now {
            b = withDocumentYear(b, now)
            if b.year != nil { how.append("năm lấy theo ngày ban hành văn bản") }
            if let y = b.year { a = a.with(year: y - ((a.firstMonth ?? 1) > (b.lastMonth ?? 12) ? 1 : 0)) }
        }
        guard let s = a.span(now: now), let e = b.span(now: now), s.0 <= e.1 else { return nil }
        return Window(start: s.0, end: e.1)
    }

    /// A point with no year, in the document's year — or the next, when it would end before
    /// the document was issued.
    static func withDocumentYear(_ p: Point, _ document: Day) -> Point {
        let y = document.year
        guard let m = p.lastMonth, p.year == nil else { return p }
        return p.with(year: m < document.month ? y + 1 : y)
    }

    /// "đến ngày khai mạc Đại hội 25/01/2021", "đến khi kết thúc Đại hội (01/02/2021)": the
    /// end named by an event, dated a few words on. Only words and an opening bracket may stand
    /// between, so a date in another clause is not taken.
    static func eventDate(_ t: [Token], _ j: Int) -> (Point, Int)? {
        var k = j, words = 0
        while k < t.count, words <= 16 {
            if let (p, next) = point(t, k), p.year != nil { return (p, next) }
            switch t[k] {
            case .word: words += 1
            case .mark("("): break
            case .number where k + 1 < t.count && t[k + 1] != .mark("/"): words += 1  // "Đại hội lần thứ 13"
            default: return nil
            }
            k += 1
        }
        return nil
    }

    /// A window open at one end, with why: "sau Lễ kỷ niệm 02/9/2025" (the day after the
    /// event; the end is the reviewer's) and "từ tháng 7/2020" with no end. A complete window
    /// is returned whole.
    public struct Bounds: Equatable, Sendable {
        public var start: Day?
        public var end: Day?
        /// Why an end is missing or how a value was inferred, for the comment beside it.
        public var note: String?
    }

    public static func bounds(in text: String, documentDate: Day?) -> Bounds? {
        var how: [String] = []
        if let w = window(in: text, documentDate: documentDate, how: &how) {
            return Bounds(start: w.start, end: w.end, note: how.isEmpty ? nil : how.joined(separator: "; "))
        }
        let tokens = tokenize(TextFolding.matchKey(text))
        for i in tokens.indices {
            if tokens[i] == .word("sau"), let (p, _) = eventDate(tokens, i + 1),
               let s = p.span(now: documentDate) {
                let event = eventName(in: text) ?? "sự kiện"
                return Bounds(start: s.1 + 1, end: nil,
                              note: "bắt đầu sau \(event) (ngày hôm sau); văn bản không ghi ngày kết thúc: điền ngày kết thúc")
            }
            // "Từ nay đến thời điểm hoàn thành đại hội …": the start is the document's date; the
            // event's date is not written.
            if tokens[i] == .word("tu"), i + 2 < tokens.count, tokens[i + 1] == .word("nay"),
               tokens[i + 2] == .word("den") || tokens[i + 2] == .word("toi"), let documentDate {
                let event = eventName(in: text).map { " (\($0))" } ?? ""
                return Bounds(start: documentDate, end: nil,
                              note: "\"từ nay\" là ngày ban hành văn bản; kết thúc gắn với sự kiện\(event) không ghi ngày: điền ngày kết thúc")
            }
            if tokens[i] == .word("tu"), i + 1 < tokens.count, let (p, after) = point(tokens, i + 1), p != .now,
               !p.isVague, let s = p.span(now: documentDate) {
                // "Từ tháng 3/2020 đến khi hoàn thành đại hội cấp cơ sở": the end is an undated event.
                if after < tokens.count, tokens[after] == .word("den") || tokens[after] == .word("toi") {
                    let event = eventName(in: text).map { " (\($0))" } ?? ""
                    return Bounds(start: s.0, end: nil, note: "kết thúc gắn với sự kiện\(event) không ghi ngày: điền ngày kết thúc")
                }
                return Bounds(start: s.0, end: nil, note: "văn bản chỉ ghi ngày bắt đầu: điền ngày kết thúc")
            }
        }
        return nil
    }

    /// The event a time is tied to, as the document writes it: "Đại hội XIII của Đảng",
    /// "Lễ kỷ niệm 02/9/2025", at most twelve words.
    public static func eventName(in text: String) -> String? {
        let pattern = #"(Đại hội|ĐẠI HỘI|đại hội|Lễ|Hội nghị|Kỳ họp|Hội thao|Hội diễn|Tết|cuộc bầu cử|ngày bầu cử|[Ll]ễ kỷ niệm)[^,.;:()\n]*"#
        guard let r = text.range(of: pattern, options: .regularExpression) else { return nil }
        let words = text[r].split(separator: " ").prefix(12)
        let name = words.joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " -–"))
        return name.isEmpty ? nil : name
    }

    private static func isConnector(_ t: [Token], _ j: inout Int) -> Bool {
        switch t[j] {
        case .word("den"), .word("toi"):
            j += 1
            return true
        case .word("cho") where j + 1 < t.count && t[j + 1] == .word("den"):
            j += 2
            return true
        case .mark("-"), .mark("–"), .mark("—"):
            j += 1
            if j < t.count, t[j] == .word("den") { j += 1 }
            return true
        default: return false
        }
    }

    private static func skipFillers(_ t: [Token], _ j: inout Int) {
        // "hết", and "cuối" before a month ("đến cuối tháng 5" is May); "cuối năm" is a point.
        while j < t.count, t[j] == .word("het") || (t[j] == .word("cuoi") && j + 1 < t.count && t[j + 1] == .word("thang")) { j += 1 }
    }

    /// "hoàn thành trước quý IV/2020", "trước ngày 30/6": a deadline, not a window.
    private static func isDeadline(_ t: [Token], _ i: Int) -> Bool {
        var k = i - 1
        while k >= 0, t[k] == .word("ngay") || t[k] == .word("thang") { k -= 1 }
        return k >= 0 && (t[k] == .word("truoc") || t[k] == .word("han"))
    }

    /// A date point starting at token `i`, and the index after it.
    static func point(_ t: [Token], _ i: Int) -> (Point, Int)? {
        guard i < t.count else { return nil }
        func num(_ k: Int) -> Int? { if k < t.count, case .number(let n, _) = t[k] { n } else { nil } }
        func year(_ k: Int) -> (Int, Int)? {  // "/2020" or "năm 2020" at k
            if k + 1 < t.count, t[k] == .mark("/") || t[k] == .mark("-") || t[k] == .mark("."),
               let y = num(k + 1), (1900...2200).contains(y) { return (y, k + 2) }
            if k + 1 < t.count, t[k] == .word("nam"), let y = num(k + 1), (1900...2200).contains(y) { return (y, k + 2) }
            return nil
        }
        switch t[i] {
        case .word("nay"), .word("hien"):
            if t[i] == .word("hien") { guard i + 1 < t.count, t[i + 1] == .word("nay") else { return nil }; return (.now, i + 2) }
            return (.now, i + 1)
        case .word("ngay"):
            // "ngày 30/6/2020", "ngày 30 tháng 6 năm 2020"
            if let d = num(i + 1) {
                if i + 2 < t.count, t[i + 2] == .word("thang"), let m = num(i + 3) {
                    let y = year(i + 4)
                    return (.day(d, m, y?.0), y?.1 ?? i + 4)
                }
                if let (p, next) = numeric(t, i + 1), case .day = p { return (p, next) }
            }
            return nil
        case .word("thang"):
            guard let m = num(i + 1), (1...12).contains(m) else { return nil }
            let y = year(i + 2)
            return (.month(m, y?.0), y?.1 ?? i + 2)
        case .word("quy"):
            guard i + 1 < t.count else { return nil }
            var q: Int?
            if case .word(let w) = t[i + 1] { q = ["i": 1, "ii": 2, "iii": 3, "iv": 4][w] }
            if q == nil { q = num(i + 1) }
            guard let q, (1...4).contains(q) else { return nil }
            let y = year(i + 2)
            return (.quarter(q, y?.0), y?.1 ?? i + 2)
        case .word("nam"):
            // "năm 2020"; "(đến hết) năm" alone is the year of the other end.
            guard let y = num(i + 1), (1900...2200).contains(y) else {
                if i > 0, t[i - 1] == .word("het") || t[i - 1] == .word("cuoi") { return (.months(1, 12, nil, vague: true), i + 1) }
                return nil
            }
            return (.year(y), i + 2)
        case .word("dau"), .word("cuoi"), .word("nua"):
            // "đầu năm", "cuối năm 2020", "nửa đầu năm", "nửa cuối năm 2020", "đầu quý III"
            var k = i, half = false
            if t[k] == .word("nua") { half = true; k += 1 }
            guard k < t.count, t[k] == .word("dau") || t[k] == .word("cuoi") else { return nil }
            let early = t[k] == .word("dau")
            if k + 1 < t.count, t[k + 1] == .word("nam") {
                let y = year(k + 1)
                let (a, b) = half ? (early ? (1, 6) : (7, 12)) : (early ? (1, 1) : (12, 12))
                return (.months(a, b, y?.0, vague: !half), y?.1 ?? k + 2)
            }
            if !half, k + 1 < t.count, t[k + 1] == .word("quy"), let (q, after) = point(t, k + 1), case .quarter(let n, let y) = q {
                let m = early ? 3 * n - 2 : 3 * n
                return (.months(m, m, y, vague: true), after)
            }
            return nil
        case .number(let n, _) where n == 3 || n == 6 || n == 9:
            // "6 tháng đầu năm 2021", "6 tháng cuối năm", "3 tháng cuối năm"
            if i + 3 < t.count, t[i + 1] == .word("thang"), t[i + 2] == .word("dau") || t[i + 2] == .word("cuoi"),
               t[i + 3] == .word("nam") {
                let y = year(i + 3)
                let (a, b) = t[i + 2] == .word("dau") ? (1, n) : (13 - n, 12)
                return (.months(a, b, y?.0, vague: false), y?.1 ?? i + 4)
            }
            return numeric(t, i)
        case .number:
            return numeric(t, i)
        default:
            return nil
        }
    }

    /// "30/6/2020", "30/6", "6/2020", "30-6-2020".
    private static func numeric(_ t: [Token], _ i: Int) -> (Point, Int)? {
        guard case .number(let a, _) = t[i], i + 2 < t.count,
              t[i + 1] == .mark("/") || t[i + 1] == .mark("-") || t[i + 1] == .mark("."),
              case .number(let b, _) = t[i + 2] else { return nil }
        let sep = t[i + 1]
        if i + 4 < t.count, t[i + 3] == sep, case .number(let c, let digits) = t[i + 4], digits == 4 {
            guard (1...31).contains(a), (1...12).contains(b) else { return nil }
            return (.day(a, b, c), i + 5)
        }
        if (1900...2200).contains(b), (1...12).contains(a), sep == .mark("/") { return (.month(a, b), i + 3) }
        if (1...31).contains(a), (1...12).contains(b), sep == .mark("/") { return (.day(a, b, nil), i + 3) }
        return nil
    }

    static func tokenize(_ s: String) -> [Token] {
        var out: [Token] = []
        var word = "", digits = ""
        func flush() {
            if !word.isEmpty { out.append(.word(word)); word = "" }
            if !digits.isEmpty { out.append(.number(Int(digits) ?? -1, digits: digits.count)); digits = "" }
        }
        for c in s {
            if c.isASCII && c.isNumber {
                if !word.isEmpty { flush() }
                digits.append(c)
            } else if c.isLetter {
                if !digits.isEmpty { flush() }
                word.append(c)
            } else {
                flush()
                if !c.isWhitespace { out.append(.mark(c)) }
            }
        }
        flush()
        return out
    }
}
