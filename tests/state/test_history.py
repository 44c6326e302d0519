from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yibao.state.history import History, HistoryEntry, history_path, open_history
from yibao.version import app_version


@pytest.fixture
def history(home: Path) -> Iterator[History]:
    opened, message = open_history()
    assert message is None
    yield opened
    opened.close()


def _add(history: History, when: str, city_name: str = "烟台市", summary: str = "缴费测算", kind: str = "保存") -> int:
    return history.add(city="yantai", city_name=city_name, on=date(2024, 6, 1), kind=kind, summary=summary,
                       request_json='{"city": "yantai"}', saved_at=datetime.fromisoformat(when))


def test_add_get_and_delete(history: History) -> None:
    entry_id = history.add(city="jinan", city_name="济南市", on=date(2024, 3, 31), kind="PDF",
                           summary="门诊 2000.00 元，统筹支付 840.00 元", request_json='{"city": "jinan"}')
    entry = history.get(entry_id)
    assert entry is not None
    assert entry == HistoryEntry(entry_id, entry.saved_at, "jinan", "济南市", date(2024, 3, 31), "PDF",
                                 "门诊 2000.00 元，统筹支付 840.00 元", '{"city": "jinan"}', app_version())
    assert abs((datetime.now() - entry.saved_at).total_seconds()) < 5
    history.delete(entry_id)
    assert history.get(entry_id) is None
    assert history.search() == []


def test_unknown_kind_is_refused(history: History) -> None:
    with pytest.raises(ValueError, match="kind"):
        _add(history, "2024-06-01T10:00:00", kind="邮件")


def test_search_newest_first_by_text_and_dates(history: History) -> None:
    a = _add(history, "2024-06-01T09:00:00", "烟台市", "门诊报销")
    b = _add(history, "2024-06-02T23:59:59", "济南市", "住院报销")
    c = _add(history, "2024-06-03T00:00:00", "济宁市", "缴费测算")
    d = _add(history, "2024-06-03T00:00:00", "烟台市", "退休年限")
    assert [e.id for e in history.search()] == [d, c, b, a]
    assert [e.id for e in history.search("烟台")] == [d, a]
    assert [e.id for e in history.search("报销")] == [b, a]  # matches the summary
    assert [e.id for e in history.search("  济  ")] == [c, b]
    assert [e.id for e in history.search(date_from=date(2024, 6, 2))] == [d, c, b]
    assert [e.id for e in history.search(date_to=date(2024, 6, 2))] == [b, a]
    assert [e.id for e in history.search("济", date(2024, 6, 2), date(2024, 6, 2))] == [b]
    assert [e.id for e in history.search(limit=2)] == [d, c]


@pytest.mark.parametrize("text", ["%", "_", "'; DROP TABLE entry; --", "\\", "50%", "a_b"])
def test_sql_metacharacters_are_literal(history: History, text: str) -> None:
    plain = _add(history, "2024-06-01T09:00:00", summary="普通记录 abc")
    special = _add(history, "2024-06-01T10:00:00", summary=f"含有{text}的记录")
    assert [e.id for e in history.search(text)] == [special]
    assert {e.id for e in history.search()} == {plain, special}  # the table is still there


def test_survives_reopen(home: Path) -> None:
    first, _ = open_history()
    entry_id = _add(first, "2024-06-01T09:00:00", summary="重开后仍在")
    first.close()
    again, message = open_history()
    assert message is None
    entry = again.get(entry_id)
    assert entry is not None and entry.summary == "重开后仍在"
    again.close()
    assert history_path() == home / "data" / "history.sqlite3"


def _damaged_copies(home: Path) -> list[Path]:
    return sorted((home / "data").glob("history.damaged-*.sqlite3"))


@pytest.mark.parametrize("kind", ["random-bytes", "truncated", "corrupt-page"])
def test_a_damaged_file_is_set_aside_and_a_new_one_works(home: Path, kind: str) -> None:
    good, _ = open_history()
    for i in range(200):
        _add(good, "2024-06-01T09:00:00", summary=f"记录{i} " + "x" * 200)
    good.close()
    path = history_path()
    content = path.read_bytes()
    if kind == "random-bytes":
        content = bytes(range(256)) * 20
    elif kind == "truncated":
        content = content[:5000]
    else:  # scribble over a data page, keep the header
        content = content[:8192] + b"\xa5" * 4096 + content[12288:]
    path.write_bytes(content)

    history, message = open_history()
    moved = _damaged_copies(home)
    assert len(moved) == 1
    assert moved[0].read_bytes() == content  # the old file is kept as it was
    assert message == f"历史记录文件已损坏，已移至 {moved[0]}；已新建空白的历史记录"
    assert history.search() == []
    entry_id = _add(history, "2024-06-01T09:00:00", summary="新记录")
    assert [e.id for e in history.search()] == [entry_id]
    history.close()


def test_an_unwritable_folder_falls_back_to_memory(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("yibao.state.history.history_path", lambda: home / "no-such-folder" / "history.sqlite3")
    history, message = open_history()
    assert message is not None and message.startswith("无法新建历史记录文件")
    assert message.endswith("；历史记录只保存在本次运行中")
    entry_id = _add(history, "2024-06-01T09:00:00")
    assert history.get(entry_id) is not None
    history.close()


_ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_texts = st.text(alphabet=st.sampled_from("aA%_\\'\"[]*?济南市 -;"), max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(summaries=st.lists(_texts, min_size=1, max_size=6), query=_texts)
def test_search_finds_exactly_the_entries_containing_the_text(history: History, summaries: list[str], query: str) -> None:
    for entry in history.search(limit=1000):
        history.delete(entry.id)
    ids = [_add(history, "2024-06-01T09:00:00", city_name="烟台市", summary=s) for s in summaries]
    needle = query.strip().translate(_ascii_lower)  # SQLite's LIKE ignores ASCII case only
    expected = {i for i, s in zip(ids, summaries, strict=True) if needle in "烟台市" or needle in s.translate(_ascii_lower)}
    assert {e.id for e in history.search(query)} == expected
