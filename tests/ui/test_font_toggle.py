"""大字模式 turned on and off with results showing: every text follows at once (issue 21.3)."""

from __future__ import annotations

import pytest
from layout_check import font_sizes, problems
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into

from yibao.state.settings import Settings
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_CONTRIBUTION, TAB_TITLES
from yibao.ui.qt_setup import apply_font


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(50)
    QApplication.processEvents()


def _with_results(qtbot: QtBot) -> MainWindow:
    apply_font(Settings())
    window = open_window(qtbot)
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


def test_large_print_turned_on_with_contributions_shown_cuts_nothing(qtbot: QtBot) -> None:
    """The person panel lays its labels above the fields and gives the tabs its room at once; the coverage table's
    保障项目 wraps rather than push 依据 off to the right."""
    window = _with_results(qtbot)
    try:
        window.tabs.setCurrentIndex(TAB_CONTRIBUTION)
        _settle(qtbot)
        apply_font(Settings(large_print=True))
        _settle(qtbot)
        found = problems(window)
        assert found == [], "\n".join(found)
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
