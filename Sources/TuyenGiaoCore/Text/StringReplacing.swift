/// Plain text replacement for the core, named apart from Foundation's
/// `replacingOccurrences(of:with:)` so that a reader never wonders which one runs.
extension String {
    func replacingAll(_ a: String, with b: String) -> String {
        // No match of the bytes means no match of the characters: skip the character search.
        guard Self.containsBytes(self, a) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: a) {
            out += rest[..<r.lowerBound]; out += b; rest = rest[r.upperBound...]
        }
        return out + rest
    }

    private static func containsBytes(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first, n.count <= h.count else { return false }
                for i in 0...(h.count - n.count) where h[i] == first {
                    var k = 1
                    while k < n.count, h[i + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                return false
            }
        }
    }
}
