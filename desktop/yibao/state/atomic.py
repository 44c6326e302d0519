"""Writing user files so that a crash or a full disk never leaves a half-written file."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from yibao.wording import describe_os_error

log = logging.getLogger(__name__)


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text to a temp file in the same folder, fsync it, then ``os.replace`` it over ``path``.

    If anything fails the old file is left as it was and the temp file is removed. A read-only file is not replaced.
    """
    refuse_read_only(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as tmp:
            tmp.write(text)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


class WriteError(OSError):
    """A file could not be written; the message is Chinese and names the file."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


def replace_checked(path: Path, write: Callable[[Path], object], complete: Callable[[Path], bool]) -> None:
    """Make ``path`` through ``write(temp)`` on a temp file beside it, check the temp with ``complete``, then rename
    it over ``path``, readable by all (0644), as any document the user saves. A full disk or any failure leaves the old
    file as it was, removes the temp, and raises WriteError. For the files a user names (the sheet's PDF and PNG, an
    exported pack): a folder, a device, a FIFO or a symlink is refused, and a missing folder is not made.
    """
    if path.is_symlink():  # replacing the link would leave the file it points to as it was
        raise WriteError(errno.EEXIST, f"无法写入 {path}（这不是一个普通文件，是一个符号链接，不会被替换）")
    if path.is_dir() or (path.exists() and not path.is_file()):  # a folder, /dev/null, a FIFO: never replaced
        raise WriteError(errno.EISDIR, f"无法写入 {path}（这不是一个普通文件）")
    refuse_read_only(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(exc.errno, f"无法写入 {path}（{describe_os_error(exc)}）") from None
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        if not complete(temp):
            raise WriteError(errno.EIO, f"无法写入 {path}（文件没有写完整，可能磁盘已满），原文件未改动")
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        temp.chmod(0o644)  # as any document the user saves (mkstemp makes it private)
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(exc.errno, f"无法写入 {path}（{describe_os_error(exc)}），原文件未改动") from None
        raise


STALE_AFTER = 60.0  # seconds: a write takes milliseconds; an older temp file was left by a killed process


def remove_stale_temps(folder: Path, now: float | None = None) -> int:
    """Remove the temp files ``write_text_atomic`` left behind when the app was killed mid-write; return how many.

    Only ``.<name>.<random>.tmp`` files older than STALE_AFTER go: another instance may be writing right now.
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        candidates = list(folder.glob(".*.*.tmp"))
    except OSError:
        return 0
    for temp in candidates:
        try:
            if temp.is_file() and now - temp.stat().st_mtime > STALE_AFTER:
                temp.unlink()
                removed += 1
        except OSError as exc:
            log.warning("cannot remove stale temp file %s: %s", temp, exc)
    if removed:
        log.info("removed %d stale temp files in %s", removed, folder)
    return removed


def set_aside(path: Path, companions: Sequence[str] = ()) -> Path:
    """Rename a damaged file to ``<name>.damaged-YYYYmmdd-HHMMSS<suffix>`` (never delete user data); return the new path.

    ``companions`` are suffixes of files that belong to it (SQLite's ``-journal``): those present move along.
    """
    target = _aside_name(path)
    os.replace(path, target)
    for suffix in companions:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target


def refuse_read_only(path: Path) -> None:
    """A file the user made read-only is never replaced: ``os.replace`` would, the folder being writable."""
    try:
        mode = path.stat().st_mode
    except OSError:  # not there yet: nothing to keep
        return
    if stat.S_ISREG(mode) and not mode & stat.S_IWUSR:
        raise WriteError(errno.EACCES, f"无法写入 {path}（文件是只读的，未被替换）")


def copy_aside(path: Path) -> Path:
    """Keep a copy of a partly damaged file under the set-aside name, before the app rewrites it without the bad part.

    One copy per damage: a copy already kept with the same content is returned (each run reads the file again)."""
    content = path.read_bytes()
    for kept in sorted(path.parent.glob(f"{path.stem}.damaged-*{path.suffix}")):
        with contextlib.suppress(OSError):
            if kept.stat().st_size == len(content) and kept.read_bytes() == content:
                return kept
    target = _aside_name(path)
    shutil.copy2(path, target)
    return target


def _aside_name(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{n}{path.suffix}")
    return target


def set_aside_reported(path: Path, what: str, then: str, companions: Sequence[str] = ()) -> str:
    """Set a damaged file aside and say so in Chinese, e.g. what="设置文件", then="现使用默认设置".

    Never raises: if the file cannot be moved it stays where it is and the message says so.
    """
    try:
        moved = set_aside(path, companions)
    except OSError as exc:
        log.warning("cannot set aside damaged %s: %s", path, exc)
        return f"{what} {path} 已损坏，且无法移走（{describe_os_error(exc)}）；{then}"
    log.warning("damaged %s moved to %s", path, moved)
    return f"{what}已损坏，已移至 {moved}；{then}"
