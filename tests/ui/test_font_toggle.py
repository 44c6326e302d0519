"""大字模式 turned on and off with results showing: every text follows at once (issue 21.3)."""

from __future__ import annotations

import pytest
from layout_check import font_sizes, problems, table_geometry, words_split
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into

from yibao.state.settings import Settings
from yibao.ui.geometry import DEFAULT_SIZE
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_POLICY, TAB_TITLES
from yibao.ui.qt_setup import apply_font


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(50)
    QApplication.processEvents()


def _with_results(qtbot: QtBot, large_print: bool = False) -> MainWindow:
    apply_font(Settings(large_print=large_print))
    window = open_window(qtbot, Settings(large_print=large_print))
    window.resize(*DEFAULT_SIZE)  # the offscreen screen is smaller: the window was brought within it once shown
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "15360", "120")
    add_visit(window, "inpatient", 2, "48000")
    type_into(qtbot, window.retirement_tab.paid, "200")
    window.visits_tab.select(0)
    return window


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)), ids=TAB_TITLES)
def test_large_print_on_and_off_leaves_no_text_at_the_old_size(qtbot: QtBot, tab: int) -> None:
    """The summary cards' captions (医疗费用合计, 个人负担…, coloured by a style sheet) kept the old size: every text
    grows with 大字模式 turned on and is back at its size when it is turned off."""
    window = _with_results(qtbot)
    try:
        window.tabs.setCurrentIndex(tab)
        _settle(qtbot)
        usual = font_sizes(window)
        apply_font(Settings(large_print=True))
        _settle(qtbot)
        large = font_sizes(window)
        kept = sorted(name for name, size in large.items() if name in usual and size <= usual[name])
        assert kept == []
        apply_font(Settings())
        _settle(qtbot)
        assert font_sizes(window) == usual
    finally:
        apply_font(Settings())


# Their columns start from widths measured when the tab was built (issue 21.10 reworks these tables): their rows
# follow the font by themselves (as tall as their text), and the layout check finds nothing cut after a toggle.
SIZED_BY_COLUMNS = (TAB_POLICY, TAB_BEFORE_AFTER)


def _every_tab(qtbot: QtBot, window: MainWindow) -> tuple[list[str], list[object]]:
    """Each tab in turn: what the layout check finds, and its tables' rows and columns."""
    found: list[str] = []
    tables: list[object] = []
    for tab, title in enumerate(TAB_TITLES):
        window.tabs.setCurrentIndex(tab)
        _settle(qtbot)
        found += [f"{title}: {problem}" for problem in problems(window)]
        if tab not in SIZED_BY_COLUMNS:
            tables.append((title, table_geometry(window)))
            found += [f"{title}: {split}" for view in window.findChildren(QTableView)
                      if view.isVisible() for split in words_split(view)]  # 文件未规定 whole or 文件 / 未规定
    return found, tables


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)), ids=TAB_TITLES)
def test_large_print_on_and_off_with_results_shown_lays_every_tab_out_as_if_opened_so(qtbot: QtBot, tab: int) -> None:
    """大字模式 turned on, then off, from each tab with results showing: every table on every tab (the ones not shown
    at the time too) takes the new font's rows, nothing is cut, as in a window opened that way. The 医院级别对比
    table kept the old rows and its headers the old size (figures cut); the coverage table's 保障项目 wraps rather
    than push 依据 off to the right; the person panel gives the tabs its room at once."""
    opened = {}
    for large_print in (True, False):
        apply_font(Settings(large_print=large_print))
        fresh = _with_results(qtbot, large_print)
        opened[large_print] = _every_tab(qtbot, fresh)
        fresh.close()
    assert opened[True][0] == [], "\n".join(opened[True][0])
    window = _with_results(qtbot, large_print=False)
    try:
        _every_tab(qtbot, window)  # every tab built and shown at the usual size
        for large_print in (True, False):
            window.tabs.setCurrentIndex(tab)
            _settle(qtbot)
            apply_font(Settings(large_print=large_print))
            _settle(qtbot)
            found, tables = _every_tab(qtbot, window)
            assert found == opened[large_print][0], "\n".join(found)
            assert tables == opened[large_print][1]
    finally:
        apply_font(Settings())


def test_large_print_turned_on_keeps_the_date_whole(qtbot: QtBot) -> None:
    """适用日期 keeps room for a whole date at the new size (it showed 024-06-01 in 大字模式 turned on with the window
    open: the field's width was fitted once, at the usual size)."""
    window = _with_results(qtbot)
    try:
        apply_font(Settings(large_print=True))
        _settle(qtbot)
        edit = window.person.on.edit
        assert edit.width() >= edit.fontMetrics().horizontalAdvance("2024-06-01") + 16
    finally:
        apply_font(Settings())
