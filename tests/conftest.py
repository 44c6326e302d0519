"""Every test runs offscreen and with its own user folders (YIBAO_HOME), never a real user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "yibao-home"
    monkeypatch.setenv("YIBAO_HOME", str(home))
    yield home
