"""The person's share of one visit against its bill, per tier: a QtCharts line chart, loaded on first draw.

QtCharts is a large module; it is imported only when a chart is actually drawn, so start-up does not pay for it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from yibao.fonts import install_fonts
from yibao.ui.tabs.compare import NO_VISIT_HINT
from yibao.ui.tiers import Curves
from yibao.vocabulary import TIER_NAMES
from yibao.wording import yuan

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis

TIER_COLOURS = {1: QColor("#2e7d32"), 2: QColor("#1565c0"), 3: QColor("#c62828")}
ERROR_STYLE = "color: #c00000;"
LABEL_SCALE = 0.9  # axis labels a little smaller than the window's text; titles and legend as large
MIN_HEIGHT = 280
HEIGHT_IN_LINES = 16  # legend, two axis titles, labels, and a plot taller than 个人负担（元） is long


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
        self._shown_index = -1
        self._tier_series: dict[int, tuple[QLineSeries, QScatterSeries]] = {}

    def changeEvent(self, event: QEvent) -> None:
        """A new font size or 大字模式 reaches the chart's legend, titles and labels."""
        if event.type() == QEvent.Type.FontChange and self._view is not None:
            self._set_fonts(self._view.chart())
        super().changeEvent(event)

    def _set_fonts(self, chart: QChart) -> None:
        size = self.font().pointSizeF()
        family = install_fonts()
        chart.legend().setFont(QFont(family, round(size)))
        for axis in chart.axes():
            axis.setTitleFont(QFont(family, round(size)))
            axis.setLabelsFont(QFont(family, round(size * LABEL_SCALE)))
        if self._view is not None:
            self._view.setMinimumHeight(self._least_height())

    def _least_height(self) -> int:
        """Tall enough at the current font for the vertical axis title, the labels and the legend: QtCharts elides
        what does not fit (in 大字模式 a 280 px chart showed 个人负… and … for every label)."""
        return max(MIN_HEIGHT, round(HEIGHT_IN_LINES * self.fontMetrics().lineSpacing()))

    def show_curves(self, visit_index: int, curves: Curves | None) -> None:
        """The curves of the chosen visit (``tiers.share_curves``); None: no visit chosen. Unchanged curves are not redrawn."""
        if curves is None:
            self.show_problem(NO_VISIT_HINT, error=False)
            return
        if curves is self.curves and self._view is not None and self._shown_index == visit_index:
            return
        self.curves = curves
        self._shown_index = visit_index
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

    def show_problem(self, text: str, *, error: bool) -> None:
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
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            for title, alignment in (("医疗费用（元）", Qt.AlignmentFlag.AlignBottom),
                                     ("个人负担（元）", Qt.AlignmentFlag.AlignLeft)):
                axis = QValueAxis()
                axis.setTitleText(title)
                axis.setLabelFormat("%.0f")
                chart.addAxis(axis, alignment)
            self._view = QChartView(chart)
            self._view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._set_fonts(chart)
            self._layout.insertWidget(1, self._view, 1)
        return self._view

    def _draw(self, curves: Curves) -> None:
        """New points into the series made once (a chart rebuilt per keystroke costs more than a frame)."""
        from PySide6.QtCore import QPointF

        view = self._chart_view()
        x_axis, y_axis = self._axes(view.chart())
        top = Decimal(0)
        for curve in curves.curves:
            line, mark = self._series(curve.tier)
            if curve.points and curve.current is not None:
                line.replace([QPointF(float(x), float(y)) for x, y in curve.points])
                mark.replace([QPointF(float(curves.visit.in_scope), float(curve.current))])
                top = max(top, *(y for _x, y in curve.points))
            for series in (line, mark):
                series.setVisible(bool(curve.points))
            view.chart().legend().markers(mark)[0].setVisible(False)
        x_axis.setRange(0, float(curves.axis_max))
        x_axis.setTickCount(6)
        y_axis.setRange(0, float(top) if top > 0 else 1.0)
        y_axis.applyNiceNumbers()
        view.setVisible(any(c.points for c in curves.curves))

    def _series(self, tier: int) -> tuple[QLineSeries, QScatterSeries]:
        """The line and the dot of one tier, added to the chart on first use."""
        if tier not in self._tier_series:
            from PySide6.QtCharts import QLineSeries, QScatterSeries

            assert self._view is not None
            chart = self._view.chart()
            x_axis, y_axis = self._axes(chart)
            colour = TIER_COLOURS[tier]
            line = QLineSeries()
            line.setName(TIER_NAMES[tier])
            line.setPen(QPen(colour, 2))
            mark = QScatterSeries()
            mark.setColor(colour)
            mark.setMarkerSize(9)
            for series in (line, mark):
                chart.addSeries(series)
                series.attachAxis(x_axis)
                series.attachAxis(y_axis)
            self._tier_series[tier] = (line, mark)
        return self._tier_series[tier]

    @staticmethod
    def _axes(chart: QChart) -> tuple[QValueAxis, QValueAxis]:
        x_axis = chart.axes(Qt.Orientation.Horizontal)[0]
        y_axis = chart.axes(Qt.Orientation.Vertical)[0]
        return cast("QValueAxis", x_axis), cast("QValueAxis", y_axis)
