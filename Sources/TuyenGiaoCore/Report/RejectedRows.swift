/// Rejected rows counted for the month they belong to, so that a month's report speaks of
/// its own errors only (SPEC §7.2).
public struct RejectedRows: Sendable, Equatable {
    public var rows = 0
    public var units = 0
    public init(rows: Int = 0, units: Int = 0) { self.rows = rows; self.units = units }

    /// A row belongs to the month of its own date — the first field of the row as read (cut
    /// at `,`, `;` and tabs, which no date holds) that is a date — or, when no date can be read, to the month of the file's accepted rows
    /// (its earliest). Its unit is the file's (units seen in its accepted rows), or the file
    /// itself when none could be read.
    public static func byMonth(_ rejections: [Rejection], files: [FileTally], fileMonths: [[MonthKey]],
                               calendar: ReportingCalendar) -> [MonthKey: RejectedRows] {
        var fileIndex: [String: Int] = [:]
        for (i, f) in files.enumerated() where fileIndex[f.name] == nil { fileIndex[f.name] = i }
        var rows: [MonthKey: Int] = [:]
        var senders: [MonthKey: Set<String>] = [:]
        for r in rejections {
            let i = fileIndex[r.file]
            let own = r.raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == ";" || $0 == "\t" }).lazy
                .compactMap { LogDate.parse(String($0).trimmingSpaces) }.first
            guard let month = own.map(calendar.period(of:)) ?? i.flatMap({ fileMonths[$0].min() }) else { continue }
            rows[month, default: 0] += 1
            let units = i.map { files[$0].units.map { "u\($0)" } } ?? []
            senders[month, default: []].formUnion(units.isEmpty ? ["f" + r.file] : units)
        }
        return rows.mapValues { RejectedRows(rows: $0) }.reduce(into: [:]) { out, e in
            out[e.key] = RejectedRows(rows: e.value.rows, units: senders[e.key]?.count ?? 0)
        }
    }
}
