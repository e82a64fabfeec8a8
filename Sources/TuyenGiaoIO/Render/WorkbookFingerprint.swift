import Crypto
import Foundation
import TuyenGiaoCore
import ZIPFoundation

/// A workbook model's digest, written into the workbook as a custom document property, so a
/// run tells an unchanged workbook without rendering it again. A province's thousands of
/// unit workbooks took most of a nightly run to re-render only to find the same bytes
/// (issue 21): now an unchanged one costs a look at one small part of the old file.
public enum WorkbookFingerprint {
    /// The custom property's name (File › Properties › Custom in Excel).
    static let property = "tuyengiao-dau-van-tay"
    /// Changes whenever the renderer writes the same model differently: old files are then
    /// rendered again once.
    static let renderer = "WorkbookRenderer/1"

    /// SHA-256 over every field of the model, in a fixed order (the one dictionary sorted),
    /// the bytes `plain(_:)` hashes put straight into a buffer of its own: appending them to
    /// an array — a text's bytes through the string's view, a range as a new array of four
    /// numbers — was 2.7 of a province's 3.3 seconds of fingerprints, the hash 0.6 (perf).
    public static func of(_ model: WorkbookModel) -> String {
        var feed = Feed()
        feed.put(renderer)
        feed.put(model.title); feed.put(model.author); feed.put(model.created.iso)
        for s in model.sheets {
            feed.put(s.name)
            for w in s.columnWidths { feed.put(w.bitPattern) }
            feed.put(UInt64(s.rows.count))
            for row in s.rows {
                feed.put(UInt64(row.count))
                for cell in row {
                    switch cell {
                    case .empty: feed.put(byte: 0)
                    case .text(let text, let style): feed.put(byte: 1); feed.put(text); feed.put(style)
                    case .number(let value, let style): feed.put(byte: 2); feed.put(value.bitPattern); feed.put(style)
                    }
                }
            }
            if let f = s.freeze { feed.put(f.row, f.column) } else { feed.put(-1) }
            feed.put(s.autofilter)
            for rule in s.conditionals {
                switch rule {
                case .rateScale(let r): feed.put(byte: 1); feed.put(r)
                case .zeroIsGap(let r): feed.put(byte: 2); feed.put(r)
                case .dataBar(let r): feed.put(byte: 3); feed.put(r)
                }
            }
            if !s.charts.isEmpty { feed.put("\(s.charts)") }   // only the summary sheets have charts
            feed.put(s.landscape ? 1 : 0, s.onePage ? 1 : 0, s.repeatRows?.lowerBound ?? -1, s.repeatRows?.upperBound ?? -1)
            for v in s.validations {
                feed.put(v.range)
                switch v.kind {
                case .list(let sheet, let column, let rows): feed.put(sheet); feed.put(column, rows.lowerBound, rows.upperBound)
                case .dateBetween(let a, let b): feed.put(a.ordinal, b.ordinal)
                case .integerAtLeast(let n): feed.put(n)
                }
                feed.put(v.strict ? 1 : 0)
                feed.put(v.prompt)
                feed.put(v.error)
            }
            if !s.columnStyles.isEmpty {
                for (column, style) in s.columnStyles.sorted(by: { $0.key < $1.key }) { feed.put(UInt64(column)); feed.put(style) }
            }
        }
        return feed.finish()
    }

    /// The bytes of `plain(_:)`, gathered in 16 KB and hashed a buffer at a time.
    private struct Feed: ~Copyable {
        private var hash = SHA256()
        private let base: UnsafeMutablePointer<UInt8>
        private var count = 0
        private static let capacity = 1 << 14

        init() { base = .allocate(capacity: Self.capacity) }

        deinit { base.deallocate() }

        private mutating func flush() {
            hash.update(bufferPointer: UnsafeRawBufferPointer(start: base, count: count))
            count = 0
        }

        mutating func finish() -> String {
            flush()
            return Hex.lowercase(hash.finalize())
        }

        @inline(__always)
        mutating func put(byte: UInt8) {
            if count == Self.capacity { flush() }
            base[count] = byte
            count &+= 1
        }

        mutating func put(bytes: UnsafeBufferPointer<UInt8>) {
            if count + bytes.count > Self.capacity {
                flush()
                if bytes.count > Self.capacity {
                    hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))
                    return
                }
            }
            guard let from = bytes.baseAddress else { return }
            (base + count).initialize(from: from, count: bytes.count)
            count &+= bytes.count
        }

        /// A text's bytes, in place for a native string (a copy's otherwise).
        private mutating func putUTF8(_ s: String) {
            s.withUTF8Bytes { put(bytes: $0) }
        }

        /// A text's bytes and a zero.
        mutating func put(_ s: String) {
            putUTF8(s)
            put(byte: 0)
        }

        /// A check's title and message as "title\u{1}message" (nothing but the zero for none).
        mutating func put(_ pair: (title: String, message: String)?) {
            guard let pair else { return put("") }
            putUTF8(pair.title)
            put(byte: 1)
            put(pair.message)
        }

        @inline(__always)
        mutating func put(_ n: UInt64) {
            if count + 8 > Self.capacity { flush() }
            UnsafeMutableRawPointer(base + count).storeBytes(of: n.littleEndian, as: UInt64.self)
            count &+= 8
        }

        /// Numbers as `plain(_:)` puts an array of them: their count, then each (without the
        /// array: a range or a pair per sheet and per check).
        private mutating func put(int n: Int) { put(UInt64(bitPattern: Int64(n))) }
        mutating func put(_ a: Int) { put(byte: 1); put(int: a) }
        mutating func put(_ a: Int, _ b: Int) { put(byte: 2); put(int: a); put(int: b) }
        mutating func put(_ a: Int, _ b: Int, _ c: Int) { put(byte: 3); put(int: a); put(int: b); put(int: c) }
        mutating func put(_ a: Int, _ b: Int, _ c: Int, _ d: Int) { put(byte: 4); put(int: a); put(int: b); put(int: c); put(int: d) }

        mutating func put(_ r: CellRange?) {
            if let r { put(r.row1, r.col1, r.row2, r.col2) } else { put(byte: 0) }
        }

        mutating func put(_ style: CellStyle) {
            switch style {
            case .text: put(byte: 1)
            case .wrapped: put(byte: 2)
            case .header: put(byte: 3)
            case .title: put(byte: 4)
            case .subtitle: put(byte: 5)
            case .label: put(byte: 6)
            case .note: put(byte: 7)
            case .banner: put(byte: 8)
            case .bold: put(byte: 9)
            case .indented(let n): put(byte: 10); put(UInt64(n))
            case .indentedBold(let n): put(byte: 11); put(UInt64(n))
            case .integer: put(byte: 12)
            case .integerBold: put(byte: 13)
            case .percent: put(byte: 14)
            case .percentBold: put(byte: 15)
            case .date: put(byte: 16)
            }
        }
    }

    /// The plain twin of `of(_:)`, the tests' reference: every field appended to an array, the
    /// array hashed every 64 KB.
    static func plain(_ model: WorkbookModel) -> String {
        var hash = SHA256()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        func flush() {
            hash.update(data: bytes)
            bytes.removeAll(keepingCapacity: true)
        }
        func put(_ s: String) {
            bytes.append(contentsOf: s.utf8)
            bytes.append(0)
            if bytes.count >= 1 << 16 { flush() }
        }
        // A check's title and message as the text "title\u{1}message" (or "" when it has none),
        // put without joining them into a new string first (every unit's seven checks).
        func put(_ pair: (title: String, message: String)?) {
            guard let pair else { return put("") }
            bytes.append(contentsOf: pair.title.utf8)
            bytes.append(1)
            put(pair.message)
        }
        func put(_ n: UInt64) { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } }
        func put(_ ns: [Int]) { bytes.append(UInt8(ns.count)); for n in ns { put(UInt64(bitPattern: Int64(n))) } }
        func put(_ r: CellRange?) { put(r.map { [$0.row1, $0.col1, $0.row2, $0.col2] } ?? []) }
        func put(_ style: CellStyle) {
            switch style {
            case .text: bytes.append(1)
            case .wrapped: bytes.append(2)
            case .header: bytes.append(3)
            case .title: bytes.append(4)
            case .subtitle: bytes.append(5)
            case .label: bytes.append(6)
            case .note: bytes.append(7)
            case .banner: bytes.append(8)
            case .bold: bytes.append(9)
            case .indented(let n): bytes.append(10); put(UInt64(n))
            case .indentedBold(let n): bytes.append(11); put(UInt64(n))
            case .integer: bytes.append(12)
            case .integerBold: bytes.append(13)
            case .percent: bytes.append(14)
            case .percentBold: bytes.append(15)
            case .date: bytes.append(16)
            }
        }
        put(renderer)
        put(model.title); put(model.author); put(model.created.iso)
        for s in model.sheets {
            put(s.name)
            for w in s.columnWidths { put(w.bitPattern) }
            put(UInt64(s.rows.count))
            for row in s.rows {
                put(UInt64(row.count))
                for cell in row {
                    switch cell {
                    case .empty: bytes.append(0)
                    case .text(let text, let style): bytes.append(1); put(text); put(style)
                    case .number(let value, let style): bytes.append(2); put(value.bitPattern); put(style)
                    }
                }
                if bytes.count >= 1 << 16 { flush() }
            }
            put(s.freeze.map { [$0.row, $0.column] } ?? [-1])
            put(s.autofilter)
            for rule in s.conditionals {
                switch rule {
                case .rateScale(let r): bytes.append(1); put(r)
                case .zeroIsGap(let r): bytes.append(2); put(r)
                case .dataBar(let r): bytes.append(3); put(r)
                }
            }
            if !s.charts.isEmpty { put("\(s.charts)") }   // only the summary sheets have charts
            put([s.landscape ? 1 : 0, s.onePage ? 1 : 0, s.repeatRows?.lowerBound ?? -1, s.repeatRows?.upperBound ?? -1])
            for v in s.validations {
                put(v.range)
                switch v.kind {
                case .list(let sheet, let column, let rows): put(sheet); put([column, rows.lowerBound, rows.upperBound])
                case .dateBetween(let a, let b): put([a.ordinal, b.ordinal])
                case .integerAtLeast(let n): put([n])
                }
                put([v.strict ? 1 : 0])
                put(v.prompt)
                put(v.error)
            }
            for (column, style) in s.columnStyles.sorted(by: { $0.key < $1.key }) { put(UInt64(column)); put(style) }
        }
        flush()
        return Hex.lowercase(hash.finalize())
    }

    /// The fingerprint a workbook at `url` carries, if it is ours and readable.
    static func stored(in url: URL) -> String? {
        // Most often there is no file yet (a first run, a new unit): asked of the file system
        // before ZIPFoundation sets out to open it.
        guard access(url.path, F_OK) == 0, let archive = try? Archive(url: url, accessMode: .read, pathEncoding: nil),
              let entry = archive["docProps/custom.xml"], entry.uncompressedSize < 1 << 16 else { return nil }
        var data = Data()
        guard (try? archive.extract(entry, consumer: { data.append($0) })) != nil else { return nil }
        let xml = String(decoding: data, as: UTF8.self)
        guard let named = xml.range(of: "name=\"\(property)\""),
              let open = xml.range(of: "<vt:lpwstr>", range: named.upperBound..<xml.endIndex),
              let close = xml.range(of: "</vt:lpwstr>", range: open.upperBound..<xml.endIndex) else { return nil }
        return String(xml[open.upperBound..<close.lowerBound])
    }
}
