import Testing
@testable import TuyenGiaoCore

@Suite struct CleanTextTests {
    /// What `CleanText` must answer, from Swift's own (strict) UTF-8 validation.
    func reference(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        return !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
    }

    func check(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { CleanText.check($0) } }

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

    /// Random texts built from pieces that sit on every edge of the grammar, at every
    /// length and alignment: the DFA, its word skip and its byte tail must agree with
    /// Swift's validator on each.
    @Test func agreesWithSwiftsValidator() {
        let pieces: [[UInt8]] = [
            Array("abcdefgh".utf8), Array("ND01;".utf8), [0x09], [0x0A], [0x0D], [0x1F], [0x7F], [0x00],
            Array("ệ".utf8), Array("Đ".utf8), Array("ữ".utf8), Array("𝔸".utf8), Array("\u{FFFD}".utf8),
            [0xC2, 0x80], [0xDF, 0xBF], [0xC1, 0xBF], [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0x80], [0xBF], [0xE1], [0xE1, 0xBB], [0xF0, 0x9F], [0xFF],
        ]
        var rng = SplitMix(seed: 1258)
        var disagreements: [[UInt8]] = []
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            let count = Int(rng.next() % 12)
            for _ in 0..<count {
                // Mostly clean pieces, so long valid runs (and the word skip) occur too.
                let k = rng.next() % 4 == 0 ? Int(rng.next() % UInt64(pieces.count)) : Int(rng.next() % 14)
                bytes += pieces[k]
            }
            let expected = reference(bytes)
            if !expected { invalid += 1 }
            if check(bytes) != expected { disagreements.append(bytes) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.first ?? [])")
        #expect(invalid > 2_000 && invalid < 18_000)  // both answers were exercised
    }
}
