"""Issue 24: a usual case on one A4 page whatever readings it names, with the QR code; the signature never alone.

The five-visit Yantai years are generated, not picked: every rule period of Yantai (each date a figure of the city or
the province starts), in service and retired, none to five of the visits a hospital stay, bills within the
deductibles, past the fund's yearly limit and past the 大额补助's, 先行自付 and 政策范围外 on none, the outpatient,
the inpatient or all of the visits, with and without year-to-date figures, and without local figures, with the
hall's basic-fund figures only, with the whole inpatient set of the 大额 inpatient tests (inpatient_helpers) typed
in, or with a bureau's pack (docs/example-figures-pack.json, cited by its document's number) imported as
``yibao figures import`` imports it. For each combination of readings, local figures (none, typed in, the pack's) and
year-to-date figures, the year whose sheet says the most is laid out as the PDF and the PNG lay it out (one page);
for each combination of readings it is printed to PDF and PNG.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import pytest
from inpatient_helpers import fund_figures_only, local
from pack_helpers import EXAMPLE
from PySide6.QtGui import QImage
from sheet_helpers import pdf_pages, pdftotext, year_of_visits

from yibao.rules import LocalFigure, Request, Result, bundled_policy, calculate
from yibao.sheet import SheetHeader, build_content, save_png, write_pdf
from yibao.sheet.content import SCAN_TITLE
from yibao.sheet.html import COMPACT_BODY_PT, SMALL_PT
from yibao.sheet.render import a4_pages
from yibao.state.local_figures import load_local_figures
from yibao.state.packs import import_saved, read_pack
from yibao.wording import LOCAL_MARK

HEADER = SheetHeader("烟台市芝罘区医保服务大厅", "3")
TIERS = (1, 2, 3, 1, 2)
BILLS = {  # per outpatient visit and per stay: within the deductibles; past the fund's limit; past the 大额补助's too
    "small": ("300", "3000"),
    "large": ("1500", "30000"),
    "very large": ("5000", "80000"),
}
EXTRAS = ("none", "outpatient", "inpatient", "all")  # which visits carry 先行自付 100.00 and 政策范围外 50.00
YEAR_TO_DATE = {"outpatient_deductible_counted": "200", "outpatient_fund_paid": "1000", "outpatient_supplement_paid": "0",
                "inpatient_stays": 1, "inpatient_fund_paid": "8000", "inpatient_supplement_deductible_counted": "500",
                "inpatient_supplement_paid": "0"}
PACK = "example pack"
PEOPLE = {"in service": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
          "retired": {"employment": "enterprise", "retired": True, "sex": "male", "age": 65}}


@dataclass(frozen=True)
class Year:
    name: str
    request: Request
    local: tuple[LocalFigure, ...]

    @cached_property
    def result(self) -> Result:
        return calculate(self.request, local=self.local)


@cache
def local_figures() -> dict[str, tuple[LocalFigure, ...]]:
    """The local figures a hall may have: none, typed in (the basic fund's only, or the whole inpatient set), or the
    example pack's as the hall keeps them after ``yibao figures import`` (imported into this test's user folders, read
    back as a session reads them)."""
    policy = bundled_policy()
    import_saved(policy, read_pack(policy, EXAMPLE))
    imported, problem = load_local_figures(policy)
    assert problem is None
    return {"none": (), "fund only": tuple(fund_figures_only()), "whole set": tuple(local()), PACK: tuple(imported)}


def rule_periods() -> list[date]:
    """The first day of each of Yantai's rule periods: each date a figure of the city or the province starts."""
    policy = bundled_policy()
    return sorted({entry.start for region in policy.chain("yantai") if region.code != policy.national
                   for entries in region.entries.values() for entry in entries})


def _visits(stays: int, bills: str, extras: str) -> list[dict[str, Any]]:
    visits = []
    for number, tier in enumerate(TIERS):
        kind = "inpatient" if number >= len(TIERS) - stays else "outpatient"
        visit: dict[str, Any] = {"kind": kind, "tier": tier, "in_scope": BILLS[bills][kind == "inpatient"]}
        if extras == "all" or extras == kind:
            visit |= {"self_pay_first": "100", "out_of_scope": "50"}
        visits.append(visit)
    return visits


def _generated_years() -> list[Year]:
    years = []
    for on, (status, person), stays, bills, extras, to_date, figures in itertools.product(
            rule_periods(), PEOPLE.items(), range(len(TIERS) + 1), BILLS, EXTRAS, (False, True), local_figures()):
        local_ones = local_figures()[figures]
        if (extras == "outpatient" and stays == len(TIERS)) or (extras == "inpatient" and stays == 0) or (
                local_ones and (stays == 0 or on < min(f.start for f in local_ones))):
            continue  # the same year as another: no visit of that kind; the inpatient local figures not in force
        request = Request.model_validate({"city": "yantai", "on": on, "person": person,
                                          "visits": _visits(stays, bills, extras),
                                          "year_to_date": YEAR_TO_DATE if to_date else None})
        name = (f"{on}, {status}, {stays} stays, {bills} bills, extras on {extras}, "
                f"{'year-to-date' if to_date else 'no year-to-date'}, local figures: {figures}")
        years.append(Year(name, request, local_ones))
    return years


def _readings(result: Result) -> tuple[str, ...]:
    return tuple(sorted(r.id for r in result.readings))


def _said(result: Result) -> int:
    """How much a year's sheet says beyond its readings: the characters of its visits' lines and of what is missing."""
    lines = [line for visit in result.visits or [] for line in visit.lines]
    return sum(len(line.label) + len(line.formula) + len(line.note or "") for line in lines) + len(str(result.missing))


USED = ("none", "typed in", PACK)


def _local_used(year: Year) -> str:
    """Which local figures the year's sheet cites: none, figures typed in, or the pack's."""
    if not any(line.local for visit in year.result.visits or [] for line in visit.lines):
        return "none"
    return PACK if year.name.endswith(PACK) else "typed in"


@cache
def longest_years() -> dict[tuple[tuple[str, ...], str, bool], Year]:
    """For each combination of readings, local figures used and year-to-date figures given: the year whose sheet
    says the most."""
    longest: dict[tuple[tuple[str, ...], str, bool], tuple[int, Year]] = {}
    for year in _generated_years():
        result = year.result
        key = (_readings(result), _local_used(year), year.request.year_to_date is not None)
        size = _said(result)
        if key not in longest or size > longest[key][0]:
            longest[key] = (size, year)
    return {key: year for key, (_, year) in longest.items()}


ONE_COUNTER, SAME_SHARE, BY_PERSON, PRE_2024, STAY = (
    "outpatient-deductible-one-counter", "outpatient-supplement-same-share", "self-pay-first-by-person",
    "yantai-pre-2024-outpatient", "inpatient-supplement-above-limit")
# What the generated years name, written out so that a new combination is seen (and printed) on purpose.
COMBINATIONS: list[tuple[str, ...]] = sorted(tuple(sorted(readings)) for readings in (
    (ONE_COUNTER,), (ONE_COUNTER, SAME_SHARE), (ONE_COUNTER, BY_PERSON), (ONE_COUNTER, SAME_SHARE, BY_PERSON),
    (ONE_COUNTER, PRE_2024), (ONE_COUNTER, BY_PERSON, PRE_2024),
    (STAY,), (STAY, BY_PERSON), (STAY, ONE_COUNTER), (STAY, ONE_COUNTER, SAME_SHARE), (STAY, ONE_COUNTER, BY_PERSON),
    (STAY, ONE_COUNTER, SAME_SHARE, BY_PERSON), (STAY, ONE_COUNTER, PRE_2024), (STAY, ONE_COUNTER, BY_PERSON, PRE_2024),
))


def test_the_generated_years_name_every_combination_of_readings_of_a_five_visit_yantai_year() -> None:
    """An outpatient visit's one deductible counter (109号 二(三)1), with the 大额补助 past the fund's limit (2024 on)
    or the 2023 rules, 先行自付 paid by the person or not; a stay's 大额补助 (二(三)3), alone or with them."""
    assert rule_periods() == [date(2023, 1, 1), date(2024, 1, 1), date(2026, 1, 1)]
    assert {readings for readings, _, _ in longest_years()} == set(COMBINATIONS)
    assert {(local_used, to_date) for _, local_used, to_date in longest_years()} == {
        (used, to_date) for used in USED for to_date in (False, True)}


@pytest.mark.parametrize("readings", COMBINATIONS, ids=" + ".join)
def test_every_five_visit_year_is_one_page_whatever_readings_local_and_year_to_date_figures_it_has(
        qapp: object, readings: tuple[str, ...]) -> None:
    years = {key: year for key, year in longest_years().items() if key[0] == readings}
    pages = {year.name: a4_pages(build_content(year.request, year.result, HEADER)) for year in years.values()}
    assert {name: p.count for name, p in pages.items()} == dict.fromkeys(pages, 1)
    smallest = min(p.doc.defaultFont().pointSizeF() for p in pages.values())
    assert smallest >= COMPACT_BODY_PT >= SMALL_PT  # never smaller than the sheet's smallest text, 7 pt


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _one_page_with_qr_code(tmp_path: Path, request: Request, result: Result) -> str:
    """Print to PDF and PNG; each is one A4 page with the signature and the QR code. The PDF's text."""
    pdf, png = tmp_path / "sheet.pdf", tmp_path / "sheet.png"
    write_pdf(pdf, request, result, HEADER)
    text = _flat(pdftotext(pdf))
    assert pdf_pages(pdf) == 1 and "第1页，共1页" in text
    assert SCAN_TITLE in text and "经办人（签字）" in text
    assert text.count("解读（") == len(result.readings)  # each reading's full text once
    save_png(png, request, result, HEADER)
    assert QImage(str(png)).height() == 1754  # one A4 page at 150 dpi
    return text


@pytest.mark.parametrize("readings", COMBINATIONS, ids=" + ".join)
def test_the_longest_five_visit_year_of_each_combination_of_readings_prints_on_one_page(
        qapp: object, tmp_path: Path, readings: tuple[str, ...]) -> None:
    years = {key: year for key, year in longest_years().items() if key[0] == readings}
    longest = years[max(years, key=lambda key: (USED.index(key[1]), key[2], _said(years[key].result)))]  # the pack's first
    _one_page_with_qr_code(tmp_path, longest.request, longest.result)


@pytest.mark.parametrize("question", [
    {"person": PEOPLE["in service"], "contribution": {"monthly_base": "6000"}},
    {"person": {"employment": "flexible", "retired": False, "sex": "female", "age": 45},
     "contribution": {"monthly_base": "4000"}},
    {"person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 59},
     "retirement": {"paid_months": 280, "deemed_months": 12, "last_monthly_base": "5000"}},
], ids=["contribution", "flexible contribution", "retirement check"])
@pytest.mark.parametrize("on", ["2024-06-01", "2026-03-01"])
def test_a_contribution_question_and_a_retirement_check_print_on_one_page(
        qapp: object, tmp_path: Path, question: dict[str, Any], on: str) -> None:
    request = Request.model_validate({"city": "yantai", "on": on, **question})
    _one_page_with_qr_code(tmp_path, request, calculate(request))


@pytest.mark.parametrize("count", [10, 13, 25, 29])
def test_the_signature_never_opens_a_page_alone_the_totals_come_with_it(qapp: object, tmp_path: Path,
                                                                          count: int) -> None:
    """Years of 10, 13, 25 and 29 visits run just over one or two pages: the signature block would stand alone on the
    last page (or with only the notes). The year's totals open that page, and the notes and documents follow them."""
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
    request = Request.model_validate({"city": "yantai", "on": "2024-06-01", "person": PEOPLE["in service"],
                                      "visits": [{"kind": "outpatient", "tier": t, "in_scope": "1500"} for t in TIERS]})
    result = calculate(request)
    text = _one_page_with_qr_code(tmp_path, request, result)
    content = build_content(request, result, HEADER)
    figures = [row.figure for s in content.sections for t in s.tables for row in t.rows if row.kind == "line"]
    assert figures and all(_flat(figure) in text for figure in figures), [f for f in figures if _flat(f) not in text]
    for figure, capitals in (("¥600.00", "人民币陆佰元整"), ("¥3,500.00", "人民币叁仟伍佰元整"),
                             ("¥1,480.00", "人民币壹仟肆佰捌拾元整"), ("¥2,520.00", "人民币贰仟伍佰贰拾元整")):
        assert figure + capitals in text


def test_the_fullest_year_without_local_figures_gives_back_109s_figures(qapp: object, tmp_path: Path) -> None:
    """The generated year that fills most of its page without local figures: a retiree in 2026 with 200.00 of the
    outpatient deductible counted, 1,000.00 paid by the fund and one stay before; two outpatient visits of 5,000.00
    (tiers 1 and 2) and three stays of 80,000.00 (tiers 3, 1, 2), each with 先行自付 100.00 and 政策范围外 50.00.

    By hand, 109号 二(三)1 (retirees +5%, fund limit 4,500, 大额 up to 1,500, together 6,000): visit 1 (一级, 200
    counted already) deductible 0, 5,000 × 85% = 4,250, the fund pays the 3,500 left of its limit, 大额 the 750 above
    it; the person 5,150 − 3,500 − 750 = 900. Visit 2 (二级) deductible 400 − 200 = 200, (5,000 − 200) × 75% = 3,600,
    the fund's limit reached: 0, 大额 the 750 left of its 1,500 (3,500 + 1,000 + 750 + 750 = 6,000); the person 5,150 −
    0 − 750 = 4,400. 二(三)2: the year's second stay (三级) 800 × 0.5 = 400, the third and fourth none; the inpatient
    share and limits are 另行制定: those figures are 文件未规定. The year: 250,750.00 billed, 600.00 deductible."""
    year = next(y for y in _generated_years() if y.name == "2026-01-01, retired, 3 stays, very large bills, extras on all, "
                "year-to-date, local figures: none")
    text = _one_page_with_qr_code(tmp_path, year.request, year.result)
    for worked in ("(5,000.00−0.00)×85%=4,250.00", "5,150.00−统筹3,500.00−大额750.00=900.00",
                   "(5,000.00−200.00)×75%=3,600.00", "5,150.00−统筹0.00−大额750.00=4,400.00", "800.00×0.5=400.00",
                   "已能计算的统筹基金支付¥3,500.00", "¥250,750.00人民币贰拾伍万零柒佰伍拾元整", "¥600.00人民币陆佰元整"):
        assert worked in text, worked


def test_the_fullest_pack_year_cites_the_pack_by_number_and_gives_back_its_figures(qapp: object, tmp_path: Path) -> None:
    """The pack's fullest year: a retiree in 2024 (200.00 of the outpatient deductible counted, 1,000.00 and 8,000.00
    paid by the fund, one stay, 500.00 of the 大额 deductible counted), one outpatient visit of 5,000.00 and four stays
    of 80,000.00 (tiers 2, 3, 1, 2), each with 先行自付 100.00 and 政策范围外 50.00; the example pack's 1号 gives the
    shares 88/85/92%, the fund's 60,000 a year, the 大额's 1,000 deductible, 90% and 200,000 a year.

    By hand (109号 二(三)2, 二(三)3, the pack's 一 to 三): stay 2, deductible 500 × 0.5 = 250, (80,000 − 250) × 88% =
    70,180, the fund pays the 52,000 left of its 60,000; 大额 80,000 − 52,000 + 100 = 28,100 less the 500 left of its
    deductible, × 90% = 24,840; the person 80,150 − 52,000 − 24,840 = 3,310. Stays 3 and 4: the fund nothing, 大额
    80,100 × 90% = 72,090, the person 8,060. Stay 5: 大额 the 30,980 left of 200,000 (24,840 + 72,090 × 2 = 169,020),
    the person 49,170. The year: fund 3,500 + 52,000 = 55,500, 大额 750 + 200,000 = 200,750, the person 69,500.

    Each stay's 个人负担 rests on all three of the pack's clauses, each cited on the lines above it: 1号 by itself,
    still marked; the fourth stay's lines the same as the third's say 同第3次, marked 本地录入."""
    year = next(y for y in _generated_years() if y.name == "2024-01-01, retired, 4 stays, very large bills, "
                "extras on all, year-to-date, local figures: example pack")
    text = _one_page_with_qr_code(tmp_path, year.request, year.result)
    for worked in ("500.00×0.5=250.00", "(80,000.00−250.00)×88%=70,180.00", "27,600.00×90%=24,840.00",
                   "80,150.00−统筹52,000.00−大额24,840.00=3,310.00", "80,100.00×90%=72,090.00",
                   "已付169,020.00，本次支付30,980.00", "80,150.00−统筹0.00−大额30,980.00=49,170.00",
                   "¥55,500.00人民币伍万伍仟伍佰元整", "¥200,750.00人民币贰拾万零柒佰伍拾元整",
                   "¥69,500.00人民币陆万玖仟伍佰元整"):
        assert worked in text, worked
    rows = [row for s in build_content(year.request, year.result, HEADER).sections for t in s.tables for row in t.rows]
    assert [row.source for row in rows if row.label == "个人负担"] == ["", "1号（本地录入）", "1号（本地录入）", LOCAL_MARK,
                                                                   "1号（本地录入）"]
    assert [(row.formula, row.source) for row in rows if row.formula == "同第3次"] == [("同第3次", LOCAL_MARK)] * 2
    assert "1号：示例医保发〔2024〕1号《（示例，虚构）烟台市职工住院待遇标准的通知》" in text  # spelled out once
