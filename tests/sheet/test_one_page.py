"""Issue 24: a usual case on one A4 page whatever readings it names, with the QR code; the signature never alone."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage
from sheet_helpers import pdf_pages, pdftotext, year_of_visits

from yibao.rules import Request, calculate
from yibao.sheet import SheetHeader, build_content, plain_text, save_png, write_pdf
from yibao.sheet.content import SCAN_TITLE

HEADER = SheetHeader("烟台市芝罘区医保服务大厅", "3")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _outpatient(tier: int, amount: str, **more: str) -> dict[str, Any]:
    return {"kind": "outpatient", "tier": tier, "in_scope": amount, **more}


def _stay(tier: int, amount: str, **more: str) -> dict[str, Any]:
    return {"kind": "inpatient", "tier": tier, "in_scope": amount, **more}


# Five-visit Yantai years (109号 二(三)1 and 二(三)3, and the 2023 rules before them): small bills, the issue's bills
# that cross the fund's limit, bills that cross the 大额补助's too, bills with 先行自付 and 政策范围外 parts, a hospital
# stay after four visits, five stays; in service and retired; under the 2023, 2024 and 2026 rules (no local figures).
FIVE_VISIT_YEARS = {
    "small": [_outpatient(tier, "300") for tier in (1, 2, 3, 1, 2)],
    "small with 先行自付": [_outpatient(tier, "300", self_pay_first="50") for tier in (1, 2, 3, 1, 2)],
    "issue 24": [_outpatient(tier, "1500") for tier in (1, 2, 3, 1, 2)],
    "large": [_outpatient(3, "5000") for _ in range(5)],
    "with 先行自付": [_outpatient(tier, "1500", out_of_scope="50", self_pay_first="100") for tier in (1, 2, 3, 1, 2)],
    "a stay": [*(_outpatient(tier, "1500") for tier in (1, 2, 3, 1)), _stay(2, "10000", self_pay_first="500")],
    "five stays": [_stay(tier, "30000", out_of_scope="1000", self_pay_first="500") for tier in (1, 2, 3, 1, 2)],
}
PEOPLE = [{"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
          {"employment": "enterprise", "retired": True, "sex": "male", "age": 65}]


def _longest_year_per_combination_of_readings() -> dict[tuple[str, ...], Request]:
    """For each combination of readings these years name, the year whose sheet says the most."""
    longest: dict[tuple[str, ...], tuple[int, Request]] = {}
    for on, person, visits in itertools.product(["2023-06-01", "2024-06-01", "2026-03-01"], PEOPLE,
                                                FIVE_VISIT_YEARS.values()):
        request = Request.model_validate({"city": "yantai", "on": on, "person": person, "visits": visits})
        result = calculate(request)
        readings = tuple(sorted(r.id for r in result.readings))
        size = len(plain_text(request, result))
        if readings not in longest or size > longest[readings][0]:
            longest[readings] = (size, request)
    return {readings: request for readings, (_, request) in longest.items()}


COMBINATIONS = _longest_year_per_combination_of_readings()
ISSUE_24 = ("outpatient-deductible-one-counter", "outpatient-supplement-same-share")


def test_the_years_name_every_reading_of_a_five_visit_yantai_year_in_these_combinations() -> None:
    """The combinations these years name: an outpatient visit's one deductible counter; with it the 大额补助 paying
    past the fund's limit (2024 on) or the 2023 rules, 先行自付 paid by the person or not; a stay's 大额补助 past the
    fund's limit, alone or with the outpatient readings."""
    one_counter, same_share, by_person, pre_2024, stay = (
        "outpatient-deductible-one-counter", "outpatient-supplement-same-share", "self-pay-first-by-person",
        "yantai-pre-2024-outpatient", "inpatient-supplement-above-limit")
    known = {(one_counter,), (one_counter, by_person), ISSUE_24, (one_counter, same_share, by_person),
             (one_counter, pre_2024), (one_counter, by_person, pre_2024), (stay,), (stay, one_counter),
             (stay, one_counter, same_share), (stay, one_counter, pre_2024)}
    assert known <= set(COMBINATIONS), sorted(COMBINATIONS)


@pytest.mark.parametrize("readings", sorted(COMBINATIONS), ids=lambda readings: " + ".join(readings) or "no reading")
def test_a_five_visit_year_is_one_page_with_its_qr_code_whatever_readings_it_names(
        qapp: object, tmp_path: Path, readings: tuple[str, ...]) -> None:
    request = COMBINATIONS[readings]
    result = calculate(request)
    pdf, png = tmp_path / "sheet.pdf", tmp_path / "sheet.png"
    write_pdf(pdf, request, result, HEADER)
    text = _flat(pdftotext(pdf))
    assert pdf_pages(pdf) == 1 and "第1页，共1页" in text
    assert SCAN_TITLE in text and "经办人（签字）" in text
    assert text.count("解读（") == len(readings)  # each reading's full text once
    save_png(png, request, result, HEADER)
    assert QImage(str(png)).height() == 1754  # one A4 page at 150 dpi


@pytest.mark.parametrize("count", [8, 9, 19, 22])
def test_the_signature_never_opens_a_page_alone_the_totals_come_with_it(qapp: object, tmp_path: Path,
                                                                          count: int) -> None:
    """Years of 8, 9, 19 and 22 visits run just over a page: the signature block stood alone on the last page (or
    with only the notes). Now the year's totals open that page, and the notes and documents follow them."""
    request = Request.model_validate(year_of_visits(count))
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, request, calculate(request), HEADER)
    pages = pdf_pages(pdf)
    last = _flat(pdftotext(pdf, pages, pages))
    assert pages > 1
    assert "经办人（签字）" in last
    assert "2024年度合计（各次之和）" in last and "说明" in last and "测算依据文件" in last


def test_every_figure_of_the_issue_24_year_is_in_the_pdfs_text(qapp: object, tmp_path: Path) -> None:
    """Copy and search give back every digit (the text layer once lost digits after Latin letters): each visit's
    figures, the year's totals with their capitals. 109号 二(三)1, by hand: deductible 200 + 200 + 200 + 0 + 0 = 600;
    fund 1040 + 910 + 780 + 770 + 0 = 3500 (the limit); 大额 430 + 1050 = 1480; the person 7500 − 3500 − 1480 = 2520."""
    request = Request.model_validate({"city": "yantai", "on": "2024-06-01", "person": PEOPLE[0],
                                      "visits": FIVE_VISIT_YEARS["issue 24"]})
    result = calculate(request)
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, request, result, HEADER)
    text = _flat(pdftotext(pdf))
    content = build_content(request, result, HEADER)
    figures = [row.figure for s in content.sections for t in s.tables for row in t.rows if row.kind == "line"]
    assert figures and all(_flat(figure) in text for figure in figures), [f for f in figures if _flat(f) not in text]
    for figure, capitals in (("¥600.00", "人民币陆佰元整"), ("¥3,500.00", "人民币叁仟伍佰元整"),
                             ("¥1,480.00", "人民币壹仟肆佰捌拾元整"), ("¥2,520.00", "人民币贰仟伍佰贰拾元整")):
        assert figure + capitals in text
