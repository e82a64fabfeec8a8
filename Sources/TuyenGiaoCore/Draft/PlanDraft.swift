/// What `plan draft` read from a Kế hoạch document: a plan (SPEC §3) with holes where the
/// text does not say. Every value records the line it came from, so the YAML can point
/// the reviewer at it; every hole carries the reason it is a hole.
public struct PlanDraft: Sendable {
    public struct Entry: Sendable, Equatable {
        public var code: String
        public var text: String
        public var line: Int
    }

    public struct Phase: Sendable {
        public var code: String
        public var title: String
        public var line: Int
        public var window: DatePhrase.Window?
        /// Why the window is missing, for the comment beside the null.
        public var windowNote: String?
        /// Codes of the items listed under the phase, or nil when the document lists its
        /// content elsewhere (then `mentions` holds what the phase's bullets say).
        public var items: [String]?
        public var mentions: [String] = []
    }

    public var code: String?
    public var title: String?
    public var issuer: String?
    public var superior: String?
    public var place: String?
    public var issued: Day?
    public var dueDay: Int?
    public var dueDayLine: Int?
    public var items: [Entry] = []
    public var itemsSource: String?
    public var phases: [Phase] = []
    public var forms: [Entry] = []
    public var slogans: [Entry] = []
    public var units: [Entry] = []
}
