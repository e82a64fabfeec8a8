import ArgumentParser
import TuyenGiaoCore

/// A value typed on the command line. Parsed in one place, so a wrong value gets the same
/// Vietnamese message from every command (exit 64, with the usage line).
protocol CommandLineValue: ExpressibleByArgument {
    /// The form the value takes, as the message shows it ("YYYY-MM-DD (ví dụ 2020-07-20)").
    static var form: String { get }
    static func parse(_ text: String) -> Self?
}

extension CommandLineValue {
    /// For `@Option(transform:)`: the value, or a message that says what was expected.
    static func argument(_ text: String) throws -> Self {
        guard let value = parse(text) else { throw ValidationError("phải có dạng \(form), đang là \"\(text)\"") }
        return value
    }
}

extension Day: ExpressibleByArgument, CommandLineValue {
    public init?(argument: String) {
        guard let day = Day.parseISO(argument) else { return nil }
        self = day
    }
    static var form: String { "YYYY-MM-DD (ví dụ 2020-07-20)" }
    static func parse(_ text: String) -> Day? { Day.parseISO(text) }
}

extension MonthKey: ExpressibleByArgument, CommandLineValue {
    public init?(argument: String) {
        guard let month = MonthKey.parse(argument) else { return nil }
        self = month
    }
    static var form: String { "YYYY-MM (ví dụ 2020-07)" }
}

/// `--encoding`: a named encoding, or `auto` (detect per file).
struct EncodingChoice: CommandLineValue {
    var forced: TextEncoding?
    init(forced: TextEncoding?) { self.forced = forced }
    init?(argument: String) {
        guard let choice = Self.parse(argument) else { return nil }
        self = choice
    }
    static var form: String { "auto, utf-8, windows-1258, tcvn3 (ABC) hoặc vni" }
    static func parse(_ text: String) -> EncodingChoice? {
        if text.lowercased() == "auto" { return EncodingChoice(forced: nil) }
        return TextEncoding(name: text).map { EncodingChoice(forced: $0) }
    }
}
