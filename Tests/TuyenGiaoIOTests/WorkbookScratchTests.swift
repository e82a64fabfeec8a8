import Crypto
import Foundation
import Testing
import TuyenGiaoCore
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
        let tmp = try TempDir()
        #expect(WorkbookScratch.usable(tmp.url.path))
        let file = tmp.sub("f")
        try Data().write(to: file)
        #expect(!WorkbookScratch.usable(file.path))
        #expect(!WorkbookScratch.usable(tmp.sub("absent").path))
    }

    /// A scratch folder that is gone (or was never there) costs nothing: libxlsxwriter's
    /// tmpfileplus tries the folder it is given, then its own defaults. The run relies on that
    /// for an operator's mistyped TUYENGIAO_XLSX_TMPDIR; small and streamed workbooks alike
    /// read back whole.
    @Test func aScratchFolderThatIsGoneCostsNothing() throws {
        let tmp = try TempDir()
        var sheet = SheetModel(name: "Đơn vị")
        for k in 1...20 { sheet.append([.t("U\(k)"), .n(k)]) }
        let model = WorkbookModel(title: "x", author: "x", created: day("2020-01-01"), sheets: [sheet])
        for limit in [WorkbookRenderer.constantMemoryCells, 0] {
            let url = tmp.sub("w\(limit).xlsx")
            try WorkbookRenderer.write(model, to: url.path, tmpdir: tmp.sub("no-such-folder").path, constantMemoryCells: limit)
            let rows = try grid(XLSXReader(url: url), "Đơn vị")
            #expect(rows.count == 20)
            #expect(rows.last?.first??.text == "U20")
        }
    }

    @Test func hexIsTheDigestsUsualSpelling() {
        #expect(Hex.lowercase(SHA256.hash(data: Data("abc".utf8)))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.lowercase([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
        #expect(Hex.lowercase([UInt8]()) == "")
    }
}
