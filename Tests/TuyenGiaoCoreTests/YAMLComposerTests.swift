import Foundation
import Testing
@testable import TuyenGiaoCore
@testable import YAMLTree

/// The plan's YAML reader: libyaml's events composed into nodes by `YAMLComposer`.
@Suite struct YAMLComposerTests {
    /// A node as a plain value to compare with: text (plain or quoted), list, or pairs.
    indirect enum Shape: Equatable, CustomStringConvertible {
        case text(String, plain: Bool)
        case list([Shape])
        case map([(String, Shape)])

        static func == (a: Shape, b: Shape) -> Bool { a.description == b.description }
        var description: String {
            switch self {
            case .text(let s, let plain): (plain ? "" : "'") + s.debugDescription
            case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
            case .map(let pairs): "{" + pairs.map { "\($0.0.debugDescription): \($0.1)" }.joined(separator: ", ") + "}"
            }
        }
    }

    static func shape(_ n: YAMLNode) -> Shape {
        switch n {
        case .scalar(let s): .text(s.string, plain: s.isPlain)
        case .sequence(let s): .list(s.items.map(shape))
        case .mapping(let m): .map(m.pairs.map { ($0.key.string ?? "?", shape($0.value)) })
        }
    }

    static func root(_ text: String) throws -> YAMLNode {
        try #require(try YAMLComposer.compose(text).root)
    }

    /// The error a text is refused with; nil when it is read.
    static func failure(_ text: String) -> YAMLError? {
        do { _ = try YAMLComposer.compose(text); return nil } catch { return error }
    }

    @Test func blockAndFlowStylesComposeToTheSameNodesWithTheirLines() throws {
        let text = """
        # a comment
        plan:
          code: "7-KH/ĐU"
          issued: 2020-01-01
        items:
          - {code: ND01, title: 'Lịch sử Đảng'}
          - code: ND02
            title: >-
              Đại hội
              chi bộ
        empty:
        list: [a, "b", [c]]

        """
        let root = try Self.root(text)
        #expect(Self.shape(root) == .map([
            ("plan", .map([("code", .text("7-KH/ĐU", plain: false)), ("issued", .text("2020-01-01", plain: true))])),
            ("items", .list([
                .map([("code", .text("ND01", plain: true)), ("title", .text("Lịch sử Đảng", plain: false))]),
                .map([("code", .text("ND02", plain: true)), ("title", .text("Đại hội chi bộ", plain: false))]),
            ])),
            ("empty", .text("", plain: true)),
            ("list", .list([.text("a", plain: true), .text("b", plain: false), .list([.text("c", plain: true)])])),
        ]))
        guard case .mapping(let top) = root else { Issue.record("not a mapping"); return }
        #expect(top.line == 2)
        #expect(top[key: "plan"]?.line == 3)
        guard case .sequence(let items)? = top[key: "items"] else { Issue.record("items"); return }
        #expect(items.items.map(\.line) == [6, 7])
        guard case .mapping(let second) = items.items[1] else { Issue.record("item"); return }
        #expect(second[key: "title"]?.line == 8)
        #expect(second[key: "missing"] == nil)
        #expect(top.keys == ["plan", "items", "empty", "list"])
    }

    @Test func nothingButCommentsIsNoDocument() throws {
        #expect(try YAMLComposer.compose("").root == nil)
        #expect(try YAMLComposer.compose("# only a comment\n\n").root == nil)
        // An explicit empty document is an empty plain scalar, not nothing.
        #expect(try YAMLComposer.compose("---\n").root?.string == "")
    }

    /// A repeated key keeps the first value and is reported with both lines — in small
    /// mappings (compared in turn) and past `scanLimit` keys (looked up), alike.
    @Test func repeatedKeysAreReportedWithBothLines() throws {
        for size in [2, YAMLComposer.scanLimit - 1, YAMLComposer.scanLimit, YAMLComposer.scanLimit + 1, 40] {
            var text = ""
            for k in 0..<size { text += "k\(k): v\(k)\n" }
            text += "k\(size - 1): again\nk0: again\n\"k1\": quoted\n"
            let doc = try YAMLComposer.compose(text)
            #expect(doc.duplicateKeys == [
                DuplicateKey(key: "k\(size - 1)", line: size + 1, firstLine: size),
                DuplicateKey(key: "k0", line: size + 2, firstLine: 1),
                DuplicateKey(key: "k1", line: size + 3, firstLine: 2),
            ], "\(size) keys")
            guard case .mapping(let m)? = doc.root else { Issue.record("not a mapping"); continue }
            #expect(m.pairs.count == size, "\(size) keys")
            #expect(m[key: "k0"]?.string == "v0")
            #expect(m[key: "k\(size - 1)"]?.string == "v\(size - 1)")
        }
        // Keys in different mappings are not repeats.
        #expect(try YAMLComposer.compose("a: {x: 1}\nb: {x: 2}\n").duplicateKeys.isEmpty)
    }

    @Test func aliasesRepeatTheirAnchorAndAnUnknownOneIsAnError() throws {
        let root = try Self.root("base: &b {kind: chi bộ}\nunit: *b\nname: &n Tên\nagain: *n\n")
        #expect(Self.shape(root) == .map([
            ("base", .map([("kind", .text("chi bộ", plain: true))])),
            ("unit", .map([("kind", .text("chi bộ", plain: true))])),
            ("name", .text("Tên", plain: true)),
            ("again", .text("Tên", plain: true)),
        ]))
        let alias = try #require(Self.failure("a: 1\nb: *missing\n"), "an undefined alias must be refused")
        #expect(alias.kind == .undefinedAlias)
        #expect(alias.line == 2)
    }

    @Test func aSecondDocumentIsRefusedOnItsLine() throws {
        let second = try #require(Self.failure("a: 1\n\n---\nb: 2\n"), "two documents must be refused")
        #expect(second.kind == .extraDocument)
        #expect(second.line == 3)
    }

    @Test func syntaxErrorsCarryLibyamlsWordsAndLines() throws {
        let quote = try #require(Self.failure("plan:\n  code: \"x\n"))
        #expect(quote.kind == .syntax)
        #expect(quote.problem == "found unexpected end of stream")
        #expect(quote.context == "while scanning a quoted scalar")
        #expect(quote.line == 3)
        #expect(quote.contextLine == 2)
        let tab = try #require(Self.failure("plan:\n\tcode: x\n"))
        #expect(tab.problem == "found character that cannot start any token")
        #expect(tab.line == 2)
        #expect(tab.column == 1)
        // The reader's errors come as a byte offset: the line is counted from it.
        let control = try #require(Self.failure("a: 1\nb: 2\nc: x\u{7}y\n"))
        #expect(control.problem == "control characters are not allowed")
        #expect(control.line == 3)
        // Deep nesting is an error like any other, not a crash (the composer keeps its own stack).
        let deep = try #require(Self.failure(String(repeating: "[", count: 5_000) + "a"))
        #expect(deep.kind == .syntax)
    }

    /// A plan broken at random — a byte replaced, dropped or doubled, YAML's own signs among
    /// the replacements — is read or refused, never a crash: every refusal a problem with its
    /// line, and a refused text's problem on a line the text has.
    @Test func randomlyBrokenPlansAreReadOrRefusedWithALine() throws {
        let base = Array(try Fixture.text("tiny-plan.yaml").utf8)
        let signs = Array(":-[]{}\"'&*!|>#%@`,?\t\n ".utf8)
        var rng = SplitMix(seed: 34)
        var refused = 0
        for _ in 0..<1_500 {
            var bytes = base
            for _ in 0..<(1 + rng.next(3)) {
                let at = rng.next(bytes.count)
                switch rng.next(3) {
                case 0: bytes[at] = signs[rng.next(signs.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(bytes[at], at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if let error = Self.failure(text) {
                refused += 1
                let line = try #require(error.line, "\(error)")
                #expect((1...lines + 1).contains(line), "\(error) in a text of \(lines) lines")
            }
            do {
                _ = try PlanLoader.load(yaml: text)
            } catch {
                #expect(!error.problems.isEmpty)
            }
        }
        #expect(refused > 100, "the mutations must reach the error paths")
    }

    /// Random nested documents written out in block or flow style, plain or quoted, read back
    /// to what was written.
    @Test func randomDocumentsRoundTrip() throws {
        var rng = SplitMix(seed: 21)
        let words = ["Đảng bộ", "chi bộ", "ND01", "x", "2020-01-01", "true", "null", "a b", "Tuyên: giáo", "# not", "ắ ằ ẳ ẵ ặ", "-", "'q'", "\"d\""]
        func scalar() -> Shape {
            let w = words[rng.next(words.count)]
            // Only text that YAML reads back as written may stay plain.
            let safe = w.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" } && !w.hasPrefix("-") && !w.isEmpty
            return .text(w, plain: safe && rng.next(2) == 0)
        }
        func value(_ depth: Int) -> Shape {
            switch depth > 3 ? 0 : rng.next(3) {
            case 0: return scalar()
            case 1: return .list((0..<(1 + rng.next(4))).map { _ in value(depth + 1) })
            default: return .map((0..<(1 + rng.next(4))).map { k in ("k\(k)", value(depth + 1)) })
            }
        }
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func flow(_ v: Shape) -> String {
            switch v {
            case .text(let s, let plain): plain ? s : quoted(s)
            case .list(let items): "[" + items.map(flow).joined(separator: ", ") + "]"
            case .map(let pairs): "{" + pairs.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}"
            }
        }
        func block(_ v: Shape, _ indent: String) -> String {
            switch v {
            case .text: return " " + flow(v) + "\n"
            case .list(let items): return "\n" + items.map { indent + "-" + block($0, indent + "  ") }.joined()
            case .map(let pairs): return "\n" + pairs.map { indent + $0.0 + ":" + block($0.1, indent + "  ") }.joined()
            }
        }
        for round in 0..<300 {
            let doc = Shape.map((0..<(1 + rng.next(5))).map { k in ("top\(k)", value(0)) })
            let text = round % 2 == 0 ? String(block(doc, "").dropFirst()) : flow(doc) + "\n"
            let root = try Self.root(text)
            #expect(Self.shape(root) == doc, "\(text)")
        }
    }
}

extension SplitMix {
    /// A number below `bound`.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
