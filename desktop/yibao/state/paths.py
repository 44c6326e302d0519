"""Where the user's files live: platformdirs folders, or ``$YIBAO_HOME/{config,data,logs}`` when that is set.

Tests and the frozen smoke test set YIBAO_HOME so they never touch a real user's folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "yibao"


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
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _folder("config")


def data_dir() -> Path:
    return _folder("data")


def log_dir() -> Path:
    return _folder("logs")
