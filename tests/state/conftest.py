"""The state tests' user folders: a fresh YIBAO_HOME each."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("YIBAO_HOME", str(folder))
    return folder
