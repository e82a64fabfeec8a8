#!/usr/bin/env python3
"""Independent check of the Word reports: python-docx (not our own reader) opens every
monthly report the demo gives, and its layout and figures are asserted: A4 portrait, margins
20/20/30/15 mm, Times New Roman 14 pt, the header block (bold issuing body, bold
"ĐẢNG CỘNG SẢN VIỆT NAM", date in italics), the title, the signature block, and the
activities and completeness figures equal to the JSON summary. With LibreOffice installed
(`soffice`), each report is also converted to PDF, which must have pages.

Usage: python3 scripts/check-documents.py path/to/tuyengiao
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import docx

from demo_run import MONTHS, run_demo
from docx.enum.text import WD_ALIGN_PARAGRAPH



def fail(msg):
    print(f"check-documents: FAIL: {msg}")
    sys.exit(1)


def vn(n):
    return f"{n:,}".replace(",", ".")


def check(path, summary):
    d = docx.Document(path)
    s = d.sections[0]
    if (round(s.page_width.mm), round(s.page_height.mm)) != (210, 297):
        fail(f"{path}: page is {s.page_width.mm} × {s.page_height.mm} mm")
    margins = [round(m.mm) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)]
    if margins != [20, 20, 30, 15]:
        fail(f"{path}: margins {margins}")
    normal = d.styles["Normal"].font
    if normal.name != "Times New Roman" or normal.size.pt != 14:
        fail(f"{path}: Normal is {normal.name} {normal.size}")
    header = d.tables[0]
    left, right = header.rows[0].cells
    issuer = [p for p in left.paragraphs if p.text.startswith("BAN THƯỜNG VỤ")]
    if not issuer or not all(r.bold for r in issuer[0].runs):
        fail(f"{path}: the issuing body is not in bold capitals")
    if right.paragraphs[0].text != "ĐẢNG CỘNG SẢN VIỆT NAM" or not right.paragraphs[0].runs[0].bold:
        fail(f"{path}: no bold ĐẢNG CỘNG SẢN VIỆT NAM at the top right")
    date = right.paragraphs[-1]
    if not date.text.startswith("Bắc Ninh, ngày") or not date.runs[0].italic:
        fail(f"{path}: place and date not in italics: {date.text!r}")
    title = [p for p in d.paragraphs if p.text == "BÁO CÁO"]
    if not title or title[0].alignment != WD_ALIGN_PARAGRAPH.CENTER or not title[0].runs[0].bold:
        fail(f"{path}: no centred bold BÁO CÁO")
    body = "\n".join(p.text for p in d.paragraphs)
    t = summary["totals"]
    want = f"tổ chức {vn(t['activities'])} hoạt động tuyên truyền với {vn(t['participants'])} lượt người"
    if want not in body:
        fail(f"{path}: the activities figure of the JSON ({want!r}) is not in the report")
    if f"{t['units_reported']}/{t['units_expected']} đơn vị" not in body:
        fail(f"{path}: completeness {t['units_reported']}/{t['units_expected']} not in the report")
    if ".csv" in body:
        fail(f"{path}: a file name in a report sent upward")
    signer = d.tables[-1].rows[0].cells[1].paragraphs[0]
    if signer.text != "T/M BAN THƯỜNG VỤ" or not signer.runs[0].bold:
        fail(f"{path}: signature block {signer.text!r}")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        out, rep = run_demo(binary, tmp, fail)
        reports = sorted(glob.glob(os.path.join(rep, "bao-cao_*.docx")))
        if len(reports) != MONTHS:
            fail(f"expected {MONTHS} Word reports, found {len(reports)}")
        for path in reports:
            month = os.path.basename(path)[len("bao-cao_"):-len(".docx")]
            with open(os.path.join(out, f"tong-hop_{month}.json"), encoding="utf-8") as f:
                check(path, json.load(f))
        rendered = ""
        if shutil.which("soffice"):
            pdf = os.path.join(tmp, "pdf")
            july = os.path.join(rep, "bao-cao_2020-07.docx")
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", pdf, july],
                           capture_output=True, timeout=180)
            made = os.path.join(pdf, "bao-cao_2020-07.pdf")
            if not os.path.exists(made) or os.path.getsize(made) < 5000:
                fail("LibreOffice did not render bao-cao_2020-07.docx")
            rendered = "; LibreOffice rendered July 2020 to PDF"
        else:
            rendered = "; LibreOffice not installed, no PDF rendering"
        print(f"check-documents: OK — {len(reports)} Word reports opened with python-docx, layout and figures agree"
              f" with the JSON{rendered}")


if __name__ == "__main__":
    main()
