"""Benchmark (not a timed test): `python -m pytest tests/rules/test_bench_compare.py --benchmark-enable`.

The 政策前后对比 tab recomputes the comparison on each edit while it is shown: two calculations plus one for
each changed parameter the case reads (to trace the reasons)."""

from __future__ import annotations

from datetime import date
from typing import Any

from test_bench_engine import TWENTY_VISITS

from yibao.rules import load_policy
from yibao.rules.compare import compare


def test_bench_compare_twenty_visits_across_2024_01_01(benchmark: Any) -> None:
    policy = load_policy()
    comparison = benchmark(compare, TWENTY_VISITS, date(2023, 12, 31), policy)
    assert len(comparison.changes) > 10  # Yantai's contributions and outpatient figures all change on 2024-01-01
