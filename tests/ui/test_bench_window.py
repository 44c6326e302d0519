"""Benchmark: one keystroke in the base field with 20 visits in the table, recompute and redraw (goal: one frame, 16 ms).

Run with ``python -m pytest tests/ui/test_bench_window.py --benchmark-enable``.
"""

from __future__ import annotations

import itertools

from pytest_benchmark.fixture import BenchmarkFixture
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case


def test_recompute_after_a_keystroke_with_20_visits(qtbot: QtBot, benchmark: BenchmarkFixture) -> None:
    window = open_window(qtbot)
    set_case(window)
    for n in range(20):
        add_visit(window, "outpatient" if n % 4 else "inpatient", n % 3 + 1, f"{300 + 97 * n}", "20")
    window.visits_tab.table.setCurrentCell(19, 2)
    bases = itertools.cycle(("6000", "6001"))
    base = window.contribution_tab.base

    def keystroke() -> None:
        base.setText(next(bases))  # textChanged → collect → calculate → every tab's figures redrawn

    benchmark(keystroke)
    assert window.input_error() is None
    assert window.result is not None and window.result.visits is not None and len(window.result.visits) == 20
