import Testing
@testable import TuyenGiaoCore

@Suite struct CSVParserTests {
    struct Parsed: Equatable { var line: Int; var fields: [String]; var unbalanced: Bool }

    /// Every case runs through both paths, as csv-core runs its cases through its NFA and
    /// DFA: the fast one (zero-copy scan, stop index, doubled-quote loop) and its plain twin,
    /// the byte state machine (`reference`). They must agree; the fast one is returned.
    func parse(_ text: String, delimiter: UInt8 = 0x2C, chunk: Int? = nil) -> [Parsed] {
        let fast = parse(text, delimiter: delimiter, chunk: chunk, reference: false)
        let plain = parse(text, delimiter: delimiter, chunk: chunk, reference: true)
        #expect(fast == plain, "the fast path and its reference twin disagree on \(text.debugDescription)")
        return fast
    }

    func parse(_ text: String, delimiter: UInt8, chunk: Int?, reference: Bool) -> [Parsed] {
        var parser = CSVParser(delimiter: delimiter, reference: reference)
        parser.maxQuotedLines = 3
        var out: [Parsed] = []
        let collect = { (r: CSVParser.Record) in
            out.append(Parsed(line: r.line, fields: (0..<r.fieldCount).map { r.string($0) }, unbalanced: r.unbalancedQuote))
        }
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { all in
            let step = chunk ?? max(all.count, 1)
            var i = 0
            while i < all.count {
                parser.feed(UnsafeBufferPointer(rebasing: all[i..<min(i + step, all.count)]), collect)
                i += step
            }
        }
        parser.finish(collect)
        return out
    }

    @Test func quotingAndLineEnds() {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nlast,,\n"
        let expected = [Parsed(line: 1, fields: ["a", "b", "c"], unbalanced: false),
                        Parsed(line: 2, fields: ["x, y", "say \"hi\"", "two\nlines"], unbalanced: false),
                        Parsed(line: 4, fields: ["last", "", ""], unbalanced: false)]
        #expect(parse(text) == expected)
        // Any split into chunks gives the same records (buffers end mid-field, mid-CRLF, mid-quote).
        for chunk in [1, 2, 3, 7] { #expect(parse(text, chunk: chunk) == expected, "chunk \(chunk)") }
    }

    /// Fed whole, nearly every record goes the zero-copy way; fed a byte at a time, none can
    /// (no record is ever whole in the buffer). Both must read any text the same.
    /// Runs longer than a word, tabs and high bytes exercise the eight-bytes-at-a-time scan
    /// of the fast path; each delimiter is tried, tab included. One text in four is long
    /// (up to 400 pieces, and pieces of 16 and 70 bytes), so that fields end in every lane
    /// of the 64-byte stop index, span several blocks, and meet the buffer's last bytes;
    /// fed in chunks of 97 bytes, records are cut in place at every offset of a buffer.
    @Test(arguments: [UInt8(0x2C), 0x3B, 0x09])
    func fastAndSlowPathsAgreeOnRandomText(delimiter: UInt8) {
        var rng = SplitMix(seed: 2026 + UInt64(delimiter))
        let alphabet = ["a", "bc", ",", ",", "\"", "\"\"", "\n", "\r\n", "\r", ";", "é", " ", "\t", "\t",
                        "Tuyên truyền", "abcdefghijklmnop", "\u{1F}", String(repeating: "Đợt ", count: 14)]
        for round in 0..<3000 {
            let count = Int(rng.next() % (round % 4 == 0 ? 400 : 40))
            let text = (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            let whole = parse(text, delimiter: delimiter), bytewise = parse(text, delimiter: delimiter, chunk: 1),
                odd = parse(text, delimiter: delimiter, chunk: 5), cut = parse(text, delimiter: delimiter, chunk: 97)
            #expect(whole == bytewise, "round \(round): \(text.debugDescription)")
            #expect(whole == odd, "round \(round): \(text.debugDescription)")
            #expect(whole == cut, "round \(round): \(text.debugDescription)")
            if whole != bytewise || whole != odd || whole != cut { return }
        }
    }

    @Test func aRecordWholeInTheBufferPointsIntoIt() {
        // Quoted fields without "" are cut in place, quotes dropped; raw is the line as written.
        let text = "a,\"b, c\",d\r\n"
        var parser = CSVParser(delimiter: 0x2C)
        var seen: [(String, [String])] = []
        Array(text.utf8).withUnsafeBufferPointer { buf in
            parser.feed(buf) { r in seen.append((r.rawString, (0..<r.fieldCount).map { r.string($0) })) }
        }
        #expect(seen.count == 1)
        #expect(seen.first?.0 == "a,\"b, c\",d")
        #expect(seen.first?.1 == ["a", "b, c", "d"])
        #expect(parser.isAtRecordStart)
        #expect(parser.nextLine == 2)
    }

    @Test func noFinalLineBreak() {
        #expect(parse("a;b\n1;2", delimiter: 0x3B).map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func unbalancedQuoteCostsOneRowAndTheReaderResyncs() {
        let text = "h1,h2\n1,\"open\n2,b\n3,c\n4,d\n5,e\n"
        let out = parse(text)
        #expect(out[1] == Parsed(line: 2, fields: ["1,\"open"], unbalanced: true))
        #expect(out.dropFirst(2).map(\.fields) == [["2", "b"], ["3", "c"], ["4", "d"], ["5", "e"]])
        #expect(out.dropFirst(2).map(\.line) == [3, 4, 5, 6])
    }

    @Test func unbalancedQuoteAtEndOfInput() {
        let out = parse("h\n\"never closed\nnext")
        #expect(out.count == 3)
        #expect(out[1].unbalanced)
        #expect(out[2].fields == ["next"])
    }

    @Test func delimiterDetection() {
        #expect(CSVParser.detectDelimiter(headerBytes: Array("ngay;don_vi;noi_dung\n".utf8)) == 0x3B)
        #expect(CSVParser.detectDelimiter(headerBytes: Array("ngay\tdon_vi\n".utf8)) == 0x09)
        #expect(CSVParser.detectDelimiter(headerBytes: Array("\"a;b\",c,d\n".utf8)) == 0x2C)
        #expect(CSVParser.detectDelimiter(headerBytes: Array("single\n".utf8)) == 0x2C)
    }
}

/// A small seeded generator, so a failing random case can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
