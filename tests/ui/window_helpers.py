"""Driving the real main window in tests: open it as the app does (rules core after the window exists), type, read back."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from yibao.state.settings import Settings, load_settings
from yibao.ui.cities import city_names
from yibao.ui.main_window import MainWindow
from yibao.ui.visits_tab import FIRST_INPUT


def open_window(qtbot: QtBot, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings or load_settings()[0], city_names())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts (Ctrl+S, Ctrl+N) go to the active window
    window.start_core()
    return window


def set_case(window: MainWindow, city: str = "yantai", on: date = date(2024, 6, 1), employment: str = "enterprise",
             retired: bool = False, age: int = 40) -> None:
    p = window.person
    p.city.setCurrentIndex(p.city.findData(city))
    p.on.setDate(QDate(on.year, on.month, on.day))
    p.employment.setCurrentIndex(p.employment.findData(employment))
    p.retired.setCurrentIndex(p.retired.findData(retired))
    p.age.setValue(age)


def type_into(qtbot: QtBot, widget: object, text: str) -> None:
    widget.setFocus()  # type: ignore[attr-defined]
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def add_visit(window: MainWindow, kind: str, tier: int, in_scope: str, out_of_scope: str = "") -> int:
    tab = window.visits_tab
    (tab.add_outpatient if kind == "outpatient" else tab.add_inpatient).click()
    row = tab.table.rowCount() - 1
    tier_box = tab.table.cellWidget(row, 1)
    tier_box.setCurrentIndex(tier_box.findData(tier))  # type: ignore[union-attr]
    set_cell(window, row, FIRST_INPUT, in_scope)
    if out_of_scope:
        set_cell(window, row, FIRST_INPUT + 1, out_of_scope)
    return row


def set_cell(window: MainWindow, row: int, column: int, text: str) -> None:
    item = window.visits_tab.table.item(row, column)
    assert isinstance(item, QTableWidgetItem)
    item.setText(text)


def visit_row(window: MainWindow, row: int) -> list[str]:
    table = window.visits_tab.table
    return [table.item(row, c).text() for c in range(FIRST_INPUT + 3, table.columnCount())]  # type: ignore[union-attr]
