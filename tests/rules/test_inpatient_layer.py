"""The inpatient year with a complete set of local figures, and a 大额 layer a city does not have.

The inpatient shares, the fund's yearly limit and the 大额补助's deductible, segments and limit are not in the
documents (109号 二(三)3: 另行制定); the figures (inpatient_helpers.MADE_UP) are made up, as staff would enter them.
Yantai's own: the deductibles (109号 二(三)2: 200 / 500 / 800, the second stay half, the third none) and what the 大额补助 covers
(二(三)3: the in-scope burden left after the basic fund, the costs past its limit, 个人首先自付).
"""

from __future__ import annotations

from decimal import Decimal

from inpatient_helpers import fund_figures_only, local

from yibao.rules import Request, calculate
from yibao.rules.models import YearToDate


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
    """109号 二(三)2 deductibles 800, 500 × 50%, none; made-up shares, fund limit 60000; 大额 (二(三)3) deductible
    1000, 50% of the year's burden past it up to 10000, 60% beyond.

    Stay 1 (三级): fund (30000 − 800) × 80% = 23360; burden 30000 − 23360 = 6640, 1000 to the 大额 deductible,
    5640 × 50% = 2820; person 32000 − 23360 − 2820 = 5820.
    Stay 2 (二级): fund (40000 − 250) × 85% = 33787.50 (now 57147.50); burden 6212.50, from 5640 to 11852.50:
    4360 × 50% + 1852.50 × 60% = 2180 + 1111.50 = 3291.50; person 40000 − 33787.50 − 3291.50 = 2921.
    Stay 3 (一级): 20000 × 90% = 18000, only 2852.50 left of the fund's 60000; burden 20000 − 2852.50 = 17147.50
    (16830.56 of it past the fund's limit) plus 先行自付 1000 = 18147.50 × 60% = 10888.50;
    person 21000 − 2852.50 − 10888.50 = 7259.
    """
    result = calculate(three_stays(), local=local())
    assert result.visits is not None and result.year_totals is not None
    got = [(v.deductible, v.fund_pays, v.supplement_pays, v.person_pays) for v in result.visits]
    assert got == [
        (Decimal("800"), Decimal("23360.00"), Decimal("2820.00"), Decimal("5820.00")),
        (Decimal("250.00"), Decimal("33787.50"), Decimal("3291.50"), Decimal("2921.00")),
        (Decimal(0), Decimal("2852.50"), Decimal("10888.50"), Decimal("7259.00")),
    ]
    totals = result.year_totals
    assert (totals.bill, totals.fund_pays, totals.supplement_pays, totals.person_pays) == (
        Decimal(93000), Decimal(60000), Decimal("17000.00"), Decimal("16000.00"))
    assert result.missing == []
    supplement = next(line for line in result.visits[2].lines if line.key == "supplement")
    assert supplement.local and "16,830.56" in supplement.formula and "先行自付 1,000.00 计入" in supplement.formula
    assert ("烟政字〔2023〕109号", "二(三)3") in {(s.document, s.clause) for s in supplement.sources}


def test_the_year_so_far_places_a_stay_in_its_segment() -> None:
    """大额 paid 2820 already this year stands for 5640 of burden past the deductible (2820 ÷ 50%); a stay adding
    6212.50 falls 4360 in the 50% segment and 1852.50 in the 60% one: 3291.50, as stay 2 above."""
    request = three_stays().model_copy(update={
        "visits": three_stays().visits[1:2],  # type: ignore[index]
        "year_to_date": YearToDate(inpatient_stays=1, inpatient_fund_paid=Decimal("23360"),
                                   inpatient_supplement_deductible_counted=Decimal(1000),
                                   inpatient_supplement_paid=Decimal(2820))})
    result = calculate(request, local=local())
    assert result.visits is not None
    assert result.visits[0].supplement_pays == Decimal("3291.50")


def test_retired_share_is_read_from_the_second_key() -> None:
    """Stay 1 for a retiree: (30000 − 800) × 85% = 24820."""
    result = calculate(three_stays(retired=True), local=local())
    assert result.visits is not None
    assert result.visits[0].fund_pays == Decimal("24820.00")
    share = next(line for line in result.visits[0].lines if line.key == "share")
    assert share.figure == "85%" and "退休" in share.formula


def test_without_the_layer_figures_the_person_share_stays_unknown() -> None:
    figures = fund_figures_only()
    result = calculate(three_stays(), local=figures)
    assert result.visits is not None
    assert [v.fund_pays is not None for v in result.visits] == [True, True, True]
    assert [v.person_pays for v in result.visits] == [None, None, None]
    person = next(line for line in result.visits[0].lines if line.key == "person")
    assert "不是最终金额" in person.formula and "至多 32,000.00 − 统筹 23,360.00 = 8,640.00" in person.formula
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
