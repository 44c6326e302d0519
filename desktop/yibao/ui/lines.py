"""The one widget that shows result lines: label, figure, arithmetic and clause, side by side."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from yibao.state.settings import DEFAULT_POINT_SIZE
from yibao.wording import NOT_STATED, NOT_STATED_HINT, marked

if TYPE_CHECKING:
    from yibao.rules.models import Line

COLUMNS = ("项目", "金额/数值", "计算过程", "依据")
LOCAL_COLOUR = QColor("#8a4b00")
MISSING_COLOUR = QColor("#a00000")
LABEL_WIDTH_SAMPLE = "职工大额医疗费用补助：个人缴"  # column widths follow the font, in characters
SOURCE_WIDTH_SAMPLE = "鲁政字〔2023〕184号 三(四)；"
DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
LEAST_SAMPLES = ("个人账户月划", "12345678.90", "184号 三(四)")  # narrower than this, a column is not readable
FORMULA_LEAST_SAMPLE = "min(15360.00, 600.00) = 600.00"


def source_text(line: Line) -> str:
    """The clauses a line rests on, with 本地录入 for a locally entered figure."""
    return "；".join(dict.fromkeys(s.text() for s in line.sources))


def figure_text(line: Line) -> str:
    """The figure with its marks: 本地录入 for a local figure, 解读 where it rests on a reading of an unclear clause."""
    if line.figure is None:
        return NOT_STATED_HINT
    return marked(line.figure, local=line.local, reading=bool(line.readings))


def read_only_table(table: QTableWidget, columns: Sequence[str]) -> None:
    """A table to read, not edit: whole rows selected, text wrapped, alternate rows shaded, no row numbers, Tab
    leaving it."""
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab goes on to the next field (the arrows move within the table)
    # Rows follow their wrapped text whenever the columns change width (also when built while hidden).
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)


class LinesTable(QTableWidget):
    """Result lines as a read-only table; the arithmetic and the clause are columns, not tooltips."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        read_only_table(self, COLUMNS)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self._shown: tuple[Line, ...] = ()
        self._size_columns()
        self._keep_rows()

    def _keep_rows(self) -> None:
        """Never so low that fewer than three lines show, each of up to three wrapped lines (the tab scrolls instead)."""
        row = 3 * self.fontMetrics().lineSpacing() + 10
        self.setMinimumHeight(self.horizontalHeader().sizeHint().height() + 3 * row + 2 * self.frameWidth())

    def _size_columns(self) -> None:
        """Label and clause columns wide enough for most labels and clauses at the current font (long ones wrap), the
        figure column as wide as the widest figure shown; the arithmetic takes the rest.

        Where the table is too narrow for that (大字模式, a small window), they give way in proportion so that the
        arithmetic keeps a readable width (a whole ``min(15360.00, 600.00)``) and no figure is cut.
        """
        metrics = self.fontMetrics()
        pad = 2 * metrics.horizontalAdvance("0")
        # 文件未规定（可在“本地录入参数”中填写） wraps after its first words; a figure does not
        shown = (figure_text(line) if line.figure is not None else NOT_STATED for line in self._shown)
        figure = max(metrics.horizontalAdvance(text) for text in (LEAST_SAMPLES[1], *shown))
        wanted = [metrics.horizontalAdvance(LABEL_WIDTH_SAMPLE) + pad, figure + pad,
                  metrics.horizontalAdvance(SOURCE_WIDTH_SAMPLE) + pad]
        least = [metrics.horizontalAdvance(sample) + pad for sample in LEAST_SAMPLES]
        spare = self.viewport().width() - metrics.horizontalAdvance(FORMULA_LEAST_SAMPLE) - pad
        if sum(wanted) > spare > 0:
            scale = max(0.0, (spare - sum(least)) / max(1, sum(wanted) - sum(least)))
            wanted = [low + round((high - low) * scale) for low, high in zip(least, wanted, strict=True)]
        header = self.horizontalHeader()
        for column, width in zip((0, 1, 3), wanted, strict=True):
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # font size or 大字模式 changed
            self._size_columns()
            self._keep_rows()
        super().changeEvent(event)

    def show_lines(self, lines: Sequence[Line]) -> None:
        """Redraws only when the lines differ from those shown (a keystroke elsewhere leaves most tables as they are)."""
        if tuple(lines) == self._shown and self.rowCount() == len(lines):
            return
        self._shown = tuple(lines)
        self.setUpdatesEnabled(False)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # rows fitted once below, not after every cell
        self.setRowCount(len(lines))
        for row, line in enumerate(lines):
            formula = line.formula if not line.note else f"{line.formula}\n{line.note}"
            cells = (line.label, figure_text(line), formula, source_text(line))
            for column, text in enumerate(cells):
                item = self.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, column, item)
                if item.text() != text:  # a keystroke changes a few figures: the other cells stay as they are
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
        self._size_columns()  # the figure column follows the widest figure
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setUpdatesEnabled(True)

    def row_texts(self) -> list[tuple[str, ...]]:
        """The table as text, row by row (for tests and for copying)."""
        return [
            tuple(item.text() if (item := self.item(r, c)) is not None else "" for c in range(self.columnCount()))
            for r in range(self.rowCount())
        ]


class ColumnFitter(QObject):
    """Keeps a table's columns within its width and its rows in sight, whatever the font.

    The widths a table starts with are for the usual 11 pt font and grow with the font, or, for the first columns,
    those of ``samples`` at the current font (plus ``pad``): the same whether 大字模式 was on when the table was built or
    turned on later. Wider than the table, the columns give way in proportion (their text wraps), a column never
    narrower than a date (2024-01-01) or its own starting width if that is less, the first column (what the row is)
    never narrower than ``name`` (six characters). The table is never so low that fewer than ``rows`` rows show
    (none asked: it grows to its rows).
    """

    def __init__(self, table: QTableWidget, rows: int = 3, samples: Sequence[str] = (), pad: int = 0,
                 name: str = "企业用人单位") -> None:
        super().__init__(table)
        self.table = table
        self.rows = rows
        self.samples, self.pad = samples, pad
        self.name = name  # the first column never narrower than this: it names the row
        header = table.horizontalHeader()
        self._style_least = header.minimumSectionSize()
        self.natural = [header.sectionSize(c) for c in range(table.columnCount())]
        table.installEventFilter(self)
        self._keep_rows()

    def _keep_rows(self) -> None:
        """Also the narrowest column, at the current font (大字模式 turned on with the table open kept the usual
        font's 说明)."""
        table = self.table
        header = table.horizontalHeader()
        header.setMinimumSectionSize(max(self._style_least, table.fontMetrics().horizontalAdvance("说明") + 16))
        if self.rows:  # a table that grows to its rows (``grow_to_rows``) needs no floor
            row = 3 * table.fontMetrics().lineSpacing() + 10  # rows of up to three wrapped lines
            table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + self.rows * row + 2 * table.frameWidth())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange):
            self._keep_rows()
            self.fit()
        return False

    def _holds_dates(self, column: int) -> bool:
        """A column of dates (2024-01-01, 2024-01-01起: they cannot wrap) keeps a date's width; others wrap."""
        texts = [item.text() for row in range(self.table.rowCount())
                 if (item := self.table.item(row, column)) is not None and item.text()]
        return any(DATE_TEXT.search(text) for text in texts)

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        grow = self.table.font().pointSizeF() / DEFAULT_POINT_SIZE
        last = self.table.columnCount() - 1
        wanted = [round(w * grow) for w in self.natural[:last]]
        wanted[:len(self.samples)] = [metrics.horizontalAdvance(sample) + self.pad for sample in self.samples]
        date_width = metrics.horizontalAdvance("2024-01-01起") + 16  # a date with 起 or 至 (2024-01-01至2025-12-31)
        model = self.table.model()
        words = metrics.horizontalAdvance("企业用") + 12  # a column of words keeps three characters a line
        name = metrics.horizontalAdvance(self.name) + 12  # the first column names the row
        least = [max(header.minimumSectionSize(), min(w, date_width if self._holds_dates(c) else name if c == 0 else words),
                     metrics.horizontalAdvance(str(model.headerData(c, Qt.Orientation.Horizontal) or "")) + 16)
                 for c, w in enumerate(wanted)]
        table = self.table  # its viewport is resized after this filter sees the table's Resize: measure the table
        bar = table.verticalScrollBar()
        inside = table.width() - 2 * table.frameWidth() - (bar.sizeHint().width() if bar.isVisible() else 0)
        available = inside - header.minimumSectionSize() * 3  # the last column: the rest
        if sum(wanted) > available:
            spare = max(0, available - sum(least))
            extra = [w - low for w, low in zip(wanted, least, strict=True)]
            wanted = [low + (e * spare) // max(1, sum(extra)) for low, e in zip(least, extra, strict=True)]
        for column, width in enumerate(wanted):
            header.resizeSection(column, width)


def grow_to_rows(table: QTableWidget) -> None:
    """The table as tall as its rows and never scrolling itself: the page it sits on scrolls, so a view has one
    scroll and the wheel over the table moves the page. Qt keeps its height to its rows (wrapped text, a filter's
    hidden rows, 大字模式)."""
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # ColumnFitter keeps the columns within
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    table.setSizePolicy(table.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Fixed)
    table.setMinimumHeight(0)
