"""不同级别医院对比: one visit settled at each tier, side by side, with the year-to-date kept as it is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.headline import Headline, tiers_headline
from yibao.rules.models import VisitResult
from yibao.sheet.tiers import ROWS, row_figures, row_local
from yibao.ui.lines import LOCAL_COLOUR, LinesTable
from yibao.ui.tiers import TIERS, TierVariants
from yibao.vocabulary import TIER_NAMES
from yibao.wording import LOCAL_MARK, NOT_STATED, yuan

NO_VISIT_HINT = "请先在就医报销中添加一次就诊"
CHOSEN_BACKGROUND = QColor("#fff3c4")
ERROR_STYLE = "color: #c00000;"


def headline(visits: dict[int, VisitResult]) -> Headline | None:
    """The comparison in words (the cheapest tier against the dearest), shown at the top of the tab; None: no visit."""
    return tiers_headline(visits) if visits else None


class TierComparison(QWidget):
    """The chosen visit at tiers 1, 2 and 3; clicking a column (or ← → in the table) shows that tier's arithmetic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel(NO_VISIT_HINT)
        self.message.setWordWrap(True)
        self.table = QTableWidget(len(ROWS), len(TIERS))
        self.table.setVerticalHeaderLabels(list(ROWS))
        self.table.setHorizontalHeaderLabels([TIER_NAMES[t] for t in TIERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAccessibleName("各级医院的个人负担对比")
        # Tab reaches the table, ← and → choose a tier: its arithmetic shows below, as a click shows it
        self.table.currentCellChanged.connect(lambda _row, column, _r, _c: self._show_lines_of(column))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.cellClicked.connect(lambda _row, column: self._show_lines_of(column))
        self.table.horizontalHeader().sectionClicked.connect(self._show_lines_of)
        self.lines_title = QLabel()
        self.lines = LinesTable()
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.lines, 1)
        self.chosen_tier: int | None = None
        self.visits: dict[int, VisitResult] = {}
        self._shown: TierVariants | None = None
        self._show_table(False)

    def show_variants(self, variants: TierVariants | None) -> None:
        """The chosen visit at each tier (``tiers.tier_variants``); None: no visit chosen."""
        if variants is None:
            self.show_problem(NO_VISIT_HINT, error=False)
            return
        if variants is self._shown:
            return
        self._shown = variants
        visit_index = variants.visit_index
        self.chosen_tier = variants.visit.tier
        self.visits = dict(variants.settled)
        self.message.setText(f"第{visit_index + 1}次就诊，医疗费用 {yuan(variants.visit.bill)}，"
                             f"本次在{TIER_NAMES[self.chosen_tier]}医院（高亮列）。本年此前的就诊按原样计入。")
        self.message.setStyleSheet("")
        self._fill()
        self._show_table(True)
        self.table.setCurrentCell(max(0, self.table.currentRow()), TIERS.index(self.chosen_tier))
        self._show_lines_of(TIERS.index(self.chosen_tier))

    def figures(self) -> list[list[str]]:
        """The table as text, row by row (for tests and copying)."""
        return [[self._text(r, c) for c in range(len(TIERS))] for r in range(len(ROWS))]

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return "" if item is None else item.text()

    def _fill(self) -> None:
        for column, tier in enumerate(TIERS):
            chosen = tier == self.chosen_tier
            header = QTableWidgetItem(f"{TIER_NAMES[tier]}（本次）" if chosen else TIER_NAMES[tier])
            font = QFont()
            font.setBold(chosen)
            header.setFont(font)
            self.table.setHorizontalHeaderItem(column, header)
            visit = self.visits[tier]
            for row, (text, local) in enumerate(zip(row_figures(visit), row_local(visit), strict=True)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if chosen:
                    item.setBackground(CHOSEN_BACKGROUND)
                if text == NOT_STATED:
                    item.setForeground(QBrush(QColor("#a00000")))
                elif local:  # as in the lines below: 本地录入 in brown italics, said on hover
                    item.setForeground(QBrush(LOCAL_COLOUR))
                    item.setToolTip(f"按本地录入参数计算（{LOCAL_MARK}）")
                item_font = QFont(font)
                item_font.setItalic(local and text != NOT_STATED)
                item.setFont(item_font)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()  # the table as tall as its rows: the page scrolls, not the table
        height = self.table.horizontalHeader().sizeHint().height() + sum(self.table.rowHeight(r) for r in range(len(ROWS)))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())

    def changeEvent(self, event: QEvent) -> None:
        """大字模式 turned on or off: the table is filled again once it has the new font. The headers' fonts (bold for
        the chosen tier) are whole fonts of the size they were made at, and the rows were as tall as the old font's."""
        if event.type() == QEvent.Type.FontChange and self.visits:
            QTimer.singleShot(0, self, self._fill)
        super().changeEvent(event)

    def _show_lines_of(self, column: int) -> None:
        if column < 0 or not self.visits:
            return
        tier = TIERS[column]
        self.lines_title.setText(f"{TIER_NAMES[tier]}医院的计算过程（点击上表各列或用←→键查看）：")
        self.lines.show_lines(self.visits[tier].lines)

    def show_problem(self, text: str, *, error: bool) -> None:
        self._shown = None
        self.visits = {}
        self.chosen_tier = None
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self._show_table(False)

    def _show_table(self, visible: bool) -> None:
        for widget in (self.table, self.lines_title, self.lines):
            widget.setVisible(visible)
