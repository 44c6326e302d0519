"""History across versions: a file 0.1.0 wrote is migrated and its cases reopen with their figures; a file from a
newer version is left as it is; each entry keeps the version that wrote its request.

``fixtures/history-0.1.0.sqlite3`` was written by the 0.1.0 code itself (commit ef60fbe, the release's CHANGELOG
entry): its ``History.add`` with its ``Request.model_dump_json`` and ``case_summary``, for three cases saved,
printed and exported as PDF. Its schema is version 1, without ``app_version``.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yibao.rules import InputError, calculate
from yibao.rules import requests as request_forms
from yibao.rules.requests import request_from_text, version_key
from yibao.session import Session
from yibao.state.history import SCHEMA_VERSION, History, history_path, open_history
from yibao.version import app_version

WRITTEN_BY_0_1_0 = Path(__file__).parent / "fixtures" / "history-0.1.0.sqlite3"


@pytest.fixture
def old_history(home: Path) -> Path:
    path = history_path()
    shutil.copyfile(WRITTEN_BY_0_1_0, path)
    return path


def schema_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    conn.close()
    return version


def test_the_fixture_is_what_0_1_0_wrote() -> None:
    assert schema_version(WRITTEN_BY_0_1_0) == 1


def test_109号_a_history_0_1_0_wrote_is_migrated_and_every_case_reopens_with_its_figures(old_history: Path) -> None:
    """Yantai 2024 (烟政字〔2023〕109号 二(二)1): base 6000 → employer 8% 480.00; a 三级 outpatient 2000, deductible
    600, (2000 − 600) × 60% = 840.00 from the fund, the person 1160.00 — what 0.1.0's summary says."""
    history, message = open_history()
    assert message is None and schema_version(old_history) == SCHEMA_VERSION
    entries = history.search()
    assert [(e.kind, e.app_version) for e in entries] == [("PDF", "0.1.0"), ("打印", "0.1.0"), ("保存", "0.1.0")]
    session = Session.open()
    reopened = {e.kind: session.reopen(e) for e in entries}
    saved = session.compute(reopened["保存"])
    assert entries[2].summary == "企业职工 男40岁；基数6000.00；就诊1次 费用2000.00 个人负担1160.00"
    assert saved.contribution is not None and saved.contribution.employer_monthly == Decimal("480.00")
    assert saved.year_totals is not None and saved.year_totals.person_pays == Decimal("1160.00")
    assert reopened["打印"].contribution is not None and reopened["打印"].contribution.flexible_option == "with_account"
    retired = reopened["PDF"].retirement
    assert retired is not None and (retired.paid_months, retired.deemed_months, retired.never_enrolled) == (280, 12, False)
    new_id = history.add(city="yantai", city_name="烟台市", on=saved.on, kind="保存", summary="新记录",
                         request_json=reopened["保存"].model_dump_json())
    assert next(e for e in history.search() if e.id == new_id).app_version == app_version()
    history.close()


def test_a_history_from_a_newer_version_is_left_as_it_is(old_history: Path) -> None:
    with sqlite3.connect(old_history) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = old_history.read_bytes()
    history, message = open_history()
    assert message == (f"历史记录文件 {old_history} 由较新版本的本软件保存，本版本无法使用，文件未改动；"
                       "历史记录只保存在本次运行中")
    assert history.search() == [] and old_history.read_bytes() == before
    assert [p.name for p in old_history.parent.iterdir() if "damaged" in p.name or "损坏" in p.name] == []


def test_two_instances_migrate_the_same_file_once(old_history: Path) -> None:
    first, second = History(old_history), History(old_history)
    assert len(first.search()) == len(second.search()) == 3
    first.close()
    second.close()


def test_a_saved_request_passes_each_step_after_the_version_that_wrote_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps run oldest first, and only those newer than the version that wrote the request."""
    def rename_city(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "city": {"yt": "yantai"}.get(data["city"], data["city"])}

    def age_as_number(data: dict[str, Any]) -> dict[str, Any]:
        person = data["person"]
        return {**data, "person": {**person, "age": int(person["age"])}}

    monkeypatch.setattr(request_forms, "STEPS", (("0.1.5", rename_city), ("0.2.0", age_as_number)))
    text = '{"city": "yt", "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "male", "age": "40"}}'
    request = request_from_text(text, "0.1.0")
    assert (request.city, request.person and request.person.age) == ("yantai", 40)
    assert calculate(request).city_name == "烟台市"
    later = request_from_text(text, "0.1.5")  # written after the rename: only the age is brought up to date
    assert (later.city, later.person and later.person.age) == ("yt", 40)
    with pytest.raises(InputError):
        request_from_text(text)  # today's form: an age written as text is refused


def test_versions_sort_as_numbers() -> None:
    assert version_key("0.10.0") > version_key("0.9.3") > version_key("0.1.0") == (0, 1, 0)
    assert version_key("0.2.0.dev1") == (0, 2, 0)
