import CFreeXL
#if canImport(Glibc)
import Glibc
#endif

// Reads one old Excel (.xls) file through FreeXL for tuyengiao, in a process of its own:
// FreeXL is C, and a crafted file can make it crash (a bad free inside freexl_open, found by
// scripts/fuzz.sh) or allocate rows × columns cells at once. Here that costs this process
// only; tuyengiao refuses the file by name. Memory and CPU time are capped before FreeXL runs.
//
//   tuyengiao-xls FILE            sheet names, one per line: "N\t<name>"
//   tuyengiao-xls FILE INDEX      that sheet's non-empty rows: "R\t<row>" then "\t<cell>" per
//                                 column: empty, "n<number>" or "t<text>" (\t \n \r \\ escaped)
// Exit 0; 3 with "E\t<FreeXL code>" for a damaged file; 4 for a password.

var memory = rlimit(rlim_cur: 512 << 20, rlim_max: 512 << 20)
setrlimit(Int32(RLIMIT_AS.rawValue), &memory)
var cpu = rlimit(rlim_cur: 30, rlim_max: 30)
setrlimit(Int32(RLIMIT_CPU.rawValue), &cpu)

let arguments = CommandLine.arguments
guard arguments.count >= 2 else { print("usage: tuyengiao-xls FILE [SHEET]"); exit(64) }


func fail(_ code: Int32) -> Never { print("E\t\(code)"); fflush(nil); exit(3) }

var handle: UnsafeRawPointer?
let opened = freexl_open(arguments[1], &handle)
guard opened == FREEXL_OK, let h = handle else { fail(opened) }
var password: UInt32 = 0
if freexl_get_info(h, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK, password == UInt32(FREEXL_BIFF_OBFUSCATED) {
    exit(4)
}
var count: UInt32 = 0
guard freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count) == FREEXL_OK else { fail(-1) }

func escaped(_ s: String) -> String {
    var out = ""
    for ch in s.unicodeScalars {
        switch ch {
        case "\\": out += "\\\\"
        case "\t": out += "\\t"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

func text(_ p: UnsafePointer<CChar>?) -> String {
    guard let p else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: p, count: strlen(p)), as: UTF8.self)
}

guard arguments.count >= 3, let sheet = UInt16(arguments[2]) else {
    for i in 0..<min(count, UInt32(UInt16.max)) {
        var name: UnsafePointer<CChar>?
        let named = freexl_get_worksheet_name(h, UInt16(i), &name) == FREEXL_OK
        print("N\t" + escaped(named ? text(name) : "Sheet\(i + 1)"))
    }
    fflush(nil)
    exit(0)
}
let selected = freexl_select_active_worksheet(h, sheet)
guard selected == FREEXL_OK else { fail(selected) }
var rows: UInt32 = 0
var columns: UInt16 = 0
let sized = freexl_worksheet_dimensions(h, &rows, &columns)
guard sized == FREEXL_OK else { fail(sized) }
for r in 0..<min(rows, 1_048_576) {
    var line = ""
    var any = false
    for c in 0..<min(columns, 1024) {
        var v = FreeXL_CellValue()
        let read = freexl_get_cell_value(h, r, c, &v)
        guard read == FREEXL_OK else { fail(read) }
        var cell = ""
        switch Int32(v.type) {
        case FREEXL_CELL_INT: cell = "n\(v.value.int_value)"
        case FREEXL_CELL_DOUBLE: cell = "n\(v.value.double_value)"
        case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_TIME, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME:
            let t = text(v.value.text_value)
            if !t.isEmpty { cell = (Int32(v.type) == FREEXL_CELL_DATE || Int32(v.type) == FREEXL_CELL_DATETIME ? "d" : "t") + escaped(t) }
        default: break
        }
        if !cell.isEmpty { any = true }
        line += "\t" + cell
    }
    if any { print("R\t\(r)" + line) }
}
fflush(nil)
freexl_close(h)
exit(0)
