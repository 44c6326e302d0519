"""Fixtures for the printed sheet: requests, their results and a fixed header (helpers: sheet_helpers.py)."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sheet_helpers import USUAL, year_of_visits

from yibao.rules import LocalFigure, Request, Result, bundled_policy, calculate
from yibao.rules.policy import convert_value
from yibao.sheet import SheetHeader


def local_inpatient_figures() -> list[LocalFigure]:
    """Staff-entered inpatient share and yearly limit for Yantai (figures the documents do not give)."""
    catalogue = bundled_policy().catalogue
    shares = {t: {"in_service": r, "retired": r} for t, r in (("1", "0.9"), ("2", "0.85"), ("3", "0.8"))}
    return [
        LocalFigure("inpatient.share", "yantai", date(2024, 1, 1), None,
                    convert_value(shares, catalogue["inpatient.share"])),
        LocalFigure("inpatient.fund_yearly_limit", "yantai", date(2024, 1, 1), None,
                    convert_value("300000", catalogue["inpatient.fund_yearly_limit"])),
    ]


@pytest.fixture
def usual() -> tuple[Request, Result]:
    request = Request.model_validate(USUAL)
    return request, calculate(request)


@pytest.fixture
def long_year() -> tuple[Request, Result]:
    request = Request.model_validate(year_of_visits(30))
    return request, calculate(request)


@pytest.fixture
def with_local() -> tuple[Request, Result]:
    request = Request.model_validate(
        {
            "city": "yantai",
            "on": "2024-06-01",
            "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
            "visits": [{"kind": "inpatient", "tier": 2, "in_scope": "10000"}],
        }
    )
    return request, calculate(request, local=local_inpatient_figures())


@pytest.fixture
def header() -> SheetHeader:
    return SheetHeader("烟台市芝罘区医保服务大厅", "3", datetime(2024, 6, 1, 10, 5))
