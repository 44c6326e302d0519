"""The yearly 大额/大病 funding splits into what the employer pays, what the person pays and what the funds put in,
and the parts add up to the total wherever all three are known (烟台 109号 二(二)3: the person's 36 and the fund's
10 + 30 make 76; the window once showed 单位 0.00, 个人 36.00 and 合计 76.00 with nothing in between)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from yibao.rules import InputError, Request, bundled_policy, calculate

DATES = [date(year, month, 1) for year in range(2019, 2027) for month in (1, 7)]
CITIES = [region.code for region in bundled_policy().cities()]


@pytest.mark.parametrize("city", CITIES)
@pytest.mark.parametrize("employment", ["enterprise", "public_institution", "flexible"])
def test_parts_add_up_to_the_total(city: str, employment: str) -> None:
    checked = 0
    for on in DATES:
        request = Request.model_validate(
            {"city": city, "on": on.isoformat(), "contribution": {"monthly_base": "5000"},
             "person": {"employment": employment, "sex": "female", "age": 40}})
        try:
            result = calculate(request)
        except InputError:
            continue  # no rules in force on that date
        assert result.contribution is not None
        fees = result.contribution.supplementary_yearly
        parts = (fees.employer, fees.individual, fees.from_funds)
        if fees.total is None:
            assert parts == (None, None, None)
        elif None not in parts:
            assert sum(p for p in parts if p is not None) == fees.total, (on, fees)
            checked += 1
    assert checked or city not in ("yantai", "jining")


def test_yantai_funds_put_in_40_of_the_76() -> None:
    """烟台 109号 二(二)3: 统筹基金 10 + 累计结余 30 = 40 a person a year; the person pays 36, the employer nothing."""
    request = Request.model_validate(
        {"city": "yantai", "on": "2025-06-01", "contribution": {"monthly_base": "6000"},
         "person": {"employment": "enterprise", "sex": "male", "age": 45}})
    contribution = calculate(request).contribution
    assert contribution is not None
    fees = contribution.supplementary_yearly
    assert (fees.employer, fees.individual, fees.from_funds, fees.total) == (Decimal(0), Decimal(36), Decimal(40), Decimal(76))
