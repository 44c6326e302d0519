"""The made-up local figures of the 大额 inpatient tests (worked by hand in tests/rules/test_inpatient_layer.py).

The inpatient shares, the fund's yearly limit and the 大额补助's deductible, segments and limit are not in the
documents (109号 二(三)3: 另行制定): made up, as staff would enter them.
"""

from __future__ import annotations

from datetime import date

from yibao.rules import LocalFigure, bundled_policy
from yibao.rules.policy import convert_value

SHARES = {"1": {"in_service": "0.90", "retired": "0.92"}, "2": {"in_service": "0.85", "retired": "0.88"},
          "3": {"in_service": "0.80", "retired": "0.85"}}
MADE_UP = {
    "inpatient.share": SHARES,
    "inpatient.fund_yearly_limit": "60000",
    "inpatient.supplement_deductible": "1000",
    "inpatient.supplement_share": {"0": "0.50", "10000": "0.60"},
    "inpatient.supplement_yearly_limit": "200000",
}


def local(city: str = "yantai", **changes: object) -> list[LocalFigure]:
    catalogue = bundled_policy().catalogue
    figures = {**MADE_UP, **changes}
    return [LocalFigure(name, city, date(2024, 1, 1), None, convert_value(raw, catalogue[name]))
            for name, raw in figures.items()]


def fund_figures_only() -> list[LocalFigure]:
    """The basic fund's figures entered, the 大额补助's not (yet)."""
    return [f for f in local() if not f.parameter.startswith("inpatient.supplement")]
