from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from yibao.state.settings import Settings, load_settings, save_settings, settings_path


def test_no_file_gives_defaults_and_no_message(home: Path) -> None:
    assert load_settings() == (Settings(), None)


def test_round_trip(home: Path) -> None:
    mine = Settings(default_city="jinan", hall_name="烟台市芝罘区医保服务大厅", counter_no="3", font_point_size=14,
                    large_print=True, window_geometry="AdnQywADAAA=", last_tab=2)
    save_settings(mine)
    assert settings_path() == home / "config" / "settings.json"
    assert json.loads(settings_path().read_text(encoding="utf-8"))["hall_name"] == "烟台市芝罘区医保服务大厅"
    assert load_settings() == (mine, None)


def _write(data: object) -> None:
    settings_path().write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_unknown_keys_are_ignored(home: Path) -> None:
    _write({"counter_no": "5", "theme": "dark"})
    assert load_settings() == (Settings(counter_no="5"), None)


@pytest.mark.parametrize(
    ("key", "value", "label"),
    [
        ("font_point_size", 30, "字号"),
        ("font_point_size", 8, "字号"),
        ("font_point_size", "12", "字号"),
        ("font_point_size", True, "字号"),
        ("large_print", 1, "大字模式"),
        ("language", "en_US", "界面语言"),
        ("default_city", 3, "默认城市"),
        ("default_city", "../etc", "默认城市"),
        ("last_tab", -1, "上次打开的页面"),
        ("hall_name", None, "服务大厅名称"),
        ("window_geometry", "窗口", "窗口位置"),
    ],
)
def test_a_bad_key_falls_back_to_its_default(home: Path, key: str, value: object, label: str) -> None:
    _write({key: value, "counter_no": "7"})
    settings, message = load_settings()
    assert settings == Settings(counter_no="7")
    assert message == f"设置文件中的“{label}”无效，已恢复默认值"
    assert settings_path().exists()  # a bad key does not set the file aside


def test_several_bad_keys_are_named_together(home: Path) -> None:
    _write({"font_point_size": 99, "large_print": "yes", "hall_name": "大厅"})
    settings, message = load_settings()
    assert settings == Settings(hall_name="大厅")
    assert message == "设置文件中的“字号”、“大字模式”无效，已恢复默认值"


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2, 3]", b'"text"', b"\xff\xfe\x00garbage", b"", b"[" * 100_000],
    ids=["not-json", "list", "string", "not-utf8", "empty", "nested-too-deep"],
)
def test_a_damaged_file_is_set_aside_with_its_bytes(home: Path, content: bytes) -> None:
    settings_path().write_bytes(content)
    settings, message = load_settings()
    assert settings == Settings()
    moved = list((home / "config").glob("settings.damaged-*.json"))
    assert len(moved) == 1
    assert moved[0].read_bytes() == content
    assert message == f"设置文件已损坏，已移至 {moved[0]}；现使用默认设置"
    assert not settings_path().exists()
    save_settings(Settings(counter_no="1"))  # and the next save works
    assert load_settings() == (Settings(counter_no="1"), None)


def test_saving_writes_every_field(home: Path) -> None:
    save_settings(Settings())
    assert json.loads(settings_path().read_text(encoding="utf-8")) == asdict(Settings())


def test_settings_do_not_import_pydantic_or_the_rules() -> None:
    code = (
        "import sys, yibao.state.settings;"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'yibao.rules', 'PySide6'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
