"""The keyboard a clerk relies on: the date typed as people write it, the city found by pinyin, tabs and fields
reached by Ctrl+digit and Alt+letter, and nothing edited thrown away without asking."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from window_helpers import open_window, set_case, type_into, type_text

from yibao.ui.actions import FIELD_KEYS
from yibao.ui.dialogs.history import HistoryDialog
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_TITLES, TAB_VISITS
from yibao.ui.tabs.visits import FIRST_INPUT

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def window_at(qtbot: QtBot) -> MainWindow:
    window = open_window(qtbot)
    set_case(window)
    qtbot.wait(20)
    return window


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


@pytest.mark.parametrize("typed", ["2024-03-15", "2024/3/15", "20240315", "2024年3月15日", "2024.3.15"])
def test_the_date_takes_what_is_typed(qtbot: QtBot, typed: str) -> None:
    window = window_at(qtbot)
    press(qtbot, window, Qt.Key.Key_D, ALT)  # Alt+D selects the whole date: typing replaces it
    assert window.person.on.edit.hasFocus()
    type_text(qtbot, window.person.on.edit, typed)
    assert window.input_error() is None
    assert window.request is not None and window.request.on == date(2024, 3, 15)
    qtbot.keyClick(window.person.on.edit, Qt.Key.Key_Tab)  # leaving the field writes the date back as it is read
    assert window.person.on.edit.text() == "2024-03-15"
    assert window.request is not None and window.request.on == date(2024, 3, 15)


def test_a_date_that_cannot_be_read_stays_as_typed_when_the_field_is_left(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    press(qtbot, window, Qt.Key.Key_D, ALT)
    type_text(qtbot, window.person.on.edit, "2024-02-30")
    qtbot.keyClick(window.person.on.edit, Qt.Key.Key_Tab)
    assert window.person.on.edit.text() == "2024-02-30"
    error = window.input_error()
    assert error is not None and "适用日期" in error


def test_select_all_then_type_replaces_and_alt_d_inside_the_field_selects_all(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    edit = window.person.on.edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(edit, "2023-05-06")
    assert window.request is not None and window.request.on == date(2023, 5, 6)
    qtbot.keyClick(edit, Qt.Key.Key_D, ALT)  # already in the field: the whole date is selected again
    qtbot.keyClicks(edit, "2025-01-02")
    assert edit.text() == "2025-01-02"
    assert window.request is not None and window.request.on == date(2025, 1, 2)


def test_an_impossible_date_is_named_and_the_calendar_still_picks_one(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    type_into(qtbot, window.person.on.edit, "2024-02-30")
    assert window.input_error() == "适用日期：“2024-02-30”不是有效日期（没有这一天）"
    assert window.person.on.edit.property("invalid") is True
    window.person.on.calendar_button.click()
    calendar = window.person.on._calendar
    assert calendar is not None and calendar.isVisible()
    from PySide6.QtCore import QDate

    calendar.setSelectedDate(QDate(2024, 2, 29))
    calendar.activated.emit(calendar.selectedDate())
    assert window.person.on.edit.text() == "2024-02-29"
    assert window.input_error() is None


@pytest.mark.parametrize("typed", ["烟", "yantai", "yt", "YT"])
def test_the_city_is_found_by_hanzi_pinyin_or_initials_and_changes_only_on_enter(qtbot: QtBot, typed: str) -> None:
    window = window_at(qtbot)
    set_case(window, city="jinan")
    box = window.person.city
    press(qtbot, window, Qt.Key.Key_C, ALT)
    assert box.hasFocus()
    type_text(qtbot, box.line, typed)
    assert box.matches()[0] == "烟台市"
    assert window.presenter.values["city"] == "jinan"  # nothing changes while typing
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert window.presenter.values["city"] == "yantai"
    assert window.result is not None and window.result.city_name == "烟台市"


def test_a_stray_page_key_does_not_change_the_city(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    box = window.person.city
    box.setFocus()
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Down, Qt.Key.Key_PageUp):
        qtbot.keyClick(box, key)
        box.hidePopup()
    assert window.presenter.values["city"] == "yantai" and box.currentText() == "烟台市"


def test_ctrl_digit_and_ctrl_page_switch_tabs(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    window.contribution_tab.base.setFocus()
    for index in range(len(TAB_TITLES)):
        press(qtbot, window, getattr(Qt.Key, f"Key_{index + 1}"), CTRL)
        assert window.tabs.currentIndex() == index
    press(qtbot, window, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == 0
    press(qtbot, window, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == len(TAB_TITLES) - 1


def test_alt_letter_of_a_field_on_an_unopened_tab_opens_it(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    assert TAB_RETIREMENT not in window.tab_pages.built
    press(qtbot, window, Qt.Key.Key_P, ALT)
    assert window.tabs.currentIndex() == TAB_RETIREMENT
    qtbot.waitUntil(window.retirement_tab.paid.hasFocus)
    qtbot.keyClicks(window.retirement_tab.paid, "200")
    press(qtbot, window, Qt.Key.Key_B, ALT)  # back to the base on the first tab
    assert window.tabs.currentIndex() == TAB_CONTRIBUTION
    qtbot.waitUntil(window.contribution_tab.base.hasFocus)
    press(qtbot, window, Qt.Key.Key_O, ALT)  # 添加门诊 from another tab: the visit is added there
    qtbot.waitUntil(lambda: window.visits_tab.model.rowCount() == 1)


def test_every_field_key_is_the_one_its_label_shows_and_none_is_taken_twice(qtbot: QtBot) -> None:
    window = window_at(qtbot)
    shown: dict[str, str] = {}
    for index, tab in ((0, window.contribution_tab), (1, window.visits_tab), (3, window.retirement_tab)):
        for widget in tab.findChildren(QWidget):
            text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
            found = re.search(r"\(&([A-Z])\)", text)
            if found:
                target = widget.buddy() if isinstance(widget, QLabel) else widget
                name = next(n for n, value in vars(tab).items() if value is target)
                assert found[1] not in shown, found[1]
                shown[found[1]] = name
                assert FIELD_KEYS[found[1]] == (index, name)
    person_keys = {"C", "D", "E", "R", "X", "A"}
    menu_keys = {"F", "T", "M", "H"}
    assert not (set(FIELD_KEYS) & (person_keys | menu_keys))


def test_new_case_asks_before_discarding_an_edited_case(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    window = window_at(qtbot)
    type_into(qtbot, window.contribution_tab.base, "6000")
    asked: list[bool] = []

    def keep(_parent: object) -> bool:
        asked.append(True)
        return False

    def discard(_parent: object) -> bool:
        asked.append(True)
        return True

    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_discard", keep)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert asked == [True] and window.contribution_tab.base.text() == "6000"  # kept
    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_discard", discard)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert len(asked) == 2 and window.contribution_tab.base.text() == ""
    type_into(qtbot, window.contribution_tab.base, "5000")
    press(qtbot, window, Qt.Key.Key_S, CTRL)  # saved: a new case needs no question
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    assert len(asked) == 2 and window.contribution_tab.base.text() == ""


def test_reopening_from_the_history_asks_before_discarding_an_edited_case(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """历史记录 (Ctrl+H, Enter on the highlighted record) asks the question 新建 and 扫码调取 ask: 保留 keeps what is typed."""
    window = window_at(qtbot)
    type_into(qtbot, window.contribution_tab.base, "6000")
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    type_into(qtbot, window.contribution_tab.base, "5000")  # edited since it was saved
    answers: list[bool] = []  # what the clerk answers the next question (放弃 True), taken when asked

    def answer(_parent: object) -> bool:
        return answers.pop(0) if answers else True  # closing the window at the end: discard

    def open_the_record() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, HistoryDialog):
            QTimer.singleShot(10, open_the_record)  # the dialog is not open yet
            return
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)

    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_discard", answer)
    for keep in (True, False):
        answers.append(not keep)
        QTimer.singleShot(0, open_the_record)
        window.activateWindow()  # again, once the last dialog has closed (offscreen, nothing gives it back)
        qtbot.waitUntil(window.isActiveWindow)
        press(qtbot, window, Qt.Key.Key_H, CTRL)
        assert answers == []  # asked
        request = window.request
        assert request is not None and request.contribution is not None
        assert request.contribution.monthly_base == (Decimal(5000) if keep else Decimal(6000))


def type_keys(qtbot: QtBot, keys: str | list[str | Qt.Key]) -> None:
    """Each key to the widget that has the focus, as fast as a person types: posted events are handled between
    keys (an editor commits on Return that way), timers are not waited for."""
    for key in keys:
        qtbot.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()


@pytest.mark.parametrize("from_tab", [TAB_VISITS, TAB_CONTRIBUTION])
def test_amounts_typed_straight_after_alt_o_go_into_the_new_visit(qtbot: QtBot, from_tab: int) -> None:
    """Qt presses a button's Alt+letter 100 ms late (animateClick): a clerk typing the amount at once wrote it into
    the previous visit's cell (seen under Xvfb: 先行自付 of visit 1 became 300). No wait between the keys here."""
    window = window_at(qtbot)
    window.tabs.setCurrentIndex(TAB_VISITS)
    tab = window.visits_tab
    tab.add_outpatient.click()
    type_keys(qtbot, [*"500\t100\t20", Qt.Key.Key_Return])
    assert [tab.cell_text(0, FIRST_INPUT + n) for n in range(3)] == ["500.00", "100.00", "20.00"]
    window.tabs.setCurrentIndex(from_tab)
    press(qtbot, window, Qt.Key.Key_O, ALT)
    type_keys(qtbot, "300\t")
    assert tab.model.rowCount() == 2
    assert [tab.cell_text(0, FIRST_INPUT + n) for n in range(3)] == ["500.00", "100.00", "20.00"]
    assert tab.cell_text(1, FIRST_INPUT) == "300.00"
