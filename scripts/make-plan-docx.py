#!/usr/bin/env python3
"""Saves plan documents (.txt) as Word files the way offices have them (issue 18): each line
a paragraph, and the typed list markers — "I.", "1.", "a)", "-", "+" — taken off the text
and made Word's *automatic* numbering (word/numbering.xml: upperRoman, decimal, lowerLetter,
bullets), restarting where the text restarts. What survives is only what Word shows, so a
reader that ignores numbering.xml loses the structure the drafter reads.

    python3 scripts/make-plan-docx.py OUT_DIR PLAN.txt...
    python3 scripts/make-plan-docx.py Tests/TuyenGiaoIOTests/Fixtures/plans --fixture
        (then, with LibreOffice: soffice --headless --convert-to odt --outdir … the .docx)

Needs python-docx (scripts/setup.sh --python installs it).
"""
import copy
import re
import sys
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

KINDS = [  # (regex on the line, Word format, level text, how to read the number)
    (re.compile(r"^((?:X{0,3})(?:IX|IV|V?I{0,3}))\.\s+(?=\S)"), "upperRoman", "%1.", "roman"),
    (re.compile(r"^(\d{1,2})\.\s+(?=\S)"), "decimal", "%1.", "int"),
    (re.compile(r"^([a-zđ])\)\s+(?=\S)"), "lowerLetter", "%1)", "letter"),
    (re.compile(r"^[-–•]\s+(?=\S)"), "bullet", "-", None),
    (re.compile(r"^\+\s+(?=\S)"), "bullet", "+", None),
]
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def number(kind, text):
    if kind == "roman":
        return ROMAN.get(text)
    if kind == "int":
        return int(text)
    if kind == "letter":
        return "abcdefghijklmnopqrstuvwxyz".find(text) + 1 if text != "đ" else 5
    return None


def make(txt, out):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    abstract_ids = {}

    def abstract(fmt, text):
        key = (fmt, text)
        if key not in abstract_ids:
            aid = str(100 + len(abstract_ids))
            a = OxmlElement("w:abstractNum")
            a.set(qn("w:abstractNumId"), aid)
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), "0")
            for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text)):
                e = OxmlElement(tag)
                e.set(qn("w:val"), val)
                lvl.append(e)
            a.append(lvl)
            numbering.insert(0, a)
            abstract_ids[key] = aid
        return abstract_ids[key]

    nums = {}

    def new_num(fmt, text, start):
        nid = str(200 + len(nums))
        n = OxmlElement("w:num")
        n.set(qn("w:numId"), nid)
        e = OxmlElement("w:abstractNumId")
        e.set(qn("w:val"), abstract(fmt, text))
        n.append(e)
        if start is not None:
            o = OxmlElement("w:lvlOverride")
            o.set(qn("w:ilvl"), "0")
            s = OxmlElement("w:startOverride")
            s.set(qn("w:val"), str(start))
            o.append(s)
            n.append(o)
        numbering.append(n)
        nums[nid] = True
        return nid

    current = {}  # (fmt, text) -> (numId, last number)
    table_rows = []

    def flush_table():
        # Consecutive lines written "a | b | c" are a Word table, as the schedule was drawn.
        if table_rows:
            t = d.add_table(rows=len(table_rows), cols=max(len(r) for r in table_rows))
            t.style = "Table Grid"
            for r, row in enumerate(table_rows):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
            table_rows.clear()

    for raw in Path(txt).read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if " | " in line:
            table_rows.append([c.strip() for c in line.split(" | ")])
            continue
        flush_table()
        p = d.add_paragraph()
        for rx, fmt, text, how in KINDS:
            m = rx.match(line)
            if not m:
                continue
            n = number(how, m.group(1)) if how else None
            if how and not n:
                continue
            key = (fmt, text)
            nid, last = current.get(key, (None, None))
            if how and (nid is None or n != last + 1):
                nid = new_num(fmt, text, n)
            elif nid is None:
                nid = new_num(fmt, text, None)
            current[key] = (nid, n)
            ppr = p._p.get_or_add_pPr()
            numpr = OxmlElement("w:numPr")
            for tag, val in (("w:ilvl", "0"), ("w:numId", nid)):
                e = OxmlElement(tag)
                e.set(qn("w:val"), val)
                numpr.append(e)
            ppr.append(numpr)
            line = line[m.end():]
            break
        p.add_run(line)
    flush_table()
    d.save(out)


def fixture(out):
    """The small test document (Fixtures/plans/danh-so-va-bang.docx): automatic numbering at
    three kinds and two levels, a bullet list, a phase schedule as a table, a tracked deletion
    and a page header, none of which a plain-text copy keeps as Word shows it."""
    lines = Path(out).with_suffix(".txt")
    lines.write_text("\n".join([
        "KẾ HOẠCH", "Tuyên truyền thử nghiệm",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Thứ nhất", "2. Thứ hai",
        "II. NỘI DUNG TUYÊN TRUYỀN", "1. Lịch sử Đảng", "a) Truyền thống", "b) Thành tựu",
        "- Gạch đầu dòng", "+ Ý nhỏ", "III. CÁC ĐỢT TUYÊN TRUYỀN",
    ]) + "\n", encoding="utf-8")
    make(lines, out)
    lines.unlink()
    d = docx.Document(out)
    d.sections[0].header.paragraphs[0].text = "Đầu trang không phải nội dung"
    t = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["Đợt", "Thời gian", "Nội dung"],
                             ["Đợt 1", "Từ tháng 3 đến hết tháng 5/2020", "Chào mừng đại hội"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    p = d.add_paragraph("Câu giữ lại")
    # A tracked deletion: Word keeps the deleted run in w:del, and shows it struck through.
    w_del = OxmlElement("w:del")
    w_del.set(qn("w:id"), "1")
    w_del.set(qn("w:author"), "x")
    run = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = " CHỮ ĐÃ XÓA"
    run.append(dt)
    w_del.append(run)
    p._p.append(w_del)
    d.save(out)


def main(out_dir, docs):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if docs == ["--fixture"]:
        fixture(out / "danh-so-va-bang.docx")
        return 0
    for doc in docs:
        make(doc, out / (Path(doc).stem + ".docx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
