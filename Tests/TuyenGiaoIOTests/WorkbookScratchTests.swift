import Crypto
import Foundation
import Testing
@testable import TuyenGiaoIO

/// libxlsxwriter's scratch files go to memory when it can, and where the operator says when
/// told (XLSXIngestTests writes and reads back workbooks both ways); the digests' hex is the
/// usual one.
@Suite struct WorkbookScratchTests {
    @Test func theMemoryFolderWhenUsableElseTheLibrarysDefault() {
        #expect(WorkbookScratch.choose(environment: nil, usable: { _ in true }) == "/dev/shm")
        #expect(WorkbookScratch.choose(environment: nil, usable: { _ in false }) == nil)
        #expect(WorkbookScratch.choose(environment: "/var/tmp", usable: { _ in true }) == "/var/tmp")
        #expect(WorkbookScratch.choose(environment: "", usable: { _ in true }) == nil)
    }

    @Test func aFolderIsUsableOnlyIfItIsAWritableFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(WorkbookScratch.usable(dir.path))
        let file = dir.appendingPathComponent("f")
        try Data().write(to: file)
        #expect(!WorkbookScratch.usable(file.path))
        #expect(!WorkbookScratch.usable(dir.appendingPathComponent("absent").path))
    }

    @Test func hexIsTheDigestsUsualSpelling() {
        #expect(Hex.lowercase(SHA256.hash(data: Data("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.lowercase([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
