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


def test_jining_never_enrolled_retiree_short_of_ten_years_is_told_how_much_in_the_same_words() -> None:
    """济宁 2019 三(二)3: men need 120 months; none paid → 尚缺120个月（10年）, written as the years check writes it
    (尚缺缴费年限) on the coverage list, the years check's line and the contribution lines alike."""
    result = calculate(Request.model_validate({
        "city": "jining", "on": "2025-06-01", "person": {"employment": "enterprise", "retired": True, "sex": "male",
                                                        "age": 62},
        "contribution": {}, "enrolment": {},
        "retirement": {"paid_months": 0, "never_enrolled": True, "last_month_pension": "3000", "minimum_base": "3500"}}))
    assert result.coverage is not None and result.retirement is not None and result.contribution is not None
    [item] = [i for i in result.coverage.items if i.key == "retiree_benefits"]
    assert item.detail == "尚缺120个月（10年），可一次性缴费或按月缴费至最低年限"
    [shortfall] = [line for line in result.retirement.lines if line.key == "shortfall"]
    assert shortfall.formula == "120 − 0 → 尚缺 120个月（10年）"
    assert all("尚差" not in line.formula for line in result.contribution.lines)
