"""Issue 24: a usual case on one A4 page whatever readings it names, with the QR code; the signature never alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sheet_helpers import pdf_pages, pdftotext, year_of_visits

from yibao.rules import Request, calculate
from yibao.sheet import SheetHeader, write_pdf

HEADER = SheetHeader("烟台市芝罘区医保服务大厅", "3")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("count", [6, 15, 17, 23, 26])
def test_the_signature_never_opens_a_page_alone_the_totals_come_with_it(qapp: object, tmp_path: Path,
                                                                          count: int) -> None:
    """Years of 6, 15, 17, 23 and 26 visits ran just over a page: the signature block alone on the last page (or
    with only the notes). Now the year's totals open that page, and the notes and documents follow them."""
    request = Request.model_validate(year_of_visits(count))
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, request, calculate(request), HEADER)
    pages = pdf_pages(pdf)
    last = _flat(pdftotext(pdf, pages, pages))
    assert pages > 1
    assert "经办人（签字）" in last
    assert "2024年度合计（各次之和）" in last and "说明" in last and "测算依据文件" in last
