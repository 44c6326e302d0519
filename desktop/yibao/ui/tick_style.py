"""Tick boxes that grow with the font (大字模式): loaded only when the font is larger than usual."""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

TICK_METRICS = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
                QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)

class TickBoxStyle(QProxyStyle):
    """The platform's style with tick boxes (and checkable table items) grown with the font: the style draws them
    14 px whatever the font, tiny in 大字模式. Only tick-box metrics change; a style sheet would stop the font from
    reaching the widgets (Qt: no application font with an application style sheet)."""

    def __init__(self, base: str, scale: float) -> None:
        super().__init__(base)
        self.base, self.scale = base, scale

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        size = super().pixelMetric(metric, option, widget)
        return round(size * self.scale) if metric in TICK_METRICS else size
