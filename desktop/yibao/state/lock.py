"""A lock file beside a user file: two programs (two windows, the window and ``yibao figures import``) never
read-modify-write the file at once, so neither loses what the other saved."""

from __future__ import annotations

import errno
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from yibao.state.atomic import WriteError
from yibao.wording import describe_os_error

LOCK_TIMEOUT = 10.0  # seconds: another program's read-modify-write takes milliseconds
_POLL = 0.02


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold ``<path>.lock`` for a read-modify-write of ``path``; WriteError (Chinese, naming the file) if it cannot be
    made or another program holds it longer than ``timeout``. The lock goes with the process, even if it is killed."""
    target = lock_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = target.open("a+b")
    except OSError as exc:
        raise WriteError(exc.errno, f"无法写入 {path}（{describe_os_error(exc)}）") from None
    with handle:
        deadline = time.monotonic() + timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                raise WriteError(errno.EBUSY, f"无法写入 {path}（正被另一个程序修改，请稍后再试）")
            time.sleep(_POLL)
        try:
            yield
        finally:
            _unlock(handle)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
