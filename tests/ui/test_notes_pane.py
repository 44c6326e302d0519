"""The notes below the tabs show whole lines at the usual size and in 大字模式 (issue 21.16: the pane was 110 px
whatever the font, the last line cut)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_helpers import open_window

from yibao.state.settings import Settings
from yibao.ui.notes import MIN_LINES, Notes
from yibao.ui.qt_setup import apply_font


def _lines_in_sight(notes: Notes) -> float:
    inner = notes.viewport().height() - 2 * notes.document().documentMargin()
    return inner / notes.fontMetrics().lineSpacing()


def test_the_notes_show_whole_lines_at_either_size(qtbot: QtBot) -> None:
    apply_font(Settings())
    window = open_window(qtbot)
    try:
        notes = window.findChild(Notes)
        assert notes is not None
        assert _lines_in_sight(notes) == 5  # 110 px of 21 px lines
        usual = notes.height()
        apply_font(Settings(large_print=True))
        QApplication.processEvents()
        assert _lines_in_sight(notes) == MIN_LINES and notes.height() <= usual  # the tabs keep their room
    finally:
        apply_font(Settings())



def _level(colour: QColor) -> int:
    """How dark a colour's darkest channel is (0 black, 255 white)."""
    return min(colour.red(), colour.green(), colour.blue())


def test_stale_notes_are_all_in_one_grey_另一种理解_too(qtbot: QtBot) -> None:
    """While the figures are stale every line of the notes is the disabled text's grey: the 「另一种理解」 lines (dark
    grey) stayed darker than the rest and looked bold, the greying effect only lightening them to its limit."""
    from datetime import date

    from PySide6.QtGui import QPalette
    from window_helpers import set_case, type_into

    window = open_window(qtbot)
    set_case(window, city="weifang", on=date(2024, 6, 1), retired=True, age=65)  # a reading: 另一种理解 below
    type_into(qtbot, window.contribution_tab.base, "6000")
    notes = window.notes
    assert "另一种理解" in notes.toPlainText()

    def darkest() -> int:
        image = notes.viewport().grab().toImage()
        return min(_level(QColor(image.pixel(x, y))) for x in range(image.width()) for y in range(image.height()))

    fresh = darkest()
    type_into(qtbot, window.contribution_tab.base, "60o0")
    assert window.presenter.stale and not notes.isEnabled()
    grey = notes.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    assert fresh < _level(grey) <= darkest()  # nothing darker than the disabled grey
    assert "另一种理解" in notes.toPlainText()
    type_into(qtbot, window.contribution_tab.base, "6000")
    assert darkest() == fresh  # the colours back with fresh figures
