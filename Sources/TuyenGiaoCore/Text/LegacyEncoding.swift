import Foundation

/// The pre-Unicode Vietnamese encodings still found in offices (SPEC §4). All three keep
/// ASCII as it is, so line breaks, delimiters and quotes sit where the CSV reader looks
/// for them; a text is decoded one line-ended chunk at a time and normalised to NFC.
public enum LegacyEncoding: String, CaseIterable, Sendable {
    /// Windows code page 1258: precomposed vowels with ^ ˘ ơ ư, tones as combining bytes.
    case windows1258 = "windows-1258"
    /// TCVN 5712:1993 "VN3" (the ABC fonts, .VnTime): one byte per toned lower-case letter.
    case tcvn3 = "tcvn3"
    /// VNI-Windows (the VNI fonts): a base letter followed by a mark byte.
    case vni = "vni"

    /// Unicode scalars for each byte; a byte may stand for a combining mark (or two).
    private var table: [[UInt32]] {
        switch self {
        case .windows1258: Self.windows1258Table
        case .tcvn3: Self.tcvn3Table
        case .vni: Self.vniTable
        }
    }

    /// Decodes bytes to NFC text. Every byte decodes to something (an unassigned byte is
    /// U+FFFD), so a wrong guess shows up as odd letters, never as a lost line.
    public func decode(_ bytes: some Sequence<UInt8>) -> String {
        let table = self.table
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            for v in table[Int(b)] { scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}") }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    static let windows1258Table: [[UInt32]] =
        (0..<0x80).map { [UInt32($0)] } + LegacyEncodingTables.windows1258.map { [$0] }

    static let tcvn3Table: [[UInt32]] = LegacyEncodingTables.tcvn3.map { [$0] }

    /// VNI-Windows, after the VNI-WIN table of Unikey's converter (fcitx-unikey `data.cpp`):
    /// a vowel is followed by one mark byte (tone, ^ or ˘, or ^/˘ with a tone), in a
    /// lower- and an upper-case form; đ, ơ, ư and some toned i/y are single bytes. Bytes
    /// VNI does not use keep their Windows-1252 meaning.
    static let vniTable: [[UInt32]] = {
        var t: [[UInt32]] = (0..<0x100).map { [UInt32($0)] }
        let cp1252: [UInt32] = [0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178]
        for (i, v) in cp1252.enumerated() { t[0x80 + i] = [v] }
        let acute: UInt32 = 0x0301, grave: UInt32 = 0x0300, hook: UInt32 = 0x0309,
            tilde: UInt32 = 0x0303, dot: UInt32 = 0x0323, circumflex: UInt32 = 0x0302, breve: UInt32 = 0x0306
        // (lower-case byte, upper-case byte, marks)
        let marks: [(UInt8, UInt8, [UInt32])] = [
            (0xF9, 0xD9, [acute]), (0xF8, 0xD8, [grave]), (0xFB, 0xDB, [hook]),
            (0xF5, 0xD5, [tilde]), (0xEF, 0xCF, [dot]),
            (0xE2, 0xC2, [circumflex]), (0xE1, 0xC1, [circumflex, acute]), (0xE0, 0xC0, [circumflex, grave]),
            (0xE5, 0xC5, [circumflex, hook]), (0xE3, 0xC3, [circumflex, tilde]), (0xE4, 0xC4, [circumflex, dot]),
            (0xEA, 0xCA, [breve]), (0xE9, 0xC9, [breve, acute]), (0xE8, 0xC8, [breve, grave]),
            (0xFA, 0xDA, [breve, hook]), (0xFC, 0xDC, [breve, tilde]), (0xEB, 0xCB, [breve, dot]),
        ]
        for (lower, upper, m) in marks { t[Int(lower)] = m; t[Int(upper)] = m }
        let letters: [(UInt8, UInt32)] = [
            (0xD1, 0x0110), (0xF1, 0x0111),  // Đ đ
            (0xD4, 0x01A0), (0xF4, 0x01A1),  // Ơ ơ
            (0xD6, 0x01AF), (0xF6, 0x01B0),  // Ư ư
            (0xCD, 0x00CD), (0xED, 0x00ED),  // Í í
            (0xCC, 0x00CC), (0xEC, 0x00EC),  // Ì ì
            (0xC6, 0x1EC8), (0xE6, 0x1EC9),  // Ỉ ỉ
            (0xD3, 0x0128), (0xF3, 0x0129),  // Ĩ ĩ
            (0xD2, 0x1ECA), (0xF2, 0x1ECB),  // Ị ị
            (0xCE, 0x1EF4), (0xEE, 0x1EF5),  // Ỵ ỵ
        ]
        for (byte, v) in letters { t[Int(byte)] = [v] }
        return t
    }()
}

/// Which encoding a log file is in (SPEC §4: detected, or forced with `--encoding`).
public enum TextEncoding: Sendable, Equatable {
    case utf8
    case legacy(LegacyEncoding)

    /// The name written to the receipt register.
    public var name: String {
        switch self {
        case .utf8: "utf-8"
        case .legacy(let e): e.rawValue
        }
    }

    public init?(name: String) {
        let key = name.lowercased().replacingAll("_", with: "-")
        switch key {
        case "utf-8", "utf8": self = .utf8
        case "windows-1258", "cp1258", "1258": self = .legacy(.windows1258)
        case "tcvn3", "tcvn", "abc", "tcvn5712-1": self = .legacy(.tcvn3)
        case "vni", "vni-windows", "vni-win": self = .legacy(.vni)
        default: return nil
        }
    }
}

/// Guesses the encoding of a file from its first block of bytes. Valid UTF-8 is UTF-8
/// (the legacy encodings practically never produce it once a letter carries a mark).
/// Otherwise each legacy decoding is scored: common Vietnamese words found count for it,
/// letters no Vietnamese text has (stray marks, symbols the other encodings use for
/// vowels) count against it. The best score wins; on a tie the earlier of Windows-1258,
/// TCVN3, VNI.
public enum EncodingDetector {
    public struct Guess: Sendable, Equatable {
        public var encoding: TextEncoding
        /// Scores of the legacy candidates (empty for UTF-8), for logs and tests.
        public var scores: [LegacyEncoding: Int]
    }

    public static func detect(_ sample: some Collection<UInt8>) -> Guess {
        let utf8 = sample.withContiguousStorageIfAvailable { isUTF8($0) } ?? Array(sample).withUnsafeBufferPointer { isUTF8($0) }
        if utf8 { return Guess(encoding: .utf8, scores: [:]) }
        var scores: [LegacyEncoding: Int] = [:]
        for e in LegacyEncoding.allCases { scores[e] = score(e.decode(sample)) }
        let best = LegacyEncoding.allCases.max { scores[$0]! < scores[$1]! || (scores[$0]! == scores[$1]! && $0.order > $1.order) }!
        return Guess(encoding: .legacy(best), scores: scores)
    }

    /// True when the bytes are UTF-8, allowing the block to end inside a character.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = bytes.count
        // Drop an incomplete last character (the block was cut, not the file).
        var back = 0
        while back < 4, end - back - 1 >= 0 {
            let b = bytes[end - back - 1]
            if b & 0xC0 == 0x80 { back += 1; continue }
            if b >= 0xC0 {
                let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                if back + 1 < need { end = end - back - 1 }
            }
            break
        }
        let whole = UnsafeBufferPointer(rebasing: bytes[0..<end])
        // Clean text (the check every log buffer gets anyway, at memory speed) is UTF-8; only
        // a block with a stray control byte needs the standard library's slower answer.
        return CleanText.check(whole) || String(validating: whole, as: UTF8.self) != nil
    }

    /// Frequent words of Vietnamese prose and of activity logs, as they are written.
    static let commonWords: Set<String> = [
        "của", "và", "các", "được", "ngày", "tháng", "năm", "những", "một", "có", "không", "cho",
        "trong", "với", "là", "người", "đảng", "chi", "bộ", "đơn", "vị", "nội", "dung", "hình",
        "thức", "số", "lượng", "mô", "tả", "tuyên", "truyền", "hội", "nghị", "hoạt", "động",
        "học", "tập", "đợt", "đại", "cơ", "sở", "viên", "về", "tại", "lịch", "sử", "văn", "kiện",
        "thực", "hiện", "sinh", "xã", "phường", "huyện", "tỉnh", "ủy", "cán", "đoàn", "mã",
    ]

    static func score(_ text: String) -> Int {
        var s = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) where commonWords.contains(String(word)) {
            s += 10
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x0300...0x036F).contains(v) { s -= 3 }          // a mark left over after NFC
            else if v == 0xFFFD || (0x80...0x9F).contains(v) { s -= 3 }
            else if v >= 0x80, !scalar.properties.isAlphabetic, !scalar.properties.isWhitespace { s -= 1 }  // µ ¶ ¸ …
        }
        return s
    }
}

extension LegacyEncoding {
    fileprivate var order: Int { Self.allCases.firstIndex(of: self)! }
}
