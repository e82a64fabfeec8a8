/// Numbers, rates and dates written the Vietnamese way (SPEC §7.2, FACTS):
/// `56.636`, `97,5%`, `ngày 05 tháng 01 năm 2021`.
public enum VietnameseFormat {
    /// Thousands grouped with dots.
    public static func integer(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// A rate as a percentage with a decimal comma, trailing zeros dropped: 0.975 → `97,5%`.
    public static func percent(_ rate: Double, decimals: Int = 1) -> String {
        var s = JSONValue.fixed(rate * 100, decimals: decimals)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s.replacingDot() + "%"
    }

    /// `ngày 05 tháng 01 năm 2021`: a leading zero for days below 10 and for months 1 and 2.
    public static func longDate(_ d: Day) -> String {
        let c = d.components
        let day = c.day < 10 ? "0\(c.day)" : "\(c.day)"
        let month = c.month <= 2 ? "0\(c.month)" : "\(c.month)"
        return "ngày \(day) tháng \(month) năm \(c.year)"
    }

    /// `tháng 7/2020`
    public static func monthName(_ m: MonthKey) -> String { "tháng \(m.month)/\(m.year)" }

    /// Upper case for headings, as Vietnamese letters go (Swift's uppercased() handles diacritics).
    public static func upper(_ s: String) -> String { s.uppercased() }
}

extension String {
    func replacingDot() -> String { String(map { $0 == "." ? "," : $0 }) }
}
