"""One reading of 184号 三(二) for every city: the same clause gives the same kind of answer everywhere.

The phase-ins (「可分步调整，于2025年1月调整到位」, 「可设置过渡期，于2026年1月过渡到位」, 「各市现行政策与省规定
不一致的，于2026年1月过渡到位」) are read once (reading ``city-rule-kept-in-transition``): a city keeps a figure of its
own only where the clause allows a transition, and the province's figure carries the transition note only where the
city's own figure would be allowed one (an employer rate rising by more than 0.5 point, a flexible rate or minimum
that differs, or a figure the documents do not give). Checked over every city × employment type × date.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao.rules import Request, bundled_policy, calculate
from yibao.rules.policy import Resolved
from yibao.vocabulary import EMPLOYMENT_NAMES

POLICY = bundled_policy()
CITIES = sorted(r.code for r in POLICY.cities())
# The parameters the province gives with a transition deadline (phase_in_until): the clause's phase-ins.
PHASED = sorted(name for name, entries in POLICY.regions[POLICY.province].entries.items()
                if any(e.phase_in_until for e in entries))
DAYS = st.dates(min_value=date(2023, 6, 1), max_value=date(2026, 6, 30))
KEPT = "city-rule-kept-in-transition"


def _city_before(city: str, parameter: str, start: date) -> Decimal | object | None:
    before = POLICY.regions[city].current(parameter, start - timedelta(days=1))
    return None if before is None else before.value


def _allowed(found: Resolved, city: str) -> bool:
    """184号 三(二) lets this city phase the province's figure in."""
    province = POLICY.regions[POLICY.province].current(found.parameter, found.entry.start)
    assert province is not None
    before = _city_before(city, found.parameter, province.start)
    if before is None:
        return True
    if province.phase_in_rise_over is not None:
        assert isinstance(before, Decimal) and isinstance(province.value, Decimal)
        return province.value - before > province.phase_in_rise_over
    return before != province.value


def test_the_clause_has_phase_ins_to_check() -> None:
    assert {"contribution.employer_rate.enterprise", "flexible.rate_without_account", "retirement.min_months",
            "retirement.counts_deemed"} <= set(PHASED)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(CITIES), DAYS)
def test_each_phased_figure_is_one_kind_of_answer(city: str, on: date) -> None:
    """Kept by the city (phase_in, its reading named) only within the clause's deadline; the province's figure noted
    as a possible transition only before the deadline and only where the clause would allow one."""
    snapshot = POLICY.snapshot(city, on)
    for parameter in PHASED:
        found = snapshot.get(parameter)
        if found is None:
            continue
        province = POLICY.regions[POLICY.province].current(parameter, on)
        until = None if province is None else province.phase_in_until
        phase_in = found.entry.phase_in
        assert (KEPT in found.readings) == (phase_in is not None), (city, on, parameter)
        if phase_in is not None:
            assert found.region.code == city and on < phase_in.until, (city, on, parameter)
        if found.region.code == POLICY.province:
            noted = found.phase_note is not None
            assert noted == (until is not None and on < until and _allowed(found, city)), (city, on, parameter)


def test_a_kept_city_figure_is_one_the_clause_allows_to_be_kept() -> None:
    """No city keeps a falling employer rate, or one rising by 0.5 point or less; a flexible-worker or minimum-years
    arrangement is kept only where it differs from the province's somewhere (Jining's 9% is kept as its only way,
    beside a 7% way it does not offer)."""
    province = POLICY.regions[POLICY.province]
    for city in CITIES:
        differs: dict[str, bool] = {}
        for parameter in PHASED:
            for entry in POLICY.regions[city].entries.get(parameter, ()):
                if entry.phase_in is None:
                    continue
                theirs = province.current(parameter, entry.start)
                assert theirs is not None
                if theirs.phase_in_rise_over is not None:
                    assert isinstance(entry.value, Decimal) and isinstance(theirs.value, Decimal)
                    assert theirs.value - entry.value > theirs.phase_in_rise_over, (city, parameter)
                family = parameter.split(".")[0]
                differs[family] = differs.get(family, False) or entry.value != theirs.value
        assert all(differs.values()), (city, differs)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CITIES), DAYS, st.sampled_from(list(EMPLOYMENT_NAMES)))
def test_no_result_cites_two_readings_of_one_phase_in(city: str, on: date, employment: str) -> None:
    """A line never rests on both Jinan's own phase-in and the province's transition note."""
    request = Request.model_validate({
        "city": city, "on": on.isoformat(), "person": {"employment": employment, "sex": "female", "age": 35},
        "contribution": {"monthly_base": "5000"}, "enrolment": {}})
    try:
        result = calculate(request)
    except Exception as exc:  # a date no bundled document covers for this city
        assert getattr(exc, "field", None) == "on"
        return
    assert result.contribution is not None
    for line in result.contribution.lines:
        assert not {"jinan-enterprise-phase-in", "province-rates-transition"} <= set(line.readings), (city, on)
    items = {item.key: item for item in result.coverage.items} if result.coverage else {}
    if employment != "flexible" and "maternity_medical" in items and on >= date(2024, 1, 1):
        # 184号 三(二) gives every employment type maternity cover from 2024: never "not stated" for one type only
        assert items["maternity_medical"].covered is not None, (city, on, employment)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(CITIES), DAYS, st.integers(min_value=0, max_value=480), st.sampled_from(["male", "female"]))
def test_a_retiree_pays_nothing_only_where_a_rule_says_so(city: str, on: date, paid: int, sex: str) -> None:
    """社会保险法 第二十七条: with the years entered, 0.00 only when the minimum is met or the city's own rule in force
    exempts retirees; an unknown minimum leaves the premium unknown."""
    request = Request.model_validate({
        "city": city, "on": on.isoformat(), "person": {"employment": "enterprise", "retired": True, "sex": sex,
                                                       "age": 65},
        "contribution": {}, "retirement": {"paid_months": paid, "last_monthly_base": "5000"}})
    try:
        result = calculate(request)
    except Exception as exc:
        assert getattr(exc, "field", None) == "on"
        return
    assert result.contribution is not None and result.retirement is not None
    exempt = POLICY.snapshot(city, on).get("contribution.retirees_exempt")
    if result.contribution.employer_monthly == Decimal(0):
        assert result.retirement.eligible is True or (exempt is not None and exempt.value is True), (city, on, paid)
    if result.retirement.eligible is None and exempt is None:
        assert result.contribution.employer_monthly is None, (city, on, paid)
