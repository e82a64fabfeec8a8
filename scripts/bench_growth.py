#!/usr/bin/env python3
"""`make bench-growth` (and the end of `make bench`): tuyengiao along the axes a province
grows on (issue 21) — units, files, phases, months — rather than rows alone.

    python3 scripts/bench_growth.py [--axes units,files,files-only,phases,months] [--quick] [--data DIR]
                                    [--no-peer]

Every point's logs come from scripts/gen_growth.py (the row format of
../shared/bench/gen_logs.py), kept under DIR/growth (default /tmp/tuyengiao-bench/growth)
and reused. For each point, under /usr/bin/time -v, one run each (the scale runs are long):
  - `tuyengiao run` over every month (workbooks, reports, JSON, the units' workbooks),
    from empty outputs; its output bytes, and the last JSON summary's bytes per unit listed;
  - `tuyengiao summary --by phase,unit` (table C of ../shared/bench/peers.py), and DuckDB's
    table C on the same files (peers.py's own code, fed the nested logs/YYYY-MM/*.csv):
    the figures must agree byte for byte;
then prints a table of wall time, peak memory and output bytes, and each axis's growth
exponent (log of the ratio of the last point to the first over log of the axis' ratio:
1 = linear, 0 = flat).
"""
import argparse
import glob
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (timed, the binary, the peers' folder)

ROOT = bench.ROOT
GEN = os.path.join(ROOT, "scripts", "gen_growth.py")

# axis → (what grows, [(value, gen_growth arguments)])
AXES = {
    "units": ("units (20 rows a unit-month, 1 month, 5 phases)",
              [(n, ["--units", str(n), "--months", "1", "--phases", "5", "--rows-per-unit-month", "20"])
               for n in (600, 10_000, 100_000)]),
    "files": ("one-unit-month files (2 rows each)",
              [(n, ["--units", str(n), "--months", "1", "--phases", "5", "--rows-per-unit-month", "2",
                    "--files", "per-unit-month"]) for n in (600, 20_000, 100_000)]),
    # Files alone (issue 21: memory must not grow with files): 5,000 units' month of 20 rows
    # each, sent as 1, 4 or 20 files a unit.
    "files-only": ("files of a fixed 5,000 units (20 rows a unit-month, in 1, 4 or 20 files)",
                   [(5_000 * k, ["--units", "5000", "--months", "1", "--phases", "5", "--rows-per-unit-month", "20",
                                 "--files", "per-unit-month", "--files-per-unit-month", str(k)]) for k in (1, 4, 20)]),
    "phases": ("phases (10,000 units, 24 months, 2 rows a unit-month)",
               [(n, ["--units", "10000", "--months", "24", "--phases", str(n), "--rows-per-unit-month", "2"])
                for n in (5, 20)]),
    "months": ("months (1,000 units, 10 phases, 5 rows a unit-month)",
               [(n, ["--units", "1000", "--months", str(n), "--phases", "10", "--rows-per-unit-month", "5"])
                for n in (12, 60)]),
}
QUICK = {"units": [600, 10_000], "files": [600, 20_000], "files-only": [5_000, 20_000], "phases": [5, 20], "months": [12, 24]}


def as_of(months):
    """A day after the last month's due date: every period final."""
    y, m = divmod(2021 * 12 + months, 12)   # the month after the last (gen_growth starts 2021-01)
    return f"{y}-{m + 1:02d}-28"


def months_of(args):
    return int(args[args.index("--months") + 1])


def generate(data, args):
    if os.path.exists(os.path.join(data, "plan.yaml")):
        return
    print(f"generating {' '.join(args)} → {data}", flush=True)
    subprocess.run([sys.executable, GEN, "--out", data] + args, check=True, stdout=subprocess.DEVNULL)


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def log_files(data):
    return sorted(glob.glob(os.path.join(data, "logs", "**", "*.csv"), recursive=True))


def duckdb_c(data, out):
    """peers.py's DuckDB code on the nested files (its load_plan globs logs/*.csv only)."""
    code = (
        "import glob, os, sys, yaml\n"
        f"sys.path.insert(0, {bench.BENCH!r})\n"
        "import peers\n"
        f"plan = yaml.safe_load(open(os.path.join({data!r}, 'plan.yaml'), encoding='utf-8'))\n"
        "phases = [(p['code'], p['start'], p['end'], list(p['items'])) for p in plan['phases']]\n"
        f"files = sorted(glob.glob(os.path.join({data!r}, 'logs', '**', '*.csv'), recursive=True))\n"
        f"os.makedirs({out!r}, exist_ok=True)\n"
        f"peers.run_duckdb(phases, files, {out!r})\n")
    return bench.timed([sys.executable, "-c", code])


def point(data, args, tmp, peer):
    day = as_of(months_of(args))
    work = os.path.join(tmp, "run")

    def fresh():
        shutil.rmtree(work, ignore_errors=True)

    run = bench.timed([bench.BINARY, "run", "--input", data, "--output", os.path.join(work, "Output"),
                       "--reports", os.path.join(work, "Reports"), "--as-of", day, "--quiet"], before=fresh)
    out_bytes = folder_bytes(work)
    per_unit = json_bytes_per_unit(os.path.join(work, "Output"))
    raw = os.path.join(tmp, "raw-C.csv")
    summary = bench.timed([bench.BINARY, "summary", "--input", data, "--by", "phase,unit", "--format", "csv",
                           "--as-of", day, "--quiet"], stdout_path=raw)
    result = {"run": run, "summary": summary, "bytes": out_bytes, "per_unit": per_unit, "agree": None}
    if peer:
        with open(raw, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        ours = "\n".join(["phase,don_vi,covered,required,coverage"]
                         + [",".join(line.split(",")[i] for i in (0, 1, 5, 6, 7)) for line in lines[1:]]) + "\n"
        peer_out = os.path.join(tmp, "duckdb")
        result["duckdb"] = duckdb_c(data, peer_out)
        with open(os.path.join(peer_out, "C.csv"), encoding="utf-8") as fh:
            result["agree"] = fh.read() == ours
    return result


def json_bytes_per_unit(output):
    """The last month's JSON summary, its bytes over the units it lists (issue 21: aim ≤ 200)."""
    names = sorted(n for n in os.listdir(output) if n.startswith("tong-hop_") and n.endswith(".json"))
    if not names:
        return float("nan")
    path = os.path.join(output, names[-1])
    with open(path, encoding="utf-8") as fh:
        units = len(json.load(fh)["units"])
    return os.path.getsize(path) / max(units, 1)


def exponent(xs, ys):
    if len(xs) < 2 or ys[0] <= 0 or ys[-1] <= 0:
        return float("nan")
    return math.log(ys[-1] / ys[0]) / math.log(xs[-1] / xs[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--axes", default="units,files,files-only,phases,months")
    ap.add_argument("--quick", action="store_true", help="the smaller points only (minutes, not an hour)")
    ap.add_argument("--data", default=os.path.join(os.environ.get("BENCH_DATA", "/tmp/tuyengiao-bench"), "growth"))
    ap.add_argument("--no-peer", action="store_true", help="skip DuckDB")
    a = ap.parse_args()
    bench.REPEAT = 1
    if not os.access(bench.BINARY, os.X_OK):
        sys.exit("bench-growth: build first (swift build -c release)")
    rows, failures, exponents = [], [], []
    for axis in [x for x in a.axes.split(",") if x]:
        what, points = AXES[axis]
        if a.quick:
            points = [p for p in points if p[0] in QUICK[axis]]
        xs, walls, peaks, speaks = [], [], [], []
        for value, args in points:
            data = os.path.join(a.data, f"{axis}-{value}")
            generate(data, args)
            files = log_files(data)
            with tempfile.TemporaryDirectory() as tmp:
                print(f"== {axis} = {value:,} ({len(files):,} files)", flush=True)
                r = point(data, args, tmp, not a.no_peer)
            if r["agree"] is False:
                failures.append(f"{axis} = {value}: DuckDB's table C differs from tuyengiao summary")
            xs.append(value); walls.append(r["run"][0]); peaks.append(r["run"][1]); speaks.append(r["summary"][1])
            peer = r.get("duckdb")
            rows.append((axis, f"{value:,}", len(files), r["run"][0], r["run"][1], r["bytes"] / 1e6, r["per_unit"],
                         r["summary"][0], r["summary"][1],
                         f"{peer[0]:.2f} s, {peer[1]:,.0f} MB{'' if r['agree'] else ' DISAGREES'}" if peer else "—"))
        exponents.append((axis, what, exponent(xs, walls), exponent(xs, peaks), exponent(xs, speaks)))
    print()
    print("| axis | value | files | run s | run peak MB | output MB | JSON B/unit | summary s | summary peak MB | DuckDB (table C) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for axis, value, files, rs, rm, ob, pu, ss, sm, peer in rows:
        print(f"| {axis} | {value} | {files:,} | {rs:.2f} | {rm:,.0f} | {ob:,.1f} | {pu:,.0f} | {ss:.2f} | {sm:,.0f} | {peer} |")
    print()
    print("| axis | what grows | run time exponent | run memory exponent | summary memory exponent |")
    print("| --- | --- | ---: | ---: | ---: |")
    for axis, what, te, me, se in exponents:
        print(f"| {axis} | {what} | {te:.2f} | {me:.2f} | {se:.2f} |")
    if failures:
        print("\nbench-growth: FAIL:\n  " + "\n  ".join(failures))
        sys.exit(1)


if __name__ == "__main__":
    main()
