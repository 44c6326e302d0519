from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs
import pytest

from yibao.state.atomic import set_aside, set_aside_reported, write_text_atomic
from yibao.state.paths import config_dir, data_dir, log_dir


def test_yibao_home_holds_all_three_folders(home: Path) -> None:
    assert (config_dir(), data_dir(), log_dir()) == (home / "config", home / "data", home / "logs")
    assert all(p.is_dir() for p in (home / "config", home / "data", home / "logs"))


def test_without_yibao_home_the_platform_folders_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YIBAO_HOME")
    monkeypatch.setattr(platformdirs, "user_config_path", lambda app, appauthor: tmp_path / f"cfg-{app}-{appauthor}")
    assert config_dir() == tmp_path / "cfg-yibao-False"
    assert config_dir().is_dir()


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.json"
    write_text_atomic(target, "旧")
    write_text_atomic(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert os.listdir(target.parent) == ["a.json"]


def test_atomic_write_keeps_the_old_file_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["a.json"]  # no temp file left behind


def test_set_aside_renames_and_keeps_the_bytes(tmp_path: Path) -> None:
    target = tmp_path / "history.sqlite3"
    target.write_bytes(b"\x00\xffdamaged")
    (tmp_path / "history.sqlite3-journal").write_bytes(b"journal")
    moved = set_aside(target, ["-journal", "-wal"])
    assert re.fullmatch(r"history\.damaged-\d{8}-\d{6}\.sqlite3", moved.name)
    assert moved.read_bytes() == b"\x00\xffdamaged"
    assert not target.exists()
    assert (tmp_path / f"{moved.name}-journal").read_bytes() == b"journal"
    # a second damaged file in the same second does not overwrite the first
    target.write_bytes(b"second")
    again = set_aside(target)
    assert again != moved and again.read_bytes() == b"second" and moved.read_bytes() == b"\x00\xffdamaged"


def test_set_aside_reported_says_where_or_why_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "settings.json"
    target.write_text("x")
    message = set_aside_reported(target, "设置文件", "现使用默认设置")
    moved = next(tmp_path.glob("settings.damaged-*.json"))
    assert message == f"设置文件已损坏，已移至 {moved}；现使用默认设置"

    target.write_text("y")

    def fail(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    message = set_aside_reported(target, "设置文件", "现使用默认设置")
    assert message == f"设置文件 {target} 已损坏，且无法移走（权限不足）；现使用默认设置"
    assert target.read_text() == "y"


def test_stale_temp_files_left_by_a_kill_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    """Issue 14: each kill mid-write left a .settings.json.*.tmp that was never removed."""
    import os
    import time

    from yibao.state.atomic import STALE_AFTER, remove_stale_temps

    now = time.time()
    old = [tmp_path / f".settings.json.k{i}.tmp" for i in range(3)] + [tmp_path / ".local-figures.json.x.tmp"]
    for path in old:
        path.write_text("{", encoding="utf-8")
        os.utime(path, (now - STALE_AFTER - 5, now - STALE_AFTER - 5))
    fresh = tmp_path / ".settings.json.writing.tmp"  # another instance writing right now
    fresh.write_text("{", encoding="utf-8")
    kept = [tmp_path / "settings.json", tmp_path / "notes.tmp"]
    for path in kept:
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (now - 3600, now - 3600))
    assert remove_stale_temps(tmp_path, now) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, *(p.name for p in kept)])
