#!/usr/bin/env python3
"""Scores `tuyengiao plan draft` on the real plan documents in ../shared/plans with their
own scorer (score.py) and fails below the issue's bar (a mean of 0.95).

    python3 scripts/check-plan-drafts.py .build/release/tuyengiao
"""
import re
import subprocess
import sys
from pathlib import Path

BAR = 0.95


def main(binary):
    plans = Path(__file__).resolve().parent.parent.parent / "shared" / "plans"
    if not (plans / "score.py").exists():
        print(f"check-plan-drafts: {plans}/score.py not found", file=sys.stderr)
        return 1
    cmd = f"{Path(binary).resolve()} plan draft {{doc}} --out {{out}} --quiet"
    r = subprocess.run([sys.executable, str(plans / "score.py"), "--run", cmd, str(plans)],
                       capture_output=True, text=True)
    print(r.stdout, end="")
    m = re.search(r"mean score: ([0-9.]+) over (\d+) documents", r.stdout)
    if r.returncode != 0 or not m:
        print(f"check-plan-drafts: scorer failed: {r.stderr.strip()[-500:]}", file=sys.stderr)
        return 1
    mean, count = float(m.group(1)), int(m.group(2))
    if count == 0 or mean < BAR:
        print(f"check-plan-drafts: mean {mean:.3f} over {count} documents is below {BAR}", file=sys.stderr)
        return 1
    print(f"check-plan-drafts: OK — mean {mean:.3f} over {count} documents (bar {BAR})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ".build/release/tuyengiao"))
