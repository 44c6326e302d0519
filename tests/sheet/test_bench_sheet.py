"""Benchmark (not a timed test): one sheet to PDF; the issue asks for under 300 ms for a usual case, and time linear
in the number of visits (it was quadratic: 1,000 visits took two minutes).

    python -m pytest tests/sheet/test_bench_sheet.py --benchmark-enable
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sheet_helpers import year_of_visits

from yibao.rules import Request, calculate
from yibao.sheet import SheetHeader, write_pdf


@pytest.mark.parametrize("case", ["usual", "long_year"])  # one page; a 30-visit year (6 pages)
def test_bench_sheet_to_pdf(
    case: str, benchmark: BenchmarkFixture, qapp: object, header: SheetHeader, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    calculated = request.getfixturevalue(case)
    out = tmp_path / f"{case}.pdf"
    benchmark(write_pdf, out, *calculated, header)
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("visits", [100, 250, 500, 1000])
def test_bench_sheet_grows_linearly_with_the_visits(
    visits: int, benchmark: BenchmarkFixture, qapp: object, header: SheetHeader, tmp_path: Path
) -> None:
    if benchmark.disabled:
        pytest.skip("a benchmark: run with --benchmark-enable")
    request = Request.model_validate(year_of_visits(visits))
    result = calculate(request)
    out = tmp_path / "long.pdf"
    benchmark.pedantic(write_pdf, (out, request, result, header), rounds=1, iterations=1)
    assert out.stat().st_size > 10_000
