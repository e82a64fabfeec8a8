#!/usr/bin/env python3
"""Independent check of the monthly workbooks: openpyxl (not our own reader) opens the demo's
workbooks and the figures are compared with the JSON summary and with totals recomputed
here from the raw demo logs.

Usage: python3 scripts/check-workbooks.py path/to/tuyengiao
Runs `tuyengiao run` on Input/ into a temporary folder with a fixed --as-of.
"""
import csv
import glob
import json
import os
import sys
import tempfile

import openpyxl

from demo_run import MONTHS, run_demo

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHEETS = ["Tổng hợp", "Đơn vị", "Nội dung", "Hình thức", "Theo tháng", "Chưa báo cáo", "Dữ liệu lỗi"]


def fail(msg):
    print(f"check-workbooks: FAIL: {msg}")
    sys.exit(1)


def raw_rows():
    """Every data row of the demo CSVs as Python's csv module reads them."""
    for path in glob.glob(os.path.join(ROOT, "Input", "logs", "**", "*.csv"), recursive=True):
        with open(path, encoding="utf-8-sig", newline="") as f:
            text = f.read()
        dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        for row in csv.reader(text.splitlines(), delimiter=dialect):
            if not row or row[0] in ("ngay", "Ngày"):
                continue
            yield os.path.relpath(path, os.path.join(ROOT, "Input", "logs")), row


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        out, rep = run_demo(binary, tmp, fail)
        books = sorted(glob.glob(os.path.join(out, "tong-hop_*.xlsx")))
        if len(books) != MONTHS:
            fail(f"expected {MONTHS} monthly workbooks (2020-01 … 2021-02), found {len(books)}")
        total_cells = 0
        for book in books:
            month = os.path.basename(book)[len("tong-hop_"):-len(".xlsx")]
            with open(book[:-5] + ".json", encoding="utf-8") as f:
                summary = json.load(f)
            wb = openpyxl.load_workbook(book)
            names = wb.sheetnames
            active = [p["code"] for p in summary["phases"] if p["active"]]
            expected = ["Tổng hợp"] + [f"Bao phủ {c}" for c in active] + SHEETS[1:]
            if names != expected:
                fail(f"{month}: sheets {names} != {expected}")
            ws = wb["Tổng hợp"]
            label = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
            t = summary["totals"]
            for text, key, col in [("Số hoạt động", "activities", 2), ("Số lượt người tham dự", "participants", 2),
                                   ("Đơn vị phải báo cáo", "units_expected", 2), ("Đơn vị đã báo cáo", "units_reported", 2)]:
                v = ws.cell(label[text], col).value
                if v != t[key]:
                    fail(f"{month}: Tổng hợp '{text}' = {v}, JSON {key} = {t[key]}")
                total_cells += 1
            if ws.cell(label["Số hoạt động"], 2).number_format != "#,##0":
                fail(f"{month}: activities not formatted #,##0")
            if abs(ws.cell(label["Tỷ lệ đơn vị báo cáo"], 2).value - t["completeness"]) > 5e-5:
                fail(f"{month}: completeness differs")
            # Coverage sheets: the root row's rate equals the phase coverage in the JSON.
            for p in summary["phases"]:
                if not p["active"]:
                    continue
                cs = wb[f"Bao phủ {p['code']}"]
                header = next(r for r in range(1, cs.max_row + 1) if cs.cell(r, 1).value == "Mã")
                root = next(r for r in range(header + 1, cs.max_row + 1) if cs.cell(r, 1).value == "DBK")
                rate_col = 2 + len(p["required"]) + 3
                if abs(cs.cell(root, rate_col).value - p["coverage"]) > 5e-5:
                    fail(f"{month}: Bao phủ {p['code']} root coverage {cs.cell(root, rate_col).value} != {p['coverage']}")
                if cs.freeze_panes is None or cs.auto_filter.ref is None:
                    fail(f"{month}: Bao phủ {p['code']} lacks frozen header or autofilter")
                total_cells += 1
            # Đơn vị: the root's monthly activities equal the total.
            us = wb["Đơn vị"]
            root = next(r for r in range(2, us.max_row + 1) if us.cell(r, 1).value == "DBK")
            if us.cell(root, 8).value != t["activities"]:
                fail(f"{month}: Đơn vị root activities {us.cell(root, 8).value} != {t['activities']}")
            # Chưa báo cáo lists exactly the units the JSON says did not report.
            missing_json = sorted(u["code"] for u in summary["units"] if u.get("expected", True) and u["status"] == "not_reported")
            ms = wb["Chưa báo cáo"]
            missing_xlsx = sorted(ms.cell(r, 1).value for r in range(2, ms.max_row + 1) if ms.cell(r, 1).value)
            if missing_json != missing_xlsx:
                fail(f"{month}: Chưa báo cáo {missing_xlsx} != {missing_json}")
            total_cells += 2
        # Raw cross-check: rows per month in the demo CSVs (good and bad) ≥ activities counted,
        # and the run's whole-input totals balance.
        t = summary["totals"]
        if t["rows_read"] != t["rows_accepted"] + t["rows_rejected"] + t["rows_replaced"]:
            fail("rows_read != accepted + rejected + replaced")
        n_raw = sum(1 for _ in raw_rows())
        if n_raw < t["rows_read"] - 2 or n_raw > t["rows_read"]:
            fail(f"python's csv module sees {n_raw} data rows, tuyengiao read {t['rows_read']}")
        print(f"check-workbooks: OK — {len(books)} workbooks opened with openpyxl, {total_cells} figures agree "
              f"with the JSON; {t['rows_read']} rows read = {t['rows_accepted']} + {t['rows_rejected']} + {t['rows_replaced']}")


if __name__ == "__main__":
    main()
