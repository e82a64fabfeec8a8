/// Is a run of bytes text a log may hold: well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing past U+10FFFF) with no control characters other than tab, CR
/// and LF? Asked of whole read buffers on the hot path (a buffer that passes spares its
/// rows the per-field check), so it has to run at memory speed on Vietnamese text, where
/// a multi-byte letter comes every few bytes and an ASCII-only fast path rarely applies.
///
/// Two ways, one answer:
/// - Long runs go sixteen bytes at a time (SSE2 through Swift's SIMD types, no branch per
///   block), after Keiser and Lemire's "Validating UTF-8 in less than one instruction per
///   byte": a byte must be a continuation exactly when one of the three before it is a
///   lead that asks for it. Each byte is judged by itself and its three predecessors,
///   loaded as overlapping vectors, so blocks need no carried state. The few bytes whose
///   rule needs more than that (E0, ED, F0–FF, C0, C1, control characters) are not judged
///   here: meeting one sends the whole run to the DFA below. Vietnamese text has none.
/// - Short runs, and runs holding such a byte, go through a shift-based DFA (after Per
///   Vognsen): each byte has one 64-bit row that holds, for every state, the bit offset
///   of the next state; stepping is `row[byte] >> state`. The table load depends only on
///   the byte, so the loop's dependency chain is one shift per byte. Runs of eight ASCII
///   bytes in the accepting state are skipped a word at a time.
public enum CleanText {
    /// `reference`: the rule said plainly (`TUYENGIAO_REFERENCE=1`), the twin of the blocks
    /// and the automaton: Swift's own strict UTF-8 validation, and no control character but
    /// tab, CR and LF.
    public static func check(_ bytes: UnsafeBufferPointer<UInt8>, reference: Bool = false) -> Bool {
        if reference {
            return String(validating: bytes, as: UTF8.self) != nil
                && !bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        }
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        guard n >= 32 else { return checkByDFA(p, n) }
        switch checkByBlocks(p, n) {
        case .clean: return true
        case .broken: return false
        case .needsDFA: return checkByDFA(p, n)
        }
    }

    enum BlockAnswer { case clean, broken, needsDFA }

    private typealias Block = SIMD16<UInt8>
    private typealias Lanes = SIMDMask<SIMD16<Int8>>

    /// `n` ≥ 32. Internal so that tests can ask it directly.
    static func checkByBlocks(_ p: UnsafePointer<UInt8>, _ n: Int) -> BlockAnswer {
        var broken = Lanes(repeating: false)
        var rare = Lanes(repeating: false)
        // The first block's predecessors are "nothing before the text": sixteen zero bytes
        // staged in front of a copy of it (a zero byte asks for no continuation).
        var staged = (Block(), Block())
        withUnsafeMutableBytes(of: &staged) { raw in
            raw.baseAddress!.advanced(by: 16).copyMemory(from: p, byteCount: 16)
            let q = UnsafePointer<UInt8>(raw.baseAddress!.assumingMemoryBound(to: UInt8.self)) + 16
            judge(q, &broken, &rare)
        }
        var i = 16
        while i &+ 16 <= n {
            judge(p + i, &broken, &rare)
            i &+= 16
        }
        // The last bytes, as one more block that overlaps the one before (judging a byte
        // twice gives the same answer).
        if i < n { judge(p + (n - 16), &broken, &rare) }
        if any(broken) { return .broken }
        if any(rare) { return .needsDFA }
        // No character may be cut at the end: no lead among the last bytes that asks for
        // bytes past it (a four-byte lead never gets here: it is one of the rare bytes).
        return p[n - 1] < 0xC0 && p[n - 2] < 0xE0 ? .clean : .broken
    }

    /// Judges the sixteen bytes at `q` (the three before them must be readable).
    @inline(__always)
    private static func judge(_ q: UnsafePointer<UInt8>, _ broken: inout Lanes, _ rare: inout Lanes) {
        // Vector constants as vectors: the `vector .op scalar` forms compile to a loop per lane.
        let x80 = Block(repeating: 0x80), xC0 = Block(repeating: 0xC0), xE0 = Block(repeating: 0xE0)
        let xF0 = Block(repeating: 0xF0), xED = Block(repeating: 0xED), xFE = Block(repeating: 0xFE)
        let space = Block(repeating: 0x20), tab = Block(repeating: 0x09), lf = Block(repeating: 0x0A)
        let cr = Block(repeating: 0x0D)
        let v = load(q), before1 = load(q - 1), before2 = load(q - 2), before3 = load(q - 3)
        let isContinuation = (v & xC0) .== x80
        let isAskedFor = (before1 .>= xC0) .| (before2 .>= xE0) .| (before3 .>= xF0)
        broken .|= isContinuation .^ isAskedFor
        let control = (v .< space) .& (v .!= tab) .& (v .!= lf) .& (v .!= cr)
        rare .|= (v .>= xF0) .| (v .== xE0) .| (v .== xED) .| ((v & xFE) .== xC0) .| control
    }

    @inline(__always)
    private static func load(_ q: UnsafePointer<UInt8>) -> Block {
        UnsafeRawPointer(q).loadUnaligned(as: Block.self)
    }

    static func checkByDFA(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let spaces: UInt64 = 0x2020_2020_2020_2020
        return table.withUnsafeBufferPointer { row in
            var state: UInt64 = 0
            var i = 0
            while i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                // Eight ASCII bytes none of which is below 0x20 (exact for ASCII words),
                // met between characters: nothing to check.
                if state & 63 == 0, w & high == 0, (w &- spaces) & ~w & high == 0 {
                    i += 8
                    continue
                }
                var v = w
                for _ in 0..<8 {
                    state = row[Int(truncatingIfNeeded: v & 0xFF)] &>> state
                    v &>>= 8
                }
                i += 8
                if state & 63 == Step.error { return false }
            }
            while i < n {
                state = row[Int(p[i])] &>> state
                i += 1
            }
            return state & 63 == Step.accept
        }
    }

    /// The states, as bit offsets into a table row (six bits each).
    private enum Step {
        static let accept: UInt64 = 0
        static let needs1: UInt64 = 6        // one continuation byte left
        static let needs2: UInt64 = 12
        static let needs3: UInt64 = 18
        static let afterE0: UInt64 = 24      // A0–BF, then one more (no overlong 3-byte forms)
        static let afterED: UInt64 = 30      // 80–9F, then one more (no surrogates)
        static let afterF0: UInt64 = 36      // 90–BF, then two more (no overlong 4-byte forms)
        static let afterF4: UInt64 = 42      // 80–8F, then two more (nothing past U+10FFFF)
        static let error: UInt64 = 48
        static let all = [accept, needs1, needs2, needs3, afterE0, afterED, afterF0, afterF4, error]
    }

    /// One row per byte value; see `Step`.
    private static let table: [UInt64] = (0..<256).map { b in
        var row: UInt64 = 0
        for state in Step.all {
            row |= next(from: state, UInt8(b)) << state
        }
        return row
    }

    private static func next(from state: UInt64, _ b: UInt8) -> UInt64 {
        let continuation = b & 0xC0 == 0x80
        switch state {
        case Step.accept:
            switch b {
            case 0x09, 0x0A, 0x0D, 0x20...0x7F: return Step.accept
            case 0xC2...0xDF: return Step.needs1
            case 0xE0: return Step.afterE0
            case 0xE1...0xEC, 0xEE...0xEF: return Step.needs2
            case 0xED: return Step.afterED
            case 0xF0: return Step.afterF0
            case 0xF1...0xF3: return Step.needs3
            case 0xF4: return Step.afterF4
            default: return Step.error      // other controls, stray continuations, C0, C1, F5–FF
            }
        case Step.needs1: return continuation ? Step.accept : Step.error
        case Step.needs2: return continuation ? Step.needs1 : Step.error
        case Step.needs3: return continuation ? Step.needs2 : Step.error
        case Step.afterE0: return (0xA0...0xBF).contains(b) ? Step.needs1 : Step.error
        case Step.afterED: return (0x80...0x9F).contains(b) ? Step.needs1 : Step.error
        case Step.afterF0: return (0x90...0xBF).contains(b) ? Step.needs2 : Step.error
        case Step.afterF4: return (0x80...0x8F).contains(b) ? Step.needs2 : Step.error
        default: return Step.error
        }
    }
}
