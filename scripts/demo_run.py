"""The demo run the independent checks read: `tuyengiao run` on Input/ into a temporary
folder with a fixed --as-of (2021-03-25: every month of the demo is final). Shared by
check-workbooks.py and check-documents.py."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AS_OF = "2021-03-25"
# The months the demo reports on: 2020-01 … 2021-02 (December 2019 holds two days of the
# plan and is no report of its own, see ReportedPeriods).
MONTHS = 14


def run_demo(binary, tmp, fail):
    """Runs the demo into tmp; returns the output and reports folders."""
    out, rep = os.path.join(tmp, "Output"), os.path.join(tmp, "Reports")
    r = subprocess.run([binary, "run", "--input", os.path.join(ROOT, "Input"), "--output", out,
                        "--reports", rep, "--as-of", AS_OF, "--quiet"], capture_output=True, text=True)
    if r.returncode not in (0, 2):
        fail(f"run exited {r.returncode}: {r.stderr}")
    return out, rep
