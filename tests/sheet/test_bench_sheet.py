"""Benchmark (not a timed test): one sheet to PDF; the issue asks for under 300 ms for a usual case.

    python -m pytest tests/sheet/test_bench_sheet.py --benchmark-enable
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from yibao.sheet import SheetHeader, write_pdf


@pytest.mark.parametrize("case", ["usual", "long_year"])  # one page; a 30-visit year (6 pages)
def test_bench_sheet_to_pdf(
    case: str, benchmark: BenchmarkFixture, qapp: object, header: SheetHeader, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    calculated = request.getfixturevalue(case)
    out = tmp_path / f"{case}.pdf"
    benchmark(write_pdf, out, *calculated, header)
    assert out.stat().st_size > 10_000
