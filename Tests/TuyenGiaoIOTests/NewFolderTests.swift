import Foundation
import Testing
@testable import TuyenGiaoIO

/// A folder a batch creates whole: nothing of it in place before the commit, all of it after
/// (its files among what the commit says it wrote), none of it when abandoned; an existing
/// folder's files are staged one by one as before.
@Suite struct NewFolderTests {
    func files(_ count: Int, in folder: OutputBatch.NewFolder, named name: String = "DV") throws -> [OutputBatch.Prepared] {
        try (0..<count).map { k in
            try OutputBatch.prepare(for: folder.destination.appendingPathComponent("\(name)\(k).xlsx", isDirectory: false), in: folder) {
                try Data("đơn vị \(k)".utf8).write(to: $0)
            }
        }
    }

    @Test(arguments: [3, OutputBatch.filesFlushedOneByOne + 1])   // flushed one by one, or by the file system
    func aNewFolderAppearsWholeAtTheCommit(count: Int) throws {
        let tmp = try TempDir()
        let folder = tmp.sub("don-vi")
        let batch = OutputBatch()
        let created = try #require(try batch.newFolder(folder))
        try batch.stage("tổng hợp", to: tmp.sub("tong-hop.json"))
        try files(count, in: created).forEach(batch.adopt)
        #expect(!FileManager.default.fileExists(atPath: folder.path), "nothing in place before the commit")
        let written = try batch.commit()
        #expect(Set(written.map { URL(fileURLWithPath: $0).lastPathComponent }) == Set((0..<count).map { "DV\($0).xlsx" } + ["tong-hop.json"]))
        #expect(try String(contentsOf: folder.appendingPathComponent("DV2.xlsx"), encoding: .utf8) == "đơn vị 2")
        let left = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path)
        #expect(Set(left) == ["don-vi", "tong-hop.json"], "no temporary folder left: \(left)")
        // The folder exists now: the next batch stages its files one by one.
        #expect(try OutputBatch().newFolder(folder) == nil)
    }

    /// Two new folders in one batch: each moves with its own files, and the commit names every
    /// file at its place (flushed one by one, then by the file system).
    @Test(arguments: [2, OutputBatch.filesFlushedOneByOne])
    func twoNewFoldersEachWithItsOwnFiles(count: Int) throws {
        let tmp = try TempDir()
        let batch = OutputBatch()
        let first = try #require(try batch.newFolder(tmp.sub("don-vi")))
        let second = try #require(try batch.newFolder(tmp.sub("cap-tren")))
        try files(count, in: second, named: "CT").forEach(batch.adopt)
        try files(count, in: first).forEach(batch.adopt)
        let written = try batch.commit()
        let expected = (0..<count).flatMap { ["cap-tren/CT\($0).xlsx", "don-vi/DV\($0).xlsx"] }
        #expect(Set(written.map { URL(fileURLWithPath: $0).pathComponents.suffix(2).joined(separator: "/") }) == Set(expected))
        for name in expected { #expect(FileManager.default.fileExists(atPath: tmp.sub(name).path), "\(name)") }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path)) == ["don-vi", "cap-tren"])
    }

    @Test func anAbandonedNewFolderLeavesNothing() throws {
        let tmp = try TempDir()
        let batch = OutputBatch()
        let created = try #require(try batch.newFolder(tmp.sub("don-vi")))
        try files(2, in: created).forEach(batch.adopt)
        batch.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)
    }
}
