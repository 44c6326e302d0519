"""Window tests: the question before discarding an edited case is answered "discard" unless a test says otherwise.

Tests end by closing their windows; a modal question would block them.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    asked: list[bool] = []

    def answer(_parent: object) -> bool:
        asked.append(True)
        return True

    monkeypatch.setattr("yibao.ui.messages.ask_discard", answer)
    return asked
