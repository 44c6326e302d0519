"""Where the user's files live: platformdirs folders, or ``$YIBAO_HOME/{config,data,logs}`` when that is set.

Tests and the frozen smoke test set YIBAO_HOME so they never touch a real user's folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "yibao"
_UNMADE: dict[Path, OSError] = {}  # folders that could not be created: the app runs on and says so


def _folder(kind: str) -> Path:
    home = os.environ.get("YIBAO_HOME")
    if home:
        path = Path(home) / kind
    elif kind == "config":
        path = platformdirs.user_config_path(APP_NAME, appauthor=False)
    elif kind == "data":
        path = platformdirs.user_data_path(APP_NAME, appauthor=False)
    else:
        path = platformdirs.user_log_path(APP_NAME, appauthor=False)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _UNMADE[path] = exc
    return path


def unwritable_folders_problem() -> str | None:
    """One Chinese line naming the user folders where nothing can be written (with the error where creating one
    failed), or None."""
    from yibao.wording import describe_os_error

    folders: list[str] = []
    for folder in (config_dir(), data_dir(), log_dir()):
        if folder in _UNMADE and not folder.is_dir():
            folders.append(f"{folder}（{describe_os_error(_UNMADE[folder])}）")
        elif not os.access(folder, os.W_OK):
            folders.append(f"{folder}（权限不足）")
    if not folders:
        return None
    return f"无法写入文件夹 {'、'.join(folders)}：本次运行的设置、历史记录、本地录入参数和日志都不会保存，测算和打印照常"


def remove_stale_user_temps() -> None:
    """Temporary files an interrupted save left in the settings and data folders."""
    from yibao.state.atomic import remove_stale_temps

    for folder in (config_dir(), data_dir()):
        remove_stale_temps(folder)


def config_dir() -> Path:
    return _folder("config")


def data_dir() -> Path:
    return _folder("data")


def log_dir() -> Path:
    return _folder("logs")
