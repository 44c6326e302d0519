"""Issue 22.13, benchmark (not a timed test): ``figures check`` grows linearly with the pack (it was quadratic: 1,000
figures 3.4 s, 10,000 figures 194 s with no output). Each pack here is one figure per city and month.

    python -m pytest tests/state/test_bench_packs.py --benchmark-enable
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pack_helpers import example
from pytest_benchmark.fixture import BenchmarkFixture

from yibao.rules import bundled_policy
from yibao.state.packs import parse_pack, summary


def monthly_pack(figures: int) -> dict[str, Any]:
    """``figures`` province average wages (a figure the documents leave open), one per city and month from 1960."""
    policy = bundled_policy()
    cities = [region.code for region in policy.cities()]
    data = example()
    data["figures"] = []
    for n in range(figures):
        city, month = cities[n % len(cities)], n // len(cities)
        start = date(1960 + month // 12, month % 12 + 1, 1)
        end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        data["figures"].append({"parameter": "wage.province_average_monthly", "region": city, "start": start.isoformat(),
                                "end": end.isoformat(), "value": "5000", "document": "inpatient", "clause": "二"})
    return data


@pytest.mark.parametrize("figures", [250, 1000, 4000])
def test_bench_figures_check_grows_linearly(figures: int, benchmark: BenchmarkFixture) -> None:
    if benchmark.disabled:
        pytest.skip("a benchmark: run with --benchmark-enable")
    policy, data = bundled_policy(), monthly_pack(figures)

    def check() -> list[str]:
        return summary(policy, parse_pack(policy, data))

    lines = benchmark.pedantic(check, rounds=1, iterations=1)
    assert len(lines) == 1 + len(data["documents"]) + 2 * figures
