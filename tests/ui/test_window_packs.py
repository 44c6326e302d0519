"""A bureau's pack imported through the window completes a Yantai inpatient year: lines, totals, the tier
comparison, the chart and the printed sheet, each figure from the pack citing its document and marked 本地录入.

The pack is docs/example-figures-pack.json (made up); the deductibles are Yantai's (109号 二(三)2). The year is
worked by hand in tests/rules/test_inpatient_layer.py.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, import_pack_through_the_menu, open_window, set_case, set_cell

from yibao.state.local_figures import load_local_figures
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_COMPARE
from yibao.ui.tabs.visits import FIRST_INPUT

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-figures-pack.json"
DOCUMENT = "示例医保发〔2024〕1号"


@pytest.fixture
def window(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    w = open_window(qtbot)
    set_case(w)
    import_pack_through_the_menu(w, monkeypatch, EXAMPLE)
    add_visit(w, "inpatient", 3, "30000", "2000")
    add_visit(w, "inpatient", 2, "40000")
    row = add_visit(w, "inpatient", 1, "20000")
    set_cell(w, row, FIRST_INPUT + 2, "1000")
    qtbot.waitUntil(lambda: w.result is not None and len(w.result.visits or []) == 3 and (w.result.visits or [])[2].bill == 21000)
    return w


def test_the_import_is_saved_and_the_year_comes_out_whole(window: MainWindow, qtbot: QtBot) -> None:
    assert window.session is not None
    saved, _ = load_local_figures(window.session.policy)
    assert len(saved) == 11 and saved == window.session.local
    tab = window.visits_tab
    qtbot.waitUntil(lambda: tab.totals.value("个人负担") == "¥6,000.00")
    assert tab.totals.value("统筹基金支付") == "¥60,000.00"
    assert tab.totals.value("大额医疗费用补助支付") == "¥27,000.00"
    tab.select(2, 0)
    rows = {row[0]: row for row in tab.lines.row_texts()}
    assert rows["大额医疗费用补助支付"][1].startswith("16,332.75") and "本地录入" in rows["大额医疗费用补助支付"][1]
    assert f"{DOCUMENT} 三" in rows["大额医疗费用补助支付"][3] and "本地录入" in rows["大额医疗费用补助支付"][3]
    assert rows["个人负担"][1].startswith("1,814.75")
    assert "烟政字〔2023〕109号 二(三)2" in rows["起付标准"][3] and "本地录入" not in rows["起付标准"][3]


def test_comparison_and_chart_are_complete(window: MainWindow, qtbot: QtBot) -> None:
    """The third stay at each tier, the fund's 2852.50 left whatever its share: the 大额 (109号 二(三)3) takes the
    burden left after the fund and the 先行自付, (20000 − 2852.50 + 1000) × 90% = 16332.75 at every tier (its
    deductible met by the first stay), the person 21000 − 2852.50 − 16332.75 = 1814.75."""
    window.visits_tab.select(2, 0)
    window.tabs.setCurrentIndex(TAB_COMPARE)
    qtbot.waitUntil(lambda: window.compare is not None)
    comparison, chart = window.compare
    qtbot.waitUntil(lambda: comparison.figures()[0] == ["21,000.00"] * 3)
    figures = comparison.figures()
    assert figures[2] == ["2,852.50"] * 3
    assert figures[3] == ["16,332.75"] * 3
    assert figures[4] == ["1,814.75"] * 3
    assert chart.curves is not None
    assert [c.current for c in chart.curves.curves] == [Decimal("1814.75")] * 3
    assert all(c.points for c in chart.curves.curves)


def test_the_sheet_cites_the_pack_document(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    window.output.export("PDF", str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "1,814.75" in flat and "¥6,000.00" in flat and "¥27,000.00" in flat
    assert "1号三（本地" in flat  # the source cell cites the number in short and wraps: 1号 三（本地 / 录入）
    assert f"1号：{DOCUMENT}" in flat  # the list of documents spells it out
    # the 依据 of each stay's share, fund, 大额 and person (the pack's clauses of one document cited together)
    assert flat.count("本地录入") >= 12
