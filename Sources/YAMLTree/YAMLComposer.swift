import CYAML

/// Why a text is not one YAML document, where, in libyaml's words.
public struct YAMLError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// libyaml's reader, scanner or parser refused the text (`problem`, `context`).
        case syntax
        /// An alias (`*name`) names no anchor before it.
        case undefinedAlias
        /// A second document (`---`) after the first.
        case extraDocument
    }
    public var kind: Kind
    /// 1-based; nil when libyaml gave no position.
    public var line: Int?
    public var column: Int?
    /// libyaml's own words ("could not find expected ':'").
    public var problem: String
    /// What libyaml was reading when it found the problem ("while scanning a quoted scalar"), and where.
    public var context: String?
    public var contextLine: Int?
}

/// A key written twice in one mapping: the first pair is kept.
public struct DuplicateKey: Sendable, Equatable {
    public var key: String
    public var line: Int
    public var firstLine: Int
}

/// Composes libyaml's events into a `YAMLNode` tree: one pass, no recursion (a text of
/// 5,000 open brackets is an error, not a stack overflow), scalars kept as their text.
///
/// Why not Yams' `compose`: for a province's plan (100,000 units, 300,000 lines) it built
/// its node tree in 6.0 billion instructions, a second of every run before anything else
/// could start — a tag and a mark object per node, a dictionary per mapping to find repeated
/// keys, each scalar decoded through Foundation. This composer does the same document in 2.3
/// billion, 1.6 of them libyaml's own parsing (callgrind; the README's "For engineers" says more).
public enum YAMLComposer {
    public struct Document: Sendable {
        /// nil: the text holds no document (empty, or only comments).
        public var root: YAMLNode?
        public var duplicateKeys: [DuplicateKey]
    }

    /// Mappings up to this many pairs find a repeated key by comparing with each earlier
    /// one; larger ones through a dictionary (a plan's mappings have two to eight keys).
    static let scanLimit = 16

    public static func compose(_ text: String) throws(YAMLError) -> Document {
        var text = text
        let result: Result<Document, YAMLError> = text.withUTF8 { bytes in
            do throws(YAMLError) { return .success(try compose(bytes: bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// A sequence or mapping being read, changed in place on the stack (an enum's payload taken
    /// out and put back was copied on every item: a plan of 100,000 units took minutes).
    private struct Frame {
        var line: Int
        var anchor: String?
        var isMapping: Bool
        /// A sequence's items.
        var items: [YAMLNode] = []
        /// A mapping's pairs, the key waiting for its value, and whether that key repeats an
        /// earlier one (its value is then read and left out).
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        var pendingIsDuplicate = false
        var keyIndex: [String: Int]?
    }

    static func compose(bytes: UnsafeBufferPointer<UInt8>) throws(YAMLError) -> Document {
        // An empty text holds no document (and has no address to give libyaml).
        guard let input = bytes.baseAddress, !bytes.isEmpty else { return Document(root: nil, duplicateKeys: []) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(kind: .syntax, problem: "out of memory")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, input, bytes.count)

        var stack: [Frame] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0
        var duplicates: [DuplicateKey] = []
        var event = yaml_event_t()

        /// Puts a finished node where it belongs: the root, the next item, a key or its value.
        func attach(_ node: YAMLNode) {
            let top = stack.count - 1
            guard top >= 0 else { root = node; return }
            guard stack[top].isMapping else { stack[top].items.append(node); return }
            if let key = stack[top].pendingKey {
                if !stack[top].pendingIsDuplicate { stack[top].pairs.append((key, node)) }
                stack[top].pendingKey = nil
                stack[top].pendingIsDuplicate = false
            } else {
                stack[top].pendingKey = node
                if case .scalar(let s) = node, let first = firstLine(of: s.string, in: &stack[top]) {
                    duplicates.append(DuplicateKey(key: s.string, line: s.line, firstLine: first))
                    stack[top].pendingIsDuplicate = true
                }
            }
        }

        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw error(of: parser, in: bytes) }
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                return Document(root: root, duplicateKeys: duplicates)
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLError(kind: .extraDocument, line: line, column: Int(event.start_mark.column) + 1,
                                    problem: "found a second document")
                }
            case YAML_ALIAS_EVENT:
                let name = text(event.data.alias.anchor)
                guard let node = anchors[name] else {
                    throw YAMLError(kind: .undefinedAlias, line: line, column: Int(event.start_mark.column) + 1,
                                    problem: "found undefined alias *\(name)")
                }
                attach(node)
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                let node = YAMLNode.scalar(.init(string: value, isPlain: s.style == YAML_PLAIN_SCALAR_STYLE, line: line))
                if let anchor = s.anchor { anchors[text(anchor)] = node }
                attach(node)
            case YAML_SEQUENCE_START_EVENT:
                stack.append(Frame(line: line, anchor: event.data.sequence_start.anchor.map(text), isMapping: false))
            case YAML_MAPPING_START_EVENT:
                stack.append(Frame(line: line, anchor: event.data.mapping_start.anchor.map(text), isMapping: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let f = stack.removeLast()
                let node: YAMLNode = f.isMapping ? .mapping(.init(pairs: f.pairs, line: f.line))
                    : .sequence(.init(items: f.items, line: f.line))
                // Registered once whole: an alias inside its own anchor is undefined, as in YAML.
                if let anchor = f.anchor { anchors[anchor] = node }
                attach(node)
            default:
                continue
            }
        }
    }

    /// The line of an earlier key with this text in the mapping, if there is one.
    private static func firstLine(of key: String, in m: inout Frame) -> Int? {
        if m.keyIndex == nil && m.pairs.count >= scanLimit {
            var index: [String: Int] = [:]
            for (i, pair) in m.pairs.enumerated() {
                if case .scalar(let s) = pair.key, index[s.string] == nil { index[s.string] = i }
            }
            m.keyIndex = index
        }
        if m.keyIndex != nil {
            if let i = m.keyIndex![key] { return m.pairs[i].key.line }
            m.keyIndex![key] = m.pairs.count
            return nil
        }
        for pair in m.pairs {
            if case .scalar(let s) = pair.key, s.string == key { return s.line }
        }
        return nil
    }

    private static func text(_ c: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: UnsafePointer(c))
    }

    private static func error(of parser: yaml_parser_t, in bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        if parser.error == YAML_READER_ERROR {
            // The reader gives a byte offset, not a line: counted here.
            let end = min(Int(parser.problem_offset), bytes.count)
            let line = bytes[0..<end].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return YAMLError(kind: .syntax, line: line, column: nil, problem: problem, context: context)
        }
        let mark = parser.problem_mark
        return YAMLError(kind: .syntax, line: Int(mark.line) + 1, column: Int(mark.column) + 1, problem: problem,
                         context: context, contextLine: context == nil ? nil : Int(parser.context_mark.line) + 1)
    }
}
