"""Driving the real main window in tests: open it as the app does (rules core after the window exists), type, read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from pytest import MonkeyPatch
from pytestqt.qtbot import QtBot

from yibao.state.settings import Settings, load_settings
from yibao.ui.cities import city_names
from yibao.ui.geometry import DEFAULT_SIZE
from yibao.ui.main_window import MainWindow
from yibao.ui.tabs.visits import FIRST_INPUT, FIRST_RESULT, TIER_COLUMN

T = TypeVar("T")


def open_window(qtbot: QtBot, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings or load_settings()[0], city_names())
    qtbot.addWidget(window)
    window.resize(*DEFAULT_SIZE)  # the offscreen screen is 800 px wide: the window would open at that
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts (Ctrl+S, Ctrl+N) go to the active window
    window.start_core()
    return window


def set_case(window: MainWindow, city: str = "yantai", on: date = date(2024, 6, 1), employment: str = "enterprise",
             retired: bool = False, age: int = 40) -> None:
    p = window.person
    p.city.setCurrentIndex(p.city.findData(city))
    p.on.set_date(on)
    p.employment.setCurrentIndex(p.employment.findData(employment))
    p.retired.setCurrentIndex(p.retired.findData(retired))
    p.age.setValue(age)


def type_into(qtbot: QtBot, widget: QLineEdit | QAbstractSpinBox, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def add_visit(window: MainWindow, kind: str, tier: int, in_scope: str, out_of_scope: str = "") -> int:
    tab = window.visits_tab
    (tab.add_outpatient if kind == "outpatient" else tab.add_inpatient).click()
    row = tab.model.rowCount() - 1
    set_cell(window, row, TIER_COLUMN, tier)
    set_cell(window, row, FIRST_INPUT, in_scope)
    if out_of_scope:
        set_cell(window, row, FIRST_INPUT + 1, out_of_scope)
    return row


def set_cell(window: MainWindow, row: int, column: int, value: str | int) -> None:
    """As the cell's editor commits it (``type_into_cell`` types into the editor itself)."""
    model = window.visits_tab.model
    assert model.setData(model.index(row, column), value)


def type_into_cell(qtbot: QtBot, window: MainWindow, row: int, column: int, text: str) -> None:
    """Select the cell, type over it and press Enter, as a clerk does."""
    table = window.visits_tab.table
    table.setFocus()
    table.setCurrentIndex(window.visits_tab.model.index(row, column))
    qtbot.keyClicks(table, text[0])  # a key on a selected cell opens its editor with that key typed
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)  # Qt commits an edit after Enter, queued


def not_none(value: T | None) -> T:
    """What Qt's item(), findChild() ... give where the test expects one: typed optional, asserted there."""
    assert value is not None
    return value


def visit_row(window: MainWindow, row: int) -> list[str]:
    tab = window.visits_tab
    return [tab.cell_text(row, c) for c in range(FIRST_RESULT, tab.model.columnCount())]


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Keys for ASCII, an input method's commit for Chinese (as a Pinyin IME delivers 汉字)."""
    from itertools import groupby

    from PySide6.QtGui import QInputMethodEvent

    for ascii_run, chars in groupby(text, key=str.isascii):
        chunk = "".join(chars)
        if ascii_run:
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def import_pack_through_the_menu(window: MainWindow, monkeypatch: MonkeyPatch, pack: Path) -> None:
    """设置 › 本地录入参数 › 导入数据包: the file dialog answers ``pack``, the clerk presses 确定."""
    from yibao.ui.dialogs import local_figures

    monkeypatch.setattr(local_figures, "ask_open_path", lambda *_a, **_k: str(pack))
    monkeypatch.setattr(local_figures.LocalFiguresDialog, "exec", lambda dialog: dialog.accept() or dialog.result())
    window.dialogs.open_local_figures("import")
