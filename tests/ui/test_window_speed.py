"""What one edit costs: the year is settled once per edit, the tier variants once for the table and the chart."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, set_cell

from yibao.rules import Request, Result
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_COMPARE
from yibao.ui.tabs.visits import FIRST_INPUT
from yibao.ui.tiers import TierVariants


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = open_window(qtbot)
    set_case(window)
    window.contribution_tab.base.setText("6000")
    for n in range(5):
        add_visit(window, "outpatient", n % 3 + 1, f"{300 + 97 * n}")
    window.visits_tab.select(4)
    window.tabs.setCurrentIndex(TAB_COMPARE)
    return window


def spy(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of visits in every request the rules core is asked to settle."""
    assert window.session is not None
    calls: list[int] = []
    compute = window.session.compute

    def counted(request: Request) -> Result:
        calls.append(len(request.visits or []))
        return compute(request)

    monkeypatch.setattr(window.session, "compute", counted)
    window.presenter.compute = counted
    return calls


def test_a_keystroke_elsewhere_settles_the_year_once(window: MainWindow, qtbot: QtBot,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.wait(5)
    calls = spy(window, monkeypatch)
    window.tabs.setCurrentIndex(TAB_COMPARE)
    window.refresh.view_now()  # the cache filled with the spying compute
    calls.clear()
    window.contribution_tab.base.setText("6001")
    qtbot.wait(5)
    assert calls == [5]  # the chosen visit and the year before it are unchanged: no variant settled again


def test_the_chosen_visit_is_settled_alone_three_times_for_table_and_chart(
        window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.wait(5)
    calls = spy(window, monkeypatch)
    set_cell(window, 4, FIRST_INPUT, "1500")
    qtbot.wait(5)
    assert calls[0] == 5 and calls.count(5) == 1  # the year, once
    assert set(calls[1:]) == {1}  # each variant and each point of the chart: the visit alone
    assert len(calls) <= 1 + 3 + 3 * 6
    comparison, chart = window.compare
    assert chart.curves is not None and comparison.visits[3] is not None


def test_a_burst_of_edits_redraws_the_comparison_once(window: MainWindow, qtbot: QtBot,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    qtbot.wait(5)
    comparison, _chart = window.compare
    shown: list[Any] = []
    original = comparison.show_variants

    def recorded(variants: TierVariants | None) -> None:
        shown.append(variants)
        original(variants)

    monkeypatch.setattr(comparison, "show_variants", recorded)
    for amount in ("1", "15", "150", "1500"):
        set_cell(window, 4, FIRST_INPUT, amount)  # four keystrokes arriving before the next frame
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.wait(5)
    assert len(shown) == 1
    assert shown[0].visit.in_scope == 1500
    assert comparison.figures()[0][0] == "1,500.00"


def test_before_and_after_is_redone_once_typing_pauses(window: MainWindow, qtbot: QtBot,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two dates' rules over the year take more than a frame: four keys, one comparison, after the pause."""
    from yibao.ui.pages import TAB_BEFORE_AFTER

    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    tab = window.before_after_tab
    assert tab is not None and window.presenter.comparison is not None
    done: list[object] = []
    original = tab.set_case

    def recorded(*args: Any) -> None:
        done.append(args[1])
        original(*args)

    monkeypatch.setattr(tab, "set_case", recorded)
    for text in ("6", "60", "600", "6000"):
        window.contribution_tab.base.setText(text)
        qtbot.wait(20)
    assert done == []  # nothing redone while the keys come
    qtbot.waitUntil(lambda: len(done) == 1, timeout=2000)
    qtbot.wait(300)
    assert len(done) == 1 and window.request is not None and done[0] is window.request
