"""The sheet's QR code (issue 23): read back from the printed page it reopens the same case with the same figures."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QImage
from sheet_helpers import pdf_to_png, pdftotext, year_of_visits

from yibao.casecode import DecodedCase, decode_case
from yibao.rules import Request, Result, calculate
from yibao.sheet import SheetHeader, build_content, plain_text, save_png, write_pdf
from yibao.sheet.content import CODE_HOW, SCAN_HOW, SCAN_TOO_LONG
from yibao.sheet.qr import MODULE_MM, QUIET_ZONE, case_qr
from yibao.version import app_version

HEADER = SheetHeader("烟台市芝罘区医保服务大厅", "3", datetime(2026, 12, 6, 9, 30))
# Issue 24's year: a Yantai employee of 40 (2024-06-01), five outpatient visits of 1,500.00 at tiers 1, 2, 3, 1, 2.
FIVE_VISITS = Request.model_validate(
    {"city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
     "visits": [{"kind": "outpatient", "tier": tier, "in_scope": "1500"} for tier in (1, 2, 3, 1, 2)]})


def _read_codes(picture: Path) -> list[zxingcpp.Barcode]:
    return [code for code in zxingcpp.read_barcodes(QImage(str(picture))) if code.format == zxingcpp.BarcodeFormat.QRCode]


def _reopened(case: DecodedCase, result: Result) -> None:
    """The case comes back as printed: the request, the figures worked out from it, the version and the day."""
    assert case.request == FIVE_VISITS
    assert calculate(case.request).model_dump_json() == result.model_dump_json()
    assert (case.version, case.made_on) == (app_version(), HEADER.printed_at.date())


@pytest.mark.parametrize("dpi", [150, 300])
def test_the_qr_code_on_the_printed_pdf_reopens_the_case_with_the_same_figures(qapp: object, tmp_path: Path,
                                                                               dpi: int) -> None:
    result = calculate(FIVE_VISITS)
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, FIVE_VISITS, result, HEADER)
    (page,) = pdf_to_png(pdf, dpi)
    (code,) = _read_codes(page)
    _reopened(decode_case(code.text), result)
    qr = case_qr(code.text)
    assert qr is not None
    corners = code.position
    width_mm = (corners.top_right.x - corners.top_left.x) * 25.4 / dpi
    assert width_mm / (len(qr.modules) - 2 * QUIET_ZONE) == pytest.approx(MODULE_MM, rel=0.05)  # 0.4 mm a module


def test_the_qr_code_on_the_saved_picture_reopens_the_case(qapp: object, tmp_path: Path) -> None:
    result = calculate(FIVE_VISITS)
    picture = tmp_path / "sheet.png"
    save_png(picture, FIVE_VISITS, result, HEADER)
    (code,) = _read_codes(picture)
    _reopened(decode_case(code.text), result)


def test_the_line_under_the_qr_code_says_what_it_is_for(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, FIVE_VISITS, calculate(FIVE_VISITS), HEADER)
    flat = iter(re.sub(r"\s+", "", pdftotext(pdf)))
    # every character in order: the text layer reads the wrapped caption's lines between the signature's
    assert all(ch in flat for ch in "扫码调取" + re.sub(r"\s+", "", SCAN_HOW))


def test_the_text_copy_carries_the_same_case_code() -> None:
    result = calculate(FIVE_VISITS)
    text = plain_text(FIVE_VISITS, result, HEADER)
    lines = text.splitlines()
    where = lines.index(f"【调取码】（{CODE_HOW}）")
    assert lines[where + 1] == build_content(FIVE_VISITS, result, HEADER).case_code
    _reopened(decode_case(lines[where + 1]), result)


def test_a_year_too_long_for_a_qr_code_says_so_and_its_text_copy_still_has_the_code(qapp: object, tmp_path: Path) -> None:
    """A hundred visits: a code of about 830 characters, whose QR code would need modules under 0.3 mm in 30 mm."""
    request = Request.model_validate(year_of_visits(100))
    result = calculate(request)
    pdf = tmp_path / "sheet.pdf"
    write_pdf(pdf, request, result, HEADER)
    flat = iter(re.sub(r"\s+", "", pdftotext(pdf)))
    assert all(ch in flat for ch in SCAN_TOO_LONG)  # in order: the text layer interleaves it with the signature
    assert not any(_read_codes(page) for page in pdf_to_png(pdf, 150)[-1:])
    code = plain_text(request, result, HEADER).splitlines()[-1]
    assert decode_case(code).request == request
