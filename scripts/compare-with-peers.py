#!/usr/bin/env python3
"""`tuyengiao summary` must give the same numbers as the reference aggregation in
../shared/bench/peers.py (DuckDB by default) on data from ../shared/bench/gen_logs.py.

Usage: python3 scripts/compare-with-peers.py path/to/tuyengiao [--rows N] [--engine duckdb|python] [--files K]

Tables (see ../shared/bench/README.md): A = summary --by phase,unit,item; B = --by phase,form;
C = --by phase,unit (covered, required, coverage). Only the header names differ between the
two, so headers are renamed and the files must then be byte-identical.
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(os.path.dirname(ROOT), "shared", "bench")

TABLES = {
    "A": ("phase,unit,item", "phase,don_vi,item,activities,participants,quantity", None),
    "B": ("phase,form", "phase,hinh_thuc,activities,participants,quantity", None),
    "C": ("phase,unit", "phase,don_vi,covered,required,coverage", [0, 1, 5, 6, 7]),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--rows", type=int, default=50000)
    ap.add_argument("--files", type=int, default=3)
    ap.add_argument("--engine", default="duckdb")
    args = ap.parse_args()
    if not os.path.isdir(BENCH):
        print(f"compare-with-peers: FAIL: {BENCH} not found (shared/ must sit beside the repository)")
        sys.exit(1)
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        # --neglect makes coverage vary, so table C is exercised.
        subprocess.run([sys.executable, os.path.join(BENCH, "gen_logs.py"), "--rows", str(args.rows), "--out", data,
                        "--files", str(args.files), "--neglect", "0.15"], check=True, capture_output=True)
        peer = os.path.join(tmp, args.engine)
        subprocess.run([sys.executable, os.path.join(BENCH, "peers.py"), args.engine, data, peer], check=True,
                       capture_output=True)
        os.makedirs(os.path.join(tmp, "tuyengiao"))
        for name, (dims, header, cols) in TABLES.items():
            r = subprocess.run([binary, "summary", "--input", data, "--by", dims, "--format", "csv",
                                "--as-of", "2021-03-31"], capture_output=True, text=True)
            if r.returncode != 0:
                print(f"compare-with-peers: FAIL: summary --by {dims} exited {r.returncode}: {r.stderr}")
                sys.exit(1)
            lines = r.stdout.splitlines()
            if cols:
                lines = [",".join(line.split(",")[i] for i in cols) for line in lines]
            ours = "\n".join([header] + lines[1:]) + "\n"
            with open(os.path.join(tmp, "tuyengiao", f"{name}.csv"), "w", encoding="utf-8") as f:
                f.write(ours)
            with open(os.path.join(peer, f"{name}.csv"), encoding="utf-8") as f:
                theirs = f.read()
            if ours != theirs:
                a, b = ours.splitlines(), theirs.splitlines()
                first = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
                print(f"compare-with-peers: FAIL: {name}.csv differs at line {first + 1}: "
                      f"tuyengiao {a[first] if first < len(a) else '<end>'!r} vs {args.engine} {b[first] if first < len(b) else '<end>'!r}")
                sys.exit(1)
            print(f"compare-with-peers: {name}.csv identical to {args.engine} ({len(ours.splitlines()) - 1} rows, --by {dims})")
    print(f"compare-with-peers: OK — {args.rows} generated rows in {args.files} files")


if __name__ == "__main__":
    main()
