"""Before and after: hand-worked comparisons kept as data (cases/compare/*.json), each naming its clauses.

``expect`` maps dotted paths of the ``calc --compare-on`` JSON to values; ``reasons`` maps a figure to the
changed parameters that alone move it (in catalogue order); ``changes`` lists parameters that must be among
the changes; ``headline`` lists fragments of the headline sentence.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from yibao.rules import InputError, Request
from yibao.rules.compare import FIGURES, compare
from yibao.rules.models import ContributionResult, FundResult, RetirementResult, YearTotals

CASES = sorted((Path(__file__).parent / "cases" / "compare").glob("*.json"))


def _load() -> list[Any]:
    return [pytest.param(case, id=f"{path.stem}: {case['name']}")
            for path in CASES for case in json.loads(path.read_text(encoding="utf-8"))]


def _at(data: Any, path: str) -> Any:
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return data


@pytest.mark.parametrize("case", _load())
def test_comparison(case: dict[str, Any]) -> None:
    comparison = compare(Request.model_validate(case["request"]), date.fromisoformat(case["compare_on"]))
    data = json.loads(comparison.model_dump_json())
    assert set(data) == {"before", "after", "changes", "difference"}
    for path, expected in case.get("expect", {}).items():
        assert _at(data, path) == expected, path
    rows = {row.figure.key: row for row in comparison.rows}
    for key, parameters in case.get("reasons", {}).items():
        assert [r.parameter for r in rows[key].reasons] == parameters, key
        assert all(r.sources for r in rows[key].reasons), f"a reason for {key} names no clause"
    changed = {c["parameter"] for c in data["changes"]}
    assert set(case.get("changes", [])) <= changed, sorted(changed)
    assert all(c["sources"] for c in data["changes"] if c["before"] != "文件未规定" or c["after"] != "文件未规定")
    for fragment in case["headline"]:
        assert fragment in comparison.headline, comparison.headline


def test_the_yantai_outpatient_changes_carry_their_clause() -> None:
    """109号 二(三)1: the 2023 and 2024 figures rest on the same clause; a change lists it once."""
    case = json.loads(CASES[0].read_text(encoding="utf-8"))[0]
    comparison = compare(Request.model_validate(case["request"]), date(2023, 6, 1))
    deductible = next(c for c in comparison.changes if c.parameter == "outpatient.deductible")
    assert (deductible.before, deductible.after) == ("一级及以下 500元；二级 800元；三级 800元",
                                                     "一级及以下 200元；二级 400元；三级 600元")
    assert deductible.sources == ["烟政字〔2023〕109号 二(三)1"]


def test_109号_二三1_the_outpatient_dae_layer_set_up_in_2024_reads_as_new() -> None:
    """109号 二(三)1, one 三级 visit of 15,360 in scope + 120 outside, 在职: 2023 the fund pays 55% of 14,560 capped
    at 2,300 (no 大额 layer: the reading's not_offered), the person 13,180.00; 2024 60% of 14,760 capped at 3,500, the
    大额 layer pays on to 1,500 (5,000 together), the person 10,480.00. The layer did not exist in 2023: the reason
    says it was set up, not that it changed from 不设此项 to 1500元."""
    request = Request.model_validate({
        "city": "yantai", "on": "2024-06-01",
        "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
        "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "15360", "out_of_scope": "120"}]})
    comparison = compare(request, date(2023, 12, 31))
    person = next(row for row in comparison.rows if row.figure.key == "year_totals.person_pays")
    assert (person.before_text, person.after_text, person.difference_text) == ("¥13,180.00", "¥10,480.00", "−¥2,700.00")
    assert "普通门诊超统筹限额部分大额补助年度最高支付额新设为1500元（此前不设此项）" in comparison.headline
    assert "由不设此项" not in comparison.headline


def test_the_2023_side_names_the_reading_it_rests_on() -> None:
    """109号 二(三)1 gives the old outpatient figures only as what was changed: the comparison says it takes them
    for 2023 (a reading), so the clerk sees the basis of the 2023 column."""
    case = json.loads(CASES[0].read_text(encoding="utf-8"))[0]
    comparison = compare(Request.model_validate(case["request"]), date(2023, 6, 1))
    assert "yantai-pre-2024-outpatient" in [r.id for r in comparison.readings]
    assert len({r.id for r in comparison.readings}) == len(comparison.readings)


def test_a_figure_waiting_for_input_is_not_called_silent_documents() -> None:
    """济宁 三(二)3: the make-up payment needs the last base; without it the row asks for it on both dates."""
    request = Request.model_validate({"city": "jining", "on": "2023-12-31",
                                      "person": {"employment": "enterprise", "sex": "male", "age": 58},
                                      "retirement": {"paid_months": 100}})
    comparison = compare(request, date(2024, 1, 1))
    makeup = next(r for r in comparison.rows if r.figure.key == "retirement.makeup_amount")
    waiting = "需填写最后一次月缴费基数"
    assert (makeup.before_text, makeup.after_text, makeup.waiting) == (waiting, waiting, True)
    assert "文件未规定" not in comparison.headline


def test_before_is_the_earlier_date_whichever_is_given() -> None:
    request = Request.model_validate({"city": "yantai", "on": "2026-01-15",
                                      "person": {"employment": "flexible", "sex": "male", "age": 40},
                                      "contribution": {"monthly_base": "4000"}})
    forward = compare(request, date(2025, 12, 15))
    backward = compare(request.model_copy(update={"on": date(2025, 12, 15)}), date(2026, 1, 15))
    assert forward.model_dump_json() == backward.model_dump_json()
    assert forward.before.on == date(2025, 12, 15)


def test_changes_are_only_those_the_case_reads() -> None:
    """A contribution-only case does not list the outpatient changes of 2024-01-01 (109号 二(三)1)."""
    request = Request.model_validate({"city": "yantai", "on": "2024-06-01",
                                      "person": {"employment": "enterprise", "sex": "male", "age": 40},
                                      "contribution": {"monthly_base": "6000"}})
    changed = {c.parameter for c in compare(request, date(2023, 6, 1)).changes}
    assert "contribution.employer_rate.enterprise" in changed
    assert not any(p.startswith("outpatient.") for p in changed)


def test_an_error_on_both_dates_is_the_requests_own() -> None:
    request = Request.model_validate({"city": "yantai", "on": "2024-06-01",
                                      "person": {"employment": "enterprise", "sex": "male", "age": 40},
                                      "contribution": {}})
    with pytest.raises(InputError) as caught:
        compare(request, date(2023, 6, 1))
    assert caught.value.field == "contribution.monthly_base"


def test_no_rules_on_either_date_names_the_date() -> None:
    request = Request.model_validate({"city": "qingdao", "on": "2023-06-01"})
    with pytest.raises(InputError) as caught:
        compare(request, date(2022, 6, 1))
    assert caught.value.field == "on"


def _scalar_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        kind = info.annotation
        if name in ("lines", "flexible_option", "flexible_options_offered", "flexible_choices", "eligible"):
            continue
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            names |= _scalar_fields(kind, f"{prefix}{name}.")
        else:
            names.add(prefix + name)
    return names


def test_every_figure_of_the_result_is_compared() -> None:
    """A figure added to the result must not silently drop out of the comparison."""
    sections: dict[str, type[BaseModel]] = {"contribution": ContributionResult, "year_totals": YearTotals,
                                            "retirement": RetirementResult, "fund": FundResult}
    expected = {f"{name}.{field}" for name, model in sections.items() for field in _scalar_fields(model)}
    assert {f.key for f in FIGURES} == expected


def test_differences_agree_with_the_figures_shown() -> None:
    """after − before of the shown figures, to the fen, for every comparable row."""
    case = json.loads(CASES[0].read_text(encoding="utf-8"))[0]
    comparison = compare(Request.model_validate(case["request"]), date(2023, 6, 1))
    for row in comparison.rows:
        assert row.before is not None and row.after is not None and row.difference is not None
        assert Decimal(row.after) - Decimal(row.before) == row.difference


def test_the_yantai_retiree_dae_rows_name_only_the_dae_figures() -> None:
    """109号 二(二)3 and 二(二)1, 2023 against 2024, a retiree aged 65: 大额 36 + 10 + 30 = 76 元 a year starts with
    the three 大额 figures together (no one alone moves the row), while the retiree account credit of 100 元 a month
    (二(二)1) starts beside them and moves only its own row, so it is no reason for the 大额 rows."""
    request = Request.model_validate(
        {"city": "yantai", "on": "2024-06-01", "contribution": {"monthly_base": "6000"},
         "person": {"employment": "enterprise", "retired": True, "sex": "male", "age": 65}})
    rows = {row.figure.key: row for row in compare(request, date(2023, 6, 1)).rows}
    dae = ["supplementary.individual_yearly", "supplementary.pooled_fund_yearly", "supplementary.surplus_yearly"]
    assert rows["contribution.supplementary_yearly.total"].after == Decimal("76.00")
    for part in ("employer", "individual", "from_funds", "total"):
        assert [r.parameter for r in rows[f"contribution.supplementary_yearly.{part}"].reasons] == dae, part
    account = rows["contribution.personal_account_monthly"]
    assert account.after == Decimal("100.00")
    assert [r.parameter for r in account.reasons] == ["personal_account.retiree_monthly"]
