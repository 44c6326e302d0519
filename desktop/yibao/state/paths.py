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


def unwritable_folders() -> list[tuple[Path, OSError | None]]:
    """The user folders where nothing can be written (with the error, when creating them failed)."""
    found: list[tuple[Path, OSError | None]] = []
    for folder in (config_dir(), data_dir(), log_dir()):
        if folder in _UNMADE and not folder.is_dir():
            found.append((folder, _UNMADE[folder]))
        elif not os.access(folder, os.W_OK):
            found.append((folder, None))
    return found


def config_dir() -> Path:
    return _folder("config")


def data_dir() -> Path:
    return _folder("data")


def log_dir() -> Path:
    return _folder("logs")
