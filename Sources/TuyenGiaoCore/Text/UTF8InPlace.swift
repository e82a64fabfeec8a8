extension String {
    /// The text's UTF-8 bytes read in place when the string stores them contiguously (every
    /// native string: all the core makes), a copy's otherwise — without the copy `withUTF8`
    /// makes of a `let`. For what walks many texts by their bytes (a workbook's cells, its
    /// fingerprint).
    @inline(__always)
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return try copy.withUTF8(body)
    }
}
