"""Invariants over any year of Yantai outpatient visits (109号 二(三)1), in any order.

The payers' parts add up to the bill, nothing is negative, and no yearly limit is exceeded:
the fund's (3500 in service / 4500 retired), the 大额补助's 1500, and their sum's 5000 / 6000.
"""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao.rules import Request, Result, calculate
from yibao.rules.models import YearToDate
from yibao.vocabulary import TIER_NAMES

amounts = st.decimals(min_value=0, max_value=20000, places=2)
visit = st.fixed_dictionaries(
    {"kind": st.just("outpatient"), "tier": st.sampled_from(list(TIER_NAMES)), "in_scope": amounts,
     "out_of_scope": amounts, "self_pay_first": amounts}
)
LIMITS = {False: (Decimal(3500), Decimal(1500), Decimal(5000)), True: (Decimal(4500), Decimal(1500), Decimal(6000))}


def _year(visits: list[dict[str, object]], retired: bool, ytd: YearToDate | None = None) -> Result:
    request = Request.model_validate(
        {"city": "yantai", "on": "2024-06-01", "visits": visits,
         "person": {"employment": "enterprise", "retired": retired, "sex": "male", "age": 62 if retired else 40}}
    )
    return calculate(request.model_copy(update={"year_to_date": ytd}))


def _known(*figures: Decimal | None) -> tuple[Decimal, ...]:
    """The figures of an outpatient year in Yantai, which its documents all give: none may be None."""
    known = tuple(f for f in figures if f is not None)
    assert len(known) == len(figures), figures
    return known


@settings(max_examples=150, deadline=None)
@given(st.lists(visit, max_size=25), st.booleans(), st.randoms(use_true_random=False))
def test_parts_add_up_nothing_negative_limits_hold_in_any_order(visits: list[dict[str, object]], retired: bool,
                                                                rnd: random.Random) -> None:
    fund_limit, supplement_limit, yearly_max = LIMITS[retired]
    shuffled = list(visits)
    rnd.shuffle(shuffled)
    for order in (visits, shuffled):
        result = _year(order, retired)
        assert result.visits is not None
        for v in result.visits:
            deductible, fund, supplement, person = _known(v.deductible, v.fund_pays, v.supplement_pays, v.person_pays)
            assert fund + supplement + person == v.bill
            assert min(deductible, fund, supplement, person) >= 0
        totals = result.year_totals
        assert totals is not None
        deductible, fund, supplement, person = _known(totals.deductible, totals.fund_pays, totals.supplement_pays,
                                                      totals.person_pays)
        assert fund <= fund_limit
        assert supplement <= supplement_limit
        assert fund + supplement <= yearly_max
        assert deductible <= Decimal(600)  # the highest tier's yearly deductible
        assert fund + supplement + person == totals.bill


@settings(max_examples=100, deadline=None)
@given(st.lists(visit, min_size=1, max_size=10), st.decimals(min_value=0, max_value=3500, places=2),
       st.decimals(min_value=0, max_value=1500, places=2))
def test_year_to_date_counts_toward_the_limits(visits: list[dict[str, object]], fund_paid: Decimal,
                                               supplement_paid: Decimal) -> None:
    """Starting mid-year: what was already paid this year counts toward the same limits."""
    ytd = YearToDate(outpatient_fund_paid=fund_paid, outpatient_supplement_paid=supplement_paid)
    totals = _year(visits, False, ytd).year_totals
    assert totals is not None
    fund, supplement = _known(totals.fund_pays, totals.supplement_pays)
    assert fund_paid + fund <= 3500
    assert supplement_paid + supplement <= 1500
    assert fund_paid + fund + supplement_paid + supplement <= 5000
