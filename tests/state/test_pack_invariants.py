"""Figures from any valid pack keep the invariants over a year of visits (in any order, in service or retired):
each visit's parts add up to its bill, nothing is negative, and no yearly limit is exceeded (the fund's, the
大额补助's, and for outpatient care the yearly maximum); a 大额 layer the pack says the city does not have
(本市不设此项) pays nothing. The Yantai inpatient deductibles are 109号 二(三)2's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from yibao.rules import Request, bundled_policy, calculate
from yibao.state.packs import PackError, parse_pack
from yibao.vocabulary import STATUS_NAMES, TIER_NAMES

TIERS = [str(t) for t in TIER_NAMES]
rates = st.decimals(min_value=0, max_value=1, places=2).map(str)
yuan = st.integers(min_value=0, max_value=300000).map(str)
amounts = st.decimals(min_value=0, max_value=200000, places=2)
absent = st.none()  # 本市不设此项: for the parameters the catalogue marks may_be_absent


def _figure(parameter: str, region: str, value: Any) -> dict[str, Any]:
    return {"parameter": parameter, "region": region, "start": "2024-01-01", "end": None, "value": value,
            "document": "d1", "clause": "一"}


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    fund_limits = {s: draw(yuan) for s in STATUS_NAMES}
    figures = [
        _figure("inpatient.share", "yantai", {t: {s: draw(rates) for s in STATUS_NAMES} for t in TIERS}),
        _figure("inpatient.fund_yearly_limit", "yantai", draw(yuan)),
        _figure("inpatient.supplement_deductible", "yantai", draw(yuan)),
        _figure("inpatient.supplement_share", "yantai", draw(rates | absent)),
        _figure("inpatient.supplement_yearly_limit", "yantai", draw(yuan)),
        _figure("outpatient.deductible", "weifang", {t: draw(yuan) for t in TIERS}),
        _figure("outpatient.share", "weifang", {t: draw(rates) for t in TIERS}),
        _figure("outpatient.retiree_extra_share", "weifang", draw(rates)),
        _figure("outpatient.fund_yearly_limit", "weifang", fund_limits),
        # the part may not exceed the whole (a pack that says so is refused): drawn so, not filtered, so that
        # hypothesis never gives up on too many refused packs (it did, now and then, failing the suite)
        _figure("outpatient.yearly_max", "weifang",
                {s: str(int(fund_limits[s]) + draw(st.integers(min_value=0, max_value=300000))) for s in STATUS_NAMES}),
        _figure("outpatient.supplement_yearly_limit", "weifang", draw(yuan | absent)),
    ]
    return {"format": "yibao-figures", "version": 1, "issuer": "测试用（虚构）", "prepared": "2024-01-01",
            "documents": [{"id": "d1", "number": "测试〔2024〕1号", "title": "测试用虚构文件", "issued": None}],
            "figures": figures}


visits = st.lists(st.fixed_dictionaries({"tier": st.sampled_from(list(TIER_NAMES)), "in_scope": amounts,
                                         "out_of_scope": amounts, "self_pay_first": amounts}), min_size=1, max_size=8)


def _value(pack: dict[str, Any], parameter: str) -> Any:
    return next(f["value"] for f in pack["figures"] if f["parameter"] == parameter)


def _limit(pack: dict[str, Any], parameter: str, status: str | None = None) -> Decimal:
    value = _value(pack, parameter)
    return Decimal(0) if value is None else Decimal(value[status] if status else value)  # no layer: it pays nothing


@settings(max_examples=60, deadline=None)
@given(pack=packs(), year=visits, retired=st.booleans())
def test_any_valid_pack_keeps_the_invariants(pack: dict[str, Any], year: list[dict[str, Any]], retired: bool) -> None:
    policy = bundled_policy()
    try:
        figures = parse_pack(policy, pack).figures
    except PackError:  # e.g. a fund limit above the yearly maximum: not a valid pack
        assume(False)
        raise
    status = "retired" if retired else "in_service"
    person = {"employment": "enterprise", "retired": retired, "sex": "male", "age": 65 if retired else 40}
    for city, kind in (("yantai", "inpatient"), ("weifang", "outpatient")):
        request = Request.model_validate({"city": city, "on": "2024-06-01", "person": person,
                                          "visits": [{"kind": kind, **v} for v in year]})
        result = calculate(request, policy, figures)
        assert result.visits is not None and result.missing == []
        for visit in result.visits:
            assert visit.fund_pays is not None and visit.supplement_pays is not None and visit.person_pays is not None
            assert visit.fund_pays + visit.supplement_pays + visit.person_pays == visit.bill
            assert min(visit.fund_pays, visit.supplement_pays, visit.person_pays) >= 0
        fund = sum((v.fund_pays or Decimal(0) for v in result.visits), Decimal(0))
        supplement = sum((v.supplement_pays or Decimal(0) for v in result.visits), Decimal(0))
        if kind == "inpatient":
            assert fund <= _limit(pack, "inpatient.fund_yearly_limit")
            layer = _value(pack, "inpatient.supplement_share") is not None
            assert supplement <= (_limit(pack, "inpatient.supplement_yearly_limit") if layer else 0)
        else:
            assert fund <= _limit(pack, "outpatient.fund_yearly_limit", status)
            assert supplement <= _limit(pack, "outpatient.supplement_yearly_limit")
            assert fund + supplement <= _limit(pack, "outpatient.yearly_max", status)
