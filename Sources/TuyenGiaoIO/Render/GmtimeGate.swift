import Foundation

/// gmtime() returns one static buffer for the whole process, and two of the C libraries the
/// writers use call it: libxlsxwriter for a workbook's creation date, ZIPFoundation (under the
/// Word writer) for its entries' fixed date. Two conversions of different times at once on two
/// threads can swap their results — seen as a rerun rewriting a workbook in the parallel tests,
/// and once as a month's workbook taking the date of the report written beside it. Callers of
/// the same time put the same bytes there and go in together (a run's thousands of unit
/// workbooks); a caller of another time waits until the room is empty.
final class GmtimeGate: @unchecked Sendable {
    static let shared = GmtimeGate()

    private let condition = NSCondition()
    private var time = 0
    private var callers = 0

    /// `seconds`: the time (since 1970) the caller's library will convert.
    func enter(_ seconds: Int) {
        condition.lock()
        while callers > 0 && time != seconds { condition.wait() }
        time = seconds
        callers += 1
        condition.unlock()
    }

    func leave() {
        condition.lock()
        callers -= 1
        if callers == 0 { condition.broadcast() }
        condition.unlock()
    }
}
