"""Issue 22.5: words from a pack, a file name or a record are shown as written, never as Qt rich text: an ``<img>``
of 20000×20000 (3.1 GB drawn) or a link in a pack's title is shown as those characters, in the 本地录入参数 list's
tooltip, the 政策依据 tab's tooltip and every message box."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from window_helpers import not_none

from yibao.rules import bundled_policy
from yibao.state.packs import read_pack
from yibao.ui.dialogs import messages
from yibao.ui.dialogs.local_figures import LocalFiguresDialog
from yibao.ui.tabs.policy import COLUMNS, PolicyTab

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-figures-pack.json"
MARKUP = '<img src="x.png" width="20000" height="20000"><a href="https://example.com">点此</a>'


def shown(tooltip: str) -> str:
    """What a tooltip shows: Qt renders it as rich text when it looks like rich text."""
    if not QtGui.Qt.mightBeRichText(tooltip):
        return tooltip
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


@pytest.fixture
def marked_pack(tmp_path: Path) -> Path:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["issuer"] = MARKUP
    for document in data["documents"]:
        document["title"] = MARKUP
    path = tmp_path / "marked.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_packs_markup_is_shown_as_written(qtbot: QtBot, marked_pack: Path) -> None:
    policy = bundled_policy()
    figures = list(read_pack(policy, marked_pack).figures)
    dialog = LocalFiguresDialog(policy, figures, "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    tip = not_none(dialog.table.item(0, 5)).toolTip()
    assert shown(tip) == f"示例医保发〔2024〕1号《{MARKUP}》（{MARKUP}）"

    tab = PolicyTab()
    qtbot.addWidget(tab)
    tab.set_context(policy, "yantai", date(2024, 6, 1), figures)
    table = tab.table
    column = COLUMNS.index("依据")
    tips = [shown(not_none(table.item(r, column)).toolTip()) for r in range(table.rowCount())
            if table.item(r, column) is not None]
    marked = [t for t in tips if MARKUP in t]
    assert marked and all("<img" in t for t in marked)


def test_a_message_box_shows_its_text_as_written(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def shown_box(box: QMessageBox) -> int:
        seen.append((box.textFormat(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", shown_box)
    monkeypatch.delenv("YIBAO_SMOKE", raising=False)
    messages.notify(None, "warning", "无法保存", f"无法写入 /tmp/{MARKUP}.pdf（磁盘已满）")
    assert seen == [(Qt.TextFormat.PlainText, f"无法写入 /tmp/{MARKUP}.pdf（磁盘已满）")]
