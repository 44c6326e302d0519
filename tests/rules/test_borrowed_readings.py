"""A reading of one city's clause applied to another city's case says so (the guide: every reading is said on the
result). The calculator counts one outpatient deductible across tiers, as it reads 烟政字〔2023〕109号 二(三)1; for
潍坊, whose own rule is not among the bundled documents, that is Yantai's reading borrowed, and the result says it."""

from __future__ import annotations

from pack_helpers import example

from yibao.rules import Request, bundled_policy, calculate
from yibao.state.packs import parse_pack

ONE_COUNTER = "outpatient-deductible-one-counter"


def _outpatient_year(city: str) -> Request:
    return Request.model_validate({
        "city": city, "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "female", "age": 35},
        "visits": [{"kind": "outpatient", "tier": 2, "in_scope": "1500"}, {"kind": "outpatient", "tier": 3, "in_scope": "4000"}],
    })


def test_another_citys_reading_names_the_city_it_comes_from() -> None:
    policy = bundled_policy()
    figures = parse_pack(policy, example()).figures
    result = calculate(_outpatient_year("weifang"), policy, figures)
    reading = next(r for r in result.readings if r.id == ONE_COUNTER)
    assert reading.borrowed_from == "烟台市"
    assert reading.reading.startswith("所收录的文件中潍坊市无此规定，按烟台市文件的理解计算："
                                      "各级医院的门诊费用合并累计一个起付标准")


def test_a_citys_own_reading_is_not_marked_borrowed() -> None:
    result = calculate(_outpatient_year("yantai"))
    reading = next(r for r in result.readings if r.id == ONE_COUNTER)
    assert reading.borrowed_from is None
    assert reading.reading.startswith("各级医院的门诊费用合并累计一个起付标准")


def test_a_provincial_reading_is_the_citys_own() -> None:
    """A Weifang case resting on a province document's reading borrows nothing: the province's rules are Weifang's."""
    policy = bundled_policy()
    result = calculate(Request.model_validate({
        "city": "weifang", "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "male", "age": 40},
        "contribution": {"monthly_base": "5000"}}), policy)
    province = [r for r in result.readings if r.document.startswith("鲁")]
    assert province and all(r.borrowed_from is None for r in province)
