"""The inpatient year with a complete set of local figures, and a 大额 layer a city does not have.

The inpatient shares, the fund's yearly limit and the 大额补助's inpatient rules are not in the documents
(109号 二(三)3: 另行制定); the figures below are made up, as staff would enter them. Only the deductibles
are Yantai's own (109号 二(三)2: 200 / 500 / 800, the second stay half, the third none).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from yibao.rules import LocalFigure, Request, bundled_policy, calculate
from yibao.rules.policy import convert_value

SHARES = {"1": {"in_service": "0.90", "retired": "0.92"}, "2": {"in_service": "0.85", "retired": "0.88"},
          "3": {"in_service": "0.80", "retired": "0.85"}}
MADE_UP = {
    "inpatient.share": SHARES,
    "inpatient.fund_yearly_limit": "60000",
    "inpatient.supplement_deductible": "1000",
    "inpatient.supplement_share": "0.90",
    "inpatient.supplement_yearly_limit": "200000",
}


def local(city: str = "yantai", **changes: object) -> list[LocalFigure]:
    catalogue = bundled_policy().catalogue
    figures = {**MADE_UP, **changes}
    return [LocalFigure(name, city, date(2024, 1, 1), None, convert_value(raw, catalogue[name]))
            for name, raw in figures.items()]


def three_stays(retired: bool = False) -> Request:
    return Request.model_validate({
        "city": "yantai", "on": "2024-06-01",
        "person": {"employment": "enterprise", "retired": retired, "sex": "male", "age": 62 if retired else 40},
        "visits": [
            {"kind": "inpatient", "tier": 3, "in_scope": "30000", "out_of_scope": "2000"},
            {"kind": "inpatient", "tier": 2, "in_scope": "40000"},
            {"kind": "inpatient", "tier": 1, "in_scope": "20000", "self_pay_first": "1000"},
        ],
    })


def test_three_stays_cross_the_fund_limit_and_come_out_whole() -> None:
    """109号 二(三)2 deductibles 800, 500 × 50%, none; made-up shares, limit 60000, 大额 1000 / 90%.

    Stay 1 (三级): (30000 − 800) × 80% = 23360; person 32000 − 23360 = 8640.
    Stay 2 (二级): (40000 − 250) × 85% = 33787.50 (fund now 57147.50); person 6212.50.
    Stay 3 (一级): 20000 × 90% = 18000, but only 2852.50 left of the fund's 60000; the in-scope costs past
    the limit are 20000 − 2852.50 ÷ 90% = 16830.56; 大额: (16830.56 − 1000) × 90% = 14247.50;
    person 21000 − 2852.50 − 14247.50 = 3900.
    """
    result = calculate(three_stays(), local=local())
    assert result.visits is not None and result.year_totals is not None
    got = [(v.deductible, v.fund_pays, v.supplement_pays, v.person_pays) for v in result.visits]
    assert got == [
        (Decimal("800"), Decimal("23360.00"), Decimal(0), Decimal("8640.00")),
        (Decimal("250.00"), Decimal("33787.50"), Decimal(0), Decimal("6212.50")),
        (Decimal(0), Decimal("2852.50"), Decimal("14247.50"), Decimal("3900.00")),
    ]
    totals = result.year_totals
    assert (totals.bill, totals.fund_pays, totals.supplement_pays, totals.person_pays) == (
        Decimal(93000), Decimal(60000), Decimal("14247.50"), Decimal("18752.50"))
    assert result.missing == []
    supplement = next(line for line in result.visits[2].lines if line.key == "supplement")
    assert supplement.local and "16,830.56" in supplement.formula


def test_retired_share_is_read_from_the_second_key() -> None:
    """Stay 1 for a retiree: (30000 − 800) × 85% = 24820."""
    result = calculate(three_stays(retired=True), local=local())
    assert result.visits is not None
    assert result.visits[0].fund_pays == Decimal("24820.00")
    share = next(line for line in result.visits[0].lines if line.key == "share")
    assert share.figure == "85%" and "退休" in share.formula


def test_without_the_layer_figures_the_person_share_stays_unknown() -> None:
    figures = [f for f in local() if not f.parameter.startswith("inpatient.supplement")]
    result = calculate(three_stays(), local=figures)
    assert result.visits is not None
    assert [v.fund_pays is not None for v in result.visits] == [True, True, True]
    assert [v.person_pays for v in result.visits] == [None, None, None]
    missing = {m.parameter: m.reason for m in result.missing}
    assert "另行制定" in missing["inpatient.supplement_share"]  # 109号 二(三)3, as the data says


def test_yantai_2023_has_no_outpatient_supplement_layer() -> None:
    """109号 二(三)1: before 2024 the yearly maximum was 2300 and the 大额 layer of 1500 did not exist yet."""
    request = Request.model_validate({
        "city": "yantai", "on": "2023-06-01",
        "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
        "visits": [{"kind": "outpatient", "tier": 1, "in_scope": "5000"}],
    })
    result = calculate(request)
    assert result.visits is not None
    visit = result.visits[0]
    # (5000 − 500) × 75% = 3375, the fund's 2300 limit leaves 2300; no 大额 layer
    assert (visit.fund_pays, visit.supplement_pays, visit.person_pays) == (Decimal(2300), Decimal(0), Decimal(2700))
    supplement = next(line for line in visit.lines if line.key == "supplement")
    assert "不设大额补助门诊支付" in supplement.formula
    assert [(s.document, s.clause) for s in supplement.sources] == [("烟政字〔2023〕109号", "二(三)1")]
