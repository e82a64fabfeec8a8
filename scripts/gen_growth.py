#!/usr/bin/env python3
"""Logs for the growth benchmark (issue 21): the row format of ../shared/bench/gen_logs.py
(`ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta`, dates dd/mm/yyyy), but along the axes a province
grows on — units, files, phases, months — rather than rows alone.

    python3 scripts/gen_growth.py --out DIR --units 10000 --phases 20 --months 24 \\
        [--rows-per-unit-month 20] [--files per-unit-month|per-month] [--items 24] [--seed 1]

Writes DIR/plan.yaml (units in a tree: one root, a parent per 100 grassroots units; phases
tiling the months, overlapping by a month; each phase requiring 6 items) and DIR/logs/:
one file per unit-month (logs/YYYY-MM/CODE.csv, as offices receive them) or one per month.
Deterministic for a given seed.
"""
import argparse
import datetime as dt
import os
import random

FORMS = ["HN", "SHCB", "TQ", "CTT", "MXH", "AP", "VN", "TD"]
ACTIONS = ["Tổ chức hội nghị quán triệt", "Tuyên truyền miệng", "Treo băng rôn khẩu hiệu",
           "Đăng tải tin bài", "Sinh hoạt chuyên đề", "Phát hành tài liệu"]


def month_add(y, m, k):
    m0 = (y * 12 + m - 1) + k
    return m0 // 12, m0 % 12 + 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--units", type=int, default=600)
    ap.add_argument("--phases", type=int, default=5)
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--items", type=int, default=24)
    ap.add_argument("--files-per-unit-month", type=int, default=1,
                    help="with --files per-unit-month: each unit's month in this many files (rows dealt out)")
    ap.add_argument("--rows-per-unit-month", type=int, default=20)
    ap.add_argument("--files", choices=["per-unit-month", "per-month"], default="per-month")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    y0, m0 = 2021, 1
    months = [month_add(y0, m0, k) for k in range(a.months)]
    last = months[-1]
    end = dt.date(*month_add(*last, 1), 1) - dt.timedelta(days=1)
    os.makedirs(os.path.join(a.out, "logs"), exist_ok=True)

    # Phases tile the months, each one month longer than its share so neighbours overlap.
    phases = []
    span = a.months / a.phases
    for p in range(a.phases):
        s = month_add(y0, m0, int(p * span))
        e = month_add(y0, m0, min(a.months - 1, int((p + 1) * span)))
        start = dt.date(*s, 1)
        stop = dt.date(*month_add(*e, 1), 1) - dt.timedelta(days=1)
        items = sorted(rnd.sample(range(1, a.items + 1), min(6, a.items)))
        phases.append((f"D{p + 1}", start, stop, items))

    parents = (a.units + 99) // 100
    codes = [f"CB{i:06d}" for i in range(1, a.units + 1)]
    with open(os.path.join(a.out, "plan.yaml"), "w", encoding="utf-8") as f:
        w = f.write
        w('plan:\n  code: "99-KH/TU"\n  title: "Kế hoạch mô phỏng (tăng trưởng)"\n  issuer: "Ban Thường vụ Tỉnh ủy"\n')
        w(f'  issued: {y0}-01-01\nreporting:\n  recipient: "Ban Tuyên giáo Trung ương"\n  due_day: 20\nitems:\n')
        for i in range(1, a.items + 1):
            w(f'  - code: ND{i:02d}\n    title: "Nội dung tuyên truyền số {i}"\n')
        w("forms:\n")
        for c in FORMS:
            w(f'  - code: {c}\n    title: "Hình thức {c}"\n')
        w("phases:\n")
        for code, s, e, items in phases:
            w(f'  - code: {code}\n    title: "Đợt {code[1:]}"\n    start: {s}\n    end: {e}\n')
            w(f"    items: [{', '.join(f'ND{i:02d}' for i in items)}]\n")
        w('units:\n  - code: TU\n    name: "Đảng bộ tỉnh"\n')
        for p in range(1, parents + 1):
            w(f'  - code: DB{p:04d}\n    name: "Đảng bộ cấp trên cơ sở số {p}"\n    parent: TU\n')
        for i, c in enumerate(codes):
            w(f'  - code: {c}\n    name: "Chi bộ cơ sở số {i + 1}"\n    parent: DB{i // 100 + 1:04d}\n')

    rows = 0
    for (y, m) in months:
        days = (dt.date(*month_add(y, m, 1), 1) - dt.date(y, m, 1)).days
        folder = os.path.join(a.out, "logs", f"{y}-{m:02d}")
        os.makedirs(folder, exist_ok=True)
        month_file = None
        if a.files == "per-month":
            month_file = open(os.path.join(folder, "nhat-ky.csv"), "w", encoding="utf-8")
            month_file.write("ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta\n")
        for c in codes:
            lines = []
            for _ in range(a.rows_per_unit_month):
                d = dt.date(y, m, rnd.randint(1, days))
                items = ";".join(f"ND{i:02d}" for i in sorted(rnd.sample(range(1, a.items + 1), rnd.randint(1, 3))))
                lines.append(f"{d:%d/%m/%Y},{c},{items},{rnd.choice(FORMS)},{rnd.randint(5, 200)},{rnd.randint(1, 5)},"
                             f"{rnd.choice(ACTIONS)} tháng {m}/{y}\n")
            rows += len(lines)
            if month_file:
                month_file.writelines(lines)
            elif a.files_per_unit_month > 1:
                # A unit's month in several files (sent in pieces): files grow, units do not.
                k = a.files_per_unit_month
                for j in range(k):
                    with open(os.path.join(folder, f"{c}-{j + 1:02d}.csv"), "w", encoding="utf-8") as f:
                        f.write("ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta\n")
                        f.writelines(lines[j::k])
            else:
                with open(os.path.join(folder, f"{c}.csv"), "w", encoding="utf-8") as f:
                    f.write("ngay,don_vi,noi_dung,hinh_thuc,so_nguoi,so_luong,mo_ta\n")
                    f.writelines(lines)
        if month_file:
            month_file.close()
    print(f"gen_growth: {a.units} units, {a.phases} phases, {a.months} months, {rows} rows, "
          f"files {a.files} → {a.out} (as of {end})")


if __name__ == "__main__":
    main()
