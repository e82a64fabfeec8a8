#!/usr/bin/env python3
"""`tuyengiao summary` must give the same numbers as the reference aggregation in
../shared/bench/peers.py (DuckDB by default) on data from ../shared/bench/gen_logs.py.

Usage: python3 scripts/compare-with-peers.py path/to/tuyengiao [--rows N] [--engine duckdb|python] [--files K] [--reference]

--reference (make check-reference): the same with TUYENGIAO_REFERENCE=1 — every fast path's
plain twin — and each summary must also be byte-identical to the fast paths' own; then `run`
on the demo, both ways, must write byte-identical outputs.

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
    ap.add_argument("--reference", action="store_true")
    args = ap.parse_args()
    fast_env = {k: v for k, v in os.environ.items() if k != "TUYENGIAO_REFERENCE"}
    env = dict(fast_env, TUYENGIAO_REFERENCE="1") if args.reference else fast_env
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
            command = [binary, "summary", "--input", data, "--by", dims, "--format", "csv", "--as-of", "2021-03-31"]
            r = subprocess.run(command, capture_output=True, text=True, env=env)
            if r.returncode != 0:
                print(f"compare-with-peers: FAIL: summary --by {dims} exited {r.returncode}: {r.stderr}")
                sys.exit(1)
            if args.reference:
                fast = subprocess.run(command, capture_output=True, text=True, env=fast_env)
                if fast.stdout != r.stdout:
                    print(f"compare-with-peers: FAIL: --by {dims}: the reference paths and the fast paths differ")
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
        if args.reference:
            compare_runs(binary, tmp, fast_env, env)
    mode = " (reference paths: TUYENGIAO_REFERENCE=1, byte-identical to the fast paths)" if args.reference else ""
    print(f"compare-with-peers: OK — {args.rows} generated rows in {args.files} files{mode}")


def compare_runs(binary, tmp, fast_env, reference_env):
    """`run` on the demo, fast and reference: every output file byte for byte."""
    outs = {}
    for name, env in (("fast", fast_env), ("reference", reference_env)):
        out = os.path.join(tmp, "run-" + name)
        r = subprocess.run([binary, "run", "--input", os.path.join(ROOT, "Input"), "--output", out + "/Output",
                            "--reports", out + "/Reports", "--as-of", "2021-03-25", "--quiet"], env=env,
                           capture_output=True, text=True)
        if r.returncode not in (0, 2):
            print(f"compare-with-peers: FAIL: run ({name}) exited {r.returncode}: {r.stderr}")
            sys.exit(1)
        outs[name] = out
    files = 0
    for folder in ("Output", "Reports", "Output/don-vi"):
        def files_in(root):
            path = os.path.join(root, folder)
            return sorted(n for n in os.listdir(path) if os.path.isfile(os.path.join(path, n)))
        a, b = files_in(outs["fast"]), files_in(outs["reference"])
        if a != b:
            print(f"compare-with-peers: FAIL: run wrote {a} fast but {b} with the reference paths")
            sys.exit(1)
        for name in a:
            p1, p2 = os.path.join(outs["fast"], folder, name), os.path.join(outs["reference"], folder, name)
            same = same_workbook(p1, p2) if name.endswith(".xlsx") else open(p1, "rb").read() == open(p2, "rb").read()
            if not same:
                print(f"compare-with-peers: FAIL: run's {folder}/{name} differs between fast and reference paths")
                sys.exit(1)
            files += 1
    print(f"compare-with-peers: run on the demo: {files} output files identical (workbooks part by part), "
          "fast and reference paths")


def same_workbook(p1, p2):
    """Two .xlsx files hold the same parts with the same XML. The unit workbooks come from the small
    writer fast and from libxlsxwriter as the twin: compression differs, and libxlsxwriter adds rows'
    optional `spans` hints; nothing else may."""
    import re
    import zipfile
    with zipfile.ZipFile(p1) as z1, zipfile.ZipFile(p2) as z2:
        if sorted(z1.namelist()) != sorted(z2.namelist()):
            print(f"compare-with-peers: parts {sorted(z1.namelist())} vs {sorted(z2.namelist())}")
            return False
        for part in z1.namelist():
            x1, x2 = (re.sub(rb' spans="[0-9:]*"', b"", z.read(part)) for z in (z1, z2))
            if x1 != x2:
                at = next((i for i in range(min(len(x1), len(x2))) if x1[i] != x2[i]), min(len(x1), len(x2)))
                print(f"compare-with-peers: {part} differs at byte {at}: {x1[at-80:at+80]!r} vs {x2[at-80:at+80]!r}")
                return False
    return True


if __name__ == "__main__":
    main()
