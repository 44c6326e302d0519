"""The one widget that shows result lines: label, figure, arithmetic and clause, side by side."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from yibao.wording import NOT_STATED_HINT, marked

if TYPE_CHECKING:
    from yibao.rules.models import Line

COLUMNS = ("项目", "金额/数值", "计算过程", "依据")
LOCAL_COLOUR = QColor("#8a4b00")
MISSING_COLOUR = QColor("#a00000")
LABEL_WIDTH_SAMPLE = "职工大额医疗费用补助：个人缴"  # column widths follow the font, in characters
FIGURE_WIDTH_SAMPLE = "12345678.90（本地录入）"
SOURCE_WIDTH_SAMPLE = "鲁政字〔2023〕184号 三(四)；"


def source_text(line: Line) -> str:
    """The clauses a line rests on, with 本地录入 for a locally entered figure."""
    return "；".join(dict.fromkeys(s.text() for s in line.sources))


def figure_text(line: Line) -> str:
    """The figure with its marks: 本地录入 for a local figure, 解读 where it rests on a reading of an unclear clause."""
    if line.figure is None:
        return NOT_STATED_HINT
    return marked(line.figure, local=line.local, reading=bool(line.readings))


class LinesTable(QTableWidget):
    """Result lines as a read-only table; the arithmetic and the clause are columns, not tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        # Rows follow their wrapped text whenever the columns change width (also when built while hidden).
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        self._shown: tuple[Line, ...] = ()

    def _size_columns(self) -> None:
        """Label, figure and clause columns wide enough for most labels and clauses at the current font; long ones wrap."""
        metrics = self.fontMetrics()
        self.horizontalHeader().resizeSection(0, metrics.horizontalAdvance(LABEL_WIDTH_SAMPLE))
        self.horizontalHeader().resizeSection(1, metrics.horizontalAdvance(FIGURE_WIDTH_SAMPLE))
        self.horizontalHeader().resizeSection(3, metrics.horizontalAdvance(SOURCE_WIDTH_SAMPLE))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # font size or 大字模式 changed
            self._size_columns()
        super().changeEvent(event)

    def show_lines(self, lines: Sequence[Line]) -> None:
        """Redraws only when the lines differ from those shown (a keystroke elsewhere leaves most tables as they are)."""
        if tuple(lines) == self._shown and self.rowCount() == len(lines):
            return
        self._shown = tuple(lines)
        self.setUpdatesEnabled(False)
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            formula = line.formula if not line.note else f"{line.formula}\n{line.note}"
            cells = (line.label, figure_text(line), formula, source_text(line))
            for column, text in enumerate(cells):
                item = self.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, column, item)
                item.setText(text)
                item.setData(Qt.ItemDataRole.UserRole, line.key)
                item.setForeground(QBrush())
                font = QFont()
                if line.figure is None:
                    item.setForeground(MISSING_COLOUR)
                elif line.local:
                    item.setForeground(LOCAL_COLOUR)
                    font.setItalic(True)
                item.setFont(font)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setUpdatesEnabled(True)

    def row_texts(self) -> list[tuple[str, ...]]:
        """The table as text, row by row (for tests and for copying)."""
        return [
            tuple(item.text() if (item := self.item(r, c)) is not None else "" for c in range(self.columnCount()))
            for r in range(self.rowCount())
        ]
