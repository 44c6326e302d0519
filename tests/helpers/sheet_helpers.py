"""The sheet tests' helpers: the usual request, a year of visits, and poppler's pdftotext, pdffonts and pdfinfo.

Kept out of tests/sheet/conftest.py: a test that imported them "from conftest" got whichever conftest.py was imported
last (``pytest tests/state tests/sheet`` failed to collect), and mypy cannot tell the conftest modules apart.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

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


def pdf_to_png(pdf: Path, dpi: int) -> list[Path]:
    """Each page of the PDF as a PNG beside it (poppler's pdftoppm), as a scanner or a photo would see the paper."""
    prefix = pdf.with_suffix("")
    subprocess.run([_tool("pdftoppm"), "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True)
    return sorted(pdf.parent.glob(f"{prefix.name}-*.png"))


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
