/// Time windows written the way plans write them (issue 4, SPEC §8 `plan draft`):
/// "từ nay đến hết tháng 6/2020", "Từ tháng 02/2020 đến 30/6/2020", "Từ tháng 01 đến
/// tháng 3/2020" (the year carries over from the other end), "từ tháng 7/2020 đến hết năm
/// 2020", "quý IV/2020", "(Từ tháng 01/2020 - tháng 8/2020)", "ngày 30 tháng 6 năm 2020".
/// "từ nay" is the document's own date. Anything less than a whole window is no window:
/// the draft leaves the dates null rather than guess.
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

        var year: Int? {
            switch self {
            case .now: nil
            case .day(_, _, let y), .month(_, let y), .quarter(_, let y): y
            case .year(let y): y
            }
        }
        /// The month the point starts in (for carrying a year across a range).
        var firstMonth: Int? {
            switch self {
            case .now, .year: nil
            case .day(_, let m, _), .month(let m, _): m
            case .quarter(let q, _): 3 * q - 2
            }
        }
        func with(year y: Int) -> Point {
            switch self {
            case .day(let d, let m, nil): .day(d, m, y)
            case .month(let m, nil): .month(m, y)
            case .quarter(let q, nil): .quarter(q, y)
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
        let tokens = tokenize(TextFolding.matchKey(text))
        var i = 0
        while i < tokens.count {
            // "từ X đến Y", "X - Y", "từ nay đến hết Y"
            let hasFrom = i > 0 && tokens[i - 1] == .word("tu")
            if let (a, afterA) = point(tokens, i) {
                var j = afterA
                if j < tokens.count, isConnector(tokens, &j) {
                    skipFillers(tokens, &j)
                    if let (b, _) = point(tokens, j), let w = range(a, b, now: documentDate) { return w }
                }
                // A lone point is a window only when it names a span on its own
                // ("quý IV/2020", "tháng 3/2020", "năm 2020"), never "từ X" with no end.
                if !hasFrom, a != .now, case .some(let s) = a.span(now: documentDate), !isDeadline(tokens, i) {
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
    /// ("trước, trong và sau Đại hội", "sau Đại hội XIII").
    public static func mentionsEventTiming(_ text: String) -> Bool {
        let k = TextFolding.matchKey(text)
        return ["truoc dai hoi", "trong dai hoi", "sau dai hoi", "truoc khi khai mac", "sau khi be mac",
                "truoc, trong va sau", "dien ra dai hoi", "trong thoi gian dien ra", "khai mac dai hoi"]
            .contains { k.contains($0) }
    }

    private static func range(_ a: Point, _ b: Point, now: Day?) -> Window? {
        var a = a, b = b
        // The year written at one end carries to the other: "Từ tháng 01 đến tháng 3/2020";
        // a start month after the end month means the start is in the year before.
        if a.year == nil, let y = b.year {
            let back = (a.firstMonth ?? 1) > (b.firstMonth ?? 12) ? 1 : 0
            a = a.with(year: y - back)
        }
        if b.year == nil, let y = a.year {
            let forward = (b.firstMonth ?? 12) < (a.firstMonth ?? 1) ? 1 : 0
            b = b.with(year: y + forward)
        }
        if a.year == nil, case .now = a, let now, b.year == nil { b = b.with(year: now.year + ((b.firstMonth ?? 12) < now.month ? 1 : 0)) }
        guard let s = a.span(now: now), let e = b.span(now: now), s.0 <= e.1 else { return nil }
        return Window(start: s.0, end: e.1)
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
        while j < t.count, t[j] == .word("het") || t[j] == .word("cuoi") { j += 1 }
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
            guard let y = num(i + 1), (1900...2200).contains(y) else { return nil }
            return (.year(y), i + 2)
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
