"""The app's log: log_dir()/yibao.log, UTF-8, rotated at 1 MB with 3 old files kept."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from yibao.state.paths import log_dir

FILE_NAME = "yibao.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("yibao")


def setup_logging() -> Path:
    """Send the root logger (INFO and up) to the log file and return its path.

    Calling it again adds no second handler; if the log folder has changed (YIBAO_HOME) the handler follows it.
    If the file cannot be opened the app runs without a log file rather than not at all.
    """
    path = log_dir() / FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, _Handler):
            if Path(handler.baseFilename) == path.absolute():
                return path
            root.removeHandler(handler)
            handler.close()
    try:
        handler = _Handler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return path
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return path


def log_started() -> None:
    """The first line of each session: which version, with how recent policy figures, is running."""
    from yibao.version import about_text

    log.info("启动 %s", about_text())


def log_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Write an uncaught exception with its traceback at ERROR (usable as sys.excepthook)."""
    log.error("未处理的异常", exc_info=(exc_type, exc, tb))


class _Handler(RotatingFileHandler):
    """Ours, so that setup_logging can find it again among the root logger's handlers.

    A full disk (or any OSError) under the log folder drops the line quietly: logging would print a traceback on
    stderr for every line it cannot write, and the app runs on without its log."""

    def handleError(self, record: logging.LogRecord) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)
