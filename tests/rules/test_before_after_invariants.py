"""Invariants of the comparison over any year of Yantai outpatient visits, 2023 against 2024 (109号 二(三)1).

The same bills are compared, so what the fund, the 大额补助 and the person pay moves between them and no more:
the bill does not change and the three differences sum to zero. Each difference is after − before as shown, and
a figure the reasons explain really moves when that one parameter is put back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao.rules import Request
from yibao.rules.compare import compare
from yibao.vocabulary import TIER_NAMES

amounts = st.decimals(min_value=0, max_value=20000, places=2)
visit = st.fixed_dictionaries(
    {"kind": st.just("outpatient"), "tier": st.sampled_from(list(TIER_NAMES)), "in_scope": amounts,
     "out_of_scope": amounts, "self_pay_first": amounts}
)
ytd = st.fixed_dictionaries({"outpatient_deductible_counted": st.decimals(min_value=0, max_value=900, places=2)})


@settings(max_examples=60, deadline=None)
@given(st.lists(visit, min_size=1, max_size=12), ytd)
def test_the_payers_share_out_the_same_bill(visits: list[dict[str, object]], year_to_date: dict[str, Decimal]) -> None:
    request = Request.model_validate(
        {"city": "yantai", "on": "2024-06-01", "visits": visits, "year_to_date": year_to_date,
         "person": {"employment": "enterprise", "retired": False, "sex": "female", "age": 45}})
    comparison = compare(request, date(2023, 6, 1))
    rows = {row.figure.key: row for row in comparison.rows}
    assert rows["year_totals.bill"].difference == 0
    parts = [rows[f"year_totals.{name}"].difference for name in ("fund_pays", "supplement_pays", "person_pays")]
    differences = [d for d in parts if isinstance(d, Decimal)]
    assert len(differences) == len(parts) and sum(differences) == 0
    for row in comparison.rows:
        if row.before is None or row.after is None:  # the reimbursement rate of a bill of 0.00
            assert row.difference is None and row.figure.key == "year_totals.reimbursement_rate"
            continue
        assert row.difference == row.after - row.before
        if row.difference:
            assert row.reasons, row.figure.key  # a figure that moved is traced to at least one change
