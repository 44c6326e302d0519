"""The user's settings: a small JSON file read before the first paint.

Stdlib only (no pydantic, no yibao.rules): importing pydantic would cost ~190 ms before the window shows.
Bad content never raises: a bad key falls back to its default, a damaged file is set aside.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from yibao.json_text import loads
from yibao.state.paths import config_dir

FILE_NAME = "settings.json"
FONT_SIZES = range(9, 25)
LANGUAGES = ("zh_CN",)
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")



MAX_HALL_NAME, MAX_COUNTER_NO = 100, 20  # characters: what the sheet's header line holds
DEFAULT_POINT_SIZE = 11  # the usual font: tables and dialogs give their starting sizes for it, and grow with it


@dataclass
class Settings:
    default_city: str = "yantai"  # a city code; the window checks it against the policy later
    hall_name: str = ""  # 服务大厅名称, printed on the sheet
    counter_no: str = ""  # 窗口号
    font_point_size: int = DEFAULT_POINT_SIZE  # 9..24
    large_print: bool = False  # 大字模式: the window scales fonts ×1.4
    language: str = "zh_CN"  # only 简体中文 exists for now
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(), opaque here
    last_tab: int = 0


LABELS = {
    "default_city": "默认城市",
    "hall_name": "服务大厅名称",
    "counter_no": "窗口号",
    "font_point_size": "字号",
    "large_print": "大字模式",
    "language": "界面语言",
    "window_geometry": "窗口位置",
    "last_tab": "上次打开的页面",
}


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_VALID: dict[str, Callable[[Any], bool]] = {
    "default_city": lambda v: isinstance(v, str) and v.isascii() and v.isidentifier(),
    "hall_name": lambda v: isinstance(v, str) and len(v) <= MAX_HALL_NAME,
    "counter_no": lambda v: isinstance(v, str) and len(v) <= MAX_COUNTER_NO,
    "font_point_size": lambda v: _is_int(v) and v in FONT_SIZES,
    "large_print": lambda v: isinstance(v, bool),
    "language": lambda v: v in LANGUAGES,
    "window_geometry": lambda v: isinstance(v, str) and _BASE64.fullmatch(v) is not None,
    "last_tab": lambda v: _is_int(v) and 0 <= v < 100,
}


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load_settings() -> tuple[Settings, str | None]:
    """The saved settings, or defaults; the message (Chinese) says what was wrong with the file, if anything."""
    path = settings_path()
    try:
        data = loads(path.read_text(encoding="utf-8"))  # a BOM (Notepad) is skipped, a key given twice refused
    except (FileNotFoundError, NotADirectoryError):  # none saved yet (or no folder to hold one)
        return Settings(), None
    except ValueError:  # not UTF-8, not JSON, a key twice, nested too deep
        return Settings(), _set_aside(path)
    except OSError as exc:
        _log().warning("cannot read %s: %s", path, exc)
        from yibao.wording import describe_os_error

        return Settings(), f"无法读取设置文件 {path}（{describe_os_error(exc)}），本次使用默认设置"
    if not isinstance(data, dict):
        return Settings(), _set_aside(path)
    values: dict[str, Any] = {}
    bad: list[str] = []
    for f in fields(Settings):
        if f.name not in data:
            continue
        if _VALID[f.name](data[f.name]):
            values[f.name] = data[f.name]
        else:
            bad.append(LABELS[f.name])
    message = None
    if bad:
        names = "、".join(f"“{name}”" for name in bad)
        message = f"设置文件中的{names}无效，已恢复默认值"
        _log().warning("settings: invalid keys reset to defaults: %s", bad)
    return Settings(**values), message


def save_settings(settings: Settings) -> None:
    """Write the settings atomically as JSON in config_dir()/settings.json."""
    from yibao.state.atomic import write_text_atomic

    write_text_atomic(settings_path(), json.dumps(asdict(settings), ensure_ascii=False, indent=2) + "\n")


def _set_aside(path: Path) -> str:
    from yibao.state.atomic import set_aside_reported  # tempfile and shutil only when a file is damaged

    return set_aside_reported(path, "设置文件", "现使用默认设置")


def _log() -> Any:
    import logging  # only when something is wrong: importing logging costs start-up time

    return logging.getLogger(__name__)
