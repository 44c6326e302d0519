"""政策前后对比 and 政策依据 at a counter PC's 1024×768 in 大字模式 (issue 21.10): documents cited by short number
(109号) with the title on hover and once under the tables, no cell in more than two lines, one scroll per view (the
tables are as tall as their rows, the page scrolls, the wheel over a table moves the page) and rows in sight under
the headline. The case: Yantai 2024-06-01 against 2023-12-31, four 三级 outpatient visits (烟政字〔2023〕109号 二(三)1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from layout_check import cells_over, nested_scrolling, problems, rows_in_sight, words_split
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QTableWidget, QWidget
from pytestqt.qtbot import QtBot
from test_plain_text import shown
from window_helpers import add_visit, not_none, open_window, set_case, type_into

from yibao.state.settings import Settings
from yibao.ui.geometry import FRAME_ALLOWANCE
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_POLICY
from yibao.ui.qt_setup import apply_font
from yibao.wording import NOT_STATED

TITLE_109 = "烟政字〔2023〕109号《烟台市落实职工基本医疗保险省级统筹工作的实施方案》"


@pytest.fixture
def counter_pc(qtbot: QtBot) -> Iterator[MainWindow]:
    apply_font(Settings(large_print=True))
    window = open_window(qtbot, Settings(large_print=True))
    window.resize(1024 - FRAME_ALLOWANCE[0], 768 - FRAME_ALLOWANCE[1])
    set_case(window, "yantai", date(2024, 6, 1))
    for amount in ("1000", "1500", "2000"):
        add_visit(window, "outpatient", 3, amount)
    add_visit(window, "outpatient", 3, "15360", "120")
    yield window
    apply_font(Settings())


def _show(window: MainWindow, qtbot: QtBot, index: int) -> QScrollArea:
    window.tabs.setCurrentIndex(index)
    qtbot.wait(100)
    QApplication.processEvents()
    page = not_none(window.tabs.currentWidget()).findChild(QScrollArea)
    return not_none(page)


def _passes_the_wheel_on(table: QTableWidget) -> bool:
    """A wheel turn over the table is left to the page under it (Qt hands an ignored wheel event to the parent):
    the table has nothing of its own to scroll."""
    inside = QPointF(table.viewport().rect().center())
    event = QWheelEvent(inside, QPointF(table.viewport().mapToGlobal(inside.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(table.viewport(), event)
    return not event.isAccepted() and table.verticalScrollBar().value() == 0


def test_before_after_at_1024_in_large_print(counter_pc: MainWindow, qtbot: QtBot) -> None:
    page = _show(counter_pc, qtbot, TAB_BEFORE_AFTER)
    tab = counter_pc.before_after_tab
    assert nested_scrolling(counter_pc) == []
    assert cells_over(tab.figures) == [] and cells_over(tab.changes) == []
    assert rows_in_sight(tab.figures, page) >= 4  # the section heading and three figures under the headline
    found = problems(counter_pc)
    assert found == [], "\n".join(found)
    assert page.verticalScrollBar().maximum() > 0 and _passes_the_wheel_on(tab.figures)
    # the reasons by number, each once with its clause by short number and the title on hover, spelled out once below
    rows = tab.figure_rows()
    # 2023: (19,860 − 800) × 55% capped at 2,300, the person 17,680.00; 2024: the fund's 3,500 and the 大额 layer's
    # 1,500, the person 14,980.00 — the limits move it, the lower 起付 and higher rate do not (capped either way)
    assert rows["个人负担"] == ("¥17,680.00", "¥14,980.00", "−¥2,700.00", "见2、3、4")
    assert rows["计入起付标准"][3] == "见1"
    assert tab.change_rows() == [
        ("1", "109号 二(三)1", "起付标准（三级）由800元降至600元"),
        ("2", "109号 二(三)1", "基金年度最高支付限额（在职）由2300元升至3500元"),
        ("3", "109号 二(三)1", "年度最高支付限额（在职）由2300元升至5000元"),
        ("4", "109号 二(三)1", "普通门诊超统筹限额部分大额补助年度最高支付额新设为1500元（此前不设此项）")]
    assert shown(not_none(tab.changes.item(0, 1)).toolTip()) == TITLE_109
    assert tab.documents.text().count(TITLE_109) == 1 and "109号＝" + TITLE_109 in tab.documents.text()
    assert "109号 二(三)1" in tab.readings.text() and "烟政字" not in tab.readings.text()


def test_policy_tab_at_1024_in_large_print(counter_pc: MainWindow, qtbot: QtBot) -> None:
    page = _show(counter_pc, qtbot, TAB_POLICY)
    tab = counter_pc.policy_tab
    assert nested_scrolling(counter_pc) == []
    # the document by number and the period in two lines (the law, cited by its title 《社会保险法》, in more); the labels
    # (up to 36 characters), values and notes wrap further: they are what the row says
    cited, period = 3, 4
    assert cells_over(tab.table, columns=(period,)) == []
    assert all("《社会保险法》" in cell for cell in cells_over(tab.table, columns=(cited,)))
    assert rows_in_sight(tab.table, page) >= 4
    found = problems(counter_pc)
    assert found == [], "\n".join(found)
    assert page.verticalScrollBar().maximum() > 0 and _passes_the_wheel_on(tab.table)
    row = next(row for row in tab.visible_rows() if row[0] == "普通门诊统筹起付标准（年度）")
    assert row[cited:period + 1] == ("109号 二(三)1", "2024-01-01起")
    assert tab.documents.text().count(TITLE_109) == 1


def test_the_policy_filter_still_finds_a_document_by_its_full_number(counter_pc: MainWindow, qtbot: QtBot) -> None:
    _show(counter_pc, qtbot, TAB_POLICY)
    tab = counter_pc.policy_tab
    tab.filter_edit.setText("烟政字〔2023〕109号")
    assert tab.visible_rows() and all(row[3].startswith("109号") for row in tab.visible_rows())


def test_one_scroll_per_view_at_the_usual_size(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    window.resize(1200 - FRAME_ALLOWANCE[0], 800 - FRAME_ALLOWANCE[1])
    set_case(window, "yantai", date(2024, 6, 1))
    add_visit(window, "outpatient", 3, "15360", "120")
    for index in (TAB_BEFORE_AFTER, TAB_POLICY):
        _show(window, qtbot, index)
        assert nested_scrolling(window) == [], index
        tables = not_none(window.tabs.currentWidget()).findChildren(QTableWidget)
        assert all(not table.verticalScrollBar().maximum() for table in tables if table.isVisibleTo(window))
    assert isinstance(window.before_after_tab, QWidget)


def test_before_after_with_every_question_at_1024_in_large_print(counter_pc: MainWindow, qtbot: QtBot) -> None:
    """Contributions, visits and years together: words in a figure column (200个月（16年8个月）) wrap in two lines
    rather than widen the column past the table (it scrolled sideways by a pixel inside the page)."""
    type_into(qtbot, counter_pc.contribution_tab.base, "6000")
    type_into(qtbot, counter_pc.retirement_tab.paid, "200")
    _show(counter_pc, qtbot, TAB_BEFORE_AFTER)
    tab = counter_pc.before_after_tab
    assert tab.figure_rows()["累计缴费年限"][:2] == ("200个月（16年8个月）", "200个月（16年8个月）")
    assert nested_scrolling(counter_pc) == []
    assert cells_over(tab.figures) == [] and cells_over(tab.changes) == []
    found = problems(counter_pc)
    assert found == [], "\n".join(found)


def test_a_change_in_percentage_points_stays_on_one_line(qtbot: QtBot) -> None:
    """109号 二(三)1, three tier-3 visits of 1,000/1,500/2,000 (4,500.00): 2023 (800 起付, 55%) the fund 2,035.00,
    45.22%; 2024 (600, 60%) 2,340.00, 52% — +6.78个百分点 is one figure, never 「+6.78个百 / 分点」, in 大字模式 at
    1024×768 too."""
    apply_font(Settings(large_print=True))
    try:
        window = open_window(qtbot, Settings(large_print=True))
        window.resize(1024 - FRAME_ALLOWANCE[0], 768 - FRAME_ALLOWANCE[1])
        set_case(window, "yantai", date(2024, 6, 1))
        for amount in ("1000", "1500", "2000"):
            add_visit(window, "outpatient", 3, amount)
        _show(window, qtbot, TAB_BEFORE_AFTER)
        tab = window.before_after_tab
        assert tab.figure_rows()["实际报销比例"][:3] == ("45.22%", "52%", "+6.78个百分点")
        assert cells_over(tab.figures, 1, [3]) == []
        assert nested_scrolling(window) == []
    finally:
        apply_font(Settings())


@pytest.mark.parametrize("large", [False, True])
def test_the_policy_tab_keeps_wenjian_weiguiding_whole(qtbot: QtBot, large: bool) -> None:
    """184号 三(二) as read for Yantai 2024: 退休人员不缴纳基本医疗保险费 is 文件未规定 in 数值, 状态 and 说明 — each whole
    or 文件 / 未规定, never 文件未 / 规定 (issue 21.12), at the usual 1200×800 and in 大字模式 at 1024×768."""
    apply_font(Settings(large_print=large))
    try:
        window = open_window(qtbot, Settings(large_print=large))
        if large:
            window.resize(1024 - FRAME_ALLOWANCE[0], 768 - FRAME_ALLOWANCE[1])
        set_case(window, "yantai", date(2024, 6, 1))
        _show(window, qtbot, TAB_POLICY)
        table = window.policy_tab.table
        stated = [row for row in window.policy_tab.visible_rows() if row[2] == NOT_STATED]
        assert stated, "a parameter the documents leave open"
        assert words_split(table) == []
    finally:
        apply_font(Settings())
