import Testing
@testable import TuyenGiaoCore

@Suite struct ByteKeyCacheTests {
    /// Keys of every length up to 40 that differ from each other in one byte, at every
    /// position (the word-wise hash and comparison have a different path per length and
    /// overlap their tail loads): each finds its own value, and unseen neighbours find none.
    @Test func findsExactlyTheKeysItHolds() {
        let cache = ByteKeyCache<Int>()
        var expected: [[UInt8]: Int] = [:]
        var rng = SplitMix(seed: 65_536)
        for length in 0...40 {
            let base = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            var keys = [base]
            for position in 0..<length {
                var k = base
                k[position] ^= 0x01
                keys.append(k)
            }
            for (j, k) in keys.enumerated() where j % 2 == 0 && expected[k] == nil {
                expected[k] = length * 1000 + j
                k.withUnsafeBufferPointer { _ = cache.insert($0, length * 1000 + j) }
            }
            for k in keys {
                let found = k.withUnsafeBufferPointer { cache.value(for: $0) }
                #expect(found == expected[k], "key \(k)")
            }
        }
        #expect(cache.count == expected.count)
    }

    /// Tags stay with their keys, through the table's growth; untagged keys answer 0.
    @Test func tagsStayWithTheirKeys() {
        let cache = ByteKeyCache<Int>()
        let keys = (0..<300).map { Array("key \($0)".utf8) }
        for (i, k) in keys.enumerated() { k.withUnsafeBufferPointer { _ = cache.insert($0, i, tag: i % 3 == 0 ? 0 : UInt64(i) * 7) } }
        for (i, k) in keys.enumerated() {
            let found = k.withUnsafeBufferPointer { cache.find($0) }
            #expect(found?.tag == (i % 3 == 0 ? 0 : UInt64(i) * 7))
            #expect(found.map { cache.value(at: $0.entry) } == i)
        }
        #expect(Array("key 300".utf8).withUnsafeBufferPointer { cache.find($0) } == nil)
    }

    /// A blank field may come with or without an address: the same key either way.
    @Test func theEmptyKeyWithOrWithoutAnAddress() {
        let cache = ByteKeyCache<Int>()
        cache.insert(UnsafeBufferPointer(start: nil, count: 0), 7)
        let bytes: [UInt8] = [0x41]
        #expect(bytes.withUnsafeBufferPointer { cache.value(for: UnsafeBufferPointer(rebasing: $0[0..<0])) } == 7)
        #expect(bytes.withUnsafeBufferPointer { cache.value(for: $0) } == nil)
    }

    @Test func remembersNothingPastItsLimit() {
        let cache = ByteKeyCache<Int>(limit: 3)
        for i in 0..<5 { Array("u\(i)".utf8).withUnsafeBufferPointer { _ = cache.insert($0, i) } }
        #expect(cache.count == 3)
        #expect(Array("u2".utf8).withUnsafeBufferPointer { cache.value(for: $0) } == 2)
        #expect(Array("u3".utf8).withUnsafeBufferPointer { cache.value(for: $0) } == nil)
    }
}

@Suite struct ItemSetTests {
    /// Inline bits for items below 128, a sorted array past that: either way the set yields
    /// distinct items in plan order, as the aggregation expects.
    @Test(arguments: [[3, 0, 3, 63, 64, 127], [5, 200, 1, 130, 200, 64], [], [127]])
    func distinctItemsInPlanOrder(items: [Int]) {
        let set = ItemSet(items)
        let expected = Array(Set(items)).sorted()
        #expect(Array(set) == expected)
        #expect(set.count == expected.count)
        #expect(set.isEmpty == expected.isEmpty)
        for i in [0, 1, 3, 63, 64, 127, 128, 130, 200, 500] { #expect(set.contains(i) == expected.contains(i), "\(i)") }
        #expect(set == ItemSet(items.reversed()))
    }
}
