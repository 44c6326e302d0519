from __future__ import annotations

import logging
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from yibao.state.logs import log_exception, setup_logging


@pytest.fixture
def clean_root() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def _ours(root: logging.Logger) -> list[RotatingFileHandler]:
    return [h for h in root.handlers if isinstance(h, RotatingFileHandler)]


def test_setup_is_idempotent_and_rotates_at_1_mb(home: Path, clean_root: logging.Logger) -> None:
    path = setup_logging()
    assert path == home / "logs" / "yibao.log"
    assert setup_logging() == path
    handlers = _ours(clean_root)
    assert len(handlers) == 1
    assert (handlers[0].maxBytes, handlers[0].backupCount, handlers[0].encoding) == (1_000_000, 3, "utf-8")


def test_messages_and_exceptions_reach_the_file(home: Path, clean_root: logging.Logger) -> None:
    path = setup_logging()
    logging.getLogger("yibao.test").info("已保存 烟台市")
    try:
        raise RuntimeError("计算出错")
    except RuntimeError as exc:
        log_exception(type(exc), exc, exc.__traceback__)
    for handler in _ours(clean_root):
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO yibao.test: 已保存 烟台市" in text
    assert "ERROR yibao: 未处理的异常" in text
    assert "RuntimeError: 计算出错" in text and "Traceback" in text


def test_a_new_home_moves_the_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_root: logging.Logger) -> None:
    monkeypatch.setenv("YIBAO_HOME", str(tmp_path / "one"))
    setup_logging()
    monkeypatch.setenv("YIBAO_HOME", str(tmp_path / "two"))
    path = setup_logging()
    assert [Path(h.baseFilename) for h in _ours(clean_root)] == [path.absolute()]
    assert path == tmp_path / "two" / "logs" / "yibao.log"


def test_a_full_disk_under_the_log_folder_prints_no_tracebacks(home: Path, clean_root: logging.Logger,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22.12: each line the log cannot write used to print "--- Logging error ---" and a traceback on stderr."""
    import errno

    setup_logging()
    handler = next(h for h in clean_root.handlers if isinstance(h, RotatingFileHandler))

    def full(_record: logging.LogRecord) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(handler, "shouldRollover", full)
    logging.getLogger("yibao.test").warning("本地录入数据有误")
    logging.getLogger("yibao.test").error("第二行")
    assert capsys.readouterr().err == ""
