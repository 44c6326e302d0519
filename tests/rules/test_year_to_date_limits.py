"""Issue 22.10: what was already paid this year cannot exceed the year's limit. Such a year-to-date is refused naming
the field (it gave year totals above the yearly maximum, with no note); a figure exactly at the limit is accepted."""

from __future__ import annotations

from typing import Any

import pytest
from pack_helpers import EXAMPLE, example

from yibao.rules import InputError, Request, bundled_policy, calculate
from yibao.state.packs import parse_pack, read_pack

YANTAI = {"city": "yantai", "on": "2024-06-01",
          "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40}}
OUTPATIENT = [{"kind": "outpatient", "tier": 2, "in_scope": "1500"}]
INPATIENT = [{"kind": "inpatient", "tier": 3, "in_scope": "30000"}]


def settle(visits: list[dict[str, Any]], **year_to_date: str) -> None:
    policy = bundled_policy()
    figures = read_pack(policy, EXAMPLE).figures  # Yantai's inpatient fund limit 60000, 大额 limit 200000
    calculate(Request.model_validate({**YANTAI, "visits": visits, "year_to_date": year_to_date}), policy, figures)


@pytest.mark.parametrize(("visits", "year_to_date", "field", "problem"), [
    # 烟政字〔2023〕109号 二(三)1 from 2024: in service, the outpatient fund's yearly limit 3500, the 大额补助's 1500
    (OUTPATIENT, {"outpatient_fund_paid": "3500.01"}, "year_to_date.outpatient_fund_paid",
     "已支付 3,500.01 元，超过普通门诊统筹基金年度最高支付限额 3,500.00 元，本年不可能已支付这么多，请核对"),
    (OUTPATIENT, {"outpatient_fund_paid": "3500", "outpatient_supplement_paid": "1600"},
     "year_to_date.outpatient_supplement_paid",
     "已支付 1,600.00 元，超过普通门诊超统筹限额部分大额补助年度最高支付额 1,500.00 元，本年不可能已支付这么多，请核对"),
    # the example pack's (made-up) inpatient limits: the fund 60000, the 大额补助 200000
    (INPATIENT, {"inpatient_fund_paid": "60000.01"}, "year_to_date.inpatient_fund_paid",
     "已支付 60,000.01 元，超过住院统筹基金年度最高支付限额 60,000.00 元，本年不可能已支付这么多，请核对"),
    (INPATIENT, {"inpatient_fund_paid": "60000", "inpatient_supplement_paid": "250000"},
     "year_to_date.inpatient_supplement_paid",
     "已支付 250,000.00 元，超过住院大额补助年度最高支付限额 200,000.00 元，本年不可能已支付这么多，请核对"),
])
def test_a_year_to_date_beyond_a_limit_is_refused(visits: list[dict[str, Any]], year_to_date: dict[str, str],
                                                   field: str, problem: str) -> None:
    with pytest.raises(InputError) as refused:
        settle(visits, **year_to_date)
    assert (refused.value.field, refused.value.problem) == (field, problem)


def test_the_two_layers_together_are_held_to_the_yearly_maximum() -> None:
    """The example pack's Weifang outpatient figures with the yearly maximum cut to 2500 (fund 2000, 大额 1000): paid
    2000 + 600 = 2600 is within each layer's limit but not within the maximum."""
    data = example()
    cut = next(f for f in data["figures"] if f["region"] == "weifang" and f["parameter"] == "outpatient.yearly_max")
    cut["value"]["in_service"] = "2500"
    policy = bundled_policy()
    request = Request.model_validate({**YANTAI, "city": "weifang", "visits": OUTPATIENT, "year_to_date": {
        "outpatient_fund_paid": "2000", "outpatient_supplement_paid": "600"}})
    with pytest.raises(InputError) as refused:
        calculate(request, policy, parse_pack(policy, data).figures)
    assert (refused.value.field, refused.value.problem) == (
        "year_to_date.outpatient_supplement_paid",
        "统筹基金和大额补助已支付合计 2,600.00 元，超过普通门诊统筹年度最高支付限额 2,500.00 元，本年不可能已支付这么多，请核对")


def test_a_year_to_date_at_the_limits_is_accepted() -> None:
    settle(OUTPATIENT, outpatient_fund_paid="3500", outpatient_supplement_paid="1500")
    settle(INPATIENT, inpatient_fund_paid="60000", inpatient_supplement_paid="200000")
