/// Resolves what a unit typed for a unit, item, form or phase to one entry of the plan
/// (SPEC §4): its code (any case), `code - title`, or the exact title ignoring case,
/// diacritics and runs of white space. Never guesses between two candidates.
public struct ValueMatcher: Sendable {
    public enum Resolution: Sendable, Equatable {
        case found(Int)
        case unknown
        case ambiguous([String])
    }

    private var byCode: [String: Int] = [:]
    private var byName: [String: [Int]] = [:]
    private let codes: [String]
    private let nameKeys: [String]

    public init(codes: [String], names: [String]) {
        self.codes = codes
        byCode.reserveCapacity(codes.count)
        byName.reserveCapacity(names.count)
        for (i, c) in codes.enumerated() { byCode[Self.codeKey(c)] = i }
        nameKeys = names.map(Self.titleKey)
        for (i, k) in nameKeys.enumerated() { byName[k, default: []].append(i) }
    }

    /// An exact title, ignoring case, diacritics and runs of white space; never a guess.
    private func byTitle(_ value: String) -> Resolution {
        switch byName[Self.titleKey(value)] {
        case .some(let list) where list.count == 1: .found(list[0])
        case .some(let list) where list.count > 1: .ambiguous(list.map { codes[$0] })
        default: .unknown
        }
    }

    /// The match key of a title, with spaces around `;` dropped (titles may contain `;`,
    /// which is also the separator of item lists).
    static func titleKey(_ s: String) -> String {
        TextFolding.matchKey(s).replacingAll(" ;", with: ";").replacingAll("; ", with: ";")
    }

    /// Only a whole title, or `code - title` whose title is the code's own: used when a value
    /// was put back together from several `;`-separated pieces.
    public func resolveWholeTitle(_ raw: String) -> Resolution {
        let value = raw.trimmingSpaces
        for sep in [" - ", " – ", " — "] {
            if let r = value.firstRange(of: sep) {
                let code = String(value[..<r.lowerBound]).trimmingSpaces
                if let i = byCode[Self.codeKey(code)], nameKeys[i] == Self.titleKey(String(value[r.upperBound...])) {
                    return .found(i)
                }
            }
        }
        return byTitle(value)
    }

    /// The entry whose code this is (any case), and nothing else.
    public func byCodeOnly(_ raw: String) -> Int? { byCode[Self.codeKey(raw.trimmingSpaces)] }

    /// Codes compare in upper case; an ASCII code (nearly all) is mapped byte by byte.
    static func codeKey(_ s: String) -> String {
        guard s.utf8.allSatisfy({ $0 < 0x80 }) else { return s.uppercased() }
        return String(decoding: s.utf8.map { (0x61...0x7A).contains($0) ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    public func resolve(_ raw: String) -> Resolution {
        let value = raw.trimmingSpaces
        if value.isEmpty { return .unknown }
        if let i = byCode[Self.codeKey(value)] { return .found(i) }
        // `code - title` (hyphen or en dash), as the template's drop-down lists write it.
        for sep in [" - ", " – ", " — "] {
            if let r = value.firstRange(of: sep) {
                let code = String(value[..<r.lowerBound]).trimmingSpaces
                if let i = byCode[Self.codeKey(code)] { return .found(i) }
            }
        }
        return byTitle(value)
    }
}
