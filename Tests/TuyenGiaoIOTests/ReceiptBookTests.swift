import Foundation
import Testing
@testable import TuyenGiaoCore
@testable import TuyenGiaoIO

/// The register as the run reads and writes it: lines sharing the run's strings, and a file
/// written piece by piece.
@Suite struct ReceiptBookTests {
    let sha = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    func tallies(_ names: [String]) -> [FileTally] {
        names.map { name in
            var t = FileTally(name: name)
            t.sha256 = String(repeating: name.last.map(String.init) ?? "0", count: 64)
            return t
        }
    }

    /// A line finds the tally of its own version in the finder's order, and nothing else.
    @Test func aLineFindsItsVersionsTallyByHalving() {
        let files = tallies(["logs/1", "logs/2", "logs/3", "logs/4", "logs/5"])
        for f in files {
            #expect(ReceiptBook.held(f.name, f.sha256!, in: files)?.0 == f.name)
        }
        #expect(ReceiptBook.held("logs/3", String(repeating: "4", count: 64), in: files) == nil, "another version")
        #expect(ReceiptBook.held("logs/0", String(repeating: "0", count: 64), in: files) == nil)
        #expect(ReceiptBook.held("logs/6", String(repeating: "6", count: 64), in: files) == nil)
        #expect(ReceiptBook.held("logs/1", String(repeating: "1", count: 64), in: []) == nil)
    }

    /// Lines read with shared strings are the same lines.
    @Test func sharedStringsReadTheSameRegister() throws {
        let files = tallies(["logs/a", "logs/b"])
        var register = ReceiptRegister()
        for f in files + tallies(["logs/c"]) {
            register.record(.init(file: f.name, sha256: f.sha256!, received: day("2020-02-10"), source: .run, units: ["A1"]))
        }
        let text = register.render()
        let (alone, _) = try ReceiptRegister.parse(text)
        let (shared, _) = try ReceiptRegister.parse(text) { ReceiptBook.held($0, $1, in: files) }
        #expect(alone == shared && shared.entries.count == 3)
    }

    /// A register is read from its bytes when they are UTF-8, and decoded from Windows-1258
    /// (Excel's "CSV" on a Vietnamese Windows) when they are not: the same lines either way.
    @Test func aRegisterInEitherEncodingReadsTheSame() throws {
        let tmp = try TempDir()
        let input = tmp.sub("Input")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let utf8 = Data("file,sha256,received\nlogs/Đa.csv,\(sha),10/02/2020\n".utf8)
        let windows1258 = Data("file,sha256,received\nlogs/".utf8) + Data([0xD0]) + Data("a.csv,\(sha),10/02/2020\n".utf8)
        #expect(ReceiptBook.isUTF8(utf8) && !ReceiptBook.isUTF8(windows1258))
        for bytes in [utf8, windows1258] {
            try bytes.write(to: ReceiptBook.url(input: input))
            let book = try ReceiptBook.load(input: input, output: tmp.sub("Output"), logsExist: true)
            #expect(book.register.entries.map(\.file) == ["logs/Đa.csv"])
            #expect(book.register.entry(file: "logs/Đa.csv", sha256: sha)?.received == day("2020-02-10"))
        }
    }

    /// Only spaces, line ends and a byte-order mark make a register empty.
    @Test func aBlankRegisterIsOnlySpacesLineEndsAndAMark() {
        #expect(ReceiptBook.isBlank(Data()) && ReceiptBook.isBlank(Data([0xEF, 0xBB, 0xBF, 0x0D, 0x0A, 0x20, 0x09, 0x0A])))
        #expect(!ReceiptBook.isBlank(Data("\u{FEFF}\nfile".utf8)) && !ReceiptBook.isBlank(Data("x".utf8)))
    }

    /// Written piece by piece through its buffer, past a buffer's worth, byte for byte.
    @Test func aStreamedFileHoldsEveryPieceInOrder() throws {
        let tmp = try TempDir()
        let pieces = (0..<30_000).map { "dòng \($0),\(String(repeating: "x", count: $0 % 97))\n" }
        try AtomicFile.writeStreamed(to: tmp.sub("a.csv")) { emit in pieces.forEach(emit) }
        let back = try String(contentsOf: tmp.sub("a.csv"), encoding: .utf8)
        #expect(back.utf8.count > 1 << 20)
        #expect(back == pieces.joined())
    }

    @Test func aStreamedFileThatCannotBeWrittenSaysSo() throws {
        let tmp = try TempDir()
        #expect(throws: (any Error).self) {
            try AtomicFile.writeStreamed(to: tmp.sub("missing/a.csv")) { $0("x") }
        }
    }
}
