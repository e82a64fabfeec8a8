#!/usr/bin/env python3
"""Makes the legacy-encoding fixtures of issue 3 (committed; rerun only to change them):

    python3 scripts/make-encoding-fixtures.py

For each of Windows-1258, TCVN3 (ABC) and VNI-Windows:
  - `nhat-ky_<enc>.csv`: a log for the `small` fixture plan (names with diacritics, so a
    wrong decoding cannot match), the last row rejected on purpose and without a final line
    break, ending in a toned letter (the letter iconv holds back unless flushed);
  - `bang-chu_<enc>.txt`: every Vietnamese letter the encoding has, in Unikey's order.

The encoders here do not share code or tables with the Swift decoder: Windows-1258 is
Python's cp1258 codec for the base letter plus the tone byte; TCVN3 is glibc's iconv;
VNI-Windows is the VNI-WIN table published in Unikey's converter (fcitx-unikey data.cpp),
copied below as data.
"""
import subprocess
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "Tests" / "TuyenGiaoIOTests" / "Fixtures" / "encodings"

# Unikey's order: per vowel, base, sắc, huyền, hỏi, ngã, nặng; upper then lower.
LETTERS = ("AaÁáÀàẢảÃãẠạ" "ÂâẤấẦầẨẩẪẫẬậ" "ĂăẮắẰằẲẳẴẵẶặ" "BbCcDd" "Đđ" "EeÉéÈèẺẻẼẽẸẹ" "ÊêẾếỀềỂểỄễỆệ"
           "FfGgHh" "IiÍíÌìỈỉĨĩỊị" "JjKkLlMmNn" "OoÓóÒòỎỏÕõỌọ" "ÔôỐốỒồỔổỖỗỘộ" "ƠơỚớỜờỞởỠỡỢợ"
           "PpQqRrSsTt" "UuÚúÙùỦủŨũỤụ" "ƯưỨứỪừỬửỮữỰự" "VvWwXx" "YyÝýỲỳỶỷỸỹỴỵ" "Zz")

# VNI-WIN, same order as LETTERS: low byte = base, high byte = mark (0 = none).
VNI_WIN = [
    0x0041, 0x0061, 0xd941, 0xf961, 0xd841, 0xf861, 0xdb41, 0xfb61, 0xd541, 0xf561, 0xcf41, 0xef61,
    0xc241, 0xe261, 0xc141, 0xe161, 0xc041, 0xe061, 0xc541, 0xe561, 0xc341, 0xe361, 0xc441, 0xe461,
    0xca41, 0xea61, 0xc941, 0xe961, 0xc841, 0xe861, 0xda41, 0xfa61, 0xdc41, 0xfc61, 0xcb41, 0xeb61,
    0x0042, 0x0062, 0x0043, 0x0063, 0x0044, 0x0064, 0x00d1, 0x00f1,
    0x0045, 0x0065, 0xd945, 0xf965, 0xd845, 0xf865, 0xdb45, 0xfb65, 0xd545, 0xf565, 0xcf45, 0xef65,
    0xc245, 0xe265, 0xc145, 0xe165, 0xc045, 0xe065, 0xc545, 0xe565, 0xc345, 0xe365, 0xc445, 0xe465,
    0x0046, 0x0066, 0x0047, 0x0067, 0x0048, 0x0068,
    0x0049, 0x0069, 0x00cd, 0x00ed, 0x00cc, 0x00ec, 0x00c6, 0x00e6, 0x00d3, 0x00f3, 0x00d2, 0x00f2,
    0x004a, 0x006a, 0x004b, 0x006b, 0x004c, 0x006c, 0x004d, 0x006d, 0x004e, 0x006e,
    0x004f, 0x006f, 0xd94f, 0xf96f, 0xd84f, 0xf86f, 0xdb4f, 0xfb6f, 0xd54f, 0xf56f, 0xcf4f, 0xef6f,
    0xc24f, 0xe26f, 0xc14f, 0xe16f, 0xc04f, 0xe06f, 0xc54f, 0xe56f, 0xc34f, 0xe36f, 0xc44f, 0xe46f,
    0x00d4, 0x00f4, 0xd9d4, 0xf9f4, 0xd8d4, 0xf8f4, 0xdbd4, 0xfbf4, 0xd5d4, 0xf5f4, 0xcfd4, 0xeff4,
    0x0050, 0x0070, 0x0051, 0x0071, 0x0052, 0x0072, 0x0053, 0x0073, 0x0054, 0x0074,
    0x0055, 0x0075, 0xd955, 0xf975, 0xd855, 0xf875, 0xdb55, 0xfb75, 0xd555, 0xf575, 0xcf55, 0xef75,
    0x00d6, 0x00f6, 0xd9d6, 0xf9f6, 0xd8d6, 0xf8f6, 0xdbd6, 0xfbf6, 0xd5d6, 0xf5f6, 0xcfd6, 0xeff6,
    0x0056, 0x0076, 0x0057, 0x0077, 0x0058, 0x0078,
    0x0059, 0x0079, 0xd959, 0xf979, 0xd859, 0xf879, 0xdb59, 0xfb79, 0xd559, 0xf579, 0x00ce, 0x00ee,
    0x005a, 0x007a,
]
assert len(VNI_WIN) == len(LETTERS)
VNI = {ch: bytes([w & 0xFF]) + (bytes([w >> 8]) if w >> 8 else b"") for ch, w in zip(LETTERS, VNI_WIN)}

TONES_1258 = {"\u0300": 0xCC, "\u0301": 0xEC, "\u0303": 0xDE, "\u0309": 0xD2, "\u0323": 0xF2}


def cp1258(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tone = [c for c in d if c in TONES_1258]
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES_1258))
        out += base.encode("cp1258")
        out += bytes(TONES_1258[t] for t in tone)
    return bytes(out)


def tcvn3(text):
    return subprocess.run(["iconv", "-f", "UTF-8", "-t", "TCVN5712-1"], input=text.encode(), check=True,
                          capture_output=True).stdout


def vni(text):
    return b"".join(VNI[ch] if ch in VNI else ch.encode("ascii") for ch in unicodedata.normalize("NFC", text))


LOG = (
    "Ngày,Đơn vị,Nội dung,Hình thức,Số người,Số lượng,Mô tả\n"
    "15/01/2020,Chi bộ Một,Lịch sử Đảng,Hội nghị,12,1,Học tập lịch sử Đảng của chi bộ\n"
    "10/02/2020,Chi bộ Bê,\"Đại hội chi bộ; đại hội đảng bộ\",Trực quan,0,3,\"Treo băng rôn, khẩu hiệu chào mừng đại hội\"\n"
    "05/03/2020,Đảng bộ cơ sở A,Văn kiện đại hội,Hội thảo,30,1,Hội thảo văn kiện của đảng bộ"
)

# TCVN3 has no toned capitals (offices used a separate capitals font): lower case and the
# seven capitals it has.
TCVN3_LETTERS = "".join(ch for ch in LETTERS if ch.islower() or ch in "ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐÊÔƠƯ")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, enc, letters in [("windows-1258", cp1258, LETTERS), ("tcvn3", tcvn3, TCVN3_LETTERS), ("vni", vni, LETTERS)]:
        (OUT / f"nhat-ky_{name}.csv").write_bytes(enc(LOG))
        (OUT / f"bang-chu_{name}.txt").write_bytes(enc(letters))
        (OUT / f"bang-chu_{name}.expected.txt").write_text(letters, encoding="utf-8")


if __name__ == "__main__":
    main()
