"""Cut the bundled Chinese font from Debian's Noto Sans CJK SC.

    python build_scripts/subset_font.py            # writes resources/fonts/*.otf

Needs ``fonttools`` (pip), ``fonts-noto-cjk`` and ``unicode-data`` (apt). The character set:
GB2312 (all 7,445 characters: hanzi, punctuation, symbols) and the whole 通用规范汉字表
(8,105 characters, levels 1-3; level 3 is the one for personal and place names, e.g. 镕 堃),
read from Unihan's kTGH field, plus ASCII, Latin-1, general punctuation, CJK symbols and
full-width forms. Layout features are kept. CJK compatibility and Kangxi radical code points
are left out on purpose: Noto CJK maps them to the same glyphs as the unified ideographs,
and a PDF writer that reads the cmap backwards would then write ⽤ for 用 into the text layer.

Layout: the features Qt applies to horizontal text are kept (``HORIZONTAL_FEATURES``), with the lookups of the
default and Simplified Chinese language systems only. Noto CJK's Japanese, Korean and Traditional Chinese forms
(``locl`` for JAN, KOR, ZHT, ZHH), vertical forms and alternates (aalt, vert, fwid, ruby …) were 7,500 more glyphs,
46% of each file; the window, the sheet and the PDF draw every character of the set pixel for pixel as before, in a
Chinese and in the C locale.

The subset is renamed "Yibao Sans SC" (OFL 1.1 lets a modified version take another name)
so that Qt never confuses it with a system Noto Sans CJK SC.
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
OUT_DIR = Path(__file__).resolve().parents[1] / "resources" / "fonts"
FAMILY = "Yibao Sans SC"
PS_FAMILY = "YibaoSansSC"
SC_INDEX = 2  # font number of "Noto Sans CJK SC" in NotoSansCJK-*.ttc
WEIGHTS = {"Regular": "NotoSansCJK-Regular.ttc", "Bold": "NotoSansCJK-Bold.ttc"}
EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 (¥ × ÷ ·)
    (0x2000, 0x206F),  # general punctuation (— ‘’ “” … ‰)
    (0x2100, 0x218F),  # letter-like symbols, Roman numerals (№ ℃ Ⅳ)
    (0x2190, 0x21FF),  # arrows
    (0x2212, 0x2212),  # minus sign, used in the printed arithmetic
    (0x2460, 0x24FF),  # circled numbers
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes (□ ■ ○ ●)
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0xFF00, 0xFFEF),  # full-width forms
]


# Qt (HarfBuzz) applies these to horizontal text; the rest (aalt, dlig, fwid, hwid, pwid, ruby, hist, vert, vrt2,
# vjmo) only when asked for, which this app never does.
HORIZONTAL_FEATURES = ["ccmp", "liga", "locl", "kern", "mark", "mkmk", "palt", "halt", "vkrn", "vpal", "vhal"]
OTHER_LANGUAGES = {"JAN ", "KOR ", "ZHH ", "ZHT "}  # OpenType language systems whose forms are left out


def gb2312() -> set[str]:
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def tongyong_guifan() -> set[str]:
    """The 8,105 characters of 通用规范汉字表 (2013), from Unihan's kTGH field."""
    chars = set()
    with bz2.open(UNIHAN, "rt", encoding="utf-8") as lines:
        for line in lines:
            if "\tkTGH\t" in line:
                chars.add(chr(int(line.split("\t", 1)[0][2:], 16)))
    if len(chars) != 8105:
        raise SystemExit(f"{UNIHAN}: expected 8105 kTGH characters, found {len(chars)}")
    return chars


def character_set() -> list[int]:
    codes = {ord(c) for c in gb2312() | tongyong_guifan()}
    for first, last in EXTRA_RANGES:
        codes.update(range(first, last + 1))
    kangxi = set(range(0x2E80, 0x2FDF)) | set(range(0xF900, 0xFAFF))
    return sorted(codes - kangxi)


def rename(font: TTFont, style: str) -> None:
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    postscript = f"{PS_FAMILY}-{style}"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, text in {1: FAMILY, 2: style, 3: f"{postscript};subset", 4: full, 6: postscript}.items():
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = FAMILY


def simplified_chinese_only(font: TTFont) -> None:
    """Drop the Japanese, Korean and Traditional Chinese language systems: their ``locl`` forms go with them."""
    for tag in ("GSUB", "GPOS"):
        for record in font[tag].table.ScriptList.ScriptRecord:
            script = record.Script
            script.LangSysRecord = [lang for lang in script.LangSysRecord if lang.LangSysTag not in OTHER_LANGUAGES]
            script.LangSysCount = len(script.LangSysRecord)


def build(style: str, source: str, codes: list[int]) -> Path:
    options = subset.Options()
    options.font_number = SC_INDEX
    options.layout_features = HORIZONTAL_FEATURES
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    font = subset.load_font(str(NOTO_DIR / source), options)
    simplified_chinese_only(font)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    rename(font, style)
    out = OUT_DIR / f"{PS_FAMILY}-{style}.otf"
    font.save(str(out))
    return out


def main() -> int:
    codes = character_set()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for style, source in WEIGHTS.items():
        out = build(style, source, codes)
        print(f"{out.name}: {len(codes)} code points, {out.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
