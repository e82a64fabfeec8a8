#!/usr/bin/env python3
"""Levels end to end on the demo (issue 20): chi bộ → đảng bộ cơ sở → Đảng ủy Khối → Tỉnh ủy.

The demo's unit tree is split: each đảng bộ cơ sở (a unit of the Khối with units of its
own: DB01 … DB08) becomes a committee with its own workspace — the demo plan with its own
subtree as units and its own plan code — holding the logs of its chi bộ; the Khối keeps its
direct units (chi bộ cơ sở, đoàn thể) and lists each committee with `plan_code`. Every
committee runs; the Khối's clerk files their JSON summaries with `receive` (on the 15th of
the following month; one committee late on purpose) and runs; a Tỉnh ủy above it, whose only
unit is the Khối (by its plan code), files the Khối's summaries and runs too. Checked, month
by month, against one run of the whole demo over the raw logs:

  * the Khối's and the Tỉnh ủy's totals (activities, participants, quantity) equal the
    demo's, byte for byte in the JSON;
  * every phase's `coverage_units`, at both levels, equals the demo's `coverage`;
  * its `units_grassroots` equals the demo's expected units, and `units_expected` counts
    each committee once;
  * the workbook has the sheet "Cấp dưới", one row per committee (read back by openpyxl).

    python3 scripts/three_levels.py .build/release/tuyengiao [--keep DIR]
"""
import datetime
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
import yaml

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2021-12-31"
LATE = "DB03"  # files its summaries on the 25th, after the 20th due day


def run(binary, ws, *extra):
    r = subprocess.run([str(binary), "run", "--input", str(ws / "Input"), "--output", str(ws / "Output"),
                        "--reports", str(ws / "Reports"), "--as-of", AS_OF, "--quiet", *extra],
                       capture_output=True, text=True)
    assert r.returncode in (0, 2), f"run in {ws} exited {r.returncode}: {r.stderr[-2000:]}"
    return r


def unit_of(path):
    return re.match(r"[A-Za-z0-9]+", path.name).group(0).upper()


def write_plan(plan, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def copy_logs(files, ws):
    """The logs, and their lines of the receipt register (receipt dates kept)."""
    src = ROOT / "Input" / "logs"
    names = set()
    for f in files:
        rel = f.relative_to(src)
        (ws / "Input" / "logs" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(f, ws / "Input" / "logs" / rel)
        names.add(str(rel))
    lines = (ROOT / "Input" / "so-nhan.csv").read_text(encoding="utf-8-sig").splitlines()
    kept = [lines[0]] + [l for l in lines[1:] if l.split(",")[0] in names]
    (ws / "Input" / "so-nhan.csv").write_text("\ufeff" + "\n".join(kept) + "\n", encoding="utf-8")


def file_summaries(binary, tmp, sources, target, months, late=()):
    """The clerk of `target` receives each source's summary of each month, on the 15th of the
    next month (the 25th for those in `late`)."""
    for month in months:
        y, m = map(int, month.split("-"))
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        for day, group in ((15, [c for c in sources if c not in late]), (25, [c for c in sources if c in late])):
            if not group:
                continue
            staged = tmp / "inbox" / target.name / f"{month}-{day}"
            staged.mkdir(parents=True)
            files = []
            for c in group:
                f = staged / f"{c}_tong-hop_{month}.json"
                shutil.copy2(tmp / c / "Output" / f"tong-hop_{month}.json", f)
                files.append(str(f))
            r = subprocess.run([str(binary), "receive", *files, "--date", nxt.replace(day=day).isoformat(),
                                "--input", str(target / "Input"), "--output", str(target / "Output"), "--quiet"],
                               capture_output=True, text=True)
            assert r.returncode in (0, 2), f"receive exited {r.returncode}: {r.stderr[-2000:]}"


def compare(level, got_dir, demo, months, failures):
    checked = 0
    for month in months:
        want = json.loads((demo / "Output" / f"tong-hop_{month}.json").read_text(encoding="utf-8"))
        got = json.loads((got_dir / "Output" / f"tong-hop_{month}.json").read_text(encoding="utf-8"))
        for key in ("activities", "participants", "quantity"):
            if json.dumps(got["totals"][key]) != json.dumps(want["totals"][key]):
                failures.append(f"{level} {month} totals.{key}: {got['totals'][key]} != {want['totals'][key]}")
        if got["totals"]["units_grassroots"] != want["totals"]["units_expected"]:
            failures.append(f"{level} {month} units_grassroots {got['totals']['units_grassroots']} != {want['totals']['units_expected']}")
        want_phases = {p["code"]: p for p in want["phases"]}
        for p in got["phases"]:
            w = want_phases[p["code"]]
            if json.dumps(p["coverage_units"]) != json.dumps(w["coverage"]):
                failures.append(f"{level} {month} phase {p['code']}: coverage_units {p['coverage_units']} != demo coverage {w['coverage']}")
            checked += 1
    return checked


def main(binary, keep=None):
    binary = Path(binary).resolve()
    plan = yaml.safe_load((ROOT / "Input" / "plan.yaml").read_text(encoding="utf-8"))
    units = plan["units"]
    root = next(u for u in units if "parent" not in u)["code"]
    children = {}
    for u in units:
        children.setdefault(u.get("parent"), []).append(u["code"])
    committees = [c for c in children[root] if c in children]
    below = {}
    for c in committees:
        stack, tree = [c], []
        while stack:
            x = stack.pop()
            tree.append(x)
            stack.extend(children.get(x, []))
        below[c] = set(tree)
    owner = {code: c for c, tree in below.items() for code in tree}
    logs = sorted(p for p in (ROOT / "Input" / "logs").rglob("*") if p.is_file())

    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="tuyengiao-levels-"))
    if keep and tmp.exists():
        shutil.rmtree(tmp)
    try:
        # One run of the whole demo over the raw logs: the figures to meet.
        demo = tmp / "demo"
        shutil.copytree(ROOT / "Input", demo / "Input")
        run(binary, demo)

        # Each committee: the demo plan, its own subtree, its own code; its chi bộ's logs.
        for c in committees:
            ws = tmp / c
            sub = json.loads(json.dumps(plan, default=str))
            name = next(u["name"] for u in units if u["code"] == c)
            sub["plan"].update({"code": f"KH-{c}", "issuer": f"Ban Thường vụ {name}",
                                "superior": plan["plan"]["issuer"].replace("Ban Thường vụ ", ""),
                                "implements": plan["plan"]["code"]})
            sub["units"] = [dict(u) for u in units if u["code"] in below[c]]
            for u in sub["units"]:
                if u["code"] == c:
                    u.pop("parent", None)
            write_plan(sub, ws / "Input" / "plan.yaml")
            copy_logs([f for f in logs if owner.get(unit_of(f)) == c], ws)
            run(binary, ws)

        # The Khối: its direct units log; its committees report by summary.
        sup = tmp / "khoi"
        top = json.loads(json.dumps(plan, default=str))
        top["units"] = []
        for u in units:
            if u["code"] in owner and u["code"] not in committees:
                continue
            u = dict(u)
            if u["code"] in committees:
                u["plan_code"] = f"KH-{u['code']}"
            top["units"].append(u)
        write_plan(top, sup / "Input" / "plan.yaml")
        copy_logs([f for f in logs if unit_of(f) not in owner], sup)

        # The clerk files each month's summaries as they come in.
        months = sorted(p.stem.split("_")[1] for p in (tmp / committees[0] / "Output").glob("tong-hop_*.json"))
        file_summaries(binary, tmp, committees, sup, months, late=(LATE,))
        r = run(binary, sup)

        # A Tỉnh ủy above the Khối: its one unit reports by the Khối's summaries.
        province = tmp / "tinh"
        top_plan = json.loads(json.dumps(plan, default=str))
        top_plan["plan"].update({"code": "KH-TU", "issuer": "Ban Thường vụ Tỉnh ủy Bắc Ninh", "superior": "Ban Chấp hành Trung ương"})
        top_plan["units"] = [{"code": "TINH", "name": "Đảng bộ tỉnh Bắc Ninh"},
                             {"code": "DUK", "name": plan["plan"]["issuer"].replace("Ban Thường vụ ", ""), "parent": "TINH",
                              "plan_code": plan["plan"]["code"]}]
        write_plan(top_plan, province / "Input" / "plan.yaml")
        (province / "Input" / "logs").mkdir(parents=True)
        file_summaries(binary, tmp, ["khoi"], province, months)
        run(binary, province)

        failures = []
        checked = compare("Khối", sup, demo, months, failures)
        checked += compare("Tỉnh ủy", province, demo, months, failures)
        for month in months:
            got = json.loads((sup / "Output" / f"tong-hop_{month}.json").read_text(encoding="utf-8"))
            direct = sum(1 for u in top["units"] if u["code"] not in children or u["code"] in committees)
            if got["totals"]["units_expected"] != direct:
                failures.append(f"{month} units_expected {got['totals']['units_expected']} != {direct}")
            subs = {s["code"]: s for s in got.get("subordinates", [])}
            if set(subs) != set(committees):
                failures.append(f"{month} subordinates {sorted(subs)} != {committees}")
        wb = openpyxl.load_workbook(sup / "Output" / f"tong-hop_{months[-1]}.xlsx", read_only=True)
        if "Cấp dưới" not in wb.sheetnames:
            failures.append(f"no sheet 'Cấp dưới' in {wb.sheetnames}")
        else:
            rows = [r for r in wb["Cấp dưới"].iter_rows(values_only=True)]
            codes = [r[0] for r in rows if r and r[0] in committees]
            if codes != committees:
                failures.append(f"'Cấp dưới' rows {codes} != {committees}")
        if failures:
            print("levels: FAILED\n  " + "\n  ".join(failures[:40]))
            return 1
        print(f"levels: {len(committees)} committees + {len(top['units']) - len(committees) - 1} direct units under the Khối, "
              f"the Khối under a Tỉnh ủy, {len(months)} months: both levels' totals equal the demo's, "
              f"{checked} phase-months' coverage_units equal its coverage")
        return 0
    finally:
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = args[i + 1]
        del args[i:i + 2]
    sys.exit(main(args[0], keep))
