#!/usr/bin/env bash
# Installs what building and testing tuyengiao needs on Debian, only when it is missing:
# libxlsxwriter-dev and pkg-config (the C library the workbooks are written with),
# libfreexl-dev (the C library old Excel .xls logs are read with), libdeflate-dev (deflate, for the
# small workbooks written without libxlsxwriter), zlib1g-dev (ZIPFoundation's inflate), libyaml-dev (the YAML
# parser plan files are read with), poppler-utils (pdftotext,
# for plan documents that come as PDF), and the
# Python packages the checks use (openpyxl reads our workbooks independently; duckdb is the
# peer engine the summaries are compared with; python-docx reads our Word reports).
set -euo pipefail
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"
if ! pkg-config --exists xlsxwriter freexl libdeflate zlib yaml-0.1 2>/dev/null || ! command -v pdftotext >/dev/null; then
  echo "setup: installing libxlsxwriter-dev, libfreexl-dev, libdeflate-dev, zlib1g-dev, libyaml-dev, poppler-utils and pkg-config" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libxlsxwriter-dev libfreexl-dev libdeflate-dev zlib1g-dev libyaml-dev poppler-utils pkg-config >/dev/null
fi
if [ "${1:-}" = "--python" ]; then
  missing=()
  python3 -c "import yaml" 2>/dev/null || missing+=(pyyaml)
  python3 -c "import openpyxl" 2>/dev/null || missing+=(openpyxl)
  python3 -c "import duckdb" 2>/dev/null || missing+=(duckdb)
  python3 -c "import numpy" 2>/dev/null || missing+=(numpy)
  python3 -c "import docx" 2>/dev/null || missing+=(python-docx)
  if [ "${2:-}" = "--bench" ]; then
    python3 -c "import polars" 2>/dev/null || missing+=(polars)
    python3 -c "import pandas" 2>/dev/null || missing+=(pandas)
    python3 -c "import pyarrow" 2>/dev/null || missing+=(pyarrow)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: pip install ${missing[*]}" >&2
    python3 -m pip install -q "${missing[@]}"
  fi
fi
