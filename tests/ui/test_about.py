"""帮助 › 关于 names the version (from pyproject.toml) and the date of the newest bundled policy figure."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import open_window

VERSION = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["version"]


def test_about_box_names_the_version_and_the_newest_policy_figure(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMenu, QMessageBox

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: shown.append((title, text)))
    window = open_window(qtbot)
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "帮助(&H)").menu()
    assert isinstance(help_menu, QMenu)
    about = help_menu.actions()
    next(a for a in about if a.text() == "关于(&A)").trigger()
    assert shown and shown[0][0] == "关于"
    assert shown[0][1].startswith(f"山东职工医保测算 {VERSION}\n内置政策参数最新一项自2026年1月1日起施行\n")


def test_help_names_every_tab_and_the_keys_that_reach_them() -> None:
    """F1 is where a new clerk learns the window: each tab, Ctrl+digit, and every field's Alt+letter as labelled."""
    from yibao.resources import resource_path
    from yibao.ui.actions import FIELD_KEYS
    from yibao.ui.pages import TAB_TITLES

    text = resource_path("help", "zh_CN.html").read_text(encoding="utf-8")
    assert [title for title in TAB_TITLES if f"<b>{title}</b>" not in text] == []
    assert f"Ctrl+1 … Ctrl+{len(TAB_TITLES)}" in text and "Alt+字母" in text
    assert "O" in FIELD_KEYS and "Alt+O 添加门诊" in text
