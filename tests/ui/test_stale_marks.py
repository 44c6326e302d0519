"""Stale figures look stale everywhere: in the selected visit row and on 政策前后对比 (issue 21.6)."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into

from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_VISITS
from yibao.ui.stale import DARKEST
from yibao.ui.tabs.visits import FIRST_INPUT, FIRST_RESULT, INVALID_FRAME

OUT_OF_SCOPE = FIRST_INPUT + 1


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def _colours(image: QImage, x0: int, y0: int, x1: int, y1: int) -> set[tuple[int, int, int]]:
    return {_rgb(QColor(image.pixel(x, y))) for x in range(x0, x1) for y in range(y0, y1)}


def test_the_selected_row_shows_its_stale_figures_grey_and_its_bad_cell_framed(qtbot: QtBot) -> None:
    """The highlight drew the selected row's old figures bright and hid the red frame of the cell in error."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "15360", "120")
    window.tabs.setCurrentIndex(TAB_VISITS)
    tab = window.visits_tab
    window.presenter.set_visit(0, out_of_scope="12a")  # as typed and committed
    tab.select(0, FIRST_RESULT)  # the row selected, no cell being edited
    assert window.presenter.stale
    qtbot.wait(20)
    image = tab.table.viewport().grab().toImage()
    highlight = _rgb(tab.table.palette().color(tab.table.palette().ColorRole.Highlight))
    bad = tab.table.visualRect(tab.model.index(0, OUT_OF_SCOPE))
    frame = _colours(image, bad.left() + 1, bad.top() + 1, bad.right(), bad.top() + 3)
    assert _rgb(INVALID_FRAME) in frame
    figure = tab.table.visualRect(tab.model.index(0, FIRST_RESULT + 1))
    inside = _colours(image, figure.left() + 2, figure.top() + 2, figure.right() - 2, figure.bottom() - 2)
    assert highlight not in inside
    assert all(min(rgb) >= 0x90 for rgb in inside)  # no dark ink: the figures are grey


def test_stale_words_on_before_and_after_turn_grey_not_black(qtbot: QtBot) -> None:
    """文件未规定 and 无法比较 (red) turned black under the old greying while the figures beside them turned grey."""
    window = open_window(qtbot)
    set_case(window, on=date(2025, 6, 1))
    type_into(qtbot, window.contribution_tab.base, "6000")
    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    tab = window.before_after_tab
    qtbot.waitUntil(lambda: window.presenter.comparison is not None)
    assert "文件未规定" in str(tab.figure_rows())
    type_into(qtbot, window.contribution_tab.base, "60o0")
    assert window.presenter.stale
    QApplication.processEvents()
    page = tab.parentWidget()
    assert page is not None
    image = page.grab().toImage()
    inks = _colours(image, 0, 0, image.width(), image.height())
    assert min(min(rgb) for rgb in inks) >= DARKEST - 2
    assert all(max(rgb) - min(rgb) <= 2 for rgb in inks)  # grey, no red left


def test_a_bad_amount_typed_as_a_clerk_does_closes_its_editor_and_is_framed(qtbot: QtBot) -> None:
    """Typed through the cell's editor and Enter: the editor closes and the cell is marked, with the result columns
    drawn by the marking delegate while stale and by Qt's own once fixed (swapping the delegate of an edited column
    cut the open editor off from its delegate: it stayed open over the cell and hid the mark)."""
    from PySide6.QtWidgets import QAbstractItemView
    from window_helpers import type_into_cell

    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "1500")
    window.tabs.setCurrentIndex(TAB_VISITS)
    tab = window.visits_tab
    type_into_cell(qtbot, window, 0, FIRST_INPUT, "abc")
    assert window.presenter.stale
    assert tab.table.state() == QAbstractItemView.State.NoState
    assert tab.model.invalid == (0, FIRST_INPUT)
    marking = tab.table.itemDelegate()  # the table-wide one, the input columns' too
    assert tab.table.itemDelegateForColumn(FIRST_RESULT) is marking
    type_into_cell(qtbot, window, 0, FIRST_INPUT, "1600")
    assert not window.presenter.stale
    assert tab.table.state() == QAbstractItemView.State.NoState
    assert tab.table.itemDelegateForColumn(FIRST_RESULT) is not marking
