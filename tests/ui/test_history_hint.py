"""历史记录's search hint is whole in 大字模式 (issue 21.16: it was elided beside the date filters)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from yibao.state.history import open_history
from yibao.state.settings import Settings
from yibao.ui.dialogs.history import HistoryDialog
from yibao.ui.qt_setup import apply_font


def test_the_search_hint_is_whole_and_the_dialog_on_the_screen_in_large_print(qtbot: QtBot) -> None:
    apply_font(Settings(large_print=True))
    history, _ = open_history()
    try:
        dialog = HistoryDialog(history)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        field = dialog.text
        assert field.fontMetrics().horizontalAdvance(field.placeholderText()) + 8 <= field.width()
        assert dialog.frameGeometry().width() <= dialog.screen().availableGeometry().width()  # 800 px offscreen
        dialog.close()
    finally:
        history.close()
        apply_font(Settings())
