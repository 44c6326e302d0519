"""Tick boxes that grow with the font: installed once the font is larger than usual (大字模式, a larger 字号)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from yibao.state.settings import DEFAULT_POINT_SIZE


class FontSizedIndicators(QProxyStyle):
    """Tick boxes as large as their text grows (in 大字模式 they stayed 13 px beside 20 px words)."""

    def __init__(self) -> None:
        super().__init__()
        metric = QStyle.PixelMetric
        self._indicators = (metric.PM_IndicatorWidth, metric.PM_IndicatorHeight, metric.PM_ExclusiveIndicatorWidth,
                            metric.PM_ExclusiveIndicatorHeight)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        size = super().pixelMetric(metric, option, widget)
        if metric in self._indicators and widget is not None:
            return max(size, round(size * widget.font().pointSizeF() / DEFAULT_POINT_SIZE))
        return size


def grow_indicators() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication) and not isinstance(app.style(), FontSizedIndicators):
        app.setStyle(FontSizedIndicators())
