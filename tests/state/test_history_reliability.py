"""Issue 14, the history: two instances at once, files that cannot be read or written, damage that passes a quick check."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest

from yibao.state import history as history_module
from yibao.state.history import History, HistoryUnavailable, history_path, open_history

RACE = """
import sys, time
from datetime import date
from yibao.state.history import open_history
start = float(sys.argv[1])
while time.time() < start:
    pass
history, message = open_history()
history.add(city="yantai", city_name="烟台市", on=date(2024, 6, 1), kind="保存", summary=sys.argv[2], request_json="{}")
print(message)
"""


def _add(history: History, summary: str, when: str = "2024-06-01T09:00:00") -> int:
    return history.add(city="yantai", city_name="烟台市", on=date(2024, 6, 1), kind="保存", summary=summary,
                       request_json='{"city": "yantai"}', saved_at=datetime.fromisoformat(when))


def _filled(n: int = 5) -> Path:
    history, _ = open_history()
    for i in range(n):
        _add(history, f"记录{i}")
    history.close()
    return history_path()


def test_two_instances_starting_on_a_fresh_profile(home: Path, tmp_path: Path) -> None:
    """A clerk double-clicks twice: neither instance takes the other's new history for damage, both can save."""
    for round_ in range(4):
        os.environ["YIBAO_HOME"] = str(tmp_path / f"round{round_}")
        start = time.time() + 1.5  # both interpreters are up and waiting by then
        runs = [subprocess.Popen([sys.executable, "-c", RACE, str(start), name], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for name in ("甲", "乙")]
        outputs = [run.communicate(timeout=60) for run in runs]
        for run, (out, err) in zip(runs, outputs, strict=True):
            assert run.returncode == 0, err
            assert out.strip() == "None", out
        data = tmp_path / f"round{round_}" / "data"
        assert [p.name for p in data.iterdir() if "damaged" in p.name] == []
        history, message = open_history()
        assert message is None
        assert sorted(e.summary for e in history.search()) == ["乙", "甲"]
        history.close()


def test_an_unreadable_history_is_reported_and_left_alone(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _filled()
    before = path.read_bytes()

    def refuse(_path: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(history_module, "_probe", refuse)
    history, message = open_history()
    assert message == "无法读取历史记录文件（权限不足）；历史记录只保存在本次运行中"
    assert path.read_bytes() == before and not list(path.parent.glob("*damaged*"))
    _add(history, "本次运行")  # the session still works, in memory
    assert [e.summary for e in history.search()] == ["本次运行"]


@pytest.mark.skipif(getattr(os, "geteuid", lambda: 0)() == 0, reason="root reads any file (and Windows has no chmod 0)")
def test_an_unreadable_history_for_real(home: Path) -> None:
    path = _filled()
    path.chmod(0)
    try:
        _, message = open_history()
    finally:
        path.chmod(0o600)
    assert message is not None and "权限不足" in message and not list(path.parent.glob("*damaged*"))


def test_a_read_only_history_says_so_at_start_and_on_save(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _filled(3)
    before = path.read_bytes()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw))  # as a file without write permission
    history, message = open_history()
    assert message == f"历史记录文件 {path} 是只读的：可以查看以前的记录，新的记录不会保存"
    assert len(history.search()) == 3  # still readable
    with pytest.raises(HistoryUnavailable, match="只读"):
        _add(history, "新的")
    with pytest.raises(HistoryUnavailable, match="只读"):
        history.delete(1)
    history.close()
    assert path.read_bytes() == before


def test_a_dropped_table_is_damage(home: Path) -> None:
    path = _filled()
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE entry")
    conn.close()
    history, message = open_history()
    assert message is not None and "已损坏" in message
    assert len(list(path.parent.glob("history.damaged-*"))) == 1
    assert history.search() == []
    _add(history, "新的")
    history.close()


def test_bad_rows_are_skipped_and_reported_the_rest_shown(home: Path) -> None:
    path = _filled(4)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE entry SET saved_at = 'garbage' WHERE summary = '记录1'")
        conn.execute("UPDATE entry SET summary = CAST(X'FFFE41' AS TEXT) WHERE summary = '记录2'")
    conn.close()
    history, message = open_history()
    assert message is None  # the file is healthy; two of its rows are not
    assert sorted(e.summary for e in history.search()) == ["记录0", "记录3"]
    assert history.problem == "有 2 条记录已损坏，未列出"
    history.close()


def test_non_utf8_bytes_written_into_a_page(home: Path) -> None:
    """Garbage inside a row's text on disk passes the integrity check: the row is skipped, the others shown."""
    path = _filled(3)
    content = path.read_bytes()
    marker = "记录1".encode()
    assert content.count(marker) == 1
    path.write_bytes(content.replace(marker, b"\xff" * len(marker)))
    history, message = open_history()
    assert message is None
    assert sorted(e.summary for e in history.search()) == ["记录0", "记录2"]
    assert history.problem is not None and "1 条" in history.problem
    history.close()


def test_a_foreign_sqlite_file_is_not_adopted(home: Path) -> None:
    """Issue 22.14: another program's SQLite database where the history belongs was adopted (our table added to it).
    It is set aside untouched and a new history started."""
    path = history_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.close()
    history, message = open_history()
    assert message is not None and "已损坏" in message
    (aside,) = path.parent.glob("history.damaged-*")
    with sqlite3.connect(aside) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    conn.close()
    assert tables == ["contacts"]
    _add(history, "新的")
    history.close()
