"""Benchmark (not a timed test): one usual sheet to PDF; the issue asks for under 300 ms.

    python -m pytest tests/sheet/test_bench_sheet.py --benchmark-enable
"""

from __future__ import annotations

from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture

from yibao.rules import Request, Result
from yibao.sheet import SheetHeader, write_pdf


def test_bench_usual_sheet_to_pdf(
    benchmark: BenchmarkFixture, qapp: object, usual: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    out = tmp_path / "bench.pdf"
    benchmark(write_pdf, out, *usual, header)
    assert out.stat().st_size > 10_000


def test_bench_thirty_visit_year_to_pdf(
    benchmark: BenchmarkFixture, qapp: object, long_year: tuple[Request, Result], header: SheetHeader, tmp_path: Path
) -> None:
    out = tmp_path / "bench30.pdf"
    benchmark(write_pdf, out, *long_year, header)
    assert out.stat().st_size > 10_000
