"""Window tests: the questions before discarding an edited case or deleting a visit are answered yes unless a test
says otherwise, and ``warnings`` records what message boxes would say.

Tests end by closing their windows; a modal question would block them.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    asked: list[bool] = []

    def answer(_parent: object) -> bool:
        asked.append(True)
        return True

    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_discard", answer)
    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_remove_visit", lambda _parent, _visit: True)
    return asked


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes would block a test: record their texts instead."""
    shown: list[str] = []

    def record(_parent: object, _title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    def record_box(box: QMessageBox) -> int:  # notify's plain-text box
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok.value

    for name in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, record)
    monkeypatch.setattr(QMessageBox, "exec", record_box)
    return shown
