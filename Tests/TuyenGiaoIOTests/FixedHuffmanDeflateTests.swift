import Foundation
import Testing
@testable import XLSXWriter
import ZIPFoundation

/// The fixed-code deflate of a unit workbook's small parts (`FixedHuffmanDeflate`): whatever
/// goes in comes out of zlib (ZIPFoundation's inflate, which checks the CRC too) byte for byte,
/// at every edge of the format — no input, one byte, every byte value, the longest match and
/// one past it, overlapping copies, distances at the window's edge and beyond, the largest
/// input; and against its twin (libdeflate) it is never more than a little larger.
@Suite struct FixedHuffmanDeflateTests {
    /// `parts` zipped with the fixed codes (or libdeflate), read back by ZIPFoundation.
    func roundTrip(_ parts: [[UInt8]], fixedCodes: Bool = true) throws -> (read: [[UInt8]], zipped: Int, deflated: [Int]) {
        var zip = ZipBuilder(fixedCodesForSmallParts: fixedCodes)
        for (k, raw) in parts.enumerated() { try zip.add("part\(k).xml", raw) }
        let bytes = zip.finish()
        let archive = try Archive(data: Data(bytes), accessMode: .read)
        var deflated: [Int] = []
        let read = try parts.indices.map { k -> [UInt8] in
            let entry = try #require(archive["part\(k).xml"])
            #expect(entry.type == .file)
            deflated.append(Int(entry.compressedSize))
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            return [UInt8](data)
        }
        return (read, bytes.count, deflated)
    }

    /// Bytes no earlier workbook had (so `RecentParts` copies none of them).
    static func unique(_ raw: [UInt8]) -> [UInt8] { Array("<!-- \(UUID().uuidString) -->".utf8) + raw }

    static func random(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    @Test func everyEdgeOfTheFormatComesBackAsItWent() throws {
        let xml = Array(String(repeating: "<row r=\"12\"><c r=\"A12\" s=\"3\" t=\"s\"><v>17</v></c></row>", count: 60).utf8)
        let block = Self.random(20_000, seed: 7)
        var atWindow = Self.random(32_768, seed: 11)
        atWindow += atWindow.prefix(300)                      // a copy from exactly 32,768 back
        var pastWindow = Self.random(32_769, seed: 13)
        pastWindow += pastWindow.prefix(300)                  // 32,769 back: out of reach
        let cases: [(String, [UInt8])] = [
            ("nothing", []), ("one byte", [0x41]), ("three bytes", Array("abc".utf8)), ("four", Array("abca".utf8)),
            ("every byte value", (0..<512).map { UInt8($0 & 0xFF) }),
            ("a run: overlapping copies, the longest match", [UInt8](repeating: 0x61, count: 1_000)),
            ("258 + 1", Array("x".utf8) + [UInt8](repeating: 0x20, count: 259) + Array("y".utf8)),
            ("lengths 4…300", (4...300).flatMap { n in Array("<\(n)>".utf8) + [UInt8](repeating: UInt8(65 + n % 26), count: n) }),
            ("a sheet's rows", xml),
            ("Vietnamese text", Array(String(repeating: "Nội dung tuyên truyền số 4 — Đảng bộ tỉnh; ", count: 40).utf8)),
            ("random: nothing to match", Self.random(16_384, seed: 3)),
            ("a block twice, 20,000 back", block + block),
            ("at the window's edge", atWindow), ("past it", pastWindow),
            // A unique word, a run (which keeps every other hash out of the table), the word
            // again: found 32,768 back (the farthest DEFLATE copies from), and not 32,769 back.
            ("a copy from 32,768 back", Self.echo(at: 32_768)), ("none from 32,769 back", Self.echo(at: 32_769)),
            ("the largest input", Array((Self.random(40_000, seed: 5) + Self.random(25_535, seed: 5)).prefix(FixedHuffmanDeflate.maxInput))),
        ]
        for (name, raw) in cases {
            var out: [UInt8] = []
            raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, appendingTo: &out) }
            #expect(out.count <= raw.count + raw.count / 8 + 16, "\(name): within the bound")
            // Read by zlib from a zip entry (whatever the length: in a workbook, parts above
            // `ZipBuilder.smallPart` go to libdeflate).
            let archive = try Archive(data: Data(Self.deflatedZip(raw)), accessMode: .read)
            let entry = try #require(archive["p.xml"], "\(name)")
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            #expect(data == Data(raw), "\(name): \(raw.count) bytes in, \(data.count) out")   // Data prints its length
        }
    }

    /// "ABCDEFGH", a run of "z", and "ABCDEFGH" again `distance` bytes after the first.
    static func echo(at distance: Int) -> [UInt8] {
        let word = Array("ABCDEFGH".utf8)
        return word + [UInt8](repeating: 0x7A, count: distance - word.count) + word + Array("!".utf8)
    }

    /// The word 32,768 back is copied (some 25 bits instead of 8 literals' 64); 32,769 back it is not.
    @Test func theFarthestCopyIsTakenAndNoFarther() {
        func size(_ raw: [UInt8]) -> Int {
            var out: [UInt8] = []
            raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, appendingTo: &out) }
            return out.count
        }
        let near = size(Self.echo(at: 32_768)), far = size(Self.echo(at: 32_769))
        #expect(far - near >= 3, "\(near) bytes with the copy, \(far) without")
    }

    /// A one-entry zip of `raw` deflated with the fixed codes, whatever its length.
    static func deflatedZip(_ raw: [UInt8]) -> [UInt8] {
        var deflated: [UInt8] = []
        raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, appendingTo: &deflated) }
        let crc = raw.withUnsafeBufferPointer { ZipBuilder.crc32($0) }
        var zip = ZipBuilder()
        zip.add("p.xml", ZipBuilder.Deflated(bytes: deflated, crc: crc, size: raw.count))
        return zip.finish()
    }

    /// The parts of a unit's workbook go through `ZipBuilder` with the fixed codes up to
    /// `smallPart` and libdeflate above it (each entry's deflated length is the one that coder
    /// gives its bytes), the twin through libdeflate alone; either way they read back, and the
    /// fixed codes cost at most a fifth more bytes than the twin's dynamic ones.
    @Test func smallPartsWithTheFixedCodesLargeOnesWithLibdeflate() throws {
        let row = "<row r=\"5\" spans=\"1:6\"><c r=\"A5\" t=\"s\"><v>12</v></c><c r=\"B5\" s=\"2\"><v>1734</v></c></row>"
        // Made anew for each writer, so that neither copies the other's (`RecentParts`).
        func parts() -> [[UInt8]] {
            [400, 1_600, 4_600, ZipBuilder.smallPart, ZipBuilder.smallPart + 1, 100_000].map { size in
                // Exactly `size` bytes, the unique mark included (the limit itself is one of them).
                Array(Self.unique(Array(String(repeating: row, count: size / row.utf8.count + 1).utf8)).prefix(size))
            }
        }
        let (a, b) = (parts(), parts())
        let fixed = try roundTrip(a)
        let plain = try roundTrip(b, fixedCodes: false)
        #expect(fixed.read == a && plain.read == b)
        for (k, raw) in a.enumerated() {
            var fixedCodes: [UInt8] = [], libdeflate: [UInt8] = []
            try Deflater().deflate(raw, appendingTo: &libdeflate)
            // The fixed codes take at most `maxInput` bytes: a larger part can only be libdeflate's.
            if raw.count <= FixedHuffmanDeflate.maxInput {
                raw.withUnsafeBufferPointer { FixedHuffmanDeflate.compress($0, appendingTo: &fixedCodes) }
                #expect(fixedCodes.count != libdeflate.count, "part \(k): the two coders told apart")
            }
            let expected = raw.count <= ZipBuilder.smallPart ? fixedCodes.count : libdeflate.count
            #expect(fixed.deflated[k] == expected, "part \(k), \(raw.count) bytes")
        }
        for (k, raw) in b.enumerated() {
            var libdeflate: [UInt8] = []
            try Deflater().deflate(raw, appendingTo: &libdeflate)
            #expect(plain.deflated[k] == libdeflate.count, "the twin's part \(k), \(raw.count) bytes")
        }
        #expect(fixed.zipped <= plain.zipped * 6 / 5, "\(fixed.zipped) against libdeflate's \(plain.zipped)")
    }
}
