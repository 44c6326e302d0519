"""The sheet a citizen takes home: the answer first, only what was asked, one A4 page for a usual question."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sheet_helpers import pdf_pages, pdftotext

from yibao.headline import headlines
from yibao.rules import Request, calculate
from yibao.sheet import SheetHeader, build_content, plain_text, save_png, write_pdf
from yibao.sheet.html import headline_text

PERSON = {"employment": "enterprise", "retired": False, "sex": "male", "age": 40}
RETIREE = {"employment": "enterprise", "retired": True, "sex": "male", "age": 72}
NO_ENROLMENT = {"first_contribution_month": None, "first_enrolment": True}  # what the window sends with no month typed

# 烟政字〔2023〕109号 二(二)1: employer 8%, individual 2%, all of it to the personal account; 二(二)3: 大额 36 a year.
CONTRIBUTION = {"city": "yantai", "on": "2024-06-01", "person": PERSON, "contribution": {"monthly_base": "6000"},
                "enrolment": NO_ENROLMENT}
CONTRIBUTION_HEADLINE = ("每月共缴 ¥600.00（单位 ¥480.00，个人 ¥120.00），其中 ¥120.00 划入个人账户；"
                         "另每年大额医疗费用补助 ¥36.00（个人）。")

# 109号 二(三)1: tier 3 deductible 600 once a year; retirees 60% + 5% = 65%.
# (1500 − 600) × 65% = 585; 2000 × 65% = 1300; 2800 × 65% = 1820 → 3705 of 6300; the person 2595; 3705 / 6300 = 58.81%.
THREE_VISITS = {"city": "yantai", "on": "2024-06-01", "person": RETIREE,
                "visits": [{"kind": "outpatient", "tier": 3, "in_scope": amount} for amount in ("1500", "2000", "2800")]}
THREE_VISITS_HEADLINE = ("本年3次就医，费用共 ¥6,300.00：统筹基金和大额补助共支付 ¥3,705.00，"
                         "您个人负担 ¥2,595.00（实际报销 58.81%）。")
FIVE_VISITS = {**THREE_VISITS, "visits": [*THREE_VISITS["visits"],
                                          {"kind": "outpatient", "tier": 1, "in_scope": "300", "out_of_scope": "40"},
                                          {"kind": "outpatient", "tier": 2, "in_scope": "900"}]}

# 鲁政字〔2023〕184号 三(二) with 烟政字〔2023〕109号 二(二)4: from 2026 men need 30 years; 300 paid + 24 deemed = 324.
RETIREMENT = {"city": "yantai", "on": "2026-03-01", "person": {**PERSON, "age": 60},
              "retirement": {"paid_months": 300, "deemed_months": 24, "last_monthly_base": "5000"}}

# The contribution and two outpatient visits asked together: the totals of both, the signature line on page one.
CONTRIBUTION_AND_TWO_VISITS = {
    "city": "yantai", "on": "2025-06-01", "person": {**PERSON, "age": 45}, "contribution": {"monthly_base": "6000"},
    "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "1500", "out_of_scope": "200"},
               {"kind": "outpatient", "tier": 1, "in_scope": "800"}]}

# Issue 24: a Yantai employee of 40, five outpatient visits of 1,500.00 at tiers 1, 2, 3, 1, 2; the year crosses the
# fund's limit, so the sheet names two readings (one deductible counter; the 大额补助 past the limit). It ran onto a
# second page holding only the signature.
TWO_READINGS = {"city": "yantai", "on": "2024-06-01", "person": PERSON,
                "visits": [{"kind": "outpatient", "tier": tier, "in_scope": "1500"} for tier in (1, 2, 3, 1, 2)]}

# The usual questions, each one A4 page on paper and as a picture.
ONE_PAGE_CASES = [
    pytest.param(TWO_READINGS, id="issue 24 five visits naming two readings"),
    pytest.param(CONTRIBUTION, id="a contribution question"),
    pytest.param(FIVE_VISITS, id="a year of five visits"),
    pytest.param(RETIREMENT, id="a retirement check"),
    pytest.param(CONTRIBUTION_AND_TWO_VISITS, id="contributions and two visits"),
]


def _case(data: dict[str, Any]) -> tuple[Request, Any]:
    request = Request.model_validate(data)
    return request, calculate(request)


def _body_of_page_one(pdf: Path) -> str:
    """Page 1's text after the page header (hall and counter, title, city and dates), whitespace removed."""
    flat = re.sub(r"\s+", "", pdftotext(pdf, 1, 1))
    return flat.split("打印时间：", 1)[1].split("测算结论", 1)[1]


@pytest.mark.parametrize(
    ("case", "sentence"),
    [
        pytest.param(CONTRIBUTION, CONTRIBUTION_HEADLINE, id="109号 二(二)1 contribution alone"),
        pytest.param(THREE_VISITS, THREE_VISITS_HEADLINE, id="109号 二(三)1 three tier-3 visits of a retiree"),
        pytest.param(RETIREMENT, "【× 未满足】尚缺 36个月（3年），未满足最低缴费年限", id="184号 三(二) a retirement check"),
    ],
)
def test_page_one_opens_with_the_headline_in_a_box(qapp: object, tmp_path: Path, case: dict[str, Any],
                                                    sentence: str) -> None:
    out = tmp_path / "sheet.pdf"
    write_pdf(out, *_case(case), SheetHeader("烟台市芝罘区医保服务大厅", "3"))
    body = _body_of_page_one(out)
    assert body.startswith(re.sub(r"\s+", "", sentence)), body[:200]
    assert body.index("测算条件") >= len(re.sub(r"\s+", "", sentence))  # the answer before the details


@pytest.mark.parametrize("case", ONE_PAGE_CASES)
def test_each_usual_question_is_one_a4_page(qapp: object, tmp_path: Path, case: dict[str, Any]) -> None:
    out = tmp_path / "sheet.pdf"
    write_pdf(out, *_case(case), SheetHeader("烟台市芝罘区医保服务大厅", "3"))
    assert pdf_pages(out) == 1
    assert "第 1 页，共 1 页" in pdftotext(out)


@pytest.mark.parametrize("case", ONE_PAGE_CASES)
def test_the_png_has_the_pdfs_pages(qapp: object, tmp_path: Path, case: dict[str, Any]) -> None:
    """Saved as a picture the sheet keeps the paper's pages: one A4 page (1754 px high at 150 dpi), not a second
    page for the signature line because the text was laid out at the picture's coarser resolution."""
    from PySide6.QtGui import QImage

    out = tmp_path / "sheet.png"
    save_png(out, *_case(case), SheetHeader("烟台市芝罘区医保服务大厅", "3"))
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1240, 1754)
    assert round(image.dotsPerMeterX() * 0.0254) == 150


def test_the_sheet_says_the_same_sentences_as_the_headline_module() -> None:
    request, result = _case({**CONTRIBUTION, **RETIREMENT, "contribution": CONTRIBUTION["contribution"]})
    content = build_content(request, result)
    assert [headline_text(h) for h in content.headlines] == [headline_text(h) for h in headlines(result, request.person)]
    text = plain_text(request, result)
    assert text.index("【测算结论】") < text.index("【测算条件】")
    assert "  【× 未满足】尚缺 36个月（3年）" in text


def test_no_maternity_lines_for_a_retiree() -> None:
    """鲁政字〔2023〕184号: maternity cover is for people in service; a retiree's sheet does not mention it."""
    retiree = {"city": "yantai", "on": "2024-06-01", "person": RETIREE, "contribution": {"monthly_base": None},
               "enrolment": NO_ENROLMENT}
    text = plain_text(*_case(retiree))
    assert "退休人员不缴纳基本医疗保险费，每月由统筹基金划入个人账户 ¥125.00" in text  # 109号 二(二)2, 70 and over
    assert "生育" not in text
    in_service = plain_text(*_case(CONTRIBUTION))
    assert "生育医疗费" in in_service  # the same sheet for someone in service does list it


def test_rows_that_do_not_apply_are_left_out() -> None:
    """No first month typed: no enrolment rows and no start-of-benefits row; no years asked: no years row."""
    text = plain_text(*_case(CONTRIBUTION))
    for absent in ("首次缴费月份", "首次参保", "待遇享受起始", "待遇开始时间", "退休人员医保待遇", "政策范围外"):
        assert absent not in text, absent
    with_month = plain_text(*_case({**CONTRIBUTION, "enrolment": {"first_contribution_month": "2024-03"}}))
    assert "首次缴费月份" in with_month and "待遇享受起始" in with_month
    assert "首次参保" not in with_month  # the first enrolment matters to flexible workers only (济宁)


def test_a_local_inpatient_share_gives_the_fund_and_the_headline_names_what_is_open(
    with_local: tuple[Request, Any],
) -> None:
    """Staff-entered share 85% at tier 2: (10000 − 500) × 85% = 8075 (109号 二(三)2); the 大额 rules stay open."""
    request, result = with_local
    text = headlines(result, request.person)[0].text
    assert text.startswith("本年1次就医，费用共 ¥10,000.00；统筹基金支付 ¥8,075.00（含按本地录入参数计算的数字）；")
    assert text.endswith("文件未规定，大额补助和个人负担暂无法确定。")
    assert text in plain_text(request, result)
