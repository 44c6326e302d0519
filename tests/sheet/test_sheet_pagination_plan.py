"""Issue 14: the sheet's page breaks are planned from one layout; the check against the real layout changes nothing
(each change there relayouts the rest of the document, which made the time grow with the square of the visits)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from sheet_helpers import year_of_visits

from yibao.rules import Request, calculate
from yibao.sheet import SheetHeader, write_pdf


@pytest.mark.parametrize("visits", [30, 90])
def test_the_planned_breaks_need_no_correction(visits: int, qapp: object, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.sheet import render

    corrections: list[int] = []
    check = render._fix_breaks

    def counted(doc: QTextDocument, page_height: float) -> None:
        before = doc.revision()
        check(doc, page_height)
        corrections.append(doc.revision() - before)

    monkeypatch.setattr(render, "_fix_breaks", counted)
    request = Request.model_validate(year_of_visits(visits))
    write_pdf(tmp_path / "s.pdf", request, calculate(request), SheetHeader("", "", datetime(2024, 11, 30, 9, 0)))
    assert corrections == [0]
