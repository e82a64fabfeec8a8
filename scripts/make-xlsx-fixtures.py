#!/usr/bin/env python3
"""Makes the small XLSX log fixtures that other writers produce (issue 3), for the tests
of XLSX ingest. The results are committed; rerun only to change them:

    pip install openpyxl XlsxWriter && python3 scripts/make-xlsx-fixtures.py

Every workbook holds the same three activities of the `small` fixture plan, so the tests
can assert the same figures whichever program wrote the file.
"""
import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import xlsxwriter

OUT = Path(__file__).resolve().parent.parent / "Tests" / "TuyenGiaoIOTests" / "Fixtures" / "xlsx"
HEADER = ["Ngày", "Đơn vị", "Nội dung", "Hình thức", "Số người", "Số lượng", "Mô tả"]
ROWS = [
    (datetime.date(2020, 1, 15), "A1 - Chi bộ Một", "ND01", "HN - Hội nghị", 12, 1, "Sinh hoạt chuyên đề"),
    (datetime.date(2020, 2, 10), "Chi bộ Bê", "ND02; ND03", "TQ", 0, 3, "Treo băng rôn"),
    (datetime.date(2020, 3, 5), "A1", "nd04", "Hội nghị", 1200, 1, "Hội nghị báo cáo viên"),
]


def by_openpyxl():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Nhật ký"
    ws.append(HEADER)
    for r in ROWS:
        ws.append(list(r))
    for row in ws.iter_rows(min_row=2, max_col=1):
        row[0].number_format = "DD/MM/YYYY"
    wb.save(OUT / "openpyxl-nhat-ky.xlsx")


def by_xlsxwriter():
    # An instructions sheet first: the log is the first sheet whose header matches.
    wb = xlsxwriter.Workbook(str(OUT / "xlsxwriter-styled-second-sheet.xlsx"))
    guide = wb.add_worksheet("Hướng dẫn")
    guide.write(0, 0, "Điền mỗi hoạt động một dòng ở trang Nhật ký.")
    ws = wb.add_worksheet("Nhật ký")
    bold = wb.add_format({"bold": True, "bg_color": "#DCE6F1"})
    date = wb.add_format({"num_format": "dd/mm/yyyy", "italic": True})
    number = wb.add_format({"num_format": "#,##0"})
    ws.write_row(0, 0, HEADER, bold)
    for i, r in enumerate(ROWS, start=1):
        ws.write_datetime(i, 0, datetime.datetime.combine(r[0], datetime.time()), date)
        ws.write_row(i, 1, r[1:4])
        ws.write_number(i, 4, r[4], number)
        ws.write_number(i, 5, r[5])
        ws.write_string(i, 6, r[6])
    wb.close()


def cell_ref(row, col):
    return f"{chr(65 + col)}{row + 1}"


def minimal_workbook(sheet_xml, extra=None):
    """A workbook as a hand-written writer would make it: inline strings, no shared strings."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Nhật ký" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def inline_strings():
    def esc(s):
        return str(s).replace("&", "&amp;").replace("<", "&lt;")
    rows = []
    table = [HEADER] + [[(r[0] - datetime.date(1899, 12, 30)).days, *r[1:]] for r in ROWS]
    for i, r in enumerate(table):
        cells = []
        for j, v in enumerate(r):
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{cell_ref(i, j)}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{cell_ref(i, j)}" t="inlineStr"><is><t>{esc(v)}</t></is></c>')
        rows.append(f'<row r="{i + 1}">{"".join(cells)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    (OUT / "inline-strings.xlsx").write_bytes(minimal_workbook(sheet))


def external_entity():
    # A sheet that asks the reader to include /etc/hostname: it must never be resolved.
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(f'<row r="{i + 1}">' + "".join(
                 f'<c r="{cell_ref(i, j)}" t="inlineStr"><is><t>{v}</t></is></c>' for j, v in enumerate(r)) + "</row>"
                 for i, r in enumerate([["ngay", "don_vi", "noi_dung", "hinh_thuc", "mo_ta"],
                                        ["15/01/2020", "A1", "ND01", "HN", "&xxe;"]]))
             + "</sheetData></worksheet>")
    (OUT / "external-entity.xlsx").write_bytes(minimal_workbook(sheet))


def zip_bomb():
    # 3 MB of spaces inside a valid sheet compress about 1000:1: refused by the 100:1 rule.
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             + " " * (3 << 20) + "<sheetData/></worksheet>")
    (OUT / "zip-bomb-ratio.xlsx").write_bytes(minimal_workbook(sheet))


def fuzz_findings():
    """Inputs scripts/fuzz.sh found (reduced by hand), each refused as a file, never a crash or a hang.
    (fuzz-endless-inflate.xlsx, a damaged deflate stream, is the fuzzer's own file, committed as found.)"""
    def sheet(cells):
        return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<sheetData><row r="1">{cells}</row></sheetData></worksheet>')
    header = "".join(f'<c r="{cell_ref(0, j)}" t="inlineStr"><is><t>{v}</t></is></c>'
                     for j, v in enumerate(["ngay", "don_vi", "noi_dung", "hinh_thuc"]))
    # A cell a billion rows down: padding the rows out to it took the reader down.
    (OUT / "fuzz-far-cell.xlsx").write_bytes(minimal_workbook(sheet(header + '<c r="A999999999"><v>1</v></c>')))
    # A column reference long enough to overflow an integer.
    (OUT / "fuzz-long-reference.xlsx").write_bytes(minimal_workbook(sheet(header + '<c r="' + "Z" * 40 + '1"><v>1</v></c>')))
    # A shared-string index below zero.
    (OUT / "fuzz-negative-shared-string.xlsx").write_bytes(minimal_workbook(
        sheet(header + '<c r="E1" t="s"><v>-1</v></c>'),
        {"xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                                 'spreadsheetml/2006/main"><si><t>x</t></si></sst>'}))
    # An element name that is not UTF-8 (Foundation's XMLParser traps on it).
    raw = sheet(header).encode().replace(b"<sheetData>", b"<sheetData><calc\xe1 x=\"1\"/>")
    (OUT / "fuzz-non-utf8-name.xlsx").write_bytes(minimal_workbook(raw))


def by_libreoffice():
    """The openpyxl log saved by LibreOffice as .ods (its own format) and as old Excel .xls,
    into Fixtures/spreadsheets/ (issue 16). Needs `soffice` (Debian: libreoffice-calc)."""
    import shutil
    import subprocess
    import tempfile
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("make-xlsx-fixtures: LibreOffice not installed; .ods and .xls fixtures left as they are")
        return
    dest = OUT.parent / "spreadsheets"
    dest.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "nhat-ky-libreoffice.xlsx"
        shutil.copy(OUT / "openpyxl-nhat-ky.xlsx", source)
        for fmt in ("ods", "xls"):
            subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", tmp, str(source)],
                           check=True, capture_output=True, timeout=180)
            shutil.copy(Path(tmp) / f"nhat-ky-libreoffice.{fmt}", dest)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    by_openpyxl()
    by_xlsxwriter()
    by_libreoffice()
    inline_strings()
    external_entity()
    zip_bomb()
    fuzz_findings()
    for p in sorted(OUT.glob("*.xlsx")):
        print(f"{p.name}: {p.stat().st_size} bytes")
