/// The columns of an activity log (SPEC §4), with the header names each accepts.
public enum LogColumn: Int, CaseIterable, Sendable {
    /// `dongGoc`: on a row sent back from a unit's feedback workbook, the rejected row it
    /// corrects (`file:line`); when such a row is accepted, the original is corrected.
    case ngay, donVi, noiDung, hinhThuc, soNguoi, soLuong, moTa, dot, ma, dongGoc

    public var canonical: String {
        ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta", "dot", "ma", "dong_goc"][rawValue]
    }

    /// The Vietnamese header a template shows.
    public var vietnameseHeader: String {
        ["Ngày", "Đơn vị", "Nội dung", "Hình thức", "Số người", "Số lượng", "Mô tả", "Đợt", "Mã hoạt động", "Dòng gốc"][rawValue]
    }

    /// Columns of a unit's feedback workbook that say why a row was refused: read past
    /// without a warning when the workbook comes back.
    static let feedbackColumns: Set<String> = ["loi", "cach sua"]

    public var isRequired: Bool { rawValue <= LogColumn.hinhThuc.rawValue }

    /// Header names as match keys (case and diacritics folded, `_` read as a space).
    var aliases: [String] {
        switch self {
        case .ngay: ["ngay", "ngay thuc hien", "date"]
        case .donVi: ["don vi", "ma don vi", "unit"]
        case .noiDung: ["noi dung", "ma noi dung", "items", "item"]
        case .hinhThuc: ["hinh thuc", "form"]
        case .soNguoi: ["so nguoi", "so nguoi tham du", "participants"]
        case .soLuong: ["so luong", "quantity"]
        case .moTa: ["mo ta", "ten hoat dong", "description"]
        case .dot: ["dot", "phase"]
        case .ma: ["ma", "ma hoat dong", "id"]
        case .dongGoc: ["dong goc", "original row"]
        }
    }

    static func headerKey(_ s: String) -> String {
        TextFolding.matchKey(s.replacingAll("_", with: " "))
    }
}

/// Where each column sits in one file's rows: worked out once per file from its header.
public struct HeaderMap: Sendable {
    public private(set) var index: [Int?] = Array(repeating: nil, count: LogColumn.allCases.count)
    public private(set) var ignored: [String] = []
    public let width: Int

    public subscript(_ c: LogColumn) -> Int? { index[c.rawValue] }

    /// Worked out once: every row of the file asks.
    public let missingRequired: [LogColumn]

    public init(header: [String]) {
        var lookup: [String: LogColumn] = [:]
        for c in LogColumn.allCases {
            for a in c.aliases { lookup[a] = c }
        }
        var width = header.count
        while width > 0, header[width - 1].trimmingSpaces.isEmpty { width -= 1 }
        self.width = width
        for (i, name) in header.prefix(width).enumerated() {
            let key = LogColumn.headerKey(name)
            if let c = lookup[key], index[c.rawValue] == nil {
                index[c.rawValue] = i
            } else if !LogColumn.feedbackColumns.contains(key) {
                ignored.append(name.trimmingSpaces)
            }
        }
        missingRequired = LogColumn.allCases.filter { [index] c in c.isRequired && index[c.rawValue] == nil }
    }
}
