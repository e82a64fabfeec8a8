#!/usr/bin/env python3
"""Re-makes the demo logs under Input/logs/ from Input/plan.yaml, deterministically.

Usage: python3 scripts/make-demo-logs.py [--seed 2020]

One file per unit and month (Input/logs/YYYY-MM/CODE.csv), January 2020 to February 2021,
the way units send them: most in UTF-8 with the canonical header, some with Vietnamese
headers and ';' (Excel on a Vietnamese Windows), some with a BOM and CRLF. Some units
skip months, some send "Không có hoạt động", one re-sends a corrected row with the same
id, and a handful of rows are deliberately wrong so the error path is visible.

It also writes the office's receipt register Input/so-nhan.csv (SPEC §7.5) with believable
receipt dates (a second generator, so the logs do not change with it): most files arrive
between the 2nd and the 20th of the next month, a few late by some days, the lazy units
later more often; one unit re-sends its July file corrected after the due date, so the
register holds both versions and the unit stays on time.
Needs PyYAML only.
"""
import argparse
import csv
import datetime as dt
import hashlib
import io
import os
import random
import shutil

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ACTIONS = {
    "TTDC": ["Đăng tin bài trên cổng thông tin điện tử của đơn vị", "Chia sẻ bài viết trên trang Facebook của chi bộ",
             "Cập nhật chuyên mục trên website cơ quan", "Đưa tin trên nhóm Zalo của đơn vị"],
    "TTM": ["Tổ chức hội nghị quán triệt", "Sinh hoạt chi bộ chuyên đề", "Tuyên truyền miệng tại buổi chào cờ đầu tháng",
            "Tổ chức tọa đàm", "Lồng ghép nội dung trong sinh hoạt chi bộ định kỳ", "Báo cáo viên nói chuyện thời sự"],
    "TQ": ["Treo băng rôn, khẩu hiệu tại trụ sở", "Dựng pa nô tấm lớn ở cổng cơ quan", "Trang trí khánh tiết hội trường",
           "Treo cờ Đảng, cờ Tổ quốc dọc tuyến đường nội bộ"],
    "AP": ["Phát hành tài liệu hỏi – đáp", "In và cấp phát tờ gấp tuyên truyền", "Biên soạn đề cương tuyên truyền",
           "Phát hành bản tin nội bộ"],
    "TD": ["Phát động phong trào thi đua", "Gắn biển công trình chào mừng đại hội", "Tổ chức giải bóng đá",
           "Giao lưu văn nghệ chào mừng"],
}
TOPICS = ["về đại hội đảng bộ các cấp", "chào mừng Đại hội XIII của Đảng", "kỷ niệm 90 năm Ngày thành lập Đảng",
          "về dự thảo văn kiện đại hội", "về gương người tốt, việc tốt", "về học tập và làm theo Bác",
          "chào mừng Đại hội Đảng bộ Khối lần thứ IX", "chào mừng Đại hội Đảng bộ tỉnh lần thứ XX",
          "về đấu tranh phản bác quan điểm sai trái"]
FORM_WEIGHTS = {"TTDC": 25, "TTM": 35, "TQ": 15, "AP": 10, "TD": 15}


def months():
    y, m = 2020, 1
    while (y, m) <= (2021, 2):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def days_in(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=2020)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    with open(os.path.join(ROOT, "Input", "plan.yaml"), encoding="utf-8") as f:
        plan = yaml.safe_load(f)
    units = plan["units"]
    parents = {u.get("parent") for u in units}
    leaves = [u for u in units if u["code"] not in parents]
    items = {i["code"]: i["title"] for i in plan["items"]}
    phases = [(p["code"], p["start"], p["end"], p["items"]) for p in plan["phases"]]
    forms = list(FORM_WEIGHTS)

    out = os.path.join(ROOT, "Input", "logs")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    # Each unit neglects some items for good and skips some months.
    neglect = {u["code"]: set(rnd.sample(sorted(items), 3)) for u in leaves}
    lazy = {u["code"] for u in rnd.sample(leaves, 4)}
    n_rows = 0
    files = []  # (relative path, unit, month, rows, rejected)
    for y, m in months():
        folder = os.path.join(out, f"{y:04d}-{m:02d}")
        os.makedirs(folder)
        for k, u in enumerate(leaves):
            code = u["code"]
            if rnd.random() < (0.35 if code in lazy else 0.06):
                continue  # did not report this month
            dialect = rnd.random()
            vietnamese_header = dialect < 0.2
            rows = []
            if rnd.random() < 0.05:
                rows.append([f"{days_in(y, m):02d}/{m:02d}/{y}", code, "Không có hoạt động", "", "", "", "", ""])
            else:
                for _ in range(rnd.randint(2, 9)):
                    d = dt.date(y, m, rnd.randint(1, days_in(y, m)))
                    active = [p for p in phases if p[1] <= d <= p[2]]
                    pool = sorted(set(sum((p[3] for p in active), [])) - neglect[code]) or sorted(items)
                    chosen = rnd.sample(pool, min(len(pool), rnd.choice([1, 1, 1, 2, 2, 3])))
                    form = rnd.choices(forms, weights=[FORM_WEIGHTS[f] for f in forms])[0]
                    people = {"TTDC": 0, "TQ": 0, "AP": 0}.get(form, rnd.randint(8, 160))
                    qty = {"TTDC": rnd.randint(1, 6), "TQ": rnd.randint(2, 20), "AP": rnd.randint(20, 400)}.get(form, 1)
                    desc = f"{rnd.choice(ACTIONS[form])} {rnd.choice(TOPICS)}"
                    if rnd.random() < 0.1:
                        desc += ", thu hút đông đảo đảng viên tham gia"
                    date_text = d.strftime("%d/%m/%Y") if rnd.random() < 0.9 else f"{d.day}/{d.month}/{d.year}"
                    unit_text = code if rnd.random() < 0.85 else f"{code} - {u['name']}"
                    item_text = ";".join(chosen) if rnd.random() < 0.9 else "; ".join(f"{c} - {items[c]}" for c in chosen[:1])
                    people_text = f"{people:,}".replace(",", ".") if people >= 1000 else str(people)
                    rows.append([date_text, unit_text, item_text, form, people_text, str(qty), desc,
                                 f"{code}-{y}{m:02d}-{len(rows) + 1:02d}"])
            n_rows += len(rows)
            header = (["Ngày", "Đơn vị", "Nội dung", "Hình thức", "Số người", "Số lượng", "Mô tả", "Mã hoạt động"]
                      if vietnamese_header else
                      ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta", "ma"])
            write(os.path.join(folder, f"{code}.csv"), header, rows,
                  delimiter=";" if vietnamese_header else ",",
                  bom=vietnamese_header or dialect > 0.9, crlf=vietnamese_header or dialect > 0.85)
            files.append((f"{y:04d}-{m:02d}/{code}.csv", code, (y, m), len(rows), 0, code in lazy))

    # A unit re-sends a corrected row (same id): the later file wins, the first is "replaced".
    # ("_" sorts after ".", so the correction is read after CB0101.csv.)
    write(os.path.join(out, "2020-06", "CB0101_bo-sung.csv"),
          ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta", "ma"],
          [["15/06/2020", "CB0101", "ND05;ND09", "TTM", "64", "1", "Hội nghị quán triệt (sửa số người)", "CB0101-202006-01"]])
    # Deliberately wrong rows, one kind each, beside good ones.
    write(os.path.join(out, "2020-09", "DT03-gui-lai.csv"),
          ["ngay", "don_vi", "noi_dung", "hinh_thuc", "so_nguoi", "so_luong", "mo_ta"],
          [["12/09/2020", "DT03", "ND14", "TTM", "45", "1", "Sinh hoạt chuyên đề về dự thảo văn kiện"],
           ["31/09/2020", "DT03", "ND15", "TTM", "30", "1", "Ngày không có thật"],
           ["14/09/2020", "DT09", "ND15", "TTM", "30", "1", "Mã đơn vị sai"],
           ["15/09/2020", "DT03", "ND99", "TTM", "30", "1", "Mã nội dung sai"],
           ["16/09/2020", "DT03", "ND16", "Hội thảo", "30", "1", "Hình thức không có trong kế hoạch"],
           ["17/09/2020", "DT03", "ND16", "TTM", "ba mươi", "1", "Số người viết bằng chữ"],
           ["18/09/2020", "", "ND16", "TTM", "12", "1", "Thiếu đơn vị"],
           ["19/09/2020", "DT03", "ND17", "TQ", "0", "6", "Treo băng rôn chào mừng Đại hội Đảng bộ tỉnh"]])
    with open(os.path.join(out, "2020-09", "DT03-gui-lai.csv"), "a", encoding="utf-8", newline="") as f:
        f.write('20/09/2020,DT03,ND17,TTM,25,1,"Dấu ngoặc kép mở mà không đóng\n')
        f.write("21/09/2020,DT03,ND22,TTDC,0,2,Dòng sau dòng hỏng vẫn được đọc\n")
    files.append(("2020-06/CB0101_bo-sung.csv", "CB0101", (2020, 6), 1, 0, False))
    files.append(("2020-09/DT03-gui-lai.csv", "DT03", (2020, 9), 10, 7, False))
    write_register(out, files, args.seed)
    print(f"{n_rows + 10} rows under {os.path.relpath(out, ROOT)}, {len(files)} files in Input/so-nhan.csv")


def write_register(out, files, seed):
    """Input/so-nhan.csv as an office that received these files by e-mail would have it."""
    rnd = random.Random(seed + 1)
    lines = []
    for path, unit, (y, m), rows, rejected, lazy in sorted(files, key=lambda f: f[0].encode()):
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        due = dt.date(ny, nm, 20)
        if path == "2020-06/CB0101_bo-sung.csv":
            received = dt.date(2020, 7, 24)          # a correction after the due date
        elif path == "2020-09/DT03-gui-lai.csv":
            received = dt.date(2020, 10, 16)
        elif (y, m) == (2020, 7) and unit in ("CB0201", "CB0803"):
            received = due + dt.timedelta(days=3 if unit == "CB0201" else 6)   # July: two units late
        elif rnd.random() < (0.3 if lazy else 0.06):
            received = due + dt.timedelta(days=rnd.randint(1, 9))
        elif rnd.random() < 0.08:
            received = due                            # on the due date itself: on time
        else:
            received = dt.date(ny, nm, rnd.randint(2, 19))
        with open(os.path.join(out, path), "rb") as f:
            data = f.read()
        encoding = "utf-8-bom" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        if path == "2020-06/CB0101.csv":
            rejected_or_replaced = 1                  # its row 1 is replaced by the correction
        else:
            rejected_or_replaced = rejected
        if path == "2020-07/CB0102.csv":
            # The unit sent July on time, then a corrected file under the same name after
            # the due date: both versions are in the register; the first receipt counts.
            first = data.replace(b"\n", b"\r\n") if b"\r\n" not in data else data.replace(b"\r\n", b"\n")
            lines.append([path, hashlib.sha256(first).hexdigest(), "2020-08-14", "receive", rows, rows - rejected,
                          rejected, unit, encoding, f"{y:04d}-{m:02d}"])
            received = dt.date(2020, 8, 27)
        lines.append([path, hashlib.sha256(data).hexdigest(), received.isoformat(), "receive", rows,
                      rows - rejected_or_replaced, rejected, unit, encoding, f"{y:04d}-{m:02d}"])
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "sha256", "received", "source", "rows", "accepted", "rejected", "units", "encoding", "months"])
    w.writerows(lines)
    with open(os.path.join(os.path.dirname(out), "so-nhan.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def write(path, header, rows, delimiter=",", bom=False, crlf=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
