"""Benchmark: one keystroke with 20 visits in the table, recompute and redraw, whichever tab shows (goal: one frame, 16 ms).

Run with ``python -m pytest tests/ui/test_bench_window.py --benchmark-enable``. Each keystroke is followed by
processing the events it posted (the repaint included), so the figure is what the clerk waits for.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, set_cell

from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_TITLES
from yibao.ui.tabs.visits import FIRST_INPUT


def window_with_20_visits(qtbot: QtBot, tab: int) -> MainWindow:
    window = open_window(qtbot)
    set_case(window)
    window.contribution_tab.base.setText("6000")
    for n in range(20):
        add_visit(window, "outpatient" if n % 4 else "inpatient", n % 3 + 1, f"{300 + 97 * n}", "20")
    window.visits_tab.select(19)
    window.tabs.setCurrentIndex(tab)
    qtbot.wait(10)
    return window


def measure(qtbot: QtBot, benchmark: BenchmarkFixture, window: MainWindow, edit: Callable[[], None]) -> None:
    from PySide6.QtWidgets import QApplication

    def keystroke() -> None:
        edit()
        QApplication.processEvents()

    benchmark(keystroke)
    assert window.input_error() is None
    assert window.result is not None and window.result.visits is not None and len(window.result.visits) == 20


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)), ids=TAB_TITLES)
def test_keystroke_in_the_base_with_20_visits(qtbot: QtBot, benchmark: BenchmarkFixture, tab: int) -> None:
    window = window_with_20_visits(qtbot, tab)
    bases = itertools.cycle(("6000", "6001"))
    measure(qtbot, benchmark, window, lambda: window.contribution_tab.base.setText(next(bases)))
    assert window.tabs.currentIndex() == tab


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)), ids=TAB_TITLES)
def test_keystroke_in_the_chosen_visit_with_20_visits(qtbot: QtBot, benchmark: BenchmarkFixture, tab: int) -> None:
    """The amount of the chosen visit changes: on 医院级别对比 its three tiers and the chart are redone."""
    window = window_with_20_visits(qtbot, tab)
    amounts = itertools.cycle(("2240", "2241"))
    measure(qtbot, benchmark, window, lambda: set_cell(window, 19, FIRST_INPUT, next(amounts)))
    assert window.tabs.currentIndex() == tab
