"""The calculations a user saved, printed or exported: SQLite (stdlib) in data_dir()/history.sqlite3.

Every query is parameterised and every write is a transaction. A file that is not a healthy SQLite database is
set aside (never deleted) and a new one started, so a damaged history never stops the app.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from yibao.state.atomic import set_aside_reported
from yibao.state.paths import data_dir

FILE_NAME = "history.sqlite3"
SCHEMA_VERSION = 1
KINDS = ("保存", "打印", "PDF", "图片")
# Files SQLite may keep next to the database; they belong to it and move with it.
_COMPANIONS = ("-journal", "-wal", "-shm")

_SCHEMA = """
CREATE TABLE entry (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at     TEXT NOT NULL,              -- local time, ISO 8601 (sorts as text)
    city         TEXT NOT NULL,
    city_name    TEXT NOT NULL,
    on_date      TEXT NOT NULL,              -- the request's date, ISO 8601
    kind         TEXT NOT NULL CHECK (kind IN ('保存', '打印', 'PDF', '图片')),
    summary      TEXT NOT NULL,
    request_json TEXT NOT NULL
);
CREATE INDEX entry_saved_at ON entry (saved_at);
"""
_COLUMNS = "id, saved_at, city, city_name, on_date, kind, summary, request_json"

log = logging.getLogger(__name__)


class HistoryError(Exception):
    """The file is not a history this version can use (damaged, not SQLite, or from a newer version)."""


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


class History:
    """One open history database. Raises sqlite3.Error or HistoryError if the file is unusable."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(path)
        try:
            self._prepare()
        except BaseException:
            self._conn.close()
            raise

    def _prepare(self) -> None:
        check = self._conn.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise HistoryError(f"quick_check: {check}")
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            self._conn.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        elif version != SCHEMA_VERSION:
            raise HistoryError(f"schema version {version}, expected {SCHEMA_VERSION}")

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
        stamp = (saved_at or datetime.now()).isoformat(timespec="seconds")
        with self._conn:
            cursor = self._conn.execute(
                "INSERT INTO entry (saved_at, city, city_name, on_date, kind, summary, request_json)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (stamp, city, city_name, on.isoformat(), kind, summary, request_json),
            )
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
        return [_entry(row) for row in self._conn.execute(sql, params)]

    def get(self, entry_id: int) -> HistoryEntry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM entry WHERE id = ?", (entry_id,)).fetchone()
        return None if row is None else _entry(row)

    def delete(self, entry_id: int) -> None:
        with self._conn:
            self._conn.execute("DELETE FROM entry WHERE id = ?", (entry_id,))

    def close(self) -> None:
        self._conn.close()


def _entry(row: tuple[int, str, str, str, str, str, str, str]) -> HistoryEntry:
    id_, saved_at, city, city_name, on, kind, summary, request_json = row
    return HistoryEntry(
        id_, datetime.fromisoformat(saved_at), city, city_name, date.fromisoformat(on), kind, summary, request_json
    )


def history_path() -> Path:
    return data_dir() / FILE_NAME


def open_history() -> tuple[History, str | None]:
    """The user's history; a damaged or unreadable file is set aside and a new one started (with a Chinese message).

    If even a new file cannot be made (a read-only folder), the history lives in memory for this session.
    """
    path = history_path()
    try:
        return History(path), None
    except (sqlite3.Error, HistoryError) as exc:
        log.warning("history %s unusable: %s", path, exc)
        if path.exists():
            message = set_aside_reported(path, "历史记录文件", "已新建空白的历史记录", _COMPANIONS)
        else:
            message = f"无法新建历史记录文件 {path}（{exc}）"
    try:
        return History(path), message
    except (sqlite3.Error, HistoryError) as exc:
        log.error("cannot create history %s: %s", path, exc)
        return History(Path(":memory:")), f"{message}；历史记录只保存在本次运行中"

