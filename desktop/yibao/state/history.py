"""The calculations a user saved, printed or exported: SQLite (stdlib) in data_dir()/history.sqlite3.

Every query is parameterised and every write is a transaction. A file that is not a healthy SQLite database is
set aside (never deleted) and a new one started, so a damaged history never stops the app. A file of an earlier
schema version is migrated step by step (``_MIGRATIONS``); one of a newer version is left untouched. Each entry keeps
the app version that wrote its request, which ``yibao.rules.requests`` brings to today's form when it is reopened.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from yibao.state.atomic import set_aside_reported
from yibao.state.paths import data_dir
from yibao.version import app_version
from yibao.wording import describe_os_error

FILE_NAME = "history.sqlite3"
SCHEMA_VERSION = 2
KINDS = ("保存", "打印", "PDF", "图片")
# Files SQLite may keep next to the database; they belong to it and move with it.
_COMPANIONS = ("-journal", "-wal", "-shm")

_TABLE = """
CREATE TABLE IF NOT EXISTS entry (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at     TEXT NOT NULL,              -- local time, ISO 8601 (sorts as text)
    city         TEXT NOT NULL,
    city_name    TEXT NOT NULL,
    on_date      TEXT NOT NULL,              -- the request's date, ISO 8601
    kind         TEXT NOT NULL CHECK (kind IN ('保存', '打印', 'PDF', '图片')),
    summary      TEXT NOT NULL,
    request_json TEXT NOT NULL,
    app_version  TEXT NOT NULL               -- the version that wrote request_json (rules.requests migrates it)
)"""
_INDEX = "CREATE INDEX IF NOT EXISTS entry_saved_at ON entry (saved_at)"
_COLUMNS = "id, saved_at, city, city_name, on_date, kind, summary, request_json, app_version"
# From each schema version to the next, oldest first: a file of any earlier version is brought up step by step.
_MIGRATIONS = {
    1: ("ALTER TABLE entry ADD COLUMN app_version TEXT NOT NULL DEFAULT '0.1.0'",),  # version 1: only 0.1.0 wrote it
}
_DAMAGE_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
BUSY_TIMEOUT = 10.0  # seconds another instance may hold the file while it writes

log = logging.getLogger(__name__)


class HistoryError(Exception):
    """The file is not a history this version can use (damaged, not SQLite, wrong tables, an unknown schema)."""


class HistoryNewer(Exception):
    """The file was written by a newer version of the app: left as it is, never taken for damage."""


class HistoryUnavailable(Exception):
    """The file is healthy but cannot be used now (permissions, read-only, locked); the message is Chinese."""


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    saved_at: datetime
    city: str
    city_name: str
    on: date
    kind: str  # "保存" | "打印" | "PDF" | "图片"
    summary: str
    request_json: str
    app_version: str  # the version that wrote the request


class History:
    """One open history database. Raises HistoryError if the file is damaged, sqlite3.Error if it cannot be opened.

    Two instances may open the same file at once (a clerk double-clicks twice): the schema is created in one
    immediate transaction, only if it is still missing, and each waits up to BUSY_TIMEOUT for the other.
    A read-only file opens for reading (``writable`` False). Rows are read defensively: a row that cannot be read
    is skipped and counted in ``problem`` after a search.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None  # what the last search could not read, in Chinese
        self._conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT)
        self._conn.text_factory = bytes  # text is decoded row by row: one bad row must not hide the others
        try:
            self._prepare()
            self.writable = self._can_write()
        except BaseException:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        check = self._conn.execute("PRAGMA integrity_check(1)").fetchone()
        if check is None or check[0] != b"ok":
            raise HistoryError(f"integrity_check: {check}")
        if self._version() == 0:
            self._create_schema()
        if self._version() > SCHEMA_VERSION:
            raise HistoryNewer(f"schema version {self._version()}, this version reads up to {SCHEMA_VERSION}")
        if self._version() < SCHEMA_VERSION:
            self._migrate()
        columns = [row[1].decode() for row in self._conn.execute("PRAGMA table_info(entry)")]
        if columns != _COLUMNS.split(", "):
            raise HistoryError(f"table entry has columns {columns}")

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _create_schema(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")  # waits while another instance creates it
        try:
            if self._version() == 0:
                if self._conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table'").fetchone() is not None:
                    raise HistoryError("a SQLite database of another program (tables, no schema version)")  # not adopted
                self._conn.execute(_TABLE)
                self._conn.execute(_INDEX)
                self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._conn.commit()
        except BaseException:
            self._conn.rollback()
            raise

    def _migrate(self) -> None:
        """Bring a file of an earlier schema up to this one, step by step, in one transaction."""
        self._conn.execute("BEGIN IMMEDIATE")  # waits while another instance migrates it
        try:
            version = self._version()
            while version < SCHEMA_VERSION:
                if version not in _MIGRATIONS:
                    raise HistoryError(f"schema version {version} is not one this version knows")
                for statement in _MIGRATIONS[version]:
                    self._conn.execute(statement)
                version += 1
                self._conn.execute(f"PRAGMA user_version = {version}")
            self._conn.commit()
        except BaseException:
            self._conn.rollback()
            raise
        log.info("history %s migrated to schema version %d", self.path, SCHEMA_VERSION)

    def _can_write(self) -> bool:
        if self.path == Path(":memory:"):
            return True
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as exc:
            log.warning("history %s is read-only: %s", self.path, exc)
            return False
        finally:
            self._conn.rollback()
        return True

    def add(
        self,
        *,
        city: str,
        city_name: str,
        on: date,
        kind: str,
        summary: str,
        request_json: str,
        saved_at: datetime | None = None,
    ) -> int:
        """Record one calculation; returns its id. ``saved_at`` defaults to now (local time)."""
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
        if not self.writable:
            raise HistoryUnavailable(f"历史记录文件 {self.path} 是只读的，这条记录没有保存")
        stamp = (saved_at or datetime.now()).isoformat(timespec="seconds")
        try:
            with self._conn:
                cursor = self._conn.execute(
                    f"INSERT INTO entry ({_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (stamp, city, city_name, on.isoformat(), kind, summary, request_json, app_version()),
                )
        except sqlite3.Error as exc:
            log.error("history %s: cannot add: %s", self.path, exc)
            raise HistoryUnavailable(f"无法保存到历史记录文件 {self.path}（{sqlite_problem(exc)}）") from None
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def search(
        self, text: str = "", date_from: date | None = None, date_to: date | None = None, limit: int = 200
    ) -> list[HistoryEntry]:
        """Newest first. ``text`` is found literally in the city name or the summary; the dates bound saved_at."""
        where: list[str] = []
        params: list[object] = []
        text = text.strip()
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(city_name LIKE ? ESCAPE '\\' OR summary LIKE ? ESCAPE '\\')")
            params += [pattern, pattern]
        if date_from is not None:
            where.append("saved_at >= ?")
            params.append(date_from.isoformat())
        if date_to is not None:
            where.append("saved_at < ?")
            params.append((date_to + timedelta(days=1)).isoformat())
        sql = f"SELECT {_COLUMNS} FROM entry"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY saved_at DESC, id DESC LIMIT ?"
        params.append(limit)
        entries, bad = [], 0
        self.problem = None
        try:
            for row in self._conn.execute(sql, params):
                entry = _entry(row)
                if entry is None:
                    bad += 1
                else:
                    entries.append(entry)
        except sqlite3.DatabaseError as exc:
            log.error("history %s: cannot read on: %s", self.path, exc)
            self.problem = "历史记录文件有损坏的部分，只列出了能读出的记录"
        if bad:
            log.warning("history %s: %d unreadable rows skipped", self.path, bad)
            self.problem = f"有 {bad} 条记录已损坏，未列出" + (f"；{self.problem}" if self.problem else "")
        return entries

    def get(self, entry_id: int) -> HistoryEntry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM entry WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else _entry(row)

    def delete(self, entry_id: int) -> None:
        if not self.writable:
            raise HistoryUnavailable(f"历史记录文件 {self.path} 是只读的，无法删除")
        try:
            with self._conn:
                self._conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))
        except sqlite3.Error as exc:
            raise HistoryUnavailable(f"无法修改历史记录文件 {self.path}（{sqlite_problem(exc)}）") from None

    def close(self) -> None:
        self._conn.close()


def _entry(row: tuple[object, ...]) -> HistoryEntry | None:
    """One row as an entry, or None if it cannot be read (text that is not UTF-8, a date that is not a date)."""
    try:
        id_, saved_at, city, city_name, on, kind, summary, request_json, version = (
            value.decode("utf-8") if isinstance(value, bytes) else value for value in row
        )
        assert isinstance(id_, int)
        return HistoryEntry(id_, datetime.fromisoformat(str(saved_at)), str(city), str(city_name),
                            date.fromisoformat(str(on)), str(kind), str(summary), str(request_json), str(version))
    except (ValueError, TypeError, AssertionError):
        return None


def sqlite_problem(exc: sqlite3.Error) -> str:
    """What SQLite said, in Chinese, for the messages."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return {
        sqlite3.SQLITE_READONLY: "文件是只读的",
        sqlite3.SQLITE_CANTOPEN: "无法打开文件",
        sqlite3.SQLITE_PERM: "权限不足",
        sqlite3.SQLITE_BUSY: "文件正被另一个程序占用",
        sqlite3.SQLITE_LOCKED: "文件正被另一个程序占用",
        sqlite3.SQLITE_FULL: "磁盘已满",
        sqlite3.SQLITE_IOERR: "读写磁盘出错",
        sqlite3.SQLITE_CORRUPT: "文件已损坏",
        sqlite3.SQLITE_NOTADB: "不是历史记录文件",
    }.get(code, f"SQLite 错误 {code}")


def history_path() -> Path:
    return data_dir() / FILE_NAME


def _probe(path: Path) -> None:
    """Read the file's first bytes: a file we may not read must be reported, not taken for damage."""
    with path.open("rb") as file:
        file.read(100)


def open_history() -> tuple[History, str | None]:
    """The user's history, and a Chinese message when something is wrong with it.

    Only a file that fails a real check (not SQLite, integrity, schema) is set aside as damaged, and a new one
    started. A healthy file that cannot be read or written (permissions, a read-only file, a folder where nothing
    can be written) is left as it is: the message says what is wrong, and the history lives in memory for this
    session or, for a read-only file, can be read but not added to.
    """
    try:
        path = history_path()
        if path.exists():
            _probe(path)
        history = History(path)
    except OSError as exc:
        return _in_memory(f"无法读取历史记录文件（{describe_os_error(exc)}）", exc)
    except HistoryNewer as exc:
        return _in_memory(f"历史记录文件 {path} 由较新版本的本软件保存，本版本无法使用，文件未改动", exc)
    except HistoryError as exc:
        return _set_aside_and_start(path, exc)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES:
            return _set_aside_and_start(path, exc)
        if not path.exists():
            return _in_memory(f"无法新建历史记录文件 {path}（{sqlite_problem(exc)}）", exc)
        return _in_memory(f"无法打开历史记录文件 {path}（{sqlite_problem(exc)}），文件未改动", exc)
    if not history.writable:
        return history, f"历史记录文件 {path} 是只读的：可以查看以前的记录，新的记录不会保存"
    return history, None


def _set_aside_and_start(path: Path, exc: Exception) -> tuple[History, str | None]:
    log.warning("history %s damaged: %s", path, exc)
    message = set_aside_reported(path, "历史记录文件", "已新建空白的历史记录", _COMPANIONS)
    try:
        return History(path), message
    except (sqlite3.Error, HistoryError) as again:
        return _in_memory(message, again)


def _in_memory(message: str, exc: Exception) -> tuple[History, str | None]:
    log.error("history unusable, kept in memory: %s (%s)", message, exc)
    return History(Path(":memory:")), f"{message}；历史记录只保存在本次运行中"
