import Testing
@testable import TuyenGiaoCore

@Suite struct CleanTextTests {
    /// What `CleanText` must answer, from Swift's own (strict) UTF-8 validation.
    func reference(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    /// The fast answer, which must be its reference twin's.
    func check(_ bytes: [UInt8]) -> Bool {
        let fast = bytes.withUnsafeBufferPointer { CleanText.check($0) }
        #expect(fast == bytes.withUnsafeBufferPointer { CleanText.check($0, reference: true) }, "\(bytes)")
        return fast
    }

    @Test func knownCases() {
        #expect(check(Array("Tuyên truyền Nghị quyết Đại hội XIII, đợt 1\t\r\n".utf8)))
        #expect(check([]))
        #expect(check(Array("𝔸 4-byte and ASCII only".utf8)))
        #expect(!check([0x41, 0x00, 0x42]))                 // NUL
        #expect(!check(Array("abcdefgh\u{1B}ijk".utf8)))     // ESC inside an ASCII word
        #expect(!check([0xC0, 0x80]))                       // overlong NUL
        #expect(!check([0xE0, 0x80, 0x80]))                 // overlong 3-byte form
        #expect(!check([0xED, 0xA0, 0x80]))                 // a surrogate
        #expect(!check([0xF4, 0x90, 0x80, 0x80]))           // past U+10FFFF
        #expect(!check([0x61, 0xE1, 0xBB]))                 // a letter cut at the end
        #expect(!check(Array("Đảng".utf8) + [0xFF]))
        #expect(!check([0xE1, 0xBB, 0x87] + Array("12345678".utf8) + [0x80]))  // stray continuation after a word
    }

    /// Pieces that sit on every edge of the grammar.
    static let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("ND01;".utf8), [0x09], [0x0A], [0x0D], [0x1F], [0x7F], [0x00],
            Array("ệ".utf8), Array("Đ".utf8), Array("ữ".utf8), Array("𝔸".utf8), Array("\u{FFFD}".utf8),
            [0xC2, 0x80], [0xDF, 0xBF], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xE1], [0xE1, 0xBB], [0xF0, 0x9F], [0xFF],
    ]

    /// The pieces of everyday log text (clean, and none of them sent to the DFA).
    static let everyday = [0, 1, 2, 3, 4, 6, 8, 9, 10, 12].map { pieces[$0] }

    /// A random text of `count` pieces: one in `oddOneIn` drawn from all of them, the rest
    /// from the first 14 (mostly clean), so that long valid runs occur too.
    static func text(_ rng: inout SplitMix, count: Int, oddOneIn: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            let k = rng.next() % oddOneIn == 0 ? Int(rng.next() % UInt64(pieces.count)) : Int(rng.next() % 14)
            bytes += pieces[k]
        }
        return bytes
    }

    /// Short random texts, at every length and alignment: the DFA, its word skip and its
    /// byte tail must agree with Swift's validator on each.
    @Test func agreesWithSwiftsValidator() {
        var rng = SplitMix(seed: 1258)
        var disagreements: [[UInt8]] = []
        var invalid = 0
        for _ in 0..<20_000 {
            let bytes = Self.text(&rng, count: Int(rng.next() % 12), oddOneIn: 4)
            let expected = reference(bytes)
            if !expected { invalid += 1 }
            if check(bytes) != expected { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.first ?? [])")
        #expect(invalid > 2_000 && invalid < 18_000)  // both answers were exercised
    }

    /// Long random texts (32 bytes and more), which go sixteen bytes at a time: with at
    /// most one fault, so that it lands in every lane of a block, in the first block, in
    /// the overlapping last one and across block edges. `checkByBlocks` is asked directly
    /// too: it may pass a text to the DFA (`needsDFA`) but never answer wrongly, and it
    /// must decide clean Vietnamese text by itself.
    @Test func blocksAgreeWithSwiftsValidator() {
        var rng = SplitMix(seed: 1_282)
        var disagreements: [[UInt8]] = []
        var answers: [CleanText.BlockAnswer: Int] = [:]
        for round in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(4 + Int(rng.next() % 60)) { bytes += Self.everyday[Int(rng.next() % UInt64(Self.everyday.count))] }
            if round % 4 != 0 {
                let at = Int(rng.next() % UInt64(bytes.count + 1))
                bytes.insert(contentsOf: Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))], at: at)
            }
            guard bytes.count >= 32 else { continue }
            let expected = reference(bytes)
            if check(bytes) != expected { disagreements.append(bytes) }
            let answer = bytes.withUnsafeBufferPointer { CleanText.checkByBlocks($0.baseAddress!, $0.count) }
            answers[answer, default: 0] += 1
            if answer == .clean && !expected || answer == .broken && expected { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.first ?? [])")
        #expect(answers[.clean, default: 0] > 5_000 && answers[.broken, default: 0] > 1_000
            && answers[.needsDFA, default: 0] > 1_000, "\(answers)")
        let vietnamese = Array(String(repeating: "Tuyên truyền Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII;\r\n", count: 3).utf8)
        #expect(vietnamese.withUnsafeBufferPointer { CleanText.checkByBlocks($0.baseAddress!, $0.count) } == .clean)
    }
}
