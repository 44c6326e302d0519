"""One date field everywhere (issue 21.11): 适用日期, 之前/之后 on 政策前后对比 and 政策依据, the 本地录入参数 dialog's
开始/结束日期 and the history search's 自/至 take the same keys, driven here by key events as a clerk types."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case, type_text

from yibao.rules.engine import bundled_policy
from yibao.state.history import open_history
from yibao.ui.dates import DateField
from yibao.ui.dialogs.history import HistoryDialog
from yibao.ui.dialogs.local_figures import LocalFiguresDialog
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_POLICY

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _window(qtbot: QtBot) -> MainWindow:
    window = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    return window


def _before_after(qtbot: QtBot, second: bool) -> Iterator[DateField]:
    window = _window(qtbot)
    add_visit(window, "outpatient", 3, "2000")
    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    tab = window.before_after_tab
    yield tab.second_date if second else tab.first_date


def _policy(qtbot: QtBot, second: bool) -> Iterator[DateField]:
    window = _window(qtbot)
    window.tabs.setCurrentIndex(TAB_POLICY)
    tab = window.policy_tab
    yield tab.second_date if second else tab.first_date


def _on(qtbot: QtBot) -> Iterator[DateField]:
    yield _window(qtbot).person.on


def _local_figures(qtbot: QtBot, end: bool) -> Iterator[DateField]:
    dialog = LocalFiguresDialog(bundled_policy(), [], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    if end:
        dialog.end_check.setChecked(True)
    yield dialog.end_edit if end else dialog.start_edit


def _history(qtbot: QtBot, to: bool) -> Iterator[DateField]:
    history, _ = open_history()
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.show()
    (dialog.use_to if to else dialog.use_from).setChecked(True)
    yield dialog.date_to if to else dialog.date_from
    history.close()


FIELDS: dict[str, Callable[[QtBot], Iterator[DateField]]] = {
    "适用日期": _on,
    "政策前后对比·之前": lambda q: _before_after(q, False),
    "政策前后对比·之后": lambda q: _before_after(q, True),
    "政策依据·之前": lambda q: _policy(q, False),
    "政策依据·之后": lambda q: _policy(q, True),
    "本地录入参数·开始日期": lambda q: _local_figures(q, False),
    "本地录入参数·结束日期": lambda q: _local_figures(q, True),
    "历史记录·自": lambda q: _history(q, False),
    "历史记录·至": lambda q: _history(q, True),
}


@pytest.fixture(params=list(FIELDS))
def field(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[DateField]:
    made = FIELDS[request.param](qtbot)
    widget = next(made)
    assert isinstance(widget, DateField)
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.edit.hasFocus)
    yield widget
    next(made, None)


@pytest.mark.parametrize("typed", ["2024-03-15", "2024年3月15日", "20240315", "2024/3/15"])
def test_ctrl_a_then_typing_replaces_the_date_and_tab_leaves_it_written_as_read(
        field: DateField, qtbot: QtBot, typed: str) -> None:
    changes: list[date | None] = []
    field.dateChanged.connect(changes.append)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    type_text(qtbot, field.edit, typed)
    assert field.date() == date(2024, 3, 15)
    assert changes[-1] == date(2024, 3, 15)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.edit.text() == "2024-03-15"
    focus = QApplication.focusWidget()
    assert focus is not field.edit and focus is not field.calendar_button  # Tab left the field whole
    assert field.date() == date(2024, 3, 15)


def test_alt_down_opens_the_calendar_and_no_arrow_changes_the_date(field: DateField, qtbot: QtBot) -> None:
    before = field.edit.text()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
        qtbot.keyClick(field.edit, key)
    assert field.edit.text() == before
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, ALT)
    calendar = field._calendar
    assert calendar is not None and calendar.isVisible()
    assert field.edit.text() == before  # opened, nothing changed: the year stays
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.edit.text() == before


def test_a_date_that_cannot_be_read_is_named_when_the_field_is_left(field: DateField, qtbot: QtBot) -> None:
    qtbot.keyClick(field.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(field.edit, "2024-02-30")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.edit.text() == "2024-02-30"  # left as typed, for the clerk to correct
    assert field.date() is None
    assert field.problem() == "“2024-02-30”不是有效日期（没有这一天）"


def test_the_comparison_follows_dates_typed_into_政策前后对比(qtbot: QtBot) -> None:
    """Yantai, one 三级 outpatient visit of 2000: typed 2023-06-01 → 2024-06-01, the columns say so, and 109号 二(三)1's
    lower deductible is the reason (800 → 600); a date left unreadable is said in the headline, in red."""
    fields = _before_after(qtbot, False)
    first = next(fields)
    window = first.window()
    assert isinstance(window, MainWindow)
    tab = window.before_after_tab
    first.setFocus()
    qtbot.keyClick(first.edit, Qt.Key.Key_A, CTRL)
    type_text(qtbot, first.edit, "2023年6月1日")
    qtbot.keyClick(first.edit, Qt.Key.Key_Tab)
    assert not_none(tab.figures.horizontalHeaderItem(1)).text() == "2023-06-01"
    assert "起付标准（三级）由800元降至600元" in tab.headline.text()
    first.setFocus()
    qtbot.keyClick(first.edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(first.edit, "2023-13-01")
    qtbot.keyClick(first.edit, Qt.Key.Key_Tab)
    assert tab.headline.text().startswith("之前：")
    assert first.edit.property("invalid") is True


def test_the_window_tab_order_passes_each_date_field_once(qtbot: QtBot) -> None:
    """Tab from the city reaches 适用日期 and then 参保类型: never the calendar button, never year/month/day."""
    window = _window(qtbot)
    window.person.city.setFocus()
    qtbot.keyClick(not_none(QApplication.focusWidget()), Qt.Key.Key_Tab)
    assert window.person.on.edit.hasFocus()
    qtbot.keyClick(window.person.on.edit, Qt.Key.Key_Tab)
    focus: QWidget | None = QApplication.focusWidget()
    assert focus is window.person.employment


def test_tab_from_the_policy_filter_passes_the_table_and_reaches_the_comparison_dates(qtbot: QtBot) -> None:
    """政策依据 by keyboard: Tab from 筛选 goes into the table once and on to 之前 (the table kept Tab for moving
    between its cells, so the dates below it were never reached); the arrows still move within the table."""
    window = _window(qtbot)
    window.tabs.setCurrentIndex(TAB_POLICY)
    QApplication.processEvents()
    tab = window.policy_tab
    tab.filter_edit.setFocus()
    reached: list[QWidget | None] = []
    for _ in range(4):
        qtbot.keyClick(not_none(QApplication.focusWidget()), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached[0] is tab.table
    assert tab.first_date.edit in reached
