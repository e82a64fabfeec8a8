/// What `plan draft` read from a Kế hoạch document: a plan (SPEC §3) with holes where the
/// text does not say. Every value records the line it came from, so the YAML can point
/// the reviewer at it; every hole carries the reason it is a hole, and a value inferred
/// rather than read carries how it was inferred (issue 18: "say how sure it is").
public struct PlanDraft: Sendable {
    public struct Entry: Sendable, Equatable {
        public var code: String
        public var text: String
        public var line: Int
        /// How it was found when that was not plain reading ("bảng thời gian").
        public var reason: String? = nil
        /// What the document lists under it ("+" sub-points of an item ending in ":").
        public var details: [String] = []
    }

    public struct Phase: Sendable {
        public var code: String
        public var title: String
        public var line: Int
        /// The last line the phase was read from, when it spans several (a table row, a
        /// "Thời gian: …" line under its heading).
        public var lastLine: Int? = nil
        public var start: Day?
        public var end: Day?
        /// Why a date is missing, or how one was inferred, for the comment beside it.
        public var windowNote: String?
        /// Codes of the items listed under the phase, or nil when the document lists its
        /// content elsewhere (then `mentions` holds what the phase's bullets say).
        public var items: [String]?
        public var mentions: [String] = []
        /// How the phase was found when not under a heading that names phases.
        public var reason: String? = nil

        /// Both ends, when the text gives both.
        public var window: DatePhrase.Window? {
            guard let start, let end else { return nil }
            return DatePhrase.Window(start: start, end: end)
        }
    }

    /// One kind of section, for `plan draft --report`: where it was found and how, or why not.
    public struct Finding: Sendable, Equatable {
        public var section: String
        public var lines: ClosedRange<Int>?
        public var how: String
    }

    public var code: String?
    public var title: String?
    public var issuer: String?
    public var superior: String?
    public var place: String?
    public var issued: Day?
    public var dueDay: Int?
    public var dueDayLine: Int?
    /// The header carries the state motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), however it
    /// wraps: the report follows the state layout whoever the issuer is.
    public var stateMotto = false
    public var items: [Entry] = []
    public var itemsSource: String?
    public var phases: [Phase] = []
    public var forms: [Entry] = []
    public var slogans: [Entry] = []
    public var units: [Entry] = []
    public var findings: [Finding] = []
}
