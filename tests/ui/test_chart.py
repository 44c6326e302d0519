"""The share chart: series values are the rules core's figures; QtCharts loads only when a chart is drawn."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from yibao.rules import InputError, Request, Result, calculate
from yibao.ui.tabs.chart import ShareChart
from yibao.ui.tabs.compare import NO_VISIT_HINT
from yibao.ui.tiers import nice_ceiling, share_curves, tier_variants

PERSON = {"employment": "enterprise", "sex": "male", "age": 40}


def yantai(*visits: dict[str, Any], on: str = "2024-06-01", **extra: Any) -> Request:
    return Request.model_validate({"city": "yantai", "on": on, "person": PERSON, "visits": list(visits), **extra})


def outpatient(tier: int, in_scope: str, **extra: str) -> dict[str, Any]:
    return {"kind": "outpatient", "tier": tier, "in_scope": in_scope, **extra}


def full_compute(request: Request, index: int, tier: int, in_scope: Decimal) -> Decimal | None:
    """The slow, obvious way: the earlier visits as entered, then the chosen visit at ``tier`` and ``in_scope``."""
    visits = request.visits or []
    chosen = visits[index].model_copy(update={"tier": tier, "in_scope": in_scope})
    result = calculate(request.model_copy(update={"visits": [*visits[:index], chosen]}))
    return (result.visits or [])[-1].person_pays


def show_bill(widget: ShareChart, request: Request, index: int, compute: Any = calculate) -> None:
    """As the window does: the year settled once, the chosen visit at each tier, then its curves."""
    try:
        variants = tier_variants(request, calculate(request), index, compute)
        widget.show_curves(index, None if variants is None else share_curves(variants, compute))
    except InputError as exc:
        widget.show_problem(str(exc), error=True)


def at(series: dict[float, float], x: float) -> float:
    """The drawn line's height at ``x`` (between two points the line is straight)."""
    xs = sorted(series)
    right = next(i for i, v in enumerate(xs) if v >= x)
    if xs[right] == x:
        return series[x]
    x0, x1 = xs[right - 1], xs[right]
    return series[x0] + (series[x1] - series[x0]) * (x - x0) / (x1 - x0)


def drawn(widget: ShareChart) -> dict[str, dict[float, float]]:
    from PySide6.QtCharts import QXYSeries

    assert widget._view is not None
    points: dict[str, dict[float, float]] = {}
    for s in widget._view.chart().series():
        if s.name() and s.isVisible():
            assert isinstance(s, QXYSeries), s
            points[s.name()] = {p.x(): p.y() for p in s.points()}
    return points


@pytest.fixture
def widget(qtbot: QtBot) -> ShareChart:
    w = ShareChart()
    qtbot.addWidget(w)
    return w


@pytest.mark.parametrize(("value", "axis"), [("5000", "5000"), ("375", "500"), ("0", "100"), ("10000", "10000"),
                                             ("3085", "5000"), ("1800", "2000"), ("2100", "2500")])
def test_nice_ceiling(value: str, axis: str) -> None:
    assert nice_ceiling(Decimal(value)) == Decimal(axis)


def test_yantai_2000_series_are_the_rules_core_figures(widget: ShareChart) -> None:
    show_bill(widget, yantai(outpatient(3, "2000")), 0, calculate)
    series = drawn(widget)
    assert set(series) == {"一级及以下", "二级", "三级"}
    # 109号 二(三)1: 1000 at tier 1 → (1000 − 200) × 80% = 640, the person 360; 2000 → 560 / 880 / 1160.
    assert at(series["一级及以下"], 1000.0) == pytest.approx(360.0)
    assert [series[name][2000.0] for name in ("一级及以下", "二级", "三级")] == [560.0, 880.0, 1160.0]
    assert series["三级"][0.0] == 0.0
    assert series["三级"][5000.0] == 5000 - (5000 - 600) * 0.6
    # No yearly limit is reached below 5000: the line is drawn through its one bend (the deductible, 400),
    # the bill as entered (2000) and the ends of the axis.
    assert sorted(series["二级"]) == [0.0, 400.0, 2000.0, 5000.0]
    for x in (100.0, 1234.5, 4321.0):
        assert at(series["二级"], x) == pytest.approx(float(full_compute(yantai(outpatient(3, "2000")), 0, 2,
                                                                         Decimal(str(x))) or 0), abs=0.01)
    assert widget.curves is not None and widget.curves.axis_max == Decimal(5000)
    assert "一级及以下 ¥560.00，二级 ¥880.00，三级 ¥1,160.00" in widget.note.text()
    assert widget.missing.isHidden()


def test_year_to_date_series_equal_a_full_computation(widget: ShareChart) -> None:
    # Twelve earlier visits reach the fund's 3500 limit and part of the 大额补助; an inpatient stay (its fund
    # share not in the documents) sits among them. The chart settles one visit against the folded year-to-date.
    earlier = [outpatient(1 + i % 3, "600") for i in range(12)]
    inpatient = {"kind": "inpatient", "tier": 2, "in_scope": "3000"}
    request = yantai(*earlier[:5], inpatient, *earlier[5:], outpatient(2, "700"), outpatient(1, "9000"),
                     year_to_date={"outpatient_deductible_counted": "100"})
    index = 13
    show_bill(widget, request, index, calculate)
    curves = widget.curves
    assert curves is not None
    checked = 0
    for curve in curves.curves:
        for x, y in curve.points:
            assert y == full_compute(request, index, curve.tier, x), (curve.tier, x)
            checked += 1
        assert curve.current == full_compute(request, index, curve.tier, Decimal(700))
    assert checked >= 12
    # Past the fund's limit the 大额补助 pays 80% at tier 1 (the person 20%) until its own limit, then nothing.
    (x0, y0), (x1, y1) = curves.curves[0].points[:2]
    (x8, y8), (x9, y9) = curves.curves[0].points[-2:]
    assert (y1 - y0) == (x1 - x0) * Decimal("0.2")
    assert (y9 - y8) == (x9 - x8)


def test_a_20_visit_year_is_never_settled_again() -> None:
    """The year's running totals come from the one calculation of the year; each variant settles one visit."""
    calls: list[int] = []

    def compute(request: Request) -> Result:
        calls.append(len(request.visits or []))
        return calculate(request)

    request = yantai(*(outpatient(1 + i % 3, "300") for i in range(20)))
    variants = tier_variants(request, calculate(request), 19, compute)
    assert variants is not None
    curves = share_curves(variants, compute)
    assert set(calls) == {1}
    # Per tier: the largest bill, the ends, the bill as entered, and a midpoint per straight segment.
    assert len(calls) <= 3 + 3 * 6
    assert [c.current for c in curves.curves] == [full_compute(request, 19, t, Decimal(300)) for t in (1, 2, 3)]


def test_tier_without_a_figure_is_left_out_and_said(widget: ShareChart) -> None:
    def compute(request: Request) -> Result:
        result = calculate(request)
        visits = result.visits or []
        if visits[-1].tier == 2:
            visits[-1] = visits[-1].model_copy(update={"person_pays": None})
        return result

    show_bill(widget, yantai(outpatient(1, "1000")), 0, compute)
    assert set(drawn(widget)) == {"一级及以下", "三级"}
    assert widget.missing.text() == "二级医院的个人负担文件未规定，未画出。"
    assert not widget.missing.isHidden()


def test_no_figure_at_all_hides_the_chart(widget: ShareChart) -> None:
    # 2023 retirees' outpatient share is not in the documents.
    request = Request.model_validate({"city": "yantai", "on": "2023-06-01",
                                      "person": {**PERSON, "retired": True, "age": 65},
                                      "visits": [outpatient(1, "1000")]})
    show_bill(widget, request, 0, calculate)
    assert widget.missing.text() == "一级及以下、二级、三级医院的个人负担文件未规定，未画出。"
    assert widget._view is not None and widget._view.isHidden()


def test_input_error_and_no_visit(widget: ShareChart) -> None:
    def compute(request: Request) -> Result:
        raise InputError("person", "必须填写参保人信息（就业类型、性别、年龄）")

    show_bill(widget, yantai(outpatient(1, "1000")), 0, calculate)
    show_bill(widget, yantai(outpatient(1, "1000")), 0, compute)
    assert widget.message.text() == "输入有误：person（参保人信息）：必须填写参保人信息（就业类型、性别、年龄）"
    assert "#c00000" in widget.message.styleSheet()
    assert widget._view is not None and widget._view.isHidden()
    show_bill(widget, yantai(), 0, calculate)
    assert widget.message.text() == NO_VISIT_HINT
    assert widget.message.styleSheet() == ""


def test_qtcharts_is_imported_only_when_drawn() -> None:
    script = """
import sys
from PySide6.QtWidgets import QApplication
from yibao.rules import Request, calculate
import yibao.ui.tabs.chart as chart
from yibao.ui.tiers import share_curves, tier_variants
app = QApplication([])
widget = chart.ShareChart()
widget.show()
app.processEvents()
before = "PySide6.QtCharts" in sys.modules
request = Request.model_validate({"city": "yantai", "on": "2024-06-01",
    "person": {"employment": "enterprise", "sex": "male", "age": 40},
    "visits": [{"kind": "outpatient", "tier": 1, "in_scope": "1000"}]})
widget.show_curves(0, share_curves(tier_variants(request, calculate(request), 0, calculate), calculate))
print(before, "PySide6.QtCharts" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.split() == ["False", "True"]


def test_bench_chart_20_visits(benchmark: Any, qtbot: QtBot) -> None:
    """python -m pytest tests/ui/test_chart.py --benchmark-enable -k bench"""
    widget = ShareChart()
    qtbot.addWidget(widget)
    request = yantai(*(outpatient(1 + i % 3, "300") for i in range(20)))
    benchmark(show_bill, widget, request, 19)
    assert widget.curves is not None
