"""`python -m yibao calc` and `regions`: the public contract of issue 2 and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "city": "yantai",
    "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
    "contribution": {"monthly_base": "6000"},
    "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "2000", "out_of_scope": "0"}],
    "retirement": {"paid_months": 280, "deemed_months": 12, "last_monthly_base": "5000"},
}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yibao", *args], input=stdin, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def test_calc_reads_stdin_and_prints_the_contract() -> None:
    """109号 二(二)1 and 二(三)1: base 6000 → 480.00/120.00/120.00; tier 3, 2000 → deductible 600, fund 840."""
    done = run("calc", "-", stdin=json.dumps(GOOD))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    c = result["contribution"]
    assert (c["employer_monthly"], c["individual_monthly"], c["personal_account_monthly"]) == ("480.00", "120.00",
                                                                                              "120.00")
    assert set(c["supplementary_yearly"]) == {"employer", "individual", "from_funds", "total"}
    assert c["lines"][0]["formula"] == "6,000.00 × 8% = 480.00"
    v = result["visits"][0]
    assert (v["deductible"], v["fund_pays"], v["supplement_pays"], v["person_pays"]) == ("600.00", "840.00", "0.00",
                                                                                        "1160.00")
    assert set(result["retirement"]) >= {"required_months", "counted_months", "shortfall_months", "eligible",
                                         "makeup_amount"}
    assert isinstance(result["missing"], list)


def test_calc_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "req.json"
    path.write_text(json.dumps({**GOOD, "visits": None, "retirement": None}), encoding="utf-8")
    done = run("calc", str(path))
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["visits"] is None and result["contribution"]["employer_monthly"] == "480.00"


def test_regions_lists_the_sixteen_cities() -> None:
    lines = run("regions").stdout.strip().splitlines()
    assert len(lines) == 16
    assert "yantai\t烟台市" in lines and "jining\t济宁市" in lines and "heze\t菏泽市" in lines


def _with(**changes: object) -> str:
    data = json.loads(json.dumps(GOOD))
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    ("stdin", "field"),
    [
        ("{not json", "请求"),
        ("[1, 2]", "请求"),
        (_with(city="beijing"), "city"),
        (_with(visits__0__tier=4), "visits[0].tier"),
        (_with(visits__0__in_scope="-5"), "visits[0].in_scope"),
        (_with(visits__0__in_scope="abc"), "visits[0].in_scope"),
        (_with(visits__0__in_scope="1e12"), "visits[0].in_scope"),
        (_with(contribution__monthly_base="12.345"), "contribution.monthly_base"),
        (_with(on="2024-02-30"), "on"),
        (_with(person__age=200), "person.age"),
        (_with(person__sex="x"), "person.sex"),
        (_with(on="2019-06-01"), "on"),
        (_with(contribution__monthly_base=None), "contribution.monthly_base"),
        (_with(retirement__paid_months=-1), "retirement.paid_months"),
        (_with(surprise=1), "surprise"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line_naming_the_field(stdin: str, field: str) -> None:
    done = run("calc", "-", stdin=stdin)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("输入有误：") and field in lines[0]
    assert "Traceback" not in done.stderr


def test_missing_file_is_an_input_error() -> None:
    done = run("calc", "/nonexistent/request.json")
    assert done.returncode == 2 and "无法读取" in done.stderr


def test_calc_returns_readings_documents_and_typed_values() -> None:
    """109号 二(三)1 through the CLI: the deductible line names its reading, the result lists it with the other reading,
    the cited document comes with its title, and the share line carries its value as a rate."""
    request = {"city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "male", "age": 40},
               "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "2000"}]}
    done = run("calc", "-", stdin=json.dumps(request))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [r["id"] for r in result["readings"]] == ["outpatient-deductible-one-counter"]
    assert result["readings"][0]["clause"] == "二(三)1" and result["readings"][0]["alternative"]
    lines = {line["key"]: line for line in result["visits"][0]["lines"]}
    assert lines["deductible"]["readings"] == ["outpatient-deductible-one-counter"]
    assert (lines["share"]["value"], lines["share"]["unit"]) == ("0.60", "rate")
    assert result["documents"][0]["title"] == "烟台市落实职工基本医疗保险省级统筹工作的实施方案"
    assert result["needs_input"] == [] and result["not_computed"] == []
