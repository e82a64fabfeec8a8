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

    @Test func remembersNothingPastItsLimit() {
        let cache = ByteKeyCache<Int>(limit: 3)
        for i in 0..<5 { Array("u\(i)".utf8).withUnsafeBufferPointer { _ = cache.insert($0, i) } }
        #expect(cache.count == 3)
        #expect(Array("u2".utf8).withUnsafeBufferPointer { cache.value(for: $0) } == 2)
        #expect(Array("u3".utf8).withUnsafeBufferPointer { cache.value(for: $0) } == nil)
    }
}
