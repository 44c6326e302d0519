"""The bundled font: wide enough for names, no Kangxi code points, loads once, both weights."""

from __future__ import annotations

import contextlib

import pytest
from fontTools.ttLib import TTFont

from yibao.fonts import FAMILY, FILES, install_fonts
from yibao.resources import resource_path


def gb2312() -> set[str]:
    chars = set()
    for lead in range(0xB0, 0xF8):  # the hanzi rows
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("gb2312"))
    return chars


@pytest.fixture(scope="module", params=FILES)
def cmap(request: pytest.FixtureRequest) -> dict[int, str]:
    best: dict[int, str] = TTFont(resource_path("fonts", request.param), lazy=True).getBestCmap()
    return best


def test_covers_gb2312_and_names_outside_it(cmap: dict[int, str]) -> None:
    hanzi = gb2312()
    assert len(hanzi) == 6763
    assert not [c for c in hanzi if ord(c) not in cmap]
    for name_char in "镕堃玥昇犇淼喆甦珺赟":  # 通用规范汉字表 characters common in names, several outside GB2312
        assert ord(name_char) in cmap, name_char
    hanzi_ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF))
    # GB2312's 6,763 together with the 8,105 of 通用规范汉字表 (levels 1-3): 8,230 distinct hanzi
    assert sum(1 for code in cmap if any(lo <= code <= hi for lo, hi in hanzi_ranges)) == 8230
    for symbol in "¥×−÷%（）〔〕《》【】“”、，。：；—①":
        assert ord(symbol) in cmap, symbol


def test_no_kangxi_or_compatibility_code_points(cmap: dict[int, str]) -> None:
    assert not [hex(c) for c in cmap if 0x2E80 <= c <= 0x2FDF or 0xF900 <= c <= 0xFAFF]


def test_layout_features_and_licence_ship_with_it() -> None:
    for name in FILES:
        font = TTFont(resource_path("fonts", name), lazy=True)
        assert "GSUB" in font and "GPOS" in font
        assert font["name"].getDebugName(1) == FAMILY
        assert resource_path("fonts", name).stat().st_size < 2_600_000
    licence = resource_path("fonts", "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence


def test_only_the_simplified_chinese_horizontal_forms_are_kept() -> None:
    """Noto CJK's Japanese, Korean and Traditional Chinese forms (``locl``), vertical forms and alternates were 7,500
    glyphs beyond the characters' own, 46% of each file, drawn by nothing this app shows (build_scripts/subset_font.py)."""
    for name in FILES:
        font = TTFont(resource_path("fonts", name))
        assert len(font.getGlyphOrder()) < len(font.getBestCmap()) + 100  # a few ccmp/liga forms and .notdef
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"ccmp", "locl"} <= features and not features & {"aalt", "vert", "fwid", "ruby"}
        languages = {lang.LangSysTag.strip() for record in font["GSUB"].table.ScriptList.ScriptRecord
                     for lang in record.Script.LangSysRecord}
        assert languages == {"ZHS"}


def test_install_fonts_registers_both_weights_once(qapp: object) -> None:
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

    assert install_fonts() == FAMILY
    assert install_fonts() == FAMILY
    assert FAMILY in QFontDatabase.families()
    assert {"Regular", "Bold"} <= set(QFontDatabase.styles(FAMILY))
    font = QFont(FAMILY)
    font.setPointSizeF(10)
    assert QFontInfo(font).family() == FAMILY
