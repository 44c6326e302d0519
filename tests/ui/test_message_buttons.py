"""Message boxes speak Chinese on their buttons whether or not Qt's own translation is loaded (tests run without it,
as a PC whose Qt lacks qtbase_zh_CN would): 确定, 删除/保留 — never OK, Yes or No."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from yibao.state.history import History, history_path
from yibao.ui.dialogs import messages
from yibao.ui.dialogs.history import HistoryDialog


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Each box's button texts, the box answered by its escape button (what Esc would do)."""
    boxes: list[list[str]] = []

    def record(box: QMessageBox) -> int:
        boxes.append([button.text() for button in box.buttons()])
        escape = box.escapeButton()
        if escape is not None:
            escape.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return boxes


def test_a_message_says_queding_not_ok(qtbot: QtBot, shown: list[list[str]]) -> None:
    messages.notify(None, "warning", "保存", "磁盘已满")
    assert shown == [["确定(&O)"]]


def test_deleting_a_history_record_asks_in_chinese_and_esc_keeps_it(qtbot: QtBot, shown: list[list[str]]) -> None:
    history = History(history_path())
    history.add(city="yantai", city_name="烟台市", on=date(2024, 6, 1), kind="保存", summary="基数6000", request_json="{}")
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.delete_selected()
    assert sorted(shown[0]) == sorted(["删除(&D)", "保留(&K)"])
    assert len(dialog.entries) == 1  # Esc kept it
    history.close()
