"""Message boxes, imported when first needed; in the smoke test (``YIBAO_SMOKE``) they print instead of blocking."""

from __future__ import annotations

import os
import sys
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Kind = Literal["information", "warning", "critical"]


_ICONS = {"information": QMessageBox.Icon.Information, "warning": QMessageBox.Icon.Warning,
          "critical": QMessageBox.Icon.Critical}


def notify(parent: QWidget | None, kind: Kind, title: str, text: str) -> None:
    """A message box showing ``text`` as plain text: it may repeat a file name, a record or a pack's words, which Qt
    would otherwise render as rich text (links, images)."""
    if os.environ.get("YIBAO_SMOKE"):
        print(f"yibao-{kind} {title}: {text}", file=sys.stderr, flush=True)
        return
    box = QMessageBox(_ICONS[kind], title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    ok = box.addButton("确定(&O)", QMessageBox.ButtonRole.AcceptRole)  # Chinese whether or not Qt's translation loaded
    box.setDefaultButton(ok)
    box.setEscapeButton(ok)
    box.exec()
    box.deleteLater()


def ask_discard(parent: QWidget | None) -> bool:
    """An edited case not yet saved: True when the clerk chooses to discard it (Enter keeps it)."""
    return _ask(parent, "放弃当前测算", "当前测算已修改，尚未保存到历史记录。\n放弃它吗？", "放弃")


def ask_remove_visit(parent: QWidget | None, visit: str) -> bool:
    """删除 (Alt+K) pressed on a visit: True when the clerk confirms (Enter keeps it; a visit's figures are not
    typed again in a moment)."""
    return _ask(parent, "删除就诊", f"删除{visit}吗？", "删除")


def ask_delete_record(parent: QWidget | None, saved_at: str) -> bool:
    """删除 pressed on a history record: True when the clerk confirms (Enter keeps it)."""
    return _ask(parent, "删除记录", f"删除 {saved_at} 的这条记录？", "删除")


def _ask(parent: QWidget | None, title: str, text: str, act: str) -> bool:
    if os.environ.get("YIBAO_SMOKE"):  # the smoke test's case is its own: quitting must not wait for a click
        print(f"yibao-question {title}: {act}", file=sys.stderr, flush=True)
        return True
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    chosen = box.addButton(f"{act}(&D)", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("保留(&K)", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    box.deleteLater()
    return box.clickedButton() is chosen
