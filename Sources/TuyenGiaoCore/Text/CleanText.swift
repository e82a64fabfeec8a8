/// Is a run of bytes text a log may hold: well-formed UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing past U+10FFFF) with no control characters other than tab, CR
/// and LF? Asked of whole read buffers on the hot path (a buffer that passes spares its
/// rows the per-field check), so it has to run at memory speed on Vietnamese text, where
/// a multi-byte letter comes every few bytes and an ASCII-only fast path rarely applies.
///
/// A shift-based DFA (after Per Vognsen): each byte has one 64-bit row that holds, for
/// every state, the bit offset of the next state; stepping is `row[byte] >> state`. The
/// table load depends only on the byte, so the loop's dependency chain is one shift per
/// byte. Runs of eight ASCII bytes in the accepting state are skipped a word at a time.
public enum CleanText {
    public static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
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
