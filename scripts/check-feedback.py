#!/usr/bin/env python3
"""The units' feedback round trip (issue 17), read by an independent reader (openpyxl):
`run` on the demo writes Output/don-vi/DT03.xlsx for the unit that sent bad rows in
September 2020; its sheet "Dòng cần sửa" holds exactly those rows, in the template's
columns, with reasons; the clerk of DT03 fixes the cells in place (openpyxl here) and sends
the workbook back as it is; the next run accepts every row, every original rejection is
corrected (it leaves du-lieu-loi.csv and the unit's sheet, rows_corrected counts it) and
read = accepted + rejected + replaced still holds. Also: --as-of 2021-03-10 writes the
February 2021 reminder naming the units still missing.

    python3 scripts/check-feedback.py .build/release/tuyengiao
"""
import csv
import datetime
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent


def run(binary, work, as_of):
    r = subprocess.run([str(binary), "run", "--input", str(work / "Input"), "--output", str(work / "Output"),
                        "--reports", str(work / "Reports"), "--as-of", as_of, "--quiet"], capture_output=True, text=True)
    assert r.returncode in (0, 2), f"run exited {r.returncode}: {r.stderr}"


def main(binary):
    binary = Path(binary).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "Input", work / "Input")
        run(binary, work, "2021-03-10")

        # The reminder for February 2021 (due 20/03/2021): exactly the units the JSON says are missing.
        feb = json.loads((work / "Output" / "tong-hop_2021-02.json").read_text(encoding="utf-8"))
        missing = [u["name"] for u in feb["units"] if u.get("expected", True) and u["status"] in ("not_reported", "rejected")]
        assert missing, "the demo has units missing in February 2021"
        letter = (work / "Reports" / "don-doc_2021-02.txt").read_text(encoding="utf-8")
        assert "Kính gửi: " + "; ".join(missing) + "." in letter, letter
        with open(work / "Output" / "nhac-nho_2021-02.csv", encoding="utf-8-sig", newline="") as f:
            listed = [row["ten_don_vi"] for row in csv.DictReader(f)]
        assert listed == missing, (listed, missing)
        assert not (work / "Reports" / "don-doc_2021-01.txt").exists(), "January 2021 is final: no reminder"

        # DT03's own workbook: its seven refused rows of September 2020, with reasons.
        path = work / "Output" / "don-vi" / "DT03.xlsx"
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames[:3] == ["Tình hình", "Dòng cần sửa", "Nội dung còn thiếu"], wb.sheetnames
        ws = wb["Dòng cần sửa"]
        header = [c.value for c in ws[1]]
        assert header == ["Ngày", "Đơn vị", "Nội dung", "Hình thức", "Số người", "Số lượng", "Mô tả", "Đợt",
                          "Mã hoạt động", "Dòng gốc", "Lỗi", "Cách sửa"], header
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2) if any(c.value for c in r)]
        with open(work / "Output" / "du-lieu-loi.csv", encoding="utf-8-sig", newline="") as f:
            errors = list(csv.DictReader(f))
        assert [r[9] for r in rows] == [f"{e['file']}:{e['line']}" for e in errors], (rows, errors)
        assert len(rows) == 7 and all(r[10] and r[11] for r in rows), rows
        assert rows[4][:5] == ["17/09/2020", "DT03", "ND16", "TTM", "ba mươi"], rows[4]
        assert wb["Tình hình"]["A2"].value.startswith("Có 7 dòng cần sửa"), wb["Tình hình"]["A2"].value
        assert len(ws.data_validations.dataValidation) >= 6, "the template's drop-downs"

        # The unit fixes the cells in place and sends the same workbook back.
        fixes = {2: ("A", "30/09/2020"), 3: ("B", "DT03"), 4: ("C", "ND15"), 5: ("D", "TTM"), 6: ("E", 30), 7: ("B", "DT03")}
        for r, (col, v) in fixes.items():
            ws[f"{col}{r}"] = v
        for col, v in zip("ABCDEFG", [datetime.datetime(2020, 9, 20), "DT03", "ND17", "TTM", 25, 1, "Đã sửa dấu ngoặc kép"]):
            ws[f"{col}8"] = v
        back = work / "Input" / "logs" / "2020-10" / "DT03-gui-lai-phan-hoi.xlsx"
        wb.save(back)
        shutil.rmtree(work / "Output")
        run(binary, work, "2021-03-10")
        sep = json.loads((work / "Output" / "tong-hop_2020-09.json").read_text(encoding="utf-8"))["totals"]
        assert (sep["rows_rejected"], sep["rows_corrected"]) == (7, 7), sep
        assert sep["rows_read"] == sep["rows_accepted"] + sep["rows_rejected"] + sep["rows_replaced"], sep
        with open(work / "Output" / "du-lieu-loi.csv", encoding="utf-8-sig", newline="") as f:
            assert list(csv.DictReader(f)) == [], "every original rejection corrected"
        again = openpyxl.load_workbook(work / "Output" / "don-vi" / "DT03.xlsx")
        left = [r for r in again["Dòng cần sửa"].iter_rows(min_row=2, values_only=True) if any(r)]
        assert left == [], left
        print(f"check-feedback: DT03's 7 refused rows in its own workbook with reasons; fixed in place by openpyxl "
              f"and sent back: 7 corrected, none pending; February 2021 reminder names {len(missing)} units")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ".build/release/tuyengiao"))
