"""Issue 22.14: the user's files at the edges. Settings saved by Notepad with a BOM are read (they were reset); a key
given twice is damage; a partly damaged local-figures file is copied aside once, not once per run; a file the user
made read-only (settings, a PDF) is never silently replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from yibao.rules import bundled_policy
from yibao.state.atomic import WriteError, replace_checked
from yibao.state.local_figures import load_local_figures, local_figures_path
from yibao.state.settings import Settings, load_settings, save_settings, settings_path


def test_settings_with_a_bom_are_read(home: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_bytes(b"\xef\xbb\xbf" + json.dumps({"hall_name": "芝罘区服务大厅"}, ensure_ascii=False).encode())
    settings, message = load_settings()
    assert (settings.hall_name, message) == ("芝罘区服务大厅", None)
    assert [p.name for p in settings_path().parent.iterdir()] == ["settings.json"]


def test_settings_with_a_key_given_twice_are_set_aside(home: Path) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"hall_name": "甲", "hall_name": "乙"}', encoding="utf-8")
    settings, message = load_settings()
    assert settings == Settings() and message is not None and message.startswith("设置文件已损坏，已移至")


def test_a_partly_damaged_file_is_copied_aside_once(home: Path) -> None:
    good = {"parameter": "wage.province_average_monthly", "region": "jinan", "start": "2024-01-01", "end": None,
            "value": "7000", "note": ""}
    local_figures_path().parent.mkdir(parents=True, exist_ok=True)
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [good, {**good, "region": "nowhere"}]}),
                                    encoding="utf-8")
    for _run in range(3):  # three `yibao calc` runs read the same file
        figures, message = load_local_figures(bundled_policy())
        assert len(figures) == 1 and message is not None and "已跳过" in message
    copies = sorted(p.name for p in local_figures_path().parent.glob("local-figures.damaged-*.json"))
    assert len(copies) == 1, copies


def test_read_only_settings_are_not_replaced(home: Path) -> None:
    save_settings(Settings(hall_name="甲"))
    before = settings_path().read_bytes()
    settings_path().chmod(0o444)
    with pytest.raises(WriteError, match="文件是只读的，未被替换"):
        save_settings(Settings(hall_name="乙"))
    assert settings_path().read_bytes() == before


def test_a_read_only_pdf_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"%PDF the old sheet")
    out.chmod(0o444)
    with pytest.raises(WriteError, match="文件是只读的，未被替换"):
        replace_checked(out, lambda temp: temp.write_bytes(b"%PDF new"), lambda _temp: True)
    assert out.read_bytes() == b"%PDF the old sheet" and [p.name for p in tmp_path.iterdir()] == ["sheet.pdf"]
