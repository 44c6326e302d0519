"""The benefits-start sentence says what the parameter says (济宁 三(三): 次月), not always 次月."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from yibao.rules import LocalFigure, Request, calculate
from yibao.rules.models import CoverageItem


def _start_item(city: str, local: list[LocalFigure]) -> CoverageItem:
    request = Request.model_validate({
        "city": city, "on": "2024-06-01", "enrolment": {"first_contribution_month": "2024-03"},
        "person": {"employment": "enterprise", "retired": False, "sex": "female", "age": 30},
    })
    result = calculate(request, local=local)
    assert result.coverage is not None
    return next(item for item in result.coverage.items if item.key == "benefits_start")


def test_jining_next_month() -> None:
    assert "自缴费次月即2024年4月1日起" in _start_item("jining", []).detail


@pytest.mark.parametrize(("months", "words"), [(0, "自缴费当月即2024年3月1日起"), (3, "缴费满3个月后即2024年6月1日起")])
def test_a_local_figure_changes_the_words(months: int, words: str) -> None:
    figure = LocalFigure("benefits.start_offset_months", "weifang", date(2024, 1, 1), None, Decimal(months))
    assert words in _start_item("weifang", [figure]).detail
