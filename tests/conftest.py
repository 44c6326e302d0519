"""Every test runs offscreen and with its own user folders (YIBAO_HOME), never a real user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# In CI the property tests draw the same examples every run, so a landing never depends on luck; run them locally
# (without CI set) to explore new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _own_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "yibao-home"
    monkeypatch.setenv("YIBAO_HOME", str(home))
    yield home
