"""Benchmarks (not timed tests): run with `python -m pytest tests/rules/test_bench_engine.py --benchmark-enable`."""

from __future__ import annotations

from typing import Any

from yibao.rules import Request, calculate, load_policy

TWENTY_VISITS = Request.model_validate(
    {
        "city": "yantai",
        "on": "2024-06-01",
        "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
        "contribution": {"monthly_base": "6000"},
        "visits": [
            {"kind": "outpatient" if i % 4 else "inpatient", "tier": 1 + i % 3, "in_scope": f"{300 + 97 * i}.50",
             "out_of_scope": "20"}
            for i in range(20)
        ],
        "retirement": {"paid_months": 280, "deemed_months": 12},
    }
)


def test_bench_twenty_visits(benchmark: Any) -> None:
    policy = load_policy()
    result = benchmark(calculate, TWENTY_VISITS, policy)
    assert len(result.visits) == 20


def test_bench_load_all_policy_files(benchmark: Any) -> None:
    policy = benchmark(load_policy)
    assert len(policy.cities()) == 16
