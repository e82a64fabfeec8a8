/// A YAML document as plain values: scalars (their text, whether written plain, their line),
/// sequences and mappings. No tags are resolved: every scalar is its text, and whoever reads
/// the tree decides what is a number, a date or a boolean (a plan's loader does).
public enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence(Sequence)
    case mapping(Mapping)

    public struct Scalar: Sendable {
        public var string: String
        /// Written without quotes or a block indicator: only a plain `null`, `~` or `true` is one.
        public var isPlain: Bool
        public var line: Int
        public init(string: String, isPlain: Bool, line: Int) {
            self.string = string; self.isPlain = isPlain; self.line = line
        }
    }

    public struct Sequence: Sendable {
        public var items: [YAMLNode]
        public var line: Int
    }

    public struct Mapping: Sendable {
        /// In the order written; a key is unique among the scalar keys (a repeated one is
        /// reported by the composer, and its pair left out).
        public let pairs: [(key: YAMLNode, value: YAMLNode)]
        /// Each pair's key as text (nil: a sequence or mapping as a key), for look-ups that
        /// compare texts in place rather than copy every pair they pass.
        public let keys: [String?]
        public let line: Int

        public init(pairs: [(key: YAMLNode, value: YAMLNode)], line: Int) {
            self.pairs = pairs
            self.keys = pairs.map(\.key.string)
            self.line = line
        }

        /// The value under a scalar key (a mapping in a plan has a few keys: compared in turn).
        public subscript(key key: String) -> YAMLNode? {
            for i in keys.indices where keys[i] == key { return pairs[i].value }
            return nil
        }
    }

    /// The 1-based line the node begins on.
    public var line: Int {
        switch self {
        case .scalar(let s): s.line
        case .sequence(let s): s.line
        case .mapping(let m): m.line
        }
    }

    /// A scalar's text; nil for a sequence or a mapping.
    public var string: String? {
        if case .scalar(let s) = self { return s.string }
        return nil
    }
}
