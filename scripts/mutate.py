#!/usr/bin/env python3
"""Mutation testing of the monthly rules (SPEC §5–§6) and the fast paths (`make mutate`).

Each mutation in TABLE is one small change to one line — a comparison flipped, a term
dropped, a boundary moved by one. For each, the script applies it to a scratch copy of the
repository (never to the working tree), builds the tests and runs them. A mutation is
*killed* when a test fails, *survived* when every test still passes, and *invalid* when the
mutant does not build (the table must then be mended). Every mutation in the table must be
killed; add a row for every rule you add.

    python3 scripts/mutate.py                # the whole table
    python3 scripts/mutate.py timeliness     # the rows whose name holds a word
    python3 scripts/mutate.py --check-table  # only that every row's text is still there
    MUTATE_SCRATCH=/tmp/m python3 scripts/mutate.py   # where the scratch copy lives

Not part of `make test`: each mutant costs an incremental build (about a minute here).
"""
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The copy lives in SCRATCH/main with SCRATCH/shared beside it, as the repository sits beside
# ../shared (the plan-draft tests read ../shared/plans).
SCRATCH_ROOT = os.environ.get("MUTATE_SCRATCH", "/tmp/tuyengiao-mutate")
SCRATCH = os.path.join(SCRATCH_ROOT, "main")

R = "Sources/TuyenGiaoCore/Rules/"
A = "Sources/TuyenGiaoCore/Aggregate/"
C = "Sources/TuyenGiaoCore/Calendar/"
K = "Sources/TuyenGiaoCore/Consolidation/"
X = "Sources/XLSXWriter/Small/"

# (name, file, the exact text, its mutant, the tests that should kill it)
TABLE = [
    ("timeliness: on time is <= due, not < due", R + "Timeliness.swift",
     "if let first, first <= due { return (.onTime, first) }",
     "if let first, first < due { return (.onTime, first) }", "TuyenGiaoCoreTests"),
    ("timeliness: days late off by one", R + "Timeliness.swift",
     "return (.late(days: first! - due), first)", "return (.late(days: first! - due + 1), first)", "TuyenGiaoCoreTests"),
    ("timeliness: the last receipt instead of the first", R + "Timeliness.swift",
     "let first = known.min()", "let first = known.max()", "TuyenGiaoCoreTests"),
    ("timeliness: an unknown receipt judged as late", R + "Timeliness.swift",
     "if receipts.isEmpty || known.count < receipts.count { return (.unknown, first) }",
     "if receipts.isEmpty { return (.unknown, first) }", "TuyenGiaoCoreTests"),
    ("status: a nil report is not a report", R + "ReportingStatus.swift",
     "if hasNilReport { return .nilReport }", "if hasNilReport { return .notReported }", "TuyenGiaoCoreTests"),
    ("status: one activity is not enough", R + "ReportingStatus.swift",
     "if activities > 0 { return .reported }", "if activities > 1 { return .reported }", "TuyenGiaoCoreTests"),
    ("status: rows all refused counted as not reported", R + "ReportingStatus.swift",
     "return sentRejected ? .rejected : .notReported", "return .notReported", "TuyenGiaoCoreTests"),
    ("status: a refused sender counted as reported", R + "ReportingStatus.swift",
     "public var didReport: Bool { self == .nilReport || self == .reported }",
     "public var didReport: Bool { self != .notReported }", "TuyenGiaoCoreTests"),
    ("sender: a path naming two units attributed to one", R + "SenderAttribution.swift",
     "return found.count == 1 ? found.first : nil", "return found.first", "TuyenGiaoCoreTests"),
    ("sender: the path's unit before the row's own", R + "SenderAttribution.swift",
     "return Owner(unit: unit ?? pathUnit(r.file), month: month(of: r, fileMonths: fileMonths))",
     "return Owner(unit: pathUnit(r.file) ?? unit, month: month(of: r, fileMonths: fileMonths))", "TuyenGiaoCoreTests"),
    ("provisional: the due date itself still provisional", A + "MonthlyFigures.swift",
     "provisional = due > asOf", "provisional = due >= asOf", "TuyenGiaoCoreTests"),
    ("completeness: nil reports not counted as reported", A + "MonthlyFigures.swift",
     "if units[i].status.didReport { counts.reported += 1 }",
     "if units[i].status == .reported { counts.reported += 1 }", "TuyenGiaoCoreTests"),
    ("timeliness count: unknown counted as on time", A + "MonthlyFigures.swift",
     "if units[i].timeliness == .onTime { counts.onTime += 1 }", "if units[i].timeliness != nil { counts.onTime += 1 }",
     "TuyenGiaoCoreTests"),
    ("calendar: due day equal to the period's last day", C + "ReportingPeriod.swift",
     "if dueDay > c.day { return", "if dueDay >= c.day { return", "TuyenGiaoCoreTests"),
    ("calendar: a state period ends a day early", C + "ReportingPeriod.swift",
     "if periodEndDay >= 31 || c.day <= periodEndDay { return key }",
     "if periodEndDay >= 31 || c.day < periodEndDay { return key }", "TuyenGiaoCoreTests"),
    ("phase window: the last day left out (plain rule)", "Sources/TuyenGiaoCore/Plan/Plan.swift",
     "public func contains(_ day: Day) -> Bool { start <= day && day <= end }",
     "public func contains(_ day: Day) -> Bool { start <= day && day < end }", "TuyenGiaoCoreTests"),
    ("phase window: the last day left out (bit sets)", R + "PhaseMembership.swift",
     "for d in phase.start.ordinal...phase.end.ordinal {", "for d in phase.start.ordinal..<phase.end.ordinal {",
     "TuyenGiaoCoreTests"),
    ("phase window: the first day left out (bit sets)", R + "PhaseMembership.swift",
     "masks[d - first] |= 1 << UInt64(p) }", "if d > phase.start.ordinal { masks[d - first] |= 1 << UInt64(p) } }",
     "TuyenGiaoCoreTests"),
    ("cube: nothing added to phases past the 64th", A + "ActivityCube.swift",
     "                addToPhase(p, month: m, a)", "                _ = p", "TuyenGiaoCoreTests"),
    ("phase active: a period starting on the phase's last day", R + "PhaseMembership.swift",
     "phase.start <= periodEnd && phase.end >= periodStart", "phase.start <= periodEnd && phase.end > periodStart",
     "TuyenGiaoCoreTests"),
    ("phase active: a phase starting on the period's last day", R + "PhaseMembership.swift",
     "phase.start <= periodEnd && phase.end >= periodStart", "phase.start < periodEnd && phase.end >= periodStart",
     "TuyenGiaoCoreTests"),
    ("coverage rows: kept for the phases not running, dropped for the running", A + "MonthlyFigures.swift",
     "let rows: [PhaseCoverageRow] = !active ? [] :", "let rows: [PhaseCoverageRow] = active ? [] :", "TuyenGiaoCoreTests"),
    ("phase started: not on the period's last day", R + "PhaseMembership.swift",
     "public static func hasStarted(_ phase: Phase, by periodEnd: Day) -> Bool { phase.start <= periodEnd }",
     "public static func hasStarted(_ phase: Phase, by periodEnd: Day) -> Bool { phase.start < periodEnd }",
     "TuyenGiaoCoreTests"),
    ("roll-up: parents before children (a grandchild misses the root)", R + "UnitRollup.swift",
     "for u in tree.preorder.reversed() {", "for u in tree.preorder {", "TuyenGiaoCoreTests"),
    ("roll-up: mean over one unit too many", R + "UnitRollup.swift",
     "reduce(0, +) / Double(units.count)", "reduce(0, +) / Double(units.count + 1)", "TuyenGiaoCoreTests"),
    ("coverage: an item needs two activities", R + "CoverageRule.swift",
     "counts.lazy.filter { $0 > 0 }.count", "counts.lazy.filter { $0 > 1 }.count", "TuyenGiaoCoreTests"),
    ("coverage: a parent's own counts instead of the mean below", R + "CoverageRule.swift",
     "tree[unit].children.isEmpty ? ownCoverage[unit] : UnitRollup.mean(ownCoverage, over: expectedBelow[unit])",
     "ownCoverage[unit]", "TuyenGiaoCoreTests"),
    ("coverage: item rate counts units without the item", R + "CoverageRule.swift",
     "units.filter { counts[$0][j] > 0 }.count", "units.filter { counts[$0][j] >= 0 }.count", "TuyenGiaoCoreTests"),
    ("reported periods: a stub of exactly half the period dropped", R + "ReportedPeriods.swift",
     "return covered * 2 < length", "return covered * 2 <= length + 1", "TuyenGiaoCoreTests"),
    ("reported periods: the stub first period kept", R + "ReportedPeriods.swift",
     "if isStub(first, from: firstStart, calendar: cal), first < last { first = first + 1 }", "", "TuyenGiaoCoreTests"),
    # Receipts (§5, §7.5): the register and what it says of timeliness.
    ("register: a version already recorded gets a new line and date", "Sources/TuyenGiaoCore/Receipts/ReceiptRegister.swift",
     "if let old = index[Self.key(e.file, e.sha256)] { return (old, false) }", "", "ReceiptRegisterRunTests"),
    ("receipts: an earlier version no longer counts", "Sources/TuyenGiaoCore/Aggregate/MonthlyFigures.swift",
     "+ (receipts?.earlier[UnitMonth(unit: u, month: period)] ?? [])", "+ []", "TuyenGiaoCoreTests"),
    ("receipts: a version received after the as-of day counts", "Sources/TuyenGiaoCore/Receipts/ReceiptReconciler.swift",
     "if let day = e.received, day > asOf { continue }", "", "ReceiptRegisterRunTests"),
    ("receipts: files in a new register get today's date, not unknown", "Sources/TuyenGiaoIO/Run/MonthlyRun.swift",
     "newVersions: book.isNew ? .initial : .seenOn(o.asOf), asOf: o.asOf)", "newVersions: .seenOn(o.asOf), asOf: o.asOf)",
     "ReceiptRegisterRunTests"),
    ("register: a line without its digest forgotten", "Sources/TuyenGiaoCore/Receipts/ReceiptRegister.swift",
     "unreadableNames.contains(file)  // a set", "false  // a set", "ReceiptRegisterRunTests"),
    ("register: a clerk's d/m/yyyy date not read", "Sources/TuyenGiaoCore/Receipts/ReceiptRegister.swift",
     "if let d = LogDate.parse(dateText) {", "if let d = Day.parseISO(dateText) {", "ReceiptRegisterRunTests"),
    ("rejected rows: the row's own date ignored", "Sources/TuyenGiaoCore/Report/RejectedRows.swift",
     "guard let month = own.map(calendar.period(of:)) ?? i.flatMap({ fileMonths[$0].min() }) else { continue }",
     "guard let month = i.flatMap({ fileMonths[$0].min() }) else { continue }", "TuyenGiaoCoreTests"),
    # Fast paths: each is checked against its plain twin by the tests.
    ("UTF-8 blocks: the last partial block not judged", "Sources/TuyenGiaoCore/Text/CleanText.swift",
     "if i < n { judge(p + (n - 16), &broken, &rare) }", "", "TuyenGiaoCoreTests"),
    ("stop index: a stop in the block's last lane lost", "Sources/TuyenGiaoCore/Ingest/CSVParser.swift",
     "var m = bits & (~0 << UInt64(d))", "var m = bits & (~0 << UInt64(d)) & ~(1 << 63)", "TuyenGiaoCoreTests"),
    ("SWAR stop scan: a tab inside a field ends it", "Sources/TuyenGiaoCore/Ingest/CSVParser.swift",
     "k = at + 1  // a tab (or another control byte) inside the field", "return at", "TuyenGiaoCoreTests"),
    ("plan draft: a dated event's start on the event's own day", "Sources/TuyenGiaoCore/Draft/DatePhrase.swift",
     "return Bounds(start: s.1 + 1, end: nil,", "return Bounds(start: s.1, end: nil,", "TuyenGiaoCoreTests"),
    ("plan draft: a year-less span ending in the document's month moved a year on", "Sources/TuyenGiaoCore/Draft/DatePhrase.swift",
     "return p.with(year: m < document.month ? y + 1 : y)", "return p.with(year: m <= document.month ? y + 1 : y)", "TuyenGiaoCoreTests"),
    ("plan draft: a range's end month not carried past the year's end", "Sources/TuyenGiaoCore/Draft/DatePhrase.swift",
     "if let y = b.year { a = a.with(year: y - ((a.firstMonth ?? 1) > (b.lastMonth ?? 12) ? 1 : 0)) }",
     "if let y = b.year { a = a.with(year: y) }", "TuyenGiaoCoreTests"),
    ("plan draft: one 'Giai đoạn N' line makes a phase section", "Sources/TuyenGiaoCore/Draft/Sections.swift",
     "if node.children.filter(isPhaseLabel).count >= 2 { return .phases }",
     "if node.children.filter(isPhaseLabel).count >= 1 { return .phases }", "TuyenGiaoCoreTests"),
    ("plan draft: '6 tháng cuối năm' starts a month late", "Sources/TuyenGiaoCore/Draft/DatePhrase.swift",
     "(13 - n, 12)", "(14 - n, 12)", "TuyenGiaoCoreTests"),
    ("cube: two phases of a month share one room", A + "ActivityCube.swift",
     "return s < 0 ? nil : monthSlotBase[m] + Int(s)", "return s < 0 ? nil : monthSlotBase[m]", "TuyenGiaoCoreTests"),
    ("cube: a row pinned outside its phase's window dropped", A + "ActivityCube.swift",
     "offWindow[key] = cell\n", "_ = cell\n", "TuyenGiaoCoreTests"),
    ("sheet continuation: a continuation without its heading rows", "Sources/TuyenGiaoCore/Report/SheetContinuation.swift",
     "part.rows = Array(rows[0..<heading]) + Array(rows[first...last])",
     "part.rows = parts.isEmpty ? Array(rows[0...last]) : Array(rows[first...last])", "TuyenGiaoCoreTests"),
    ("sheet continuation: a part one row too long", "Sources/TuyenGiaoCore/Report/SheetContinuation.swift",
     "let perPart = maxRows - heading", "let perPart = maxRows - heading + 1", "TuyenGiaoCoreTests"),
    ("fingerprint: a column style left out", "Sources/TuyenGiaoIO/Render/WorkbookFingerprint.swift",
     "put(UInt64(column)); put(style) }", "_ = (column, style) }", "TuyenGiaoIOTests"),
    ("fingerprint: an unchanged workbook rendered again", "Sources/TuyenGiaoIO/Render/WorkbookRenderer.swift",
     "        if WorkbookFingerprint.stored(in: destination) == fingerprint { return .unchanged(destination) }\n", "", "TuyenGiaoIOTests"),
    ("constant memory: row heights set ahead of the rows", "Sources/TuyenGiaoIO/Render/WorkbookRenderer.swift",
     "            if let height = s.rowHeight(r) { try ws.setRowHeight(r, height) }\n",
     "            if r == 0 { for k in s.rows.indices { if let h = s.rowHeight(k) { try ws.setRowHeight(k, h) } } }\n",
     "TuyenGiaoIOTests"),
    ("duplicates: a copy names the latest file with its bytes, not the first", "Sources/TuyenGiaoIO/Run/Ingestion.swift",
     "if let earlier = first[d] { duplicateOf[i] = earlier } else { first[d] = i }",
     "if let earlier = first[d] { duplicateOf[i] = earlier }; first[d] = i", "TuyenGiaoIOTests"),
    ("json: a unit's line says what it misses in a month no phase runs", "Sources/TuyenGiaoCore/Report/SummaryJSON.swift",
     "if u.expected && !running.isEmpty {", "if u.expected {", "TuyenGiaoCoreTests"),
    ("phase coverage: the period itself left out of the cumulative", A + "MonthlyFigures.swift",
     "for k in stride(from: fromMonth, through: m, by: 1)", "for k in stride(from: fromMonth, to: m, by: 1)", "TuyenGiaoCoreTests"),
    ("phase coverage: the phase's first month left out", A + "MonthlyFigures.swift",
     "for k in stride(from: fromMonth, through: m, by: 1)", "for k in stride(from: fromMonth + 1, through: m, by: 1)",
     "TuyenGiaoCoreTests"),
    ("phase coverage: a month kept or skipped by the next month's cells", A + "MonthlyFigures.swift",
     "where cube.phaseHasCells(month: k, phase: p)", "where cube.phaseHasCells(month: k + 1, phase: p)", "TuyenGiaoCoreTests"),
    ("cube: a month with a row pinned outside its phase's window skipped", A + "ActivityCube.swift",
     "            offWindowMonthPhases.insert(m * phaseCount + p)\n", "", "TuyenGiaoCoreTests"),
    ("cube: a month with a unit's pinned rows (from its tally) skipped", A + "ActivityCube.swift",
     "                offWindowMonthPhases.insert(m * phaseCount + share.phase)\n", "", "TuyenGiaoCoreTests|TuyenGiaoIOTests"),
    ("cube merge: another thread's months of pinned rows dropped", A + "ActivityCube.swift",
     "offWindowMonthPhases.formUnion(o.offWindowMonthPhases)", "_ = o.offWindowMonthPhases", "TuyenGiaoCoreTests"),
    ("cube merge: another thread's files dropped", A + "ActivityCube.swift",
     "cellFiles[i] = Array(Set(cellFiles[i]).union(theirs)).sorted()", "_ = theirs", "TuyenGiaoCoreTests"),
    ("row heights: the one-line shortcut a character too generous", "Sources/TuyenGiaoCore/Report/WorkbookModel.swift",
     "if Double(bytes.count) <= room,", "if Double(bytes.count) <= room + 1,", "wrappedTextGetsTheLinesItNeeds"),
    # The units' small workbooks: SmallWorkbook against libxlsxwriter, its twin (issue 21).
    ("small writer: a workbook with conditional formats written without them", "Sources/TuyenGiaoIO/Render/WorkbookRenderer.swift",
     "if writer == .smallWhenItFits, smallFits(model) {", "if writer == .smallWhenItFits {", "SmallWorkbookTwin"),
    ("period halves: the last period's halves, made beside the units' workbooks, fail silently", "Sources/TuyenGiaoIO/Run/MonthlyRun.swift",
     "        for case .failure(let error) in prepared { throw error }\n", "", "FaultInjection"),
    ("period halves: a failed half leaves the other half's files behind", "Sources/TuyenGiaoIO/Run/MonthlyRun.swift",
     "for case .failure(let error) in halves {\n                OutputBatch.Prepared.discard(files)",
     "for case .failure(let error) in halves {", "FaultInjection"),
    ("small writer: a fused cell reference's column letters counted without the bijective step", X + "XMLBytes.swift",
     "buf[n + k] = UInt8(65 + c % 26); c = c / 26 - 1 }", "buf[n + k] = UInt8(65 + c % 26); c = c / 26 }", "XMLBytesTests"),
    ("small writer: a fused number's digits one short at a power of ten", X + "XMLBytes.swift",
     "while v >= 10 { v /= 10; digits += 1 }", "while v > 10 { v /= 10; digits += 1 }", "XMLBytesTests"),
    ("fixed parts: a layout compared without its filter ranges", X + "FixedParts.swift",
     "case let (f?, g?): guard f == g else { return false }", "case (_?, _?): continue", "FixedPartsTests"),
    ("fixed parts: a layout compared without its print titles", X + "FixedParts.swift",
     "guard ByteKey(x.name) == ByteKey(y.name), x.titles == y.titles else", "guard ByteKey(x.name) == ByteKey(y.name) else", "FixedPartsTests"),
    ("fixed parts: a layout compared without its sheet names", X + "FixedParts.swift",
     "guard ByteKey(x.name) == ByteKey(y.name), x.titles == y.titles else", "guard x.titles == y.titles else", "FixedPartsTests"),
    ("fixed parts: a layout compared without its formats", X + "FixedParts.swift",
     "a.sheets.count == b.sheets.count,\n                  a.formats == b.formats else", "a.sheets.count == b.sheets.count else", "FixedPartsTests"),
    ("fixed parts: a layout compared without whether it has custom properties", X + "FixedParts.swift",
     "a.hasCustom == b.hasCustom, ", "", "FixedPartsTests"),
    ("fixed parts: a layout compared without whether it has shared strings", X + "FixedParts.swift",
     "guard a.hasStrings == b.hasStrings, ", "guard ", "FixedPartsTests"),
    ("validation cache: a validation compared without its last row", X + "ValidationXML.swift",
     "a.r1 == b.r1 && a.c1 == b.c1 && a.r2 == b.r2 && a.c2 == b.c2", "a.r1 == b.r1 && a.c1 == b.c1 && a.c2 == b.c2", "ValidationXMLTests"),
    ("validation cache: a validation compared without its strictness", X + "ValidationXML.swift",
     "rules && a.strictness == b.strictness", "rules", "ValidationXMLTests"),
    ("validation cache: a validation compared without its prompt", X + "ValidationXML.swift",
     "&& same(a.promptTitle, b.promptTitle) && same(a.prompt, b.prompt)", "&& same(a.promptTitle, b.promptTitle)", "ValidationXMLTests"),
    ("validation cache: a list compared without its source", X + "ValidationXML.swift",
     "case let (.list(x), .list(y)): same(x, y)", "case (.list, .list): true", "ValidationXMLTests"),
    ("bytes: 256ths written from their digits past 2^20, where a shorter decimal is the same number", "Sources/XLSXWriter/Small/XMLBytes.swift",
     "guard abs(v) < 1_048_576, scaled", "guard abs(v) < 4_294_967_296, scaled", "XMLBytesTests"),
    ("bytes: a whole number taken for a number of 256ths", "Sources/XLSXWriter/Small/XMLBytes.swift",
     "        return k == 0 ? nil : k\n", "        return k\n", "XMLBytesTests"),
    ("bytes: a 256ths' trailing zeros kept", "Sources/XLSXWriter/Small/XMLBytes.swift",
     "while places % 10 == 0 { places /= 10; count -= 1 }", "while places % 100 == 0 { places /= 100; count -= 2 }", "XMLBytesTests"),
    ("unit tree: a walk that found a loop marked as reaching the top", "Sources/TuyenGiaoCore/Plan/UnitTreeCheck.swift",
     "            if !looped { for u in walk { reachesTop[u] = true } }\n", "            for u in walk { reachesTop[u] = true }\n",
     "UnitTreeCheckTests"),
    ("unit tree: a loop's units reported before it is told", "Sources/TuyenGiaoCore/Plan/UnitTreeCheck.swift",
     "                    if !reported.contains(c) {\n", "                    if reported.isEmpty {\n", "UnitTreeCheckTests"),
    ("new folder: its files left out of what the commit says it wrote", "Sources/TuyenGiaoIO/Files/OutputBatch.swift",
     "            done += inNewFolders[folder.index].map(folder.path(of:))\n", "", "NewFolderTests"),
    ("new folder: a file counted in another new folder", "Sources/TuyenGiaoIO/Files/OutputBatch.swift",
     "case .inNewFolder(let k, let name, _): inNewFolders[k].append(name)", "case .inNewFolder(_, let name, _): inNewFolders[0].append(name)",
     "NewFolderTests"),
    ("wrapped lines: a continuation byte counted as a letter", "Sources/TuyenGiaoCore/Report/WorkbookModel.swift",
     "            case 0x80...0xBF:   // continues the scalar counted at its first byte\n                break\n",
     "            case 0x80...0xBF:   // continues the scalar counted at its first byte\n                word += 1\n", "WrappedLinesTwinTests"),
    ("wrapped lines: CR counted over the bytes", "Sources/TuyenGiaoCore/Report/WorkbookModel.swift",
     "            case 0x0D:\n                return nil\n", "", "WrappedLinesTwinTests"),
    ("wrapped lines: any other scalar counted as a letter", "Sources/TuyenGiaoCore/Report/WorkbookModel.swift",
     "            default:\n                return nil\n", "            default:\n                word += 1\n", "WrappedLinesTwinTests"),
    ("wrapped lines: a new paragraph keeps the last one's line", "Sources/TuyenGiaoCore/Report/WorkbookModel.swift",
     "place(); total += lines; lines = 1; used = 0", "place(); total += lines; lines = 1", "WrappedLinesTwinTests"),
    ("unit workbook: the shared lists sheet keeps the empty name", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "            lists.rows[1][0] = .t(name)\n", "", "UnitFeedbackTests"),
    ("unit workbook: the empty fix sheet for a unit with refused rows", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "fix: rows.isEmpty ? emptyFixSheet :", "fix: !rows.isEmpty ? emptyFixSheet :", "UnitFeedbackTests"),
    ("fixed codes: a copy one byte further back", X + "FixedHuffmanDeflate.swift",
     "bits.putDistance(i &- candidate, tables)", "bits.putDistance(i &- candidate &+ 1, tables)", "FixedHuffmanDeflateTests"),
    ("fixed codes: a copy from beyond the window", X + "FixedHuffmanDeflate.swift",
     "if candidate >= 0, i &- candidate <= window,", "if candidate >= 0, i &- candidate <= window &+ 1,", "FixedHuffmanDeflateTests"),
    ("fixed codes: no copy from the window's farthest byte", X + "FixedHuffmanDeflate.swift",
     "if candidate >= 0, i &- candidate <= window,", "if candidate >= 0, i &- candidate < window,", "FixedHuffmanDeflateTests"),
    ("fixed codes: byte 143 given a 9-bit code", X + "FixedHuffmanDeflate.swift",
     "case 0...143: (0x30 + UInt32(s), 8)", "case 0...142: (0x30 + UInt32(s), 8)", "FixedHuffmanDeflateTests"),
    ("fixed codes: a match one byte longer than DEFLATE allows", X + "FixedHuffmanDeflate.swift",
     "static let maxMatch = 258", "static let maxMatch = 259", "FixedHuffmanDeflateTests"),
    ("fixed codes: the last bits left unwritten", X + "FixedHuffmanDeflate.swift",
     "            while filled > 0 {", "            while filled > 8 {", "FixedHuffmanDeflateTests"),
    ("fixed codes: a match's length taken one byte past the difference", X + "FixedHuffmanDeflate.swift",
     "length &+= x.trailingZeroBitCount &>> 3; break", "length &+= (x.trailingZeroBitCount &>> 3) &+ 1; break", "FixedHuffmanDeflateTests"),
    ("fixed codes: a part of exactly the limit left to libdeflate", X + "ZipBuilder.swift",
     "if fixedCodesForSmallParts, raw.count <= Self.smallPart {", "if fixedCodesForSmallParts, raw.count < Self.smallPart {",
     "FixedHuffmanDeflateTests"),
    ("fixed codes: the twin deflating with them too", X + "ZipBuilder.swift",
     "if fixedCodesForSmallParts, raw.count <= Self.smallPart {", "if raw.count <= Self.smallPart {", "FixedHuffmanDeflateTests"),
    ("shared strings: an entry's bytes cut one short", X + "StringTable.swift",
     "starts.append(arena.count)", "starts.append(arena.count - 1)", "StringTableTests"),
    ("shared strings: an entry lost when the table grows", X + "StringTable.swift",
     "fresh[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1)", "fresh[i] = (h & 0xFFFF_FFFF_0000_0000) | UInt64(entry)", "StringTableTests"),
    ("styles: a format added past the scanned ones not remembered", X + "StyleTable.swift",
     "        if !xfIndex.isEmpty { xfIndex[spec] = xfs.count }\n", "", "StyleTableTests"),
    ("sheet names: a name used twice let through", X + "SmallWorkbook.swift", "        sheetNames.append(folded)\n", "", "SheetNameTests"),
    ("new folder: an abandoned one left behind", "Sources/TuyenGiaoIO/Files/OutputBatch.swift",
     "        for folder in newFolders { try? FileManager.default.removeItem(at: folder.temp) }   // with its files\n", "", "NewFolderTests"),
    ("new folder: made for a folder that exists already", "Sources/TuyenGiaoIO/Files/OutputBatch.swift",
     "            try makeFolder(folder)   // a folder: nothing to do; anything else: the error it gives\n            return nil\n",
     "            try makeFolder(folder)   // a folder: nothing to do; anything else: the error it gives\n", "NewFolderTests"),
    ("small writer: a part copied from the workbook before when only its length is the same", X + "ZipBuilder.swift",
     "a.count == b.count && a.withUnsafeBytes", "a.count == b.count || a.withUnsafeBytes", "SmallWorkbookTwin"),
    ("small writer: a column one pixel wider", X + "SmallWorksheet.swift",
     "Int(width * 7 + 0.5) + 5", "Int(width * 7 + 0.5) + 6", "SmallWorkbookTwin"),
    ("small writer: Excel's default width marked custom", X + "SmallWorksheet.swift",
     'x.raw(c.width == 8.43 ? "/>" : " customWidth=\\"1\\"/>")', 'x.raw(" customWidth=\\"1\\"/>")', "SmallWorkbookTwin"),
    ("small writer: a lenient check stops the entry", X + "ValidationXML.swift",
     'if k.strictness == .information { x.raw(" errorStyle=\\"information\\"") }', "", "SmallWorkbookTwin"),
    ("small writer: a check's message cut a character short", X + "ValidationXML.swift",
     "x.attribute(\"error\", ExcelLimits.cut(message, to: ExcelLimits.maxValidationMessage))",
     "x.attribute(\"error\", ExcelLimits.cut(message, to: ExcelLimits.maxValidationMessage - 1))", "SmallWorkbookTwin"),
    ("small writer: frozen panes' bottom-left selection a row low", X + "SmallWorksheet.swift",
     'x.raw("\\"/><selection pane=\\"bottomLeft\\" activeCell=\\""); x.cell(f.row, 0)',
     'x.raw("\\"/><selection pane=\\"bottomLeft\\" activeCell=\\""); x.cell(f.row + 1, 0)', "SmallWorkbookTwin"),
    ("small writer: one-page printing fitted to the width only", X + "SmallWorksheet.swift",
     "if fit.onePage {", "if false {", "SmallWorkbookTwin"),
    ("small writer: a carriage return in a cell as a character reference", X + "XMLBytes.swift",
     'case 0x0D where attribute: raw("&#13;")', 'case 0x0D: raw("&#13;")', "SmallWorkbookTwin"),
    ("small writer: print titles a row late", X + "SmallWorkbook.swift",
     '"!$\\(rows.lowerBound + 1):', '"!$\\(rows.lowerBound + 2):', "SmallWorkbookTwin"),
    ("small writer: defined names in sheet order, not by name", X + "SmallWorkbook.swift",
     "return key(sheets[a.1].name).lexicographicallyPrecedes(key(sheets[b.1].name))", "return a.1 < b.1",
     "SmallWorkbookTwin"),
    ("small writer: a repeated text stored twice", X + "SmallWorkbook.swift",
     "if !added { return i }", "", "SmallWorkbookTwin"),
    ("small writer: a deflated part's size patched a byte off", X + "ZipBuilder.swift",
     "out.set(entryStart + 18 + k,", "out.set(entryStart + 19 + k,", "SmallWorkbookTwin"),
    ("small writer: parts shared between workbooks by their first bytes", X + "ZipBuilder.swift",
     "let key = Key(bytes: raw)", "let key = Key(bytes: Array(raw.prefix(120)))", "SmallWorkbookTwin"),
    # A month's figures counted in place (issue 21).
    ("figures: a unit all covered listed as missing all", A + "MonthlyFigures.swift",
     "if n == codes.count { return (codes, []) }", "if n == codes.count { return ([], codes) }", "MonthlyRulesTests"),
    ("figures: an item done once not counted as covered", A + "MonthlyFigures.swift",
     "let n = counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }", "let n = counts.reduce(0) { $0 + ($1 > 1 ? 1 : 0) }", "MonthlyRulesTests"),
    ("figures: an item done once listed as missing", A + "MonthlyFigures.swift",
     "if counts[j] > 0 { covered.append(codes[j]) }", "if counts[j] > 1 { covered.append(codes[j]) }", "MonthlyRulesTests"),
    ("figures: a unit's covered items out of the phase's order", A + "MonthlyFigures.swift",
     "for j in codes.indices {", "for j in codes.indices.reversed() {", "MonthlyRulesTests"),
    ("figures: a nil report not counted among the reported", A + "MonthlyFigures.swift",
     "if units[i].status.didReport { counts.reported += 1 }", "if units[i].status == .reported { counts.reported += 1 }", "TuyenGiaoCoreTests"),
    ("figures: unknown receipts not counted", A + "MonthlyFigures.swift",
     "if units[i].timeliness == .unknown { counts.unknown += 1 }", "", "TuyenGiaoCoreTests"),
    ("figures: units not expected counted", A + "MonthlyFigures.swift",
     "for i in units.indices where units[i].expected {", "for i in units.indices {", "TuyenGiaoCoreTests"),
    ("figures: a phase's coverage from the phase before", A + "MonthlyFigures.swift",
     "Self.phaseCoverage(plan: plan, cube: cube, phase: started[$0],", "Self.phaseCoverage(plan: plan, cube: cube, phase: started[max($0 - 1, 0)],",
     "TuyenGiaoCoreTests"),
    ("feedback: a unit's missing items taken from the unit before", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "p.phase.missingByUnit[Int(p.missingAt[u])].missing", "p.phase.missingByUnit[max(Int(p.missingAt[u]) - 1, 0)].missing",
     "TuyenGiaoIOTests"),
    ("feedback: a unit that sent rows but is not expected gets no workbook", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "where f.units[i].status != .notReported { sent[f.units[i].unit] = true }", "where f.units[i].status != .notReported { }",
     "TuyenGiaoIOTests"),
    ("feedback: a unit's month row from the row before", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "index[u] < 0 ? nil : (f, f.units[Int(index[u])])", "index[u] <= 0 ? nil : (f, f.units[Int(index[u]) - 1])",
     "TuyenGiaoIOTests"),
    # The plan's YAML (YAMLTree).
    ("yaml: lines counted from zero", "Sources/YAMLTree/YAMLComposer.swift",
     "let line = Int(event.start_mark.line) + 1", "let line = Int(event.start_mark.line)", "YAMLComposerTests"),
    ("yaml: a repeated key's value kept as a second pair", "Sources/YAMLTree/YAMLComposer.swift",
     "                    stack[top].pendingIsDuplicate = true\n", "", "YAMLComposerTests"),
    ("yaml: a repeated key in a large mapping missed", "Sources/YAMLTree/YAMLComposer.swift",
     "if let i = m.keyIndex![key] { return m.pairs[i].key.line }", "if let i = m.keyIndex![key], i < 0 { return m.pairs[i].key.line }",
     "YAMLComposerTests"),
    ("yaml: a reader error's line counted from zero", "Sources/YAMLTree/YAMLComposer.swift",
     "let line = bytes[0..<end].reduce(1)", "let line = bytes[0..<end].reduce(0)", "YAMLComposerTests"),
    ("yaml: a quoted null read as plain", "Sources/YAMLTree/YAMLComposer.swift",
     "isPlain: s.style == YAML_PLAIN_SCALAR_STYLE", "isPlain: true", "YAMLComposerTests"),
    ("yaml: a repeated key not a plan problem", "Sources/TuyenGiaoCore/Plan/PlanLoader.swift",
     "        for d in document.duplicateKeys {", "        for d in document.duplicateKeys.dropFirst() {", "PlanLoaderTests"),
    # The superior level (issue 20).
    ("consolidation: a replaced summary's receipt forgotten", K + "SubordinateIntake.swift",
     "earlier = before.earlier + [before.found.file]", "earlier = before.earlier", "Consolidation"),
    ("consolidation: the plan's first month refused", K + "SummaryIntegrity.swift",
     "guard month >= plan.firstPeriod && month <= last else {", "guard month > plan.firstPeriod && month <= last else {",
     "Consolidation"),
    ("consolidation: the plan's last month refused", K + "SummaryIntegrity.swift",
     "guard month >= plan.firstPeriod && month <= last else {", "guard month >= plan.firstPeriod && month < last else {",
     "Consolidation"),
    ("consolidation: a shared code before the superior code", K + "LevelMapping.swift",
     "if let sup = item.superior {", "if let sup = item.superior, itemCodes[key] == nil {", "Consolidation"),
    ("consolidation: raw rows counted beside the summary", A + "ActivityCube.swift",
     "if !superseded.isEmpty && superseded.contains(cell) {", "if false && superseded.contains(cell) {", "Consolidation"),
    ("consolidation: a committee weighs one unit, not its grassroots", R + "GrassrootsCoverage.swift",
     "total.sum += g.sum; total.units += g.units", "total.sum += g.sum; total.units += 1", "Consolidation"),
    ("consolidation: replaced versions hold no receipt in the cube", A + "ActivityCube.swift",
     "for f in (c.earlierFiles + [c.file]).map(Int32.init)", "for f in [c.file].map(Int32.init)", "Consolidation"),
    ("consolidation: an empty summary is not a nil report", K + "SummaryContribution.swift",
     "nilReport = s.totals.activities == 0", "nilReport = false", "Consolidation"),
    ("consolidation: the as-of date in the content digest", "Sources/TuyenGiaoCore/Report/SummaryJSON.swift",
     '$0.0 != "as_of" && $0.0 != "period"', '$0.0 != "period"', "Consolidation"),
    ("consolidation: the accounts' unit total not checked", K + "SummaryIntegrity.swift",
     "if roots != t.measures {", "if roots.activities != t.activities {", "Consolidation"),
    # Lean in units (issue 21).
    ("cube: the first of a phase's required items not counted", A + "ActivityCube.swift",
     "return j < 0 ? nil : slotItemBase[slot]", "return j <= 0 ? nil : slotItemBase[slot]", "TuyenGiaoCoreTests"),
    ("history: units covering to date counted for the month only", A + "CubeHistory.swift",
     "unitsCum += itemFirstCovers[k * items + i]", "unitsCum = itemFirstCovers[k * items + i]", "TuyenGiaoCoreTests"),
    ("coverage sheet: summarised at the limit itself", "Sources/TuyenGiaoCore/Report/SummaryWorkbook.swift",
     "let summarised = p.rows.count > detailUnits", "let summarised = p.rows.count >= detailUnits", "TuyenGiaoCoreTests"),
    ("register: an upper-case digest not matched", "Sources/TuyenGiaoCore/Receipts/ReceiptRegister.swift",
     "sha.utf8.contains { $0 >= 0x41 && $0 <= 0x5A }", "false",
     "TuyenGiaoCoreTests"),
    ("ingest: a result merged before the ones ahead of it", "Sources/TuyenGiaoIO/Run/Ingestion.swift",
     "guard nextMerge < results.count, let ready = results[nextMerge] else { lock.unlock(); return }",
     "guard nextMerge < results.count, let ready = results[nextMerge] ?? results[t] else { lock.unlock(); return }",
     "ParallelIngestion"),
    ("ingest: a piece cut inside quotes merged as it is", "Sources/TuyenGiaoIO/Run/Ingestion.swift",
     "if !isLast && !end.atRecordStart { splitInsideQuotes = true; return }", "", "ParallelIngestion"),
    ("scratch: the operator's folder ignored", "Sources/TuyenGiaoIO/Render/WorkbookScratch.swift",
     "if let named = environment { return named.isEmpty ? nil : named }", "", "WorkbookScratch"),
    ("hex: nibbles swapped", "Sources/TuyenGiaoIO/Files/Hex.swift",
     "out.append(digits[Int(b >> 4)])\n            out.append(digits[Int(b & 0x0F)])",
     "out.append(digits[Int(b & 0x0F)])\n            out.append(digits[Int(b >> 4)])", "WorkbookScratch"),
    ("register: a copied line of a version in the folder counted as earlier", "Sources/TuyenGiaoCore/Receipts/ReceiptReconciler.swift",
     "if let at = register.line(file: e.file, sha256: e.sha256), current[at] { continue }",
     "if let at = register.entries.firstIndex(where: { $0.file == e.file && $0.sha256 == e.sha256 }), current[at] { continue }",
     "ReceiptRegisterTests"),
    ("register: a new line's units kept in the order they came", "Sources/TuyenGiaoCore/Receipts/ReceiptReconciler.swift",
     "zip(list, list.dropFirst()).allSatisfy { $0 <= $1 } ? list : list.sorted()",
     "zip(list, list.dropFirst()).allSatisfy { $0 >= $1 } ? list : list.sorted()", "ReceiptRegisterTests"),
    ("register: the delimiter read off a blank first line", "Sources/TuyenGiaoCore/Receipts/ReceiptRegister.swift",
     "let header = bytes.drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }.prefix { $0 != 0x0A }",
     "let header = bytes.prefix { $0 != 0x0A }", "ReceiptRegisterTests"),
    ("file units: a second unit taken for the first", "Sources/TuyenGiaoCore/Ingest/FileUnits.swift",
     "} else if single != unit {", "} else if single == unit {", "TuyenGiaoCoreTests"),
    ("file units: the first unit lost when a second comes", "Sources/TuyenGiaoCore/Ingest/FileUnits.swift",
     "many = [single, unit]", "many = [unit]", "TuyenGiaoCoreTests"),
    ("register: a line shares another version's strings", "Sources/TuyenGiaoIO/Run/ReceiptBook.swift",
     "let digest = files[low].sha256, digest == sha else { return nil }",
     "let digest = files[low].sha256 else { return nil }", "ReceiptBookTests"),
    ("register: the last buffer of a streamed file not written", "Sources/TuyenGiaoIO/Files/AtomicFile.swift",
     "        flush()\n        if let failure { throw failure }", "        if let failure { throw failure }", "ReceiptBookTests"),
    ("register: a Windows-1258 register read as UTF-8", "Sources/TuyenGiaoIO/Run/ReceiptBook.swift",
     "case .error: return false", "case .error: return true", "ReceiptBookTests"),
    ("json: a phase a unit has covered listed with nothing missing", "Sources/TuyenGiaoCore/Report/SummaryJSON.swift",
     "return items.isEmpty ? nil : (running[i].code, .array(items.map { .string($0) }))",
     "return (running[i].code, .array(items.map { .string($0) }))", "jsonListsPerUnit"),
    ("json: a unit's missing items taken from the next unit's entry", "Sources/TuyenGiaoCore/Report/SummaryJSON.swift",
     "let items = running[i].missingByUnit[Int(k)].missing",
     "let items = running[i].missingByUnit[min(Int(k) + 1, running[i].missingByUnit.count - 1)].missing", "jsonListsPerUnit"),
    ("json lean: a unit's month written out of the order unit_month names", "Sources/TuyenGiaoCore/Report/SummaryJSON.swift",
     "[.int(u.month.activities), .int(u.month.participants), .int(u.month.quantity)]",
     "[.int(u.month.activities), .int(u.month.quantity), .int(u.month.participants)]", "aUnitLineLeaves"),
    ("json lean: a line without expected read as not expected", K + "SubordinateSummary.swift",
     "forKey: .expected) ?? true", "forKey: .expected) ?? false", "aUnitLineLeaves"),
    ("json lean: an older summary's month object read as nothing", K + "SubordinateSummary.swift",
     "month = try c.decode(Counts.self, forKey: .month)", "month = Counts(Measures())", "ConsolidationTests"),
    ("bytes: a short piece's last byte not copied", X + "ByteBuffer.swift",
     "for k in 0..<bytes.count { base[count &+ k] = from[k] }",
     "for k in 0..<bytes.count - 1 { base[count &+ k] = from[k] }", "XMLBytesTests"),
    ("bytes: growing loses the last byte written", X + "ByteBuffer.swift",
     "fresh.initialize(from: base, count: count)", "fresh.initialize(from: base, count: count - 1)", "XMLBytesTests"),
    ("bytes: a less-than sign not escaped", X + "XMLBytes.swift",
     "1 << 0x26 | 1 << 0x3C | 1 << 0x3E", "1 << 0x26 | 1 << 0x3E", "XMLBytesTests"),
    ("bytes: a number's exponent written in lower case", X + "XMLBytes.swift",
     "out.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)", "out.append(b)", "XMLBytesTests"),
    ("bytes: an archive entry's name one byte short", X + "ZipBuilder.swift",
     "w.put16(UInt16(nameBytes.count)); w.put16(0)", "w.put16(UInt16(nameBytes.count - 1)); w.put16(0)", "FixedHuffmanDeflateTests|SmallWorkbookTwinTests"),
    ("fingerprint: a pair of numbers counted as three", "Sources/TuyenGiaoIO/Render/WorkbookFingerprint.swift",
     "mutating func put(_ a: Int, _ b: Int) { put(byte: 2);", "mutating func put(_ a: Int, _ b: Int) { put(byte: 3);",
     "WorkbookFingerprintTests"),
    ("fingerprint: a text past the buffer's room not hashed", "Sources/TuyenGiaoIO/Render/WorkbookFingerprint.swift",
     "hash.update(bufferPointer: UnsafeRawBufferPointer(bytes))\n                    return", "return",
     "WorkbookFingerprintTests"),
    ("fingerprint: a check's title left out", "Sources/TuyenGiaoIO/Render/WorkbookFingerprint.swift",
     "putUTF8(pair.title)\n            put(byte: 1)", "put(byte: 1)", "WorkbookFingerprintTests"),
    ("feedback: a forbidden character kept in a file name", "Sources/TuyenGiaoCore/Report/UnitFeedback.swift",
     "let safe = code.utf8.contains { forbidden.utf8.contains($0) }", "let safe = code.utf8.contains { _ in false }",
     "UnitFileNameTests"),
]


def sh(cmd, cwd, log):
    with open(log, "a") as f:
        return subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT).returncode


def prepare():
    """A scratch copy of the sources, sharing nothing with the working tree. Its build folder
    stays between runs, so only the first run builds everything (a copied build folder
    does not work: Swift's module cache remembers its absolute path)."""
    os.makedirs(SCRATCH, exist_ok=True)
    shared = os.path.join(SCRATCH_ROOT, "shared")
    if not os.path.exists(shared):
        os.symlink(os.path.join(os.path.dirname(ROOT), "shared"), shared)
    for name in ["Package.swift", "Sources", "Tests", "Input", "scripts"]:
        src, dst = os.path.join(ROOT, name), os.path.join(SCRATCH, name)
        if os.path.isdir(src):
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst, symlinks=True)
        else:
            shutil.copy2(src, dst)


def stale_rows():
    """The rows whose text no longer occurs exactly once in their file: a refactoring moved the
    code they mutate, and they would report "invalid" only when someone runs them."""
    stale = []
    for name, path, old, _new, _tests in TABLE:
        count = open(os.path.join(ROOT, path), encoding="utf-8").read().count(old)
        if count != 1:
            stale.append(f"{name}: its text occurs {count} times in {path}")
    return stale


def main():
    if sys.argv[1:] == ["--check-table"]:
        # Run by `make test` (no build): every row still names code that exists.
        stale = stale_rows()
        if stale:
            sys.exit("mutate.py: rows to mend (the code they mutate moved):\n  " + "\n  ".join(stale))
        print(f"mutate.py: all {len(TABLE)} rows name code that is there (run `make mutate` to run them)")
        return
    words = [w.lower() for w in sys.argv[1:]]
    rows = [r for r in TABLE if not words or any(w in r[0].lower() for w in words)]
    prepare()
    log = os.path.join(SCRATCH, "mutate.log")
    open(log, "w").close()
    if sh(["swift", "build", "--build-tests"], SCRATCH, log) != 0:
        sys.exit(f"the unmutated tree does not build; see {log}")
    # A mutant is killed only by a test that passes without it: the unmutated tests must all pass.
    for filt in sorted({r[4] for r in rows}):
        base = subprocess.run(["swift", "test", "--skip-build", "--filter", filt], cwd=SCRATCH, capture_output=True, text=True)
        if base.returncode != 0:
            failing = sorted(set(re.findall(r"✘ Test (\w+)\(", base.stdout)))
            sys.exit(f"the unmutated tests ({filt}) fail: {', '.join(failing)}; fix them first (log: {log})")
    results = []
    for name, path, old, new, tests in rows:
        file = os.path.join(SCRATCH, path)
        text = open(file, encoding="utf-8").read()
        if text.count(old) != 1:
            results.append((name, f"invalid: the text occurs {text.count(old)} times in {path}", 0))
            continue
        t0 = time.time()
        open(file, "w", encoding="utf-8").write(text.replace(old, new))
        try:
            with open(log, "a") as f:
                f.write(f"\n=== {name}\n")
            if sh(["swift", "build", "--build-tests"], SCRATCH, log) != 0:
                verdict = "invalid: does not build"
            else:
                out = subprocess.run(["swift", "test", "--skip-build", "--filter", tests], cwd=SCRATCH,
                                     capture_output=True, text=True)
                with open(log, "a") as f:
                    f.write(out.stdout + out.stderr)
                failed = sorted(set(re.findall(r"✘ Test (\w+)\(", out.stdout)))
                verdict = ("killed by " + ", ".join(failed[:3])) if out.returncode != 0 else "SURVIVED"
        finally:
            open(file, "w", encoding="utf-8").write(text)
        results.append((name, verdict, time.time() - t0))
        print(f"{time.time() - t0:4.0f}s  {name}: {verdict}", flush=True)
    killed = sum(1 for r in results if r[1].startswith("killed"))
    print(f"\n{killed} killed, {sum(1 for r in results if r[1] == 'SURVIVED')} survived, "
          f"{sum(1 for r in results if r[1].startswith('invalid'))} invalid, of {len(results)} (log: {log})")
    sys.exit(0 if killed == len(results) else 1)


if __name__ == "__main__":
    main()
