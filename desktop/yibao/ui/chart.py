"""The person's share of one visit against its bill, per tier: a QtCharts line chart, loaded on first draw.

QtCharts is a large module; it is imported only when a chart is actually drawn, so start-up does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from yibao.fonts import install_fonts
from yibao.rules import InputError, Request, Result
from yibao.rules.models import TIER_NAMES, Visit, VisitResult, YearToDate
from yibao.ui.compare import NO_VISIT_HINT, TIERS, visit_at_tier
from yibao.wording import to_fen, yuan

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView, QValueAxis

STEPS = 40  # intervals on the x axis
SPAN = Decimal("2.5")  # the x axis reaches about 2.5 × the current bill
SMALLEST_AXIS = Decimal("100")
TIER_COLOURS = {1: QColor("#2e7d32"), 2: QColor("#1565c0"), 3: QColor("#c62828")}
ERROR_STYLE = "color: #c00000;"


@dataclass(frozen=True)
class Curve:
    tier: int
    current: Decimal | None  # the person's share of the visit as entered, at this tier; None: not given
    points: tuple[tuple[Decimal, Decimal], ...]  # (政策范围内, 个人负担); empty when the share is not given


@dataclass(frozen=True)
class Curves:
    visit: Visit
    axis_max: Decimal
    curves: tuple[Curve, ...]


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ not below ``value`` (an axis that divides into 5 round ticks)."""
    value = max(value, SMALLEST_AXIS)
    power = Decimal(1).scaleb(value.adjusted())
    return next(m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if m * power >= value)


def _with_in_scope(request: Request, in_scope: Decimal) -> Request:
    """The request with its last visit's 政策范围内 amount replaced."""
    visits = request.visits or []
    last = visits[-1].model_copy(update={"in_scope": in_scope})
    return request.model_copy(update={"visits": [*visits[:-1], last]})


def _last_visit(result: Result) -> VisitResult:
    return (result.visits or [])[-1]


def year_to_date_after(request: Request, visit_index: int, compute: Callable[[Request], Result]) -> YearToDate | None:
    """The year-to-date once the visits before ``visit_index`` are settled, as the rules core settled them.

    Settling one visit against this year-to-date gives what settling it after those visits gives, at a
    fraction of the cost (a 20-visit year would otherwise be settled 120 times). None when a running total
    the visit needs is not given by the documents: the caller then keeps the earlier visits in each request.
    """
    ytd = request.year_to_date or YearToDate()
    visits = request.visits or []
    if visit_index == 0:
        return ytd
    earlier = compute(request.model_copy(update={"visits": visits[:visit_index]})).visits or []
    outpatient = [v for v in earlier if v.kind == "outpatient"]
    inpatient = [v for v in earlier if v.kind == "inpatient"]

    def total(start: Decimal, settled: list[VisitResult], name: str) -> Decimal | None:
        values = [getattr(v, name) for v in settled]
        return None if None in values else start + sum(values, Decimal(0))

    counted = total(ytd.outpatient_deductible_counted, outpatient, "deductible")
    fund = total(ytd.outpatient_fund_paid, outpatient, "fund_pays")
    supplement = total(ytd.outpatient_supplement_paid, outpatient, "supplement_pays")
    inpatient_fund = total(ytd.inpatient_fund_paid, inpatient, "fund_pays")
    needed = (counted, fund, supplement) if visits[visit_index].kind == "outpatient" else (inpatient_fund,)
    if None in needed:
        return None
    # A running total of the other kind never enters this visit's settlement: keep it as entered when unknown.
    # model_copy, not a new model: the running totals may pass the limits an entered figure is held to.
    return ytd.model_copy(update={
        "outpatient_deductible_counted": ytd.outpatient_deductible_counted if counted is None else counted,
        "outpatient_fund_paid": ytd.outpatient_fund_paid if fund is None else fund,
        "outpatient_supplement_paid": ytd.outpatient_supplement_paid if supplement is None else supplement,
        "inpatient_stays": ytd.inpatient_stays + len(inpatient),
        "inpatient_fund_paid": ytd.inpatient_fund_paid if inpatient_fund is None else inpatient_fund,
    })


def share_curves(request: Request, visit_index: int, compute: Callable[[Request], Result]) -> Curves:
    """The person's share of the chosen visit for 政策范围内 from 0 to about 2.5 × its amount, at each tier.

    The other parts of the bill (先行自付, 政策范围外) stay as entered; the person pays them in full.
    """
    visit = (request.visits or [])[visit_index]
    axis_max = nice_ceiling(visit.in_scope * SPAN)
    grid = {to_fen(axis_max * i / STEPS) for i in range(STEPS + 1)} | {visit.in_scope}
    currents = {tier: _last_visit(compute(visit_at_tier(request, visit_index, tier))).person_pays for tier in TIERS}
    ytd = None
    if any(c is not None for c in currents.values()):
        ytd = year_to_date_after(request, visit_index, compute)
    if ytd is not None:
        base, index = request.model_copy(update={"visits": [visit], "year_to_date": ytd}), 0
    else:
        base, index = request, visit_index
    curves = []
    for tier in TIERS:
        points: list[tuple[Decimal, Decimal]] = []
        if currents[tier] is not None:
            at_tier = visit_at_tier(base, index, tier)
            # The line bends where the deductible is met: at the deductible the largest bill counts.
            bend = _last_visit(compute(_with_in_scope(at_tier, axis_max))).deductible
            xs = sorted(grid | ({bend} if bend is not None else set()))
            shares = [(x, _last_visit(compute(_with_in_scope(at_tier, x))).person_pays) for x in xs]
            points = [(x, y) for x, y in shares if y is not None]
            if len(points) < len(shares):
                points = []
        curves.append(Curve(tier, currents[tier], tuple(points)))
    return Curves(visit, axis_max, tuple(curves))


class ShareChart(QWidget):
    """个人负担 against 医疗费用 for the chosen visit, one line per tier, the bill as entered marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(NO_VISIT_HINT)
        self.message.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.message)
        self._layout.addWidget(self.note)
        self.missing = QLabel()
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet(ERROR_STYLE)
        self.missing.hide()
        self._layout.addWidget(self.missing)
        self._view: QChartView | None = None
        self.curves: Curves | None = None

    def show_bill(self, request: Request, visit_index: int, compute: Callable[[Request], Result]) -> None:
        if not 0 <= visit_index < len(request.visits or []):
            self._fail(NO_VISIT_HINT, error=False)
            return
        try:
            curves = share_curves(request, visit_index, compute)
        except InputError as exc:
            self._fail(str(exc), error=True)
            return
        self.curves = curves
        visit = curves.visit
        self.message.setStyleSheet("")
        self.message.setText(f"第{visit_index + 1}次就诊：政策范围内费用从 0 到 {yuan(curves.axis_max)} 时，"
                             "本人在各级医院的个人负担（同一参保人、同一日期、本年此前的就诊照计）。")
        notes = []
        drawn = [f"{TIER_NAMES[c.tier]} {yuan(c.current)}" for c in curves.curves if c.points and c.current is not None]
        if drawn:
            notes.append(f"圆点为本次费用（政策范围内 {yuan(visit.in_scope)}）的个人负担：{'，'.join(drawn)}。")
        if visit.self_pay_first or visit.out_of_scope:
            notes.append(f"个人负担含本次先行自付 {yuan(visit.self_pay_first)}、政策范围外 {yuan(visit.out_of_scope)}。")
        self.note.setText("".join(notes))
        missing = [TIER_NAMES[c.tier] for c in curves.curves if not c.points]
        self.missing.setText(f"{'、'.join(missing)}医院的个人负担文件未规定，未画出。" if missing else "")
        self.missing.setVisible(bool(missing))
        self._draw(curves)

    def _fail(self, text: str, *, error: bool) -> None:
        self.curves = None
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.note.clear()
        self.missing.hide()
        if self._view is not None:
            self._view.hide()

    def _chart_view(self) -> QChartView:
        if self._view is None:
            from PySide6.QtCharts import QChart, QChartView, QValueAxis

            chart = QChart()
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            family = install_fonts()
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            chart.legend().setFont(QFont(family, 9))
            for title, alignment in (("医疗费用（元）", Qt.AlignmentFlag.AlignBottom),
                                     ("个人负担（元）", Qt.AlignmentFlag.AlignLeft)):
                axis = QValueAxis()
                axis.setTitleText(title)
                axis.setTitleFont(QFont(family, 9))
                axis.setLabelsFont(QFont(family, 8))
                axis.setLabelFormat("%.0f")
                chart.addAxis(axis, alignment)
            self._view = QChartView(chart)
            self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._view.setMinimumHeight(280)
            self._layout.insertWidget(1, self._view, 1)
        return self._view

    def _draw(self, curves: Curves) -> None:
        from PySide6.QtCharts import QLineSeries, QScatterSeries

        view = self._chart_view()
        chart = view.chart()
        chart.removeAllSeries()
        x_axis, y_axis = self._axes(chart)
        top = Decimal(0)
        for curve in curves.curves:
            if not curve.points:
                continue
            colour = TIER_COLOURS[curve.tier]
            line = QLineSeries()
            line.setName(TIER_NAMES[curve.tier])
            line.setPen(QPen(colour, 2))
            for x, y in curve.points:
                line.append(float(x), float(y))
            top = max(top, *(y for _x, y in curve.points))
            chart.addSeries(line)
            mark = QScatterSeries()
            mark.setColor(colour)
            mark.setMarkerSize(9)
            assert curve.current is not None
            mark.append(float(curves.visit.in_scope), float(curve.current))
            chart.addSeries(mark)
            for series in (line, mark):
                series.attachAxis(x_axis)
                series.attachAxis(y_axis)
            chart.legend().markers(mark)[0].setVisible(False)
        x_axis.setRange(0, float(curves.axis_max))
        x_axis.setTickCount(6)
        y_axis.setRange(0, float(top) if top > 0 else 1.0)
        y_axis.applyNiceNumbers()
        view.setVisible(any(c.points for c in curves.curves))

    @staticmethod
    def _axes(chart: QChart) -> tuple[QValueAxis, QValueAxis]:
        x_axis = chart.axes(Qt.Orientation.Horizontal)[0]
        y_axis = chart.axes(Qt.Orientation.Vertical)[0]
        return cast("QValueAxis", x_axis), cast("QValueAxis", y_axis)
