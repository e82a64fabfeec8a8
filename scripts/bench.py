#!/usr/bin/env python3
"""`make bench`: tuyengiao against DuckDB, Polars and pandas on the same data, in one run.

    python3 scripts/bench.py [--sizes 1000000,10000000] [--files 1,600] [--data DIR] [--engines duckdb,polars,pandas]
                             [--repeat 3]

For every size and file count: generates the logs with ../shared/bench/gen_logs.py (kept in
DIR, default /tmp/tuyengiao-bench, never in the repository; reused when present), reads
them once into the page cache, then times under /usr/bin/time -v (best wall time of --repeat runs,
default 3, for every engine alike):
  - tuyengiao summary --by phase,unit,item (table A), phase,form (B), phase,unit (C);
  - tuyengiao run (every month of the input: workbooks, reports, JSON, register);
  - ../shared/bench/peers.py ENGINE for each engine (A, B and C in one process);
  - .build/release/bench-ingest on the one-file data: the ingest path stage by stage on one
    thread (read, UTF-8 check, CSV parse, interpret, summary), for MB/s per core.
Checks that every engine's A, B, C equal tuyengiao's (headers renamed, byte for byte) and
prints a table of wall time, peak memory, MB/s and the ratio of tuyengiao to each peer.
The ratio compares like with like: tuyengiao's three summaries together against the
peer's one process that computes the three tables.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(os.path.dirname(ROOT), "shared", "bench")
BINARY = os.path.join(ROOT, ".build", "release", "tuyengiao")
STAGES = os.path.join(ROOT, ".build", "release", "bench-ingest")
AS_OF = "2021-03-31"
TABLES = {
    "A": ("phase,unit,item", "phase,don_vi,item,activities,participants,quantity", None),
    "B": ("phase,form", "phase,hinh_thuc,activities,participants,quantity", None),
    "C": ("phase,unit", "phase,don_vi,covered,required,coverage", [0, 1, 5, 6, 7]),
}


REPEAT = 3


def timed(cmd, stdout_path=None, before=None):
    """Runs cmd under /usr/bin/time -v REPEAT times (calling before() ahead of each run);
    returns (best wall seconds, highest peak MB). The best of a few runs, for every engine
    alike: a shared virtual machine adds noise that only ever makes a run slower."""
    best, peak = None, 0.0
    for _ in range(REPEAT):
        if before:
            before()
        out = open(stdout_path, "w") if stdout_path else subprocess.DEVNULL
        try:
            r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=out, stderr=subprocess.PIPE, text=True)
        finally:
            if stdout_path:
                out.close()
        if r.returncode not in (0, 2):  # tuyengiao run exits 2 when rows were rejected
            sys.exit(f"bench: {' '.join(cmd)} exited {r.returncode}:\n{r.stderr[-2000:]}")
        wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
        h, m, sec = wall.groups()
        seconds = int(h or 0) * 3600 + int(m) * 60 + float(sec)
        peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
        best = seconds if best is None else min(best, seconds)
        peak = max(peak, peak_kb / 1024)
    return best, peak


def generate(data, rows, files):
    if os.path.exists(os.path.join(data, "plan.yaml")):
        return
    print(f"generating {rows:,} rows in {files} file(s) → {data}", flush=True)
    subprocess.run([sys.executable, os.path.join(BENCH, "gen_logs.py"), "--rows", str(rows), "--out", data,
                    "--files", str(files)], check=True, stdout=subprocess.DEVNULL)


def size_mb(data):
    logs = os.path.join(data, "logs")
    return sum(os.path.getsize(os.path.join(logs, f)) for f in os.listdir(logs)) / 1e6


def warm(data):
    logs = os.path.join(data, "logs")
    for f in sorted(os.listdir(logs)):
        with open(os.path.join(logs, f), "rb") as fh:
            while fh.read(1 << 24):
                pass


def ours(data, tmp):
    out = os.path.join(tmp, "tuyengiao")
    os.makedirs(out, exist_ok=True)
    results = {}
    for name, (dims, header, cols) in TABLES.items():
        raw = os.path.join(tmp, f"raw-{name}.csv")
        results[name] = timed([BINARY, "summary", "--input", data, "--by", dims, "--format", "csv",
                               "--as-of", AS_OF, "--quiet"], stdout_path=raw)
        with open(raw, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        if cols:
            lines = [",".join(line.split(",")[i] for i in cols) for line in lines]
        with open(os.path.join(out, f"{name}.csv"), "w", encoding="utf-8") as fh:
            fh.write("\n".join([header] + lines[1:]) + "\n")
    work = os.path.join(tmp, "run")

    def fresh():  # every run writes all its files, as a first run of the month does
        for d in ("Output", "Reports"):
            shutil.rmtree(os.path.join(work, d), ignore_errors=True)

    results["run"] = timed([BINARY, "run", "--input", data, "--output", os.path.join(work, "Output"),
                            "--reports", os.path.join(work, "Reports"), "--as-of", AS_OF, "--quiet"], before=fresh)
    return out, results


def agree(a, b):
    for name in TABLES:
        with open(os.path.join(a, f"{name}.csv"), "rb") as x, open(os.path.join(b, f"{name}.csv"), "rb") as y:
            if x.read() != y.read():
                return f"{name}.csv differs"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000000,10000000")
    ap.add_argument("--files", default="1,600")
    ap.add_argument("--data", default=os.environ.get("BENCH_DATA", "/tmp/tuyengiao-bench"))
    ap.add_argument("--engines", default="duckdb,polars,pandas")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="runs per command; the best wall time counts")
    args = ap.parse_args()
    globals()["REPEAT"] = max(args.repeat, 1)
    if not os.path.isdir(BENCH):
        sys.exit(f"bench: {BENCH} not found (shared/ must sit beside the repository)")
    if not os.access(BINARY, os.X_OK):
        sys.exit("bench: build first (swift build -c release)")
    engines = [e for e in args.engines.split(",") if e]
    table = []
    failures = []
    for rows in [int(x) for x in args.sizes.split(",")]:
        for files in [int(x) for x in args.files.split(",")]:
            data = os.path.join(args.data, f"{rows}-{files}")
            generate(data, rows, files)
            mb = size_mb(data)
            warm(data)
            label = f"{rows / 1e6:g}M rows, {files} file{'s' if files > 1 else ''} ({mb:,.0f} MB)"
            print(f"== {label}", flush=True)
            with tempfile.TemporaryDirectory() as tmp:
                our_out, r = ours(data, tmp)
                summaries = sum(r[n][0] for n in TABLES)
                peak = max(r[n][1] for n in TABLES)
                for name, (dims, _, _) in TABLES.items():
                    table.append((label, f"tuyengiao summary {dims}", r[name][0], r[name][1], mb / r[name][0], ""))
                table.append((label, "tuyengiao summary ×3 (A+B+C)", summaries, peak, mb / summaries, ""))
                table.append((label, "tuyengiao run (all months)", r["run"][0], r["run"][1], mb / r["run"][0],
                              f"run/summary A = {r['run'][0] / r['A'][0]:.2f}"))
                for engine in engines:
                    out = os.path.join(tmp, engine)
                    seconds, peak_mb = timed([sys.executable, os.path.join(BENCH, "peers.py"), engine, data, out])
                    diff = agree(our_out, out)
                    if diff:
                        failures.append(f"{label}: {engine}: {diff}")
                    table.append((label, f"{engine} (A+B+C)", seconds, peak_mb, mb / seconds,
                                  f"tuyengiao ×3 / {engine} = {summaries / seconds:.2f}; A alone = {r['A'][0] / seconds:.2f}"
                                  + ("" if not diff else f"; DISAGREES: {diff}")))
    print()
    print("| data | command | wall s | peak MB | MB/s | ratio |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for label, cmd, seconds, peak_mb, speed, note in table:
        print(f"| {label} | {cmd} | {seconds:.2f} | {peak_mb:,.0f} | {speed:,.0f} | {note} |")
    print()
    if failures:
        print("bench: FAIL: engines disagree:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"bench: all engines agree with tuyengiao ({', '.join(engines)}).")
    # The parse path per core: the ingest stages on one thread (bench-ingest), for the
    # one-file data sets.
    if os.access(STAGES, os.X_OK):
        for rows in [int(x) for x in args.sizes.split(",")]:
            data = os.path.join(args.data, f"{rows}-1")
            if os.path.exists(os.path.join(data, "plan.yaml")):
                print()
                print(f"== ingest stages, {rows / 1e6:g}M rows, one file, one thread", flush=True)
                subprocess.run([STAGES, data, "--repeat", str(REPEAT), "--as-of", AS_OF], check=True)


if __name__ == "__main__":
    main()
