"""Fixtures for the printed sheet: requests, their results, a fixed header, and poppler helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from yibao.rules import LocalFigure, Request, Result, bundled_policy, calculate
from yibao.rules.policy import convert_value
from yibao.sheet import SheetHeader

# The example: Yantai 2024, enterprise employee, base 6000, one tier-3 outpatient visit.
USUAL = {
    "city": "yantai",
    "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
    "contribution": {"monthly_base": "6000"},
    "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "2000", "out_of_scope": "100"}],
    "retirement": {"paid_months": 280, "deemed_months": 12, "last_monthly_base": "5000"},
}


def year_of_visits(count: int = 30) -> dict[str, object]:
    visits = [
        {
            "kind": "inpatient" if i % 10 == 9 else "outpatient",
            "tier": 1 + i % 3,
            "in_scope": f"{150 + 37 * i}.50",
            "out_of_scope": f"{5 * (i % 4)}",
        }
        for i in range(count)
    ]
    return {
        "city": "yantai",
        "on": "2024-11-30",
        "person": {"employment": "enterprise", "retired": True, "sex": "female", "age": 72},
        "visits": visits,
    }


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


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} (poppler-utils) is needed for the PDF checks")
        pytest.skip(f"{name} (poppler-utils) not installed")
    return path


def pdftotext(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    args = [_tool("pdftotext"), "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def pdffonts(pdf: Path) -> list[dict[str, str]]:
    """Rows of pdffonts: name, type, emb, uni."""
    out = subprocess.run([_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object-id generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "type": " ".join(parts[1:-6])})
    return rows


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run([_tool("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))
