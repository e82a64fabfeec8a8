import Foundation
import Logging
import TuyenGiaoCore

/// swift-log's handler for tuyengiao: every log line goes to stderr (stdout carries only a
/// command's result, SPEC §9). Text for a person at a terminal; one JSON object per line for
/// log collectors (`--log-format json`): time, level, message, then the metadata fields.
public struct StderrLogHandler: LogHandler {
    public enum Format: Sendable { case text, json }

    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let format: Format

    public init(format: Format, level: Logger.Level) {
        self.format = format
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = metadataProvider?.get() { fields.merge(extra) { _, new in new } }
        if let own = event.metadata { fields.merge(own) { _, new in new } }
        let line = format == .json
            ? Self.json(level: event.level, message: "\(event.message)", fields: fields, time: Date())
            : Self.text(level: event.level, message: "\(event.message)", fields: fields)
        StandardError.write(line + "\n")
    }

    /// `lỗi: message (file=…, rows=…)` — fields sorted so the line reads the same every time.
    static func text(level: Logger.Level, message: String, fields: Logger.Metadata) -> String {
        let prefix: String = switch level {
        case .error, .critical: "lỗi: "
        case .warning: "cảnh báo: "
        default: ""
        }
        let tail = fields.isEmpty ? "" : " (" + fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + ")"
        return prefix + message + tail
    }

    static func json(level: Logger.Level, message: String, fields: Logger.Metadata, time: Date) -> String {
        var out = "{\"time\":" + quoted(timestamp(time)) + ",\"level\":" + quoted(level.rawValue)
            + ",\"message\":" + quoted(message)
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            out += "," + quoted(key) + ":" + jsonValue(value)
        }
        return out + "}"
    }

    private static func jsonValue(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let s):
            // Counts and durations are logged as strings by swift-log; keep numbers numeric.
            if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), s.first != ".", s.last != ".",
               s.filter({ $0 == "." }).count <= 1, !(s.count > 1 && s.hasPrefix("0") && !s.hasPrefix("0.")) {
                return s
            }
            return quoted(s)
        case .stringConvertible(let c): return jsonValue(.string(c.description))
        case .array(let a): return "[" + a.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let d):
            return "{" + d.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + jsonValue($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string, escaped the way every JSON this program writes is.
    static func quoted(_ s: String) -> String { JSONValue.string(s).render(indent: 0) }

    /// RFC 3339 in UTC with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var t = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(ms % 1000))
    }
}

/// Unbuffered writes to fd 2 (so a killed run's last line is not lost in a buffer).
public enum StandardError {
    public static func write(_ s: String) {
        var bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(2, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }
}
