import Foundation
import Testing
@testable import TuyenGiaoCore

/// The unit tree's loop check walks up from every unit but stops where an earlier walk reached
/// the top; the outcome must be the plain walk's (each unit walked to the top with a set of its
/// own) — the same parents cut, the same loops told in the same words — on trees with loops,
/// units hanging under a loop, and long chains.
@Suite struct UnitTreeCheckTests {
    /// The plain walk: what `UnitTreeCheck.build` did before it stopped early. Parents by
    /// index, nil for a root; returns the parents left and the loops told (their codes).
    static func plainWalk(_ parents: [Int?], codes: [String]) -> (parents: [Int?], loops: [String]) {
        var parents = parents
        var reported = Set<Int>(), loops: [String] = []
        for i in parents.indices {
            var seen: Set<Int> = [i]
            var cur = parents[i]
            while let c = cur {
                if seen.contains(c) {
                    if !reported.contains(c) {
                        loops.append(seen.sorted().map { codes[$0] }.joined(separator: ", "))
                        reported.formUnion(seen)
                    }
                    parents[i] = nil
                    break
                }
                seen.insert(c)
                cur = parents[c]
            }
        }
        return (parents, loops)
    }

    static func check(_ parents: [Int?]) -> (parents: [Int?], loops: [String]) {
        let codes = parents.indices.map { "U\($0)" }
        let entries = parents.indices.map { i in
            UnitEntry(code: codes[i], name: "Đơn vị \(i)", parent: parents[i].map { codes[$0] }, kind: nil, reports: nil,
                      line: i + 1, path: "units[\(i)]")
        }
        let (units, problems) = UnitTreeCheck.build(entries)
        let loops = problems.compactMap { p -> String? in
            guard let open = p.message.range(of: "vòng lặp ("), p.message.hasSuffix(")") else { return nil }
            return String(p.message[open.upperBound..<p.message.index(before: p.message.endIndex)])
        }
        #expect(loops.count == problems.count, "only loops told: \(problems.map(\.message))")
        return (units.map(\.parent), loops)
    }

    @Test func aLoopIsToldOnceAndCutWhereItsFirstWalkFoundIt() {
        // 0 root; 1 → 0; 2 ↔ 3 a loop; 4 → 2 hangs under it; 5 → 4; 6 → 1 under the root.
        let parents: [Int?] = [nil, 0, 3, 2, 2, 4, 1]
        let got = Self.check(parents)
        #expect(got.loops == ["U2, U3"])
        #expect(got.parents == [nil, 0, nil, 2, 2, 4, 1])
        #expect(got.parents == Self.plainWalk(parents, codes: parents.indices.map { "U\($0)" }).parents)
    }

    @Test func aUnitListedBeforeTheLoopItHangsUnderIsNamedWithIt() {
        // 0 → 1, 1 ↔ 2: the first walk, from 0, finds the loop and names 0 with it (as the
        // plain walk did), cutting 0 off; the walk from 1 then cuts the loop itself, untold.
        let parents: [Int?] = [1, 2, 1]
        let got = Self.check(parents)
        #expect(got.loops == ["U0, U1, U2"])
        #expect(got.parents == [nil, nil, 1])
        #expect(got.parents == Self.plainWalk(parents, codes: ["U0", "U1", "U2"]).parents)
    }

    @Test func aLongChainUnderAnotherIsNotWalkedAgain() {
        // 20,000 units in one chain, each under the next, the last a root: every walk stops
        // at the unit before it (walked to the top), so this is quick, and nothing is cut.
        let n = 20_000
        let parents: [Int?] = (0..<n).map { $0 == n - 1 ? nil : $0 + 1 }
        let got = Self.check(parents)
        #expect(got.loops.isEmpty)
        #expect(got.parents == parents)
    }

    @Test(arguments: 1...40)
    func randomTreesAndLoopsAsThePlainWalk(seed: UInt64) {
        var rng = SplitMix(seed: seed)
        let n = Int(rng.next() % 60) + 1
        // Parents drawn at random (loops of every length, units under them), some roots.
        let parents: [Int?] = (0..<n).map { _ in rng.next() % 5 == 0 ? nil : Int(rng.next() % UInt64(n)) }
        let got = Self.check(parents)
        let want = Self.plainWalk(parents, codes: (0..<n).map { "U\($0)" })
        #expect(got.parents == want.parents, "\(parents)")
        #expect(got.loops == want.loops, "\(parents)")
    }
}
