#!/usr/bin/env python3
"""Prints the byte -> Unicode tables of Sources/TuyenGiaoCore/Text/LegacyEncodingTables.swift.

Windows-1258 from Python's own codec; TCVN3 (ABC) from glibc's iconv `TCVN5712-1`, one byte at
a time (each call ends the input, so iconv flushes the letter it would otherwise hold back).
VNI-Windows has no converter anywhere; its table is written by hand in LegacyEncoding.swift.
Run: python3 scripts/make-encoding-tables.py > /tmp/tables.swift
"""
import subprocess


def tcvn(b):
    r = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-32LE"], input=bytes([b]), capture_output=True)
    if r.returncode != 0 or len(r.stdout) != 4:
        return 0xFFFD
    return int.from_bytes(r.stdout, "little")


def cp1258(b):
    s = bytes([b]).decode("cp1258", errors="replace")
    return ord(s)


def table(name, f, lo):
    values = [f(b) for b in range(lo, 0x100)]
    print(f"    /// Bytes 0x{lo:02X}...0xFF.")
    print(f"    static let {name}: [UInt32] = [")
    for i in range(0, len(values), 8):
        print("        " + ", ".join(f"0x{v:04X}" for v in values[i:i + 8]) + ",")
    print("    ]")


print("enum LegacyEncodingTables {")
table("windows1258", cp1258, 0x80)
table("tcvn3", tcvn, 0x00)
print("}")
