"""The headline figures of a tab: a few labelled amounts in a larger type above the itemised lines."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from yibao.wording import NOT_STATED

VALUE_SCALE = 1.3  # headline figures, relative to the window's font


class SummaryGrid(QWidget):
    """Label/value pairs in columns; values are selectable so a clerk can copy one figure."""

    def __init__(self, columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 4, 0, 4)
        self._grid.setHorizontalSpacing(24)
        self._values: dict[str, QLabel] = {}

    def set_rows(self, rows: Sequence[tuple[str, str]]) -> None:
        if [label for label, _ in rows] != list(self._values):
            self._rebuild([label for label, _ in rows])
        for label, text in rows:
            value = self._values[label]
            value.setText(text)
            value.setStyleSheet("color: #a00000;" if text == NOT_STATED else "")

    def value(self, label: str) -> str:
        """The text shown for one label (for tests and copying)."""
        return self._values[label].text()

    def changeEvent(self, event: QEvent) -> None:
        """A new font size or 大字模式 (the application font) reaches the headline figures too."""
        if event.type() == QEvent.Type.FontChange:
            for value in self._values.values():
                value.setFont(self._value_font())
        super().changeEvent(event)

    def _value_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * VALUE_SCALE)
        font.setBold(True)
        return font

    def _rebuild(self, labels: list[str]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleted only once control returns to the event loop: never drawn over the new rows
                widget.deleteLater()
        self._values = {}
        for index, label in enumerate(labels):
            row, col = divmod(index, self._columns)
            caption = QLabel(label)
            caption.setStyleSheet("color: #555;")
            caption.setWordWrap(True)  # 大额/大病筹资：基金划入（每年） on two lines in 大字模式 rather than a wider tab
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFont(self._value_font())
            self._grid.addWidget(caption, row * 2, col)
            self._grid.addWidget(value, row * 2 + 1, col)
            self._values[label] = value
