/// The fields of one row, however they were read (CSV record, XLSX row).
public protocol RowFields {
    var fieldCount: Int { get }
    func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R
}

extension CSVParser.Record: RowFields {
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(field(i)) }
}

/// Rows given as strings (XLSX cells, tests).
public struct StringRow: RowFields {
    public var fields: [String]
    public init(_ fields: [String]) { self.fields = fields }
    public var fieldCount: Int { fields.count }
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard i < fields.count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        var s = fields[i]
        return s.withUTF8(body)
    }
}

/// What became of a row.
public enum RowOutcome {
    case activity(Activity, id: String?)
    case rejected(RejectReason, String)
}

/// Turns one row into an `Activity` or a rejection with a Vietnamese message that says
/// what to fix (SPEC §4, §7.4). Lookups of unit, item, form, phase and date values are
/// cached per distinct text, so a value is resolved once however many rows repeat it.
public struct RowInterpreter {
    public let plan: Plan
    public let asOf: Day
    private let units: ValueMatcher
    private let items: ValueMatcher
    private let forms: ValueMatcher
    private let phases: ValueMatcher
    private let firstDay: Day
    private var unitCache: [String: Result<Int, Failure>] = [:]
    private var itemCache: [String: Result<[Int], Failure>] = [:]
    private var formCache: [String: Result<Int, Failure>] = [:]
    private var phaseCache: [String: Result<Int, Failure>] = [:]
    private var dateCache: [String: Day?] = [:]

    struct Failure: Error { let reason: RejectReason; let message: String }

    public init(plan: Plan, asOf: Day) {
        self.plan = plan
        self.asOf = asOf
        units = ValueMatcher(codes: plan.units.units.map(\.code), names: plan.units.units.map(\.name))
        items = ValueMatcher(codes: plan.items.map(\.code), names: plan.items.map(\.title))
        forms = ValueMatcher(codes: plan.forms.map(\.code), names: plan.forms.map(\.title))
        phases = ValueMatcher(codes: plan.phases.map(\.code), names: plan.phases.map(\.title))
        firstDay = plan.calendar.start(of: plan.firstPeriod)
    }

    public mutating func interpret(_ row: some RowFields, header: HeaderMap, file: Int) -> RowOutcome {
        // Column count: more fields than the header is a broken row unless the extra ones are empty.
        if row.fieldCount > header.width {
            for i in header.width..<row.fieldCount where row.withField(i, { !isBlank($0) }) {
                return .rejected(.malformedRow, "Dòng có \(row.fieldCount) cột, tiêu đề có \(header.width) cột; kiểm tra dấu phân cách và dấu ngoặc kép.")
            }
        } else if row.fieldCount < header.width {
            return .rejected(.malformedRow, "Dòng có \(row.fieldCount) cột, tiêu đề có \(header.width) cột; kiểm tra dấu phân cách và dấu ngoặc kép.")
        }
        for i in 0..<min(row.fieldCount, header.width) {
            if !row.withField(i, { isCleanText($0) }) {
                return .rejected(.malformedRow, "Dòng có ký tự không đọc được (không phải chữ UTF-8); lưu lại tệp dạng CSV UTF-8.")
            }
        }
        func text(_ c: LogColumn) -> String? {
            guard let i = header[c] else { return nil }
            let s = row.withField(i) { String(decoding: $0, as: UTF8.self) }.trimmingSpaces
            return s.isEmpty ? nil : s
        }
        // Date
        guard let dateText = text(.ngay) else { return .rejected(.missingField, "Thiếu ngày thực hiện (cột Ngày).") }
        let day: Day
        if let cached = dateCache[dateText] {
            guard let d = cached else { return badDate(dateText) }
            day = d
        } else {
            let parsed = LogDate.parse(dateText) ?? Self.excelSerialText(dateText)
            dateCache[dateText] = .some(parsed)
            guard let d = parsed else { return badDate(dateText) }
            day = d
        }
        if day > asOf {
            return .rejected(.futureDate, "Ngày \(day.vietnamese) sau ngày lập báo cáo \(asOf.vietnamese); kiểm tra lại ngày, tháng, năm.")
        }
        if day < firstDay {
            return .rejected(.beforePlan, "Ngày \(day.vietnamese) trước khi kế hoạch bắt đầu (\(firstDay.vietnamese)); kiểm tra lại năm.")
        }
        // Unit
        guard let unitText = text(.donVi) else { return .rejected(.missingField, "Thiếu đơn vị (cột Đơn vị).") }
        let unit: Int
        let unitResult = unitCache[unitText] ?? remember(&unitCache, unitText, resolveUnit(unitText))
        switch unitResult {
        case .success(let u): unit = u
        case .failure(let f): return .rejected(f.reason, f.message)
        }
        // Items, or a nil report
        guard let itemText = text(.noiDung) else {
            return .rejected(.missingField, "Thiếu nội dung tuyên truyền (cột Nội dung); nếu tháng này không có hoạt động, ghi \"Không có hoạt động\".")
        }
        let period = plan.calendar.period(of: day)
        if Self.isNilReport(itemText) {
            return .activity(Activity(day: day, period: period, unit: unit, items: [], form: -1, participants: 0,
                                      quantity: 0, pinnedPhase: nil, isNilReport: true, file: file), id: text(.ma))
        }
        let itemList: [Int]
        let itemResult = itemCache[itemText] ?? remember(&itemCache, itemText, resolveItems(itemText))
        switch itemResult {
        case .success(let list): itemList = list
        case .failure(let f): return .rejected(f.reason, f.message)
        }
        guard let formText = text(.hinhThuc) else { return .rejected(.missingField, "Thiếu hình thức tuyên truyền (cột Hình thức).") }
        let form: Int
        let formResult = formCache[formText] ?? remember(&formCache, formText,
            resolve(formText, with: forms, reason: .unknownForm, what: "Hình thức", example: plan.forms.first?.code))
        switch formResult {
        case .success(let f): form = f
        case .failure(let f): return .rejected(f.reason, f.message)
        }
        var pinned: Int?
        if let phaseText = text(.dot) {
            let phaseResult = phaseCache[phaseText] ?? remember(&phaseCache, phaseText,
                resolve(phaseText, with: phases, reason: .unknownPhase, what: "Đợt", example: plan.phases.first?.code))
            switch phaseResult {
            case .success(let p): pinned = p
            case .failure(let f): return .rejected(f.reason, f.message)
            }
        }
        var participants = 0, quantity = 1
        if let i = header[.soNguoi], row.withField(i, { !isBlank($0) }) {
            guard let v = row.withField(i, { VietnameseNumber.parse($0) }) else {
                return .rejected(.badNumber, "Số người \"\(text(.soNguoi) ?? "")\" không phải số nguyên không âm (ví dụ 1.200).")
            }
            participants = v
        }
        if let i = header[.soLuong], row.withField(i, { !isBlank($0) }) {
            guard let v = row.withField(i, { VietnameseNumber.parse($0) }) else {
                return .rejected(.badNumber, "Số lượng \"\(text(.soLuong) ?? "")\" không phải số nguyên không âm.")
            }
            quantity = v
        }
        return .activity(Activity(day: day, period: period, unit: unit, items: itemList, form: form,
                                  participants: participants, quantity: quantity, pinnedPhase: pinned,
                                  isNilReport: false, file: file), id: text(.ma))
    }

    // MARK: - Values

    public static func isNilReport(_ s: String) -> Bool {
        let t = s.trimmingSpaces
        return t == "-" || TextFolding.matchKey(t) == "khong co hoat dong"
    }

    /// Text cells holding an Excel serial (a date column formatted as a number).
    static func excelSerialText(_ s: String) -> Day? {
        guard s.allSatisfy({ $0.isNumber || $0 == "." }), let v = Double(s), v >= 20000, v < 80000 else { return nil }
        return LogDate.fromExcelSerial(v)
    }

    /// Stores a freshly resolved value (called on a cache miss only).
    private func remember<T>(_ cache: inout [String: Result<T, Failure>], _ key: String,
                             _ value: Result<T, Failure>) -> Result<T, Failure> {
        cache[key] = value
        return value
    }

    private func badDate(_ s: String) -> RowOutcome {
        .rejected(.badDate, "Ngày \"\(s)\" không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2020.")
    }

    private func resolveUnit(_ s: String) -> Result<Int, Failure> {
        resolve(s, with: units, reason: .unknownUnit, what: "Đơn vị", example: plan.units.units.first?.code)
    }

    private func resolve(_ s: String, with matcher: ValueMatcher, reason: RejectReason, what: String,
                         example: String?) -> Result<Int, Failure> {
        switch matcher.resolve(TextFolding.nfc(s)) {
        case .found(let i): return .success(i)
        case .ambiguous(let codes):
            return .failure(Failure(reason: .ambiguousValue,
                                    message: "\(what) \"\(s)\" khớp với nhiều mục: \(codes.joined(separator: ", ")); hãy ghi mã."))
        case .unknown:
            let hint = example.map { " (ví dụ \($0))" } ?? ""
            return .failure(Failure(reason: reason,
                                    message: "\(what) \"\(s)\" không có trong kế hoạch; ghi mã\(hint) hoặc đúng tên như trong kế hoạch."))
        }
    }

    /// Splits an item list at `;`. A title may itself contain `;`, so the longest run of
    /// pieces that forms a whole title (or `code - title`) is taken first; a single piece
    /// is then matched the usual way.
    private func resolveItems(_ s: String) -> Result<[Int], Failure> {
        let pieces = s.split(separator: ";", omittingEmptySubsequences: false).map { String($0) }
        var out: [Int] = []
        var i = 0
        while i < pieces.count {
            var matched = false
            var j = pieces.count
            while j > i + 1 {
                if case .found(let idx) = items.resolveWholeTitle(TextFolding.nfc(pieces[i..<j].joined(separator: ";"))) {
                    if !out.contains(idx) { out.append(idx) }
                    matched = true
                    break
                }
                j -= 1
            }
            if matched { i = j; continue }
            let p = pieces[i].trimmingSpaces
            i += 1
            if p.isEmpty { continue }
            switch items.resolve(TextFolding.nfc(p)) {
            case .found(let idx): if !out.contains(idx) { out.append(idx) }
            case .ambiguous(let codes):
                return .failure(Failure(reason: .ambiguousValue,
                                        message: "Nội dung \"\(p)\" khớp với nhiều mục: \(codes.joined(separator: ", ")); hãy ghi mã."))
            case .unknown:
                return .failure(Failure(reason: .unknownItem,
                                        message: "Nội dung \"\(p)\" không có trong kế hoạch; ghi mã nội dung (ví dụ \(plan.items.first?.code ?? "ND01")), nhiều nội dung cách nhau bằng dấu ;"))
            }
        }
        if out.isEmpty {
            return .failure(Failure(reason: .missingField, message: "Thiếu nội dung tuyên truyền (cột Nội dung)."))
        }
        out.sort()
        return .success(out)
    }

    private func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Valid UTF-8 with no control characters other than tab and line breaks.
    private func isCleanText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for x in b {
            if x < 0x20 && x != 0x09 && x != 0x0A && x != 0x0D { return false }
            if x >= 0x80 { ascii = false }
        }
        if ascii { return true }
        return String(validating: b, as: UTF8.self) != nil
    }
}
