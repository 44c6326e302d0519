"""The made-up example pack and the command line in-process, for the tests of figures packs (tests/state)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from yibao.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-figures-pack.json"
# Three stays in Yantai, the fund's 60000 crossed in the third (worked by hand in tests/rules/test_inpatient_layer.py).
YANTAI_YEAR = {
    "city": "yantai", "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
    "visits": [
        {"kind": "inpatient", "tier": 3, "in_scope": "30000", "out_of_scope": "2000"},
        {"kind": "inpatient", "tier": 2, "in_scope": "40000"},
        {"kind": "inpatient", "tier": 1, "in_scope": "20000", "self_pay_first": "1000"},
    ],
}


def example() -> dict[str, Any]:
    """The example pack as data, a fresh copy each call."""
    data: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return data


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``yibao ARGS`` in-process: (exit status, stdout, stderr)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
