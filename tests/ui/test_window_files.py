"""Issue 14, the window and the user's files: unwritable folders, read-only history, stale temp files."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import open_window, set_case, type_into

from yibao.state.history import open_history
from yibao.state.settings import Settings


def test_an_unwritable_data_folder_starts_says_where_and_keeps_working(
        qtbot: QtBot, warnings: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("YIBAO_HOME", str(blocker / "home"))  # nothing can be created under a file, even as root
    window = open_window(qtbot, Settings())
    assert len(warnings) == 1 and warnings[0].startswith(f"无法写入文件夹 {blocker / 'home' / 'config'}")
    assert "不会保存" in warnings[0]
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    assert window.result is not None and window.result.contribution is not None
    assert window.result.contribution.employer_monthly == 480  # 109号 二(二)1: still computes
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # kept for this session, no crash
    window.close()


def test_a_read_only_history_is_said_at_start_and_on_save(
        qtbot: QtBot, warnings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    history, _ = open_history()
    history.close()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw))  # a file without write permission
    window = open_window(qtbot, Settings())
    assert len(warnings) == 1 and "是只读的" in warnings[0]
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(warnings) == 2 and "只读" in warnings[1] and "没有保存" in warnings[1]
    assert window.statusBar().currentMessage() != "已保存到历史记录"


def test_stale_temp_files_are_removed_at_start(qtbot: QtBot, warnings: list[str], _own_user_folders: Path) -> None:
    config, data = _own_user_folders / "config", _own_user_folders / "data"
    stale = [config / ".settings.json.a1b2.tmp", data / ".local-figures.json.c3d4.tmp"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{", encoding="utf-8")
        then = time.time() - 3600
        os.utime(path, (then, then))
    open_window(qtbot, Settings())
    assert not any(path.exists() for path in stale)
    assert warnings == []


def test_the_history_dialog_lists_the_readable_rows_and_says_how_many_are_not(qtbot: QtBot) -> None:
    from datetime import date

    from yibao.state.history import history_path
    from yibao.ui.dialogs.history import HistoryDialog

    history, _ = open_history()
    for name in ("甲", "乙", "丙"):
        history.add(city="yantai", city_name="烟台市", on=date(2024, 6, 1), kind="保存", summary=name, request_json="{}")
    history.close()
    with sqlite3.connect(history_path()) as conn:
        conn.execute("UPDATE entry SET saved_at = 'garbage' WHERE summary = '乙'")
    conn.close()
    history, message = open_history()
    assert message is None
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.show()
    assert sorted(e.summary for e in dialog.entries) == ["丙", "甲"]
    assert dialog.problem.isVisible() and dialog.problem.text() == "有 1 条记录已损坏，未列出"
    history.close()
