/// A streaming reader of the XML that spreadsheet parts are written in (an XLSX sheet or
/// shared-string table, an ODS `content.xml`): bytes are fed in the chunks they inflate in,
/// and elements and text come out as soon as they are complete, so a part is never held
/// whole. Foundation's `XMLParser` takes a whole part and stops at libxml2's 10 MB limit
/// (an honest log of about 42,000 rows), with no way to lift it; it stays the reference
/// twin the tests compare this reader with on small parts.
///
/// What it reads is the XML that spreadsheet programs write: elements, attributes, text,
/// the five predefined entities and character references, CDATA, comments and processing
/// instructions. A document type declaration is refused: no spreadsheet part has one, and
/// it is where entity bombs live. Text must be UTF-8.
struct XMLStreamScanner {
    enum Event {
        /// `name` as written; `local` without its namespace prefix (`x:row` → `row`: some
        /// writers prefix every element).
        case start(name: String, local: String, attributes: XMLAttributes, selfClosing: Bool)
        case end(name: String, local: String)
        case text(String)
    }

    enum Failure: Error, Equatable {
        /// Not well-formed, a DTD, text that is not UTF-8; the reason for the record.
        case malformed(String)
        /// One tag or one run of text longer than `maxToken` bytes.
        case tokenTooLarge
    }

    /// No tag or text run in a spreadsheet part comes near this (a cell holds at most
    /// 32,767 characters); past it the part is damaged, and memory stays bounded.
    let maxToken: Int
    private var carry: [UInt8] = []
    private var depth = 0

    init(maxToken: Int = 4 << 20) { self.maxToken = maxToken }

    /// Feeds the next bytes; `handle` sees every event they complete.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (Event) throws -> Void) throws {
        carry.append(contentsOf: chunk)
        let used = try scan(handle, atEnd: false)
        if used > 0 { carry.removeSubrange(0..<used) }
        if carry.count > maxToken { throw Failure.tokenTooLarge }
    }

    mutating func feed(_ bytes: [UInt8], _ handle: (Event) throws -> Void) throws {
        try bytes.withUnsafeBytes { try feed($0, handle) }
    }

    /// The part has ended: anything left unfinished is a damaged part.
    mutating func finish(_ handle: (Event) throws -> Void) throws {
        let used = try scan(handle, atEnd: true)
        let rest = carry[used...]
        guard rest.allSatisfy(Self.isSpace) else { throw Failure.malformed("phần XML bị cắt cụt") }
        guard depth == 0 else { throw Failure.malformed("thẻ chưa đóng") }
        carry.removeAll()
    }

    /// Emits every complete token in `carry`; returns how many bytes they used.
    private mutating func scan(_ handle: (Event) throws -> Void, atEnd: Bool) throws -> Int {
        var i = 0
        let n = carry.count
        while i < n {
            if carry[i] != UInt8(ascii: "<") {
                guard let lt = index(of: UInt8(ascii: "<"), from: i) else {
                    // Text runs to the end of what we have; wait for more unless it is the end.
                    return i
                }
                if depth > 0 { try handle(.text(try decodeText(i..<lt))) }
                else if !carry[i..<lt].allSatisfy(Self.isSpace) { throw Failure.malformed("chữ nằm ngoài phần tử gốc") }
                i = lt
                continue
            }
            guard i + 1 < n else { return i }
            switch carry[i + 1] {
            case UInt8(ascii: "?"):
                guard let e = find([0x3F, 0x3E], from: i + 2) else { return i }  // "?>"
                i = e + 2
            case UInt8(ascii: "!"):
                if starts(with: "<!--", at: i) {
                    guard let e = find(Array("-->".utf8), from: i + 4) else { return i }
                    i = e + 3
                } else if starts(with: "<![CDATA[", at: i) {
                    guard let e = find(Array("]]>".utf8), from: i + 9) else { return i }
                    guard depth > 0 else { throw Failure.malformed("CDATA ngoài phần tử gốc") }
                    try handle(.text(try utf8(i + 9..<e)))
                    i = e + 3
                } else if n - i < 9 && !atEnd {
                    return i  // not enough bytes yet to tell a comment from CDATA
                } else {
                    throw Failure.malformed("có khai báo DTD (<!…>), không có trong tệp bảng tính")
                }
            case UInt8(ascii: "/"):
                guard let gt = index(of: UInt8(ascii: ">"), from: i + 2) else { return i }
                var nameEnd = gt
                while nameEnd > i + 2 && Self.isSpace(carry[nameEnd - 1]) { nameEnd -= 1 }
                let name = try utf8(i + 2..<nameEnd)
                guard depth > 0 else { throw Failure.malformed("thẻ đóng </\(name)> thừa") }
                depth -= 1
                try handle(.end(name: name, local: Self.local(name)))
                i = gt + 1
            default:
                guard let gt = tagEnd(from: i + 1) else { return i }
                let selfClosing = carry[gt - 1] == UInt8(ascii: "/")
                let (name, attributes) = try parseTag(i + 1..<(selfClosing ? gt - 1 : gt))
                if !selfClosing { depth += 1 }
                let local = Self.local(name)
                try handle(.start(name: name, local: local, attributes: attributes, selfClosing: selfClosing))
                if selfClosing { try handle(.end(name: name, local: local)) }
                i = gt + 1
            }
        }
        return i
    }

    // MARK: - Pieces

    private static func local(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func index(of byte: UInt8, from: Int) -> Int? {
        var j = from
        while j < carry.count { if carry[j] == byte { return j }; j += 1 }
        return nil
    }

    private func starts(with s: StaticString, at i: Int) -> Bool {
        let p = UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)
        guard i + p.count <= carry.count else { return false }
        for k in 0..<p.count where carry[i + k] != p[k] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard needle.count <= carry.count else { return nil }
        var j = from
        while j + needle.count <= carry.count {
            if carry[j] == needle[0] {
                var k = 1
                while k < needle.count && carry[j + k] == needle[k] { k += 1 }
                if k == needle.count { return j }
            }
            j += 1
        }
        return nil
    }

    /// The `>` that ends a start tag, skipping any inside quoted attribute values.
    private func tagEnd(from: Int) -> Int? {
        var quote: UInt8 = 0
        var j = from
        while j < carry.count {
            let b = carry[j]
            if quote != 0 { if b == quote { quote = 0 } }
            else if b == 0x22 || b == 0x27 { quote = b }
            else if b == UInt8(ascii: ">") { return j }
            j += 1
        }
        return nil
    }

    private func utf8(_ r: Range<Int>) throws -> String {
        try carry.withUnsafeBufferPointer { all in
            let bytes = UnsafeBufferPointer(rebasing: all[r])
            // Most of a sheet is ASCII, which needs no validation.
            var ascii = true
            for b in bytes where b >= 0x80 { ascii = false; break }
            if ascii { return String(decoding: bytes, as: UTF8.self) }
            guard let s = String(validating: bytes, as: UTF8.self) else { throw Failure.malformed("chữ không phải UTF-8") }
            return s
        }
    }

    private func hasAmpersand(_ r: Range<Int>) -> Bool {
        var j = r.lowerBound
        while j < r.upperBound { if carry[j] == UInt8(ascii: "&") { return true }; j += 1 }
        return false
    }

    private func decodeText(_ r: Range<Int>) throws -> String {
        hasAmpersand(r) ? try unescape(r) : try utf8(r)
    }

    /// The bytes of `r` with entities replaced, as text.
    private func unescape(_ r: Range<Int>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(r.count)
        var j = r.lowerBound
        while j < r.upperBound {
            let b = carry[j]
            guard b == UInt8(ascii: "&") else { out.append(b); j += 1; continue }
            var semi = j + 1
            while semi < r.upperBound && semi - j <= 12 && carry[semi] != UInt8(ascii: ";") { semi += 1 }
            guard semi < r.upperBound, carry[semi] == UInt8(ascii: ";") else { throw Failure.malformed("ký tự & không thành thực thể") }
            guard let scalar = Self.entity(carry[(j + 1)..<semi]) else {
                throw Failure.malformed("thực thể &\(String(decoding: carry[(j + 1)..<semi], as: UTF8.self)); không hợp lệ")
            }
            out.append(contentsOf: String(Character(scalar)).utf8)
            j = semi + 1
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw Failure.malformed("chữ không phải UTF-8") }
        return s
    }

    /// `lt` `gt` `amp` `quot` `apos`, `#N`, `#xH`.
    private static func entity(_ name: ArraySlice<UInt8>) -> Unicode.Scalar? {
        switch Array(name) {
        case Array("lt".utf8): return "<"
        case Array("gt".utf8): return ">"
        case Array("amp".utf8): return "&"
        case Array("quot".utf8): return "\""
        case Array("apos".utf8): return "'"
        default: break
        }
        guard name.first == UInt8(ascii: "#"), name.count >= 2 else { return nil }
        var digits = name.dropFirst()
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") { radix = 16; digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var code: UInt32 = 0
        for d in digits {
            let v: UInt32
            switch d {
            case 0x30...0x39: v = UInt32(d - 0x30)
            case 0x61...0x66 where radix == 16: v = UInt32(d - 0x61 + 10)
            case 0x41...0x46 where radix == 16: v = UInt32(d - 0x41 + 10)
            default: return nil
            }
            code = code * radix + v
            if code > 0x10FFFF { return nil }
        }
        return Unicode.Scalar(code)
    }

    /// `name a="1" b='x'` → the name and its attributes.
    private func parseTag(_ r: Range<Int>) throws -> (String, XMLAttributes) {
        var j = r.lowerBound
        while j < r.upperBound && !Self.isSpace(carry[j]) { j += 1 }
        let name = try utf8(r.lowerBound..<j)
        guard !name.isEmpty else { throw Failure.malformed("thẻ không có tên") }
        var attributes = XMLAttributes()
        while true {
            while j < r.upperBound && Self.isSpace(carry[j]) { j += 1 }
            if j >= r.upperBound { break }
            let nameStart = j
            while j < r.upperBound && carry[j] != UInt8(ascii: "=") && !Self.isSpace(carry[j]) { j += 1 }
            let key = try utf8(nameStart..<j)
            while j < r.upperBound && Self.isSpace(carry[j]) { j += 1 }
            guard j < r.upperBound, carry[j] == UInt8(ascii: "=") else { throw Failure.malformed("thuộc tính \(key) thiếu giá trị") }
            j += 1
            while j < r.upperBound && Self.isSpace(carry[j]) { j += 1 }
            guard j < r.upperBound, carry[j] == 0x22 || carry[j] == 0x27 else { throw Failure.malformed("giá trị thuộc tính \(key) không có ngoặc kép") }
            let quote = carry[j]
            let valueStart = j + 1
            j = valueStart
            while j < r.upperBound && carry[j] != quote { j += 1 }
            guard j < r.upperBound else { throw Failure.malformed("giá trị thuộc tính \(key) không đóng ngoặc") }
            let raw = try utf8(valueStart..<j)
            attributes.pairs.append((key, hasAmpersand(valueStart..<j) ? try unescape(valueStart..<j) : raw))
            j += 1
        }
        return (name, attributes)
    }
}

/// A tag's attributes in the order written: a handful at most, so a list is faster than a
/// dictionary and keeps the order.
struct XMLAttributes {
    var pairs: [(name: String, value: String)] = []
    subscript(_ name: String) -> String? {
        for p in pairs where p.name == name { return p.value }
        return nil
    }
    var dictionary: [String: String] { Dictionary(pairs, uniquingKeysWith: { a, _ in a }) }
}
