import Foundation
import ZIPFoundation

/// A plan document as the text `PlanDrafter` reads, whatever the office received (issue
/// 18): `.txt` as it is; `.docx` and `.odt` read directly — paragraphs in order, automatic
/// numbering rendered as the reader sees it ("1.", "a)", "-", "I."), tables row by row with
/// their cells kept apart by " | ", tracked deletions, headers and footers left out; `.pdf`
/// through `pdftotext -layout` (poppler-utils) and `.doc` through `antiword` or `catdoc` when
/// installed. The §11 limits of the spreadsheet readers apply to the zips.
public enum PlanDocumentReader {
    public enum Failure: Error, CustomStringConvertible {
        case notText
        case unreadable(String)
        case missingTool(String, String)
        case scanned
        public var description: String {
            switch self {
            case .notText: "văn bản phải là chữ UTF-8 (hoặc tệp .docx, .odt, .pdf có lớp chữ)"
            case .unreadable(let why): "không đọc được văn bản: \(why)"
            case .missingTool(let ext, let tool): "cần cài \(tool) để đọc tệp .\(ext); hoặc mở bằng Word, lưu dạng .docx rồi chạy lại"
            case .scanned: "tệp PDF không có lớp chữ (bản scan); đề nghị xin tệp Word của kế hoạch"
            }
        }
    }

    /// The document's text, one paragraph per line.
    public static func text(of url: URL) throws -> String {
        switch url.pathExtension.lowercased() {
        case "docx": return try DocxText.read(url)
        case "odt": return try ODTText.read(url)
        case "pdf": return try pdf(url)
        case "doc": return try word97(url)
        default:
            guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure.unreadable("không mở được tệp") }
            guard let text = String(data: data, encoding: .utf8) else { throw Failure.notText }
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
    }

    static func pdf(_ url: URL) throws -> String {
        guard let tool = which("pdftotext") else { throw Failure.missingTool("pdf", "pdftotext (gói poppler-utils)") }
        // -layout keeps a printed line's words in order (without it, list numbers and their
        // text come apart); PDFLines joins the wrapped lines again.
        let text: String
        do { text = try run(tool, ["-layout", "-enc", "UTF-8", url.path, "-"]) } catch {
            throw Failure.unreadable("tệp PDF bị hỏng hoặc có mật khẩu; đề nghị xin tệp Word của kế hoạch")
        }
        guard text.contains(where: { $0.isLetter }) else { throw Failure.scanned }
        return PDFLines.paragraphs(text.replacingOccurrences(of: "\u{0C}", with: "\n"))
    }

    static func word97(_ url: URL) throws -> String {
        if let tool = which("antiword") { return try run(tool, ["-m", "UTF-8.txt", url.path]) }
        if let tool = which("catdoc") { return try run(tool, ["-d", "utf-8", url.path]) }
        throw Failure.missingTool("doc", "antiword hoặc catdoc")
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else {
            throw Failure.unreadable("\(URL(fileURLWithPath: tool).lastPathComponent) thoát với mã \(p.terminationStatus)")
        }
        return text
    }

    /// A part of a zip package, streamed through the XML reader, within the §11 limits.
    static func events(_ archive: Archive, _ path: String, _ handle: (XMLStreamScanner.Event) throws -> Void) throws {
        try XLSXReader.stream(archive, path, max: XLSXReader.Limits().maxUncompressed, handle)
    }

    static func open(_ url: URL) throws -> Archive {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw XLSXReader.isEncrypted(url) ? Failure.unreadable("tệp có đặt mật khẩu") : Failure.unreadable("không phải tệp Word/ODF (không mở được dạng zip)")
        }
        try XLSXReader.checkLimits(archive, XLSXReader.Limits())
        return archive
    }
}

/// How a list level numbers its paragraphs: Word's `w:numFmt` or ODF's `style:num-format`.
enum ListNumberFormat {
    case decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet(String), none

    init(word: String, text: String) {
        switch word {
        case "decimal", "decimalZero": self = .decimal
        case "lowerLetter": self = .lowerLetter
        case "upperLetter": self = .upperLetter
        case "lowerRoman": self = .lowerRoman
        case "upperRoman": self = .upperRoman
        case "bullet": self = .bullet(Self.bulletText(text))
        case "none": self = .none
        default: self = .decimal
        }
    }

    /// A bullet as the drafter reads one: "+" stays "+", every other symbol (Word's Symbol-font
    /// dots, "•", "o", "▪") is "-".
    static func bulletText(_ s: String) -> String { s.contains("+") ? "+" : "-" }

    func render(_ n: Int) -> String {
        switch self {
        case .decimal: String(n)
        case .lowerLetter: Self.letter(n).lowercased()
        case .upperLetter: Self.letter(n)
        case .lowerRoman: Self.roman(n).lowercased()
        case .upperRoman: Self.roman(n)
        case .bullet(let b): b
        case .none: ""
        }
    }

    static func letter(_ n: Int) -> String {
        guard n >= 1 else { return "" }
        let scalars = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String(repeating: String(scalars[(n - 1) % 26]), count: (n - 1) / 26 + 1)
    }

    static func roman(_ n: Int) -> String {
        var n = max(n, 0), out = ""
        for (v, s) in [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                       (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
            while n >= v { out += s; n -= v }
        }
        return out
    }
}

/// A PDF's text comes a printed line at a time; the drafter reads a paragraph per line. A
/// line that fills the page's width and is followed by a line that starts no new list item
/// was wrapped by the layout: the two are joined.
enum PDFLines {
    static let pattern = #"^\s*([IVXLC]+\.|\d+(\.\d+)*\.?\s|[a-zđ]\)|[-+•–*]\s|Đợt\s|Giai đoạn\s)"#

    static func paragraphs(_ text: String) -> String {
        let marker = try! Regex(pattern)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        let widths = lines.map { $0.trimmingCharacters(in: .whitespaces).count }.sorted()
        // The body's width: the longest lines, leaving out the odd overlong one.
        let full = widths.isEmpty ? 0 : widths[max(0, widths.count - 1 - widths.count / 50)]
        var out: [String] = []
        var previousFull = false
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if previousFull, !trimmed.isEmpty, !out.isEmpty, trimmed.firstMatch(of: marker) == nil {
                out[out.count - 1] += " " + trimmed
            } else {
                out.append(trimmed)
            }
            previousFull = full > 40 && trimmed.count >= full * 8 / 10
        }
        return out.joined(separator: "\n")
    }
}
