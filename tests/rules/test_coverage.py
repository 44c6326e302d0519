"""When benefits start: the parameter is read (and reported missing) only when there is a first month to date from."""

from __future__ import annotations

from yibao.rules import Request, calculate

PERSON = {"employment": "enterprise", "sex": "male", "age": 40}


def _start(enrolment: dict[str, object]) -> tuple[str, set[str]]:
    result = calculate(Request.model_validate(
        {"city": "yantai", "on": "2024-06-01", "person": PERSON, "enrolment": enrolment}))
    assert result.coverage is not None
    [item] = [i for i in result.coverage.items if i.key == "benefits_start"]
    return item.detail, {m.parameter for m in result.missing}


def test_no_first_month_asks_for_it_and_reports_nothing_missing() -> None:
    detail, missing = _start({})
    assert detail == "填写首次缴费月份后判断"
    assert "benefits.start_offset_months" not in missing


def test_yantai_first_month_given_the_start_is_not_stated() -> None:
    """烟政字〔2023〕109号 does not say when benefits start: the result says so and names the parameter."""
    detail, missing = _start({"first_contribution_month": "2024-03"})
    assert detail == "待遇开始时间文件未规定"
    assert "benefits.start_offset_months" in missing
