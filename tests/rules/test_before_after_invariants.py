"""Invariants of the comparison over any year of Yantai outpatient visits, 2023 against 2024 (109号 二(三)1).

The same bills are compared, so what the fund, the 大额补助 and the person pay moves between them and no more:
the bill does not change and the three differences sum to zero. Each difference is after − before as shown, and
a figure the reasons explain really moves when that one parameter is put back.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from yibao.rules import InputError, Request
from yibao.rules.compare import Row, _CasePolicy, _only, _value, compare
from yibao.rules.engine import bundled_policy, calculate
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


CITIES = sorted(code for code, region in bundled_policy().regions.items() if region.parent is not None)
DAYS = [date(year, 6, 1) for year in range(2019, 2027)]
person = st.fixed_dictionaries({"employment": st.just("enterprise"), "retired": st.booleans(),
                                "sex": st.sampled_from(["male", "female"]), "age": st.sampled_from([45, 65, 75])})


@settings(max_examples=40, deadline=None)
@example("yantai", date(2024, 6, 1), date(2023, 6, 1), {"employment": "enterprise", "retired": True, "sex": "male",
                                                        "age": 65}, [])  # 109号: the retiree account beside 大额
@given(st.sampled_from(CITIES), st.sampled_from(DAYS), st.sampled_from(DAYS), person, st.lists(visit, max_size=3))
def test_every_reason_moves_its_row(
    city: str, on: date, other: date, who: dict[str, object], visits: list[dict[str, object]],
) -> None:
    """Each reason a row lists, put back alone into the later calculation, moves that row; where the reasons only
    move it together, putting back the named set does (so a change that does not touch the row is never named)."""
    fund = {"last_year_premium_income": "1000000", "last_year_remittance": "20000", "province_share_ratio": "0.5"}
    request = Request.model_validate({"city": city, "on": on, "person": who, "contribution": {"monthly_base": "6000"},
                                      "visits": visits or None, "fund": fund})
    try:
        comparison = compare(request, other)
    except InputError:
        assume(False)
        return
    later = max(on, other)
    for row in comparison.rows:
        if not row.reasons:
            continue
        names = [r.parameter for r in row.reasons]
        alone = _only(request, row.figure.section).model_copy(update={"on": later})
        if all(_moves(row, alone, frozenset({name}), min(on, other)) for name in names):
            continue
        assert _moves(row, alone, frozenset(names), min(on, other)), (row.figure.key, names)
        for name in names:  # each one named is needed: the others without it leave the row where it is
            assert not _moves(row, alone, frozenset(names) - {name}, min(on, other)), (row.figure.key, name)


def _moves(row: Row, request: Request, put_back: frozenset[str], earlier: date) -> bool:
    """The later figure moves: to none where the earlier date has none, to a figure where the later has none."""
    try:
        found = calculate(request, _CasePolicy.of(bundled_policy(), earlier, put_back))
    except InputError:
        return True
    value = _value(found, row.figure)
    if row.before is None and row.after is not None:
        return value is None
    return value != row.after
