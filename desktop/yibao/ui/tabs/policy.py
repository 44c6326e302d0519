"""The 政策依据 tab: every parameter in force for the city and date, and what changed between two dates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.rules import LocalFigure, Policy
from yibao.rules.inventory import LOCAL, ParameterRow, changes_between, last_change, parameters_in_force
from yibao.ui.dates import DateField, first_problem
from yibao.ui.fields import plain_tooltip
from yibao.ui.lines import LOCAL_COLOUR, ColumnFitter, grow_to_rows, read_only_table
from yibao.wording import NOT_STATED, NOT_STATED_LINES, documents_key, short_cite, short_numbers

if TYPE_CHECKING:
    from yibao.rules import Result
    from yibao.ui.presenter import Presenter

COLUMNS = ("项目", "数值", "状态", "依据", "施行期间", "说明")
CHANGE_COLUMNS = ("项目", "之前", "之后", "之前依据", "之后依据")
NO_CHANGES = "两个日期之间没有变化"
NAME_SAMPLE = "机关事业单位缴费"
GREY = QColor("#707070")
GROUP_BACKGROUND = QColor("#e6eef7")


def _cells(row: ParameterRow, short: dict[str, str]) -> tuple[str, ...]:
    """The document by its short number and clause (109号 二(三)1): the title is the cell's tooltip and is spelled out
    under the table; the dates as one period (2024-01-01起, 2024-01-01至2025-12-31)."""
    value = f"{row.value_text}（{LOCAL}）" if row.status == LOCAL else row.value_text
    start = row.start.isoformat() if row.start else ""
    period = f"{start}至{row.end.isoformat()}" if row.end else f"{start}起" if start else ""
    number = _number(row.document)
    cited = f"{short.get(number, number)} {row.clause}".strip()
    return (row.label, _in_words(value), _in_words(row.status), cited, period, row.note)


def _in_words(text: str) -> str:
    """文件未规定 in the narrow 数值 and 状态 columns as its two words on two lines: never broken as 文件未 / 规定."""
    return "\n".join(NOT_STATED_LINES) if text == NOT_STATED else text


def _number(document: str) -> str:
    """烟政字〔2023〕109号《烟台市…》 → 烟政字〔2023〕109号; a law with no number → its first title (《…法》)."""
    number = document.split("《", 1)[0]
    return number or document[:document.find("》") + 1]


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return "" if item is None else item.text().replace("\n", "")  # 文件 / 未规定 read as 文件未规定


class PolicyTab(QWidget):
    """Read-only: recomputed only when the context or one of the two dates changes."""

    question = None

    def __init__(self, presenter: Presenter | None = None, parent: QWidget | None = None) -> None:
        """With the window's ``presenter`` it follows the case (``show_result``); alone, ``set_context`` drives it."""
        super().__init__(parent)
        self.presenter = presenter
        self._policy: Policy | None = None
        self._city = ""
        self._on: date | None = None
        self._local: tuple[LocalFigure, ...] = ()
        self._group_rows: dict[int, str] = {}
        self._short: dict[str, str] = {}  # documents by short number (109号), spelled out under the tables
        self._documents: dict[int, str] = {}  # each row's document in full: the filter finds 烟政字 and titles too

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("筛选：输入项目、分类、文件或条款，如“门诊”")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)

        self.table = QTableWidget(0, len(COLUMNS), self)
        # 项目 wide enough for any label in two lines (机关事业单位缴费比例中的生育保险部分); 说明 takes the rest
        self._table_setup(self.table, COLUMNS, (210, 150, 70, 150, 100), rows=0, name=NAME_SAMPLE)
        grow_to_rows(self.table)
        self.documents = QLabel(self)  # the documents the tables cite by short number, spelled out once
        self.documents.setWordWrap(True)
        self.documents.setTextFormat(Qt.TextFormat.PlainText)
        self.documents.setStyleSheet("color: #555;")
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel("筛选", self))
        filter_row.addWidget(self.filter_edit, 1)

        compare = QGroupBox("对比两个日期", self)
        self.first_date = DateField("之前", parent=compare)
        self.second_date = DateField("之后", parent=compare)
        self.first_date.dateChanged.connect(self._show_changes)
        self.second_date.dateChanged.connect(self._show_changes)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("之前", compare))
        dates.addWidget(self.first_date)
        dates.addSpacing(16)
        dates.addWidget(QLabel("之后", compare))
        dates.addWidget(self.second_date)
        dates.addStretch(1)
        self.no_changes = QLabel(NO_CHANGES, compare)
        self.changes = QTableWidget(0, len(CHANGE_COLUMNS), compare)
        self._table_setup(self.changes, CHANGE_COLUMNS, (250, 230, 230, 140), rows=0, name=NAME_SAMPLE)
        grow_to_rows(self.changes)
        compare_layout = QVBoxLayout(compare)
        compare_layout.addLayout(dates)
        compare_layout.addWidget(self.no_changes)
        compare_layout.addWidget(self.changes)

        # one scroll for the view: the tables are as tall as their rows, the page scrolls
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(filter_row)
        layout.addWidget(self.table)
        layout.addWidget(compare)
        layout.addWidget(self.documents)
        layout.addStretch(1)

    @staticmethod
    def _table_setup(table: QTableWidget, columns: Sequence[str], widths: Sequence[int], rows: int | None = 3,
                     name: str = "企业用人单位") -> None:
        """Read-only, wrapped, rows as tall as their text; starting widths the user may drag, the last takes the rest,
        kept within the table by a ``ColumnFitter`` keeping ``rows`` in sight (None: the caller sizes the columns)."""
        read_only_table(table, columns)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in enumerate(widths):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        if rows is not None:
            ColumnFitter(table, rows, name=name)

    def request_part(self) -> tuple[str, ...]:
        return ()

    def show_result(self, result: Result, stale: bool) -> None:
        """The parameters in force for the case's city and date, with the session's local figures (not greyed
        when stale: they are the documents', not figures computed from the input)."""
        session = self.presenter.session if self.presenter is not None else None
        if session is None:
            return
        if session.policy is not self._policy or (result.city, result.on, tuple(session.local)) != (
                self._city, self._on, self._local):
            self.set_context(session.policy, result.city, result.on, session.local)

    def set_context(self, policy: Policy, city: str, on: date, local: Sequence[LocalFigure]) -> None:
        self._policy, self._city, self._local = policy, city, tuple(local)
        if on != self._on:
            self._on = on
            changed = last_change(policy, city, on, self._local) or on
            for edit, day in ((self.first_date, changed - timedelta(days=1)), (self.second_date, changed)):
                edit.blockSignals(True)
                edit.set_date(day)
                edit.blockSignals(False)
        region = policy.regions[city]
        self.heading.setText(f"{region.name} {on.isoformat()} 施行的全部参数（灰色斜体为文件未规定，棕色为本地录入）")
        self._show_rows(parameters_in_force(policy, city, on, self._local))
        self._show_changes()

    def _show_rows(self, rows: Sequence[ParameterRow]) -> None:
        """One spanning heading row per group, then its parameters."""
        table = self.table
        table.setUpdatesEnabled(False)
        table.clearSpans()
        table.setRowCount(0)
        groups = list(dict.fromkeys(row.group for row in rows))
        table.setRowCount(len(rows) + len(groups))
        self._group_rows, self._documents = {}, {}
        documents = dict.fromkeys(row.document for row in rows if row.document and row.status != LOCAL)
        self._short = short_numbers(_number(d) for d in documents)
        self.documents.setText(documents_key((self._short[_number(d)], d) for d in documents if _number(d) in self._short))
        r = 0
        for group in groups:
            heading = QTableWidgetItem(group)
            font = QFont()
            font.setBold(True)
            heading.setFont(font)
            heading.setBackground(QBrush(GROUP_BACKGROUND))
            table.setItem(r, 0, heading)
            table.setSpan(r, 0, 1, len(COLUMNS))
            self._group_rows[r] = group
            r += 1
            for row in (row for row in rows if row.group == group):
                for c, text in enumerate(_cells(row, self._short)):
                    item = QTableWidgetItem(text)
                    item.setData(Qt.ItemDataRole.UserRole, row.parameter)
                    if row.status == NOT_STATED:
                        self._style(item, GREY, italic=True)
                    elif row.status == LOCAL:
                        self._style(item, LOCAL_COLOUR)
                    if c == 0:
                        item.setToolTip(plain_tooltip(row.parameter))
                    elif c == 3:
                        item.setToolTip(plain_tooltip(row.document))  # a pack's title and clause, as written
                    elif c == 5 and row.note:
                        item.setToolTip(plain_tooltip(row.note))
                    table.setItem(r, c, item)
                self._documents[r] = row.document
                r += 1
        self._apply_filter(self.filter_edit.text())
        table.setUpdatesEnabled(True)

    @staticmethod
    def _style(item: QTableWidgetItem, colour: QColor, *, italic: bool = False) -> None:
        font = QFont()
        font.setItalic(italic)
        item.setForeground(QBrush(colour))
        item.setFont(font)

    def _apply_filter(self, text: str) -> None:
        """Show parameters whose group, label, value, document or clause contains the text."""
        needle = text.strip().lower()
        table = self.table
        heading_row, group_matches, shown = -1, False, 0
        for r in range(table.rowCount() + 1):
            if r == table.rowCount() or r in self._group_rows:
                if heading_row >= 0:
                    table.setRowHidden(heading_row, shown == 0)
                if r == table.rowCount():
                    break
                heading_row, shown = r, 0
                group_matches = needle in self._group_rows[r].lower()
                continue
            haystack = " ".join([*(_text(table, r, c) for c in range(4)), self._documents.get(r, "")]).lower()
            visible = not needle or group_matches or needle in haystack
            table.setRowHidden(r, not visible)
            shown += visible

    def _show_changes(self) -> None:
        if self._policy is None:
            return
        first, second = self.first_date.date(), self.second_date.date()
        if first is None or second is None:  # left holding text that is not a date: said where the changes go
            self.no_changes.setText(first_problem(self.first_date, self.second_date))
            self.no_changes.setVisible(True)
            self.changes.setVisible(False)
            return
        self.no_changes.setText(NO_CHANGES)
        found = changes_between(self._policy, self._city, first, second, self._local)
        self.changes.setRowCount(len(found))
        for r, change in enumerate(found):
            cells = (change.label, change.before, change.after, short_cite(change.before_source, self._short),
                     short_cite(change.after_source, self._short))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, change.parameter)
                if LOCAL in text:
                    item.setForeground(QBrush(LOCAL_COLOUR))
                self.changes.setItem(r, c, item)
        self.changes.resizeRowsToContents()
        self.no_changes.setVisible(not found)
        self.changes.setVisible(bool(found))

    def visible_rows(self) -> list[tuple[str, ...]]:
        """The parameter rows the filter leaves shown, as text (for tests and copying)."""
        return [
            tuple(_text(self.table, r, c) for c in range(len(COLUMNS)))
            for r in range(self.table.rowCount())
            if r not in self._group_rows and not self.table.isRowHidden(r)
        ]

    def visible_groups(self) -> list[str]:
        return [group for r, group in self._group_rows.items() if not self.table.isRowHidden(r)]

    def change_rows(self) -> list[tuple[str, ...]]:
        return [
            tuple(_text(self.changes, r, c) for c in range(self.changes.columnCount()))
            for r in range(self.changes.rowCount())
        ]
