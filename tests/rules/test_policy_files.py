"""Damaged or inconsistent policy files fail whole, naming the file and the key; nothing half-loads."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from yibao.resources import resource_path
from yibao.rules import PolicyError, load_policy
from yibao.rules.policy import Policy


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    target = tmp_path / "policy"
    shutil.copytree(resource_path("policy"), target)
    return target


def _edit(folder: Path, file: str, change: Callable[[Any], None]) -> None:
    path = folder / file
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_bundled_files_load_and_cover_sixteen_cities() -> None:
    policy = load_policy()
    assert len(policy.cities()) == 16
    assert policy.province == "shandong"


def test_broken_json_names_file_and_position(policy_copy: Path) -> None:
    (policy_copy / "regions" / "yantai.json").write_text('{"code": "yantai",', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    assert caught.value.file == "yantai.json" and "第1行第19列" in str(caught.value)


CORRUPTIONS: list[tuple[str, str, Callable[[Any], None], str]] = [
    ("bad type", "regions/yantai.json",
     lambda d: d["parameters"]["contribution.individual_rate"][0].update(value="two percent"),
     "parameters.contribution.individual_rate[0].value"),
    ("a rate above 100%", "regions/jining.json",
     lambda d: d["parameters"]["contribution.individual_rate"][0].update(value="2"),
     "parameters.contribution.individual_rate[0].value"),
    ("tier key missing", "regions/yantai.json",
     lambda d: d["parameters"]["outpatient.deductible"][1]["value"].pop("3"),
     "parameters.outpatient.deductible[1].value"),
    ("overlapping dates", "regions/yantai.json",
     lambda d: d["parameters"]["outpatient.share"][0].update(end="2024-03-31"),
     "parameters.outpatient.share[1].start"),
    ("same start twice", "regions/jinan.json",
     lambda d: d["parameters"]["contribution.employer_rate.enterprise"][1].update(start="2020-01-01"),
     "parameters.contribution.employer_rate.enterprise[1].start"),
    ("unknown clause", "regions/yantai.json",
     lambda d: d["parameters"]["contribution.individual_rate"][0]["source"].update(clause="九(九)"),
     "parameters.contribution.individual_rate[0].source.clause"),
    ("unknown document", "regions/jining.json",
     lambda d: d["parameters"]["contribution.individual_rate"][0]["source"].update(document="nowhere-2030"),
     "parameters.contribution.individual_rate[0].source.document"),
    ("unknown parameter", "regions/yantai.json",
     lambda d: d["parameters"].update({"outpatient.discount": []}), "parameters.outpatient.discount"),
    ("a value with no figure and no reason", "regions/yantai.json",
     lambda d: d["parameters"]["outpatient.share"][1].update(value=None), "parameters.outpatient.share[1]"),
    ("a transition that outlasts the province's deadline", "regions/jining.json",
     lambda d: d["parameters"]["retirement.min_months"][1].update(end="2026-06-30"),
     "parameters.retirement.min_months[1].end"),
]


@pytest.mark.parametrize(("what", "file", "change", "key"), CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_inconsistent_file_fails_naming_file_and_key(
    policy_copy: Path, what: str, file: str, change: Callable[[Any], None], key: str
) -> None:
    _edit(policy_copy, file, change)
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    assert caught.value.file == Path(file).name
    assert caught.value.key.startswith(key), caught.value.key
    assert "政策文件" in str(caught.value)


def _value(policy: Policy, city: str, on: str, name: str) -> Any:
    found = policy.snapshot(city, date.fromisoformat(on)).get(name)
    return None if found is None else found.value


def test_city_beats_province_on_a_tie_and_later_start_wins() -> None:
    """Issue 2: Yantai's 6.3% ties with the province's 2024-01-01 and wins; the province's 7.3% beats Jining's 7.4%."""
    policy = load_policy()
    assert str(_value(policy, "yantai", "2024-01-01", "flexible.rate_without_account")) == "0.063"
    assert str(_value(policy, "jining", "2023-12-31", "contribution.employer_rate.public_institution")) == "0.074"
    assert str(_value(policy, "jining", "2024-01-01", "contribution.employer_rate.public_institution")) == "0.073"


def test_national_law_sits_below_the_province() -> None:
    """社会保险法 第二十七条 is a national figure (2011-07-01); the province and the cities come first on a tie."""
    policy = load_policy()
    assert policy.national == "china"
    assert [r.code for r in policy.chain("yantai")] == ["yantai", "shandong", "china"]
    found = policy.snapshot("weifang", date(2024, 6, 1)).get("contribution.retirees_exempt_with_min_years")
    assert found is not None and found.region.code == "china" and found.entry.source.clause == "第二十七条"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d["readings"]["retiree-years-assumed"].update(clause="第九十九条"), "readings.retiree-years-assumed.clause"),
        (lambda d: d["readings"]["jining-dabing-fee-kept"]["scope"].update(parameters=["no.such"]),
         "readings.jining-dabing-fee-kept.scope.parameters"),
        (lambda d: d["readings"]["jining-dabing-fee-kept"]["scope"].update(cities=["atlantis"]),
         "readings.jining-dabing-fee-kept.scope.cities"),
        (lambda d: d["readings"]["retiree-years-assumed"].pop("alternative"), "readings.retiree-years-assumed.alternative"),
    ],
)
def test_damaged_readings_name_the_reading(policy_copy: Path, change: Callable[[Any], None], key: str) -> None:
    _edit(policy_copy, "readings.json", change)
    with pytest.raises(PolicyError) as caught:
        load_policy(policy_copy)
    assert caught.value.file == "readings.json" and caught.value.key == key


def test_the_developers_guide_readings_section_matches_the_data() -> None:
    """docs/developers.md's table of readings is generated from readings.json; a stale copy fails here."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "build_scripts" / "readings_doc.py"
    assert subprocess.run([sys.executable, str(script), "--check"], check=False).returncode == 0
