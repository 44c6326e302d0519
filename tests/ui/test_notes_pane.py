"""The notes below the tabs show whole lines at the usual size and in 大字模式 (issue 21.16: the pane was 110 px
whatever the font, the last line cut)."""

from __future__ import annotations

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

