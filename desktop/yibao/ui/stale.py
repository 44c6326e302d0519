"""How figures that are no longer the answer look: grey, whatever their colour."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter, QTransform, qRgb
from PySide6.QtWidgets import QGraphicsEffect

DARKEST = 165  # no stale ink darker than this grey: black, red or blue, it reads as greyed
GREYS = [qRgb(v, v, v) for v in (max(level, DARKEST) for level in range(256))]


class StaleEffect(QGraphicsEffect):
    """Grey, and never dark: red 文件未规定 and 无法比较 too (a colourize effect kept a dark red's darkness: they
    turned black while the figures beside them, drawn disabled, turned light grey)."""

    def draw(self, painter: QPainter) -> None:
        offset = QPoint()  # filled in: where the widget's pixmap goes
        source = self.sourcePixmap(Qt.CoordinateSystem.DeviceCoordinates, offset).toImage()
        grey = source.convertToFormat(QImage.Format.Format_Grayscale8)
        levels = QImage(grey.constBits(), grey.width(), grey.height(), grey.bytesPerLine(),
                        QImage.Format.Format_Indexed8)  # the same bytes, read through the table of greys
        levels.setColorTable(GREYS)
        shown = levels.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        shown.setAlphaChannel(source.convertToFormat(QImage.Format.Format_Alpha8))
        shown.setDevicePixelRatio(source.devicePixelRatio())
        painter.save()
        painter.setWorldTransform(QTransform())
        painter.drawImage(offset, shown)
        painter.restore()
