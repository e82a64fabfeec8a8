import Foundation
import ZIPFoundation
import Testing
import TuyenGiaoCore
@testable import TuyenGiaoIO

enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let small = folder.appendingPathComponent("small")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// A fresh temporary folder, removed when the value is dropped.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tuyengiao-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func sub(_ name: String) -> URL { url.appendingPathComponent(name) }
}

func day(_ s: String) -> Day { Day.parseISO(s)! }

/// The sheet as a grid of display texts (numbers as written by `Value.text`).
func grid(_ reader: XLSXReader, _ sheet: String) throws -> [[XLSXReader.Value?]] {
    try reader.rows(ofSheet: sheet)
}

func row(_ g: [[XLSXReader.Value?]], labelled label: String, column: Int = 0) -> [XLSXReader.Value?]? {
    g.first { $0.count > column && $0[column]?.text == label }
}

func number(_ v: XLSXReader.Value?) -> Double? { if case .number(let d) = v { d } else { nil } }

/// One part of a zip package (.docx, .xlsx) as text, read with ZIPFoundation.
func zipPart(_ url: URL, _ path: String) throws -> String {
    let archive = try Archive(url: url, accessMode: .read)
    let entry = try #require(archive[path], "\(path) missing in \(url.lastPathComponent)")
    var data = Data()
    _ = try archive.extract(entry) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
}
