#!/usr/bin/env python3
"""The template round trip (issue 3): `tuyengiao template` writes the log template, a
spreadsheet program fills it in and saves it (openpyxl here; LibreOffice too when
`soffice` is installed: saved again as .xlsx, as .ods, LibreOffice's own format, and as
old Excel .xls), and `tuyengiao run` reads the saved workbook back. Checks the figures in
the JSON summary. Without LibreOffice, the committed LibreOffice copies of a filled template
(Fixtures/spreadsheets/, made by `--make-fixtures`) are read back instead.

    python3 scripts/check-template-roundtrip.py .build/release/tuyengiao
"""
import datetime
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "Tests" / "TuyenGiaoIOTests" / "Fixtures" / "small" / "plan.yaml"
FIXTURES = ROOT / "Tests" / "TuyenGiaoIOTests" / "Fixtures" / "spreadsheets"


def fill(template, out):
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[0] == "Nhật ký", wb.sheetnames
    lists = wb["Danh mục"]
    unit = lists["A2"].value          # "A1 - Chi bộ Một" in A1's own template
    item1, item2 = lists["B2"].value, lists["B3"].value
    form = lists["C2"].value          # "HN - Hội nghị"
    ws = wb["Nhật ký"]
    assert [c.value for c in ws[1]][:4] == ["Ngày", "Đơn vị", "Nội dung", "Hình thức"], [c.value for c in ws[1]]
    assert len(ws.data_validations.dataValidation) >= 6, "drop-downs and checks kept"
    rows = [
        (datetime.datetime(2020, 1, 15), unit, item1, form, 25, 1, "Sinh hoạt chi bộ chuyên đề", None, None),
        (datetime.datetime(2020, 2, 10), unit, f"{item2}; ND03", form, 1200, 2, "Hội nghị báo cáo viên", "P2", "A1-07"),
        (datetime.datetime(2020, 3, 5), unit, "Không có hoạt động", None, None, None, None, None, None),
    ]
    for r, values in enumerate(rows, start=2):
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
        ws.cell(row=r, column=1).number_format = "DD/MM/YYYY"
    wb.save(out)


def run_and_check(binary, work, label):
    out = work / "Output"
    r = subprocess.run([str(binary), "run", "--input", str(work / "Input"), "--output", str(out),
                        "--reports", str(work / "Reports"), "--as-of", "2020-12-31", "--quiet"],
                       capture_output=True, text=True)
    assert r.returncode == 0, f"{label}: exit {r.returncode}: {r.stderr}"
    jan = json.loads((out / "tong-hop_2020-01.json").read_text(encoding="utf-8"))
    feb = json.loads((out / "tong-hop_2020-02.json").read_text(encoding="utf-8"))
    mar = json.loads((out / "tong-hop_2020-03.json").read_text(encoding="utf-8"))
    t = jan["totals"]
    assert (t["rows_read"], t["rows_accepted"], t["rows_rejected"]) == (3, 3, 0), t
    assert (t["activities"], t["participants"]) == (1, 25), t
    assert (feb["totals"]["activities"], feb["totals"]["participants"], feb["totals"]["quantity"]) == (1, 1200, 2), feb["totals"]
    a1 = next(u for u in mar["units"] if u["code"] == "A1")
    assert a1["status"] == "nil_report", a1
    assert (mar["totals"]["activities"], mar["totals"]["units_nil_report"]) == (0, 1), mar["totals"]
    print(f"check-template-roundtrip: {label}: 3 rows read back, January 1 activity / 25 people, "
          f"February 1 activity / 1,200 people / quantity 2, March a nil report")


def main(binary, make_fixtures=False):
    binary = Path(binary).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "Input" / "logs").mkdir(parents=True)
        shutil.copy(PLAN, work / "Input" / "plan.yaml")
        r = subprocess.run([str(binary), "template", "--input", str(work / "Input"), "--unit", "A1",
                            "--out", str(work / "tpl"), "--as-of", "2020-01-01", "--quiet"], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        template = work / "tpl" / "mau-nhat-ky_A1.xlsx"
        fill(template, work / "Input" / "logs" / "A1.xlsx")
        run_and_check(binary, work, "openpyxl")

        filled = work / "filled.xlsx"
        shutil.move(str(work / "Input" / "logs" / "A1.xlsx"), filled)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        for fmt in ("xlsx", "ods", "xls"):
            for f in (work / "Input" / "logs").iterdir():
                f.unlink()
            shutil.rmtree(work / "Output", ignore_errors=True)
            if soffice:
                conv = work / "lo"
                conv.mkdir(exist_ok=True)
                subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", str(conv), str(filled)],
                               capture_output=True, check=True, timeout=180)
                made = conv / f"filled.{fmt}"
                if make_fixtures and fmt != "xlsx":
                    shutil.copy(made, FIXTURES / f"mau-nhat-ky_A1-libreoffice.{fmt}")
                shutil.move(str(made), work / "Input" / "logs" / f"A1-libreoffice.{fmt}")
                run_and_check(binary, work, f"LibreOffice .{fmt}")
            elif fmt != "xlsx":
                shutil.copy(FIXTURES / f"mau-nhat-ky_A1-libreoffice.{fmt}", work / "Input" / "logs" / f"A1-libreoffice.{fmt}")
                run_and_check(binary, work, f"LibreOffice .{fmt} (committed copy; LibreOffice not installed)")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--make-fixtures"]
    sys.exit(main(args[0] if args else ".build/release/tuyengiao", make_fixtures="--make-fixtures" in sys.argv))
