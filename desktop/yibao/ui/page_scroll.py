"""A tab's page that scrolls (in 大字模式 a tab taller than the window scrolls, nothing is squeezed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class PageScroll(QScrollArea):
    """Its content as tall as it needs, fitted again whenever the page is shown: a tab that grew while another was
    showing (大字模式 turned on, results arriving) told no one, and its tables were drawn over each other."""

    def __init__(self, body: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        if body is not None:
            self.setWidget(body)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))  # the content's size checked again
