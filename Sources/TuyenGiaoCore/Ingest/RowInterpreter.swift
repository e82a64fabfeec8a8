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
/// what to fix (SPEC §4, §7.4). Unit, item, form, phase and date values are resolved once
/// per distinct field as it stands in the file (bytes, untrimmed) and then found in a
/// byte-keyed cache, so the rows that repeat a value cost no `String` and no folding.
/// Copies share the caches: use one interpreter (and its copies) on one thread.
public struct RowInterpreter {
    public let plan: Plan
    public let asOf: Day
    /// The plain path (`TUYENGIAO_REFERENCE=1`): every field resolved from its text, no
    /// cache, no packed tags, no piecewise item lists, every field checked on its own.
    public let reference: Bool
    private let units: ValueMatcher
    private let items: ValueMatcher
    private let forms: ValueMatcher
    private let phases: ValueMatcher
    private let firstDay: Day
    private var unitCache = ByteKeyCache<Resolved<Int>>()
    private var itemCache = ByteKeyCache<Resolved<ItemList>>()
    private var listsOfCodes: ItemCodeLists
    private var formCache = ByteKeyCache<Resolved<Int>>()
    private var phaseCache = ByteKeyCache<Resolved<Int>>()
    private var dateCache = ByteKeyCache<Resolved<DayAndPeriod>>()

    struct Failure: Error { let reason: RejectReason; let message: String }

    /// What a field resolved to: blank, a value, or why not.
    enum Resolved<T> {
        case blank
        case value(T)
        case failure(Failure)
    }

    enum ItemList {
        case items(ItemSet)
        case nilReport

        /// Packed as a tag: the items' bits, when all of them are among the plan's first 63
        /// (bit 63 clear, so that no set of items packs to a tag a date could be). Else 0.
        var tag: UInt64 {
            guard case .items(let set) = self, let bits = set.bits, bits != 0, bits >> 63 == 0 else { return 0 }
            return bits
        }
    }

    struct DayAndPeriod {
        let day: Day
        let period: MonthKey

        init(day: Day, period: MonthKey) { self.day = day; self.period = period }

        /// Packed as a tag: bit 63, the day's ordinal above bit 20, the period's index below
        /// (0 when they do not fit).
        var tag: UInt64 {
            guard day.ordinal >= 0, day.ordinal < 1 << 42, period.index >= 0, period.index < 1 << 20 else { return 0 }
            return 1 << 63 | UInt64(day.ordinal) << 20 | UInt64(period.index)
        }

        init(tag: UInt64) {
            day = Day(ordinal: Int(tag >> 20 & (1 << 42 - 1)))
            period = MonthKey(index: Int(tag & (1 << 20 - 1)))
        }
    }

    public init(plan: Plan, asOf: Day, reference: Bool = false) {
        self.plan = plan
        self.asOf = asOf
        self.reference = reference
        units = ValueMatcher(codes: plan.units.units.map(\.code), names: plan.units.units.map(\.name))
        items = ValueMatcher(codes: plan.items.map(\.code), names: plan.items.map(\.title))
        forms = ValueMatcher(codes: plan.forms.map(\.code), names: plan.forms.map(\.title))
        phases = ValueMatcher(codes: plan.phases.map(\.code), names: plan.phases.map(\.title))
        listsOfCodes = ItemCodeLists(items: items)
        firstDay = plan.calendar.start(of: plan.firstPeriod)
    }

    /// The same plan and matchers with empty caches of its own, for another thread (the
    /// matchers are immutable values and cost more to build than to copy).
    public func withOwnCaches() -> RowInterpreter {
        var copy = self
        copy.unitCache = ByteKeyCache()
        copy.itemCache = ByteKeyCache()
        copy.listsOfCodes = ItemCodeLists(items: items)
        copy.formCache = ByteKeyCache()
        copy.phaseCache = ByteKeyCache()
        copy.dateCache = ByteKeyCache()
        return copy
    }

    public mutating func interpret(_ row: some RowFields, header: HeaderMap, file: Int) -> RowOutcome {
        interpret(row, header: header, file: file, clean: false)
    }

    /// `clean`: the core's reader has already checked the row's bytes (`CleanText`) as part
    /// of a whole read buffer. Not public: only the reader that made the check may say so.
    mutating func interpret(_ row: some RowFields, header: HeaderMap, file: Int, clean: Bool) -> RowOutcome {
        // Column count: more fields than the header is a broken row unless the extra ones are empty.
        if row.fieldCount > header.width {
            for i in header.width..<row.fieldCount where row.withField(i, { !Self.isBlank($0) }) {
                return .rejected(.malformedRow, RejectionMessages.columnCount(row: row.fieldCount, header: header.width))
            }
        } else if row.fieldCount < header.width {
            return .rejected(.malformedRow, RejectionMessages.columnCount(row: row.fieldCount, header: header.width))
        }
        if !clean || reference {
            for i in 0..<min(row.fieldCount, header.width) where !row.withField(i, { CleanText.check($0, reference: reference) }) {
                let text = row.withField(i) { String(validating: $0, as: UTF8.self) }
                return .rejected(.malformedRow, text.map(RejectionMessages.controlCharacter) ?? RejectionMessages.notText)
            }
        }
        func text(_ c: LogColumn) -> String? {
            guard let i = header[c] else { return nil }
            let s = row.withField(i) { String(decoding: $0, as: UTF8.self) }.trimmingSpaces
            return s.isEmpty ? nil : s
        }
        // Date
        let dated: DayAndPeriod
        let dateHit = reference ? nil : Self.hit(dateCache, row, header[.ngay], DayAndPeriod.init(tag:))
        switch dateHit ?? Self.fill(reference ? nil : dateCache, row, header[.ngay], \.tag, { resolveDate($0) }) {
        case .blank: return .rejected(.missingField, RejectionMessages.missingDate)
        case .failure(let f): return .rejected(f.reason, f.message)
        case .value(let v): dated = v
        }
        let day = dated.day
        if day > asOf {
            return .rejected(.futureDate, RejectionMessages.futureDate(day, asOf: asOf))
        }
        if day < firstDay {
            return .rejected(.beforePlan, RejectionMessages.beforePlan(day, planStart: firstDay))
        }
        // Unit
        let unit: Int
        let unitHit = reference ? nil : Self.hit(unitCache, row, header[.donVi], Self.index(tag:))
        switch unitHit ?? Self.fill(reference ? nil : unitCache, row, header[.donVi], Self.tag(index:), { resolveUnit($0) }) {
        case .blank: return .rejected(.missingField, RejectionMessages.missingUnit)
        case .failure(let f): return .rejected(f.reason, f.message)
        case .value(let u): unit = u
        }
        // Items, or a nil report
        let itemList: ItemSet
        let itemHit = reference ? nil : Self.hit(itemCache, row, header[.noiDung], { ItemList.items(ItemSet(bits: $0)) })
        switch itemHit ?? fillItems(row, header[.noiDung]) {
        case .blank:
            return .rejected(.missingField, RejectionMessages.missingItems)
        case .failure(let f): return .rejected(f.reason, f.message)
        case .value(.nilReport):
            return .activity(Activity(day: day, period: dated.period, unit: unit, items: ItemSet(), form: -1, participants: 0,
                                      quantity: 0, pinnedPhase: nil, isNilReport: true, file: file), id: text(.ma))
        case .value(.items(let list)): itemList = list
        }
        let form: Int
        let formHit = reference ? nil : Self.hit(formCache, row, header[.hinhThuc], Self.index(tag:))
        switch formHit ?? Self.fill(reference ? nil : formCache, row, header[.hinhThuc], Self.tag(index:), { resolveForm($0) }) {
        case .blank: return .rejected(.missingField, RejectionMessages.missingForm)
        case .failure(let f): return .rejected(f.reason, f.message)
        case .value(let f): form = f
        }
        var pinned: Int?
        let phaseHit = reference ? nil : Self.hit(phaseCache, row, header[.dot], Self.index(tag:))
        switch phaseHit ?? Self.fill(reference ? nil : phaseCache, row, header[.dot], Self.tag(index:), { resolvePhase($0) }) {
        case .blank: break
        case .failure(let f): return .rejected(f.reason, f.message)
        case .value(let p): pinned = p
        }
        var participants = 0, quantity = 1
        if let i = header[.soNguoi] {
            switch row.withField(i, { Self.number($0) }) {
            case .blank: break
            case .value(let v): participants = v
            case .invalid:
                return .rejected(.badNumber, RejectionMessages.badParticipants(text(.soNguoi) ?? ""))
            }
        }
        if let i = header[.soLuong] {
            switch row.withField(i, { Self.number($0) }) {
            case .blank: break
            case .value(let v): quantity = v
            case .invalid:
                return .rejected(.badNumber, RejectionMessages.badQuantity(text(.soLuong) ?? ""))
            }
        }
        let id = header[.ma] == nil ? nil : text(.ma)
        return .activity(Activity(day: day, period: dated.period, unit: unit, items: itemList, form: form,
                                  participants: participants, quantity: quantity, pinnedPhase: pinned,
                                  isNilReport: false, file: file), id: id)
    }

    /// The cached resolution of one field (a column the file lacks is blank), or nil when
    /// these bytes were not seen yet. A value kept packed in its slot's tag (nearly every
    /// one: see `fill`) is unpacked by `unpack` without a look at the cache's values.
    /// Static, so that a hit touches nothing but the cache.
    @inline(__always)
    private static func hit<T>(_ cache: ByteKeyCache<Resolved<T>>, _ row: some RowFields, _ column: Int?,
                               _ unpack: (UInt64) -> T) -> Resolved<T>? {
        guard let column else { return .blank }
        guard let found = row.withField(column, { cache.find($0) }) else { return nil }
        return found.tag != 0 ? .value(unpack(found.tag)) : cache.value(at: found.entry)
    }

    /// On a miss: the field is trimmed, decoded and resolved, and the answer kept under its
    /// bytes as they stand, a value also packed by `pack` (0: it does not pack).
    private static func fill<T>(_ cache: ByteKeyCache<Resolved<T>>?, _ row: some RowFields, _ column: Int?,
                                _ pack: (T) -> UInt64, _ resolve: (String) -> Result<T, Failure>) -> Resolved<T> {
        guard let column else { return .blank }
        return row.withField(column) { bytes in
            let s = String(decoding: bytes, as: UTF8.self).trimmingSpaces
            let resolved: Resolved<T>
            var tag: UInt64 = 0
            if s.isEmpty {
                resolved = .blank
            } else {
                switch resolve(s) {
                case .success(let v): resolved = .value(v); tag = pack(v)
                case .failure(let f): resolved = .failure(f)
                }
            }
            return cache?.insert(bytes, resolved, tag: tag) ?? resolved
        }
    }

    /// Plan indices packed as tags: index + 1.
    @inline(__always) private static func tag(index: Int) -> UInt64 { index >= 0 ? UInt64(index) + 1 : 0 }
    @inline(__always) private static func index(tag: UInt64) -> Int { Int(tag - 1) }

    /// On a miss in the item lists: a list of codes is read piece by piece (a plan has a few
    /// dozen codes, its lists come in tens of thousands of combinations), anything else is
    /// resolved whole.
    private func fillItems(_ row: some RowFields, _ column: Int?) -> Resolved<ItemList> {
        if reference { return Self.fill(nil, row, column, \.tag, { resolveItems($0) }) }
        if let column, let set = row.withField(column, { listsOfCodes.read($0) }) {
            return row.withField(column) { itemCache.insert($0, .value(.items(set)), tag: ItemList.items(set).tag) }
        }
        return Self.fill(itemCache, row, column, \.tag, { resolveItems($0) })
    }

    private func resolveForm(_ s: String) -> Result<Int, Failure> {
        Self.resolve(s, with: forms, reason: .unknownForm, what: "Hình thức", example: plan.forms.first?.code)
    }

    private func resolvePhase(_ s: String) -> Result<Int, Failure> {
        Self.resolve(s, with: phases, reason: .unknownPhase, what: "Đợt", example: plan.phases.first?.code)
    }

    private func resolveDate(_ s: String) -> Result<DayAndPeriod, Failure> {
        guard let day = LogDate.parse(s) ?? Self.excelSerialText(s) else {
            return .failure(Failure(reason: .badDate, message: RejectionMessages.badDate(s)))
        }
        return .success(DayAndPeriod(day: day, period: plan.calendar.period(of: day)))
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

    private func resolveUnit(_ s: String) -> Result<Int, Failure> {
        Self.resolve(s, with: units, reason: .unknownUnit, what: "Đơn vị", example: plan.units.units.first?.code)
    }

    private static func resolve(_ s: String, with matcher: ValueMatcher, reason: RejectReason, what: String,
                                example: String?) -> Result<Int, Failure> {
        switch matcher.resolve(TextFolding.nfc(s)) {
        case .found(let i): return .success(i)
        case .ambiguous(let codes):
            return .failure(Failure(reason: .ambiguousValue,
                                    message: RejectionMessages.ambiguous(what, s, candidates: codes)))
        case .unknown:
            let hint = example.map { " (ví dụ \($0))" } ?? ""
            return .failure(Failure(reason: reason,
                                    message: RejectionMessages.unknown(what, s, hint: hint)))
        }
    }

    /// Splits an item list at `;`. A title may itself contain `;`, so the longest run of
    /// pieces that forms a whole title (or `code - title`) is taken first; a single piece
    /// is then matched the usual way.
    func resolveItems(_ s: String) -> Result<ItemList, Failure> {
        if Self.isNilReport(s) { return .success(.nilReport) }
        let pieces = s.split(separator: ";", omittingEmptySubsequences: false).map { String($0) }
        // Codes hold no ';', so a list of codes is read as it stands; only a list with a
        // title in it needs the search for titles that contain ';'.
        let codes = pieces.compactMap { items.byCodeOnly($0) }
        if codes.count == pieces.count {
            return .success(.items(ItemSet(codes)))
        }
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
                                        message: RejectionMessages.ambiguous("Nội dung", p, candidates: codes)))
            case .unknown:
                return .failure(Failure(reason: .unknownItem,
                                        message: RejectionMessages.unknownItem(p, example: plan.items.first?.code ?? "ND01")))
            }
        }
        if out.isEmpty {
            return .failure(Failure(reason: .missingField, message: RejectionMessages.missingItemInList))
        }
        return .success(.items(ItemSet(out)))
    }

    private static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    enum NumberCell { case blank, value(Int), invalid }

    /// A number cell: blank (spaces and tabs only), a whole number, or not one. Parsed
    /// first: nearly every cell is a number, so blankness is asked only of the rest.
    @inline(__always)
    private static func number(_ b: UnsafeBufferPointer<UInt8>) -> NumberCell {
        if let v = VietnameseNumber.parse(b) { return .value(v) }
        return isBlank(b) ? .blank : .invalid
    }
}

/// Item lists made of codes only (`ND01;ND04`, any case, spaces around pieces), read piece
/// by piece: lists are mostly codes in any order and combination, tens of thousands of
/// distinct lists where a plan has a few dozen codes, and each list met for the first time
/// cost 16,000 instructions resolved whole as text. (Reading every row's list this way
/// instead of finding it whole in the cache was slower on 10M rows: the number of pieces
/// varies from row to row, and branches mispredict.)
final class ItemCodeLists {
    private let items: ValueMatcher
    /// One piece (between `;`, as it stands) → the index of the item whose code it is, or -1.
    private let pieces = ByteKeyCache<Int>()

    init(items: ValueMatcher) { self.items = items }

    /// The items of a list of codes; nil for anything else (a title, an empty piece, a nil
    /// report, a bad value), which is then resolved whole. The same answer as
    /// `RowInterpreter.resolveItems` gives such a list, which reads a list of codes as it stands.
    @inline(__always)
    func read(_ field: UnsafeBufferPointer<UInt8>) -> ItemSet? {
        guard let p = field.baseAddress, !field.isEmpty else { return nil }
        let n = field.count
        var set = ItemSet()
        var start = 0
        var i = 0
        while i <= n {
            if i == n || p[i] == 0x3B {
                let piece = UnsafeBufferPointer(start: p + start, count: i - start)
                let item = pieces.value(for: piece) ?? pieces.insert(piece, codeIndex(piece))
                guard item >= 0 else { return nil }
                set.insert(item)
                start = i + 1
            }
            i += 1
        }
        return set
    }

    /// The item whose code a piece is, or -1. `-` is left to the whole-list path even if a
    /// plan had it as a code: alone it is a nil report.
    private func codeIndex(_ piece: UnsafeBufferPointer<UInt8>) -> Int {
        let s = String(decoding: piece, as: UTF8.self).trimmingSpaces
        return s == "-" ? -1 : items.byCodeOnly(s) ?? -1
    }
}
