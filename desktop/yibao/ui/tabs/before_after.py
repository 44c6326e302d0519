"""The 政策前后对比 tab: the current case under the rules of two dates, side by side, with the headline sentence
and each difference traced to the parameters that changed (all of it from ``rules.compare``: no figures here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.headline import LOCAL_WORDS
from yibao.rules import InputError, LocalFigure, Policy, Request, Result
from yibao.rules.compare import SECTION_NAMES, Comparison, reading_text
from yibao.rules.inventory import last_change
from yibao.state.settings import DEFAULT_POINT_SIZE
from yibao.ui.dates import DateField, first_problem
from yibao.ui.lines import ColumnFitter
from yibao.ui.person import BuddyLabel
from yibao.ui.presenter import Presenter
from yibao.ui.tabs import show_stale
from yibao.ui.tabs.policy import PolicyTab
from yibao.wording import NOT_STATED

CHANGE_COLUMNS = ("规定", "之前", "之后", "依据")
HEADLINE_SCALE = 1.3
MISSING_COLOUR = QColor("#a00000")
GROUP_BACKGROUND = QColor("#e6eef7")
NO_CHANGES = "两个日期之间，本测算用到的规定没有变化"
SAME_DAY = "两个日期相同：请选择另一个日期"
PRINT_HINT = "默认对比最近一次规定变化的前一天与所选日期；在本页打印或另存，测算单加印本对比"
# Column widths follow the font (大字模式 stays readable), in characters: 项目, the two dates, 差额, 依据; 原因 the rest.
WIDTH_SAMPLES = ("大额/大病筹资合计（", "¥123456.00", "¥123456.00", "+¥123456.00", "鲁政字〔2023〕184号")


def figure_columns(first: date, second: date) -> tuple[str, ...]:
    return ("项目", f"{first.isoformat()}", f"{second.isoformat()}", "差额", "依据", "原因")


class BeforeAfterTab(QWidget):
    """Recomputed when the case or one of the two dates changes, only while the tab is shown; the presenter
    compares and keeps the comparison (the sheet printed from this tab adds it)."""

    question = None

    def __init__(self, presenter: Presenter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.presenter = presenter
        self._policy: Policy | None = None
        self._request: Request | None = None
        self._local: tuple[LocalFigure, ...] = ()
        self._on: date | None = None
        self._city = ""

        self.first_date = DateField("之前", parent=self)
        self.second_date = DateField("之后", parent=self)
        self.first_date.dateChanged.connect(self._recompute)
        self.second_date.dateChanged.connect(self._recompute)
        first_label, second_label = BuddyLabel("之前(&Q)", self), BuddyLabel("之后(&Z)", self)
        first_label.setBuddy(self.first_date)
        second_label.setBuddy(self.second_date)
        dates = QHBoxLayout()
        dates.addWidget(first_label)
        dates.addWidget(self.first_date)
        dates.addSpacing(16)
        dates.addWidget(second_label)
        dates.addWidget(self.second_date)
        hint = QLabel(PRINT_HINT, self)
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        dates.addSpacing(16)
        dates.addWidget(hint, 1)

        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline.setFont(self._headline_font())

        self.readings = QLabel(self)
        self.readings.setWordWrap(True)
        self.readings.setTextFormat(Qt.TextFormat.PlainText)
        self.readings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readings.setStyleSheet("color: #555;")

        self.figures = QTableWidget(0, 6, self)
        PolicyTab._table_setup(self.figures, figure_columns(date.today(), date.today()), ())
        self._fitter = ColumnFitter(self.figures)
        self._size_columns()
        self.no_changes = QLabel(NO_CHANGES, self)
        self.changes = QTableWidget(0, len(CHANGE_COLUMNS), self)
        PolicyTab._table_setup(self.changes, CHANGE_COLUMNS, (260, 240, 240))
        changes_box = QWidget(self)
        changes_layout = QVBoxLayout(changes_box)
        changes_layout.setContentsMargins(0, 0, 0, 0)
        changes_title = QLabel("两个日期之间本测算用到的规定的变化", changes_box)
        changes_title.setStyleSheet("font-weight: bold;")
        changes_layout.addWidget(changes_title)
        changes_layout.addWidget(self.no_changes)
        changes_layout.addWidget(self.changes, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.figures)
        splitter.addWidget(changes_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.headline)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.readings)

    # ------------------------------------------------------------ input

    def request_part(self) -> tuple[str, ...]:
        return ()

    def show_result(self, result: Result, stale: bool) -> None:
        """The case the presenter computed last (``result`` is its figures), compared on the two dates."""
        session, request = self.presenter.session, self.presenter.request
        if session is not None and request is not None:
            self.set_case(session.policy, request, session.local)
        show_stale([self], stale)

    def set_case(self, policy: Policy, request: Request, local: Sequence[LocalFigure]) -> None:
        """The case as the window computed it; a new date or city moves both dates to their defaults."""
        if policy is self._policy and request == self._request and tuple(local) == self._local:
            return  # another tab's edit that did not change the case
        self._policy, self._request, self._local = policy, request, tuple(local)
        if (request.city, request.on) != (self._city, self._on):
            self._city, self._on = request.city, request.on
            changed = last_change(policy, request.city, request.on, self._local)
            first = (changed or request.on) - timedelta(days=1)
            for edit, day in ((self.first_date, first), (self.second_date, request.on)):
                edit.blockSignals(True)
                edit.set_date(day)
                edit.blockSignals(False)
        self._recompute()

    def _recompute(self) -> None:
        if self._policy is None or self._request is None:
            return
        first, second = self.first_date.date(), self.second_date.date()
        if first is None or second is None:
            self._show_problem(first_problem(self.first_date, self.second_date))
            return
        self.figures.setHorizontalHeaderLabels(list(figure_columns(*sorted((first, second)))))
        if first == second:
            self._show_problem(SAME_DAY)
            return
        try:
            comparison = self.presenter.compare(first, second)
        except InputError as exc:
            self._show_problem(f"无法比较：{exc.problem}")
            return
        self.headline.setText(_headline(comparison))
        self.headline.setStyleSheet("")
        self.readings.setText("\n".join(f"依据的解读：{reading_text(r)}" for r in comparison.readings))
        self.readings.setVisible(bool(comparison.readings))
        self._show_figures(comparison)
        self._show_changes(comparison)

    def _show_problem(self, text: str) -> None:
        self.presenter.forget_comparison()
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {MISSING_COLOUR.name()};")
        self.readings.setVisible(False)
        self.figures.setRowCount(0)
        self.changes.setRowCount(0)

    # ------------------------------------------------------------ output

    def _show_figures(self, comparison: Comparison) -> None:
        table = self.figures
        table.setUpdatesEnabled(False)
        _hold_row_heights(table, True)
        table.clearSpans()
        sections = list(dict.fromkeys(row.figure.section for row in comparison.rows))
        table.setRowCount(len(comparison.rows) + len(sections))
        r = 0
        for section in sections:
            heading = QTableWidgetItem(SECTION_NAMES[section])
            font = QFont()
            font.setBold(True)
            heading.setFont(font)
            heading.setBackground(QBrush(GROUP_BACKGROUND))
            table.setItem(r, 0, heading)
            for c in range(1, table.columnCount()):
                table.setItem(r, c, QTableWidgetItem(""))
            table.setSpan(r, 0, 1, table.columnCount())
            r += 1
            for row in (row for row in comparison.rows if row.figure.section == section):
                reasons = "\n".join(reason.text for reason in row.reasons)
                sources = "；".join(dict.fromkeys(s.text() for reason in row.reasons for s in reason.sources))
                cells = (row.label, row.before_text, row.after_text, row.difference_text, sources, reasons)
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c in (1, 2, 3):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if (c == 3 and not row.comparable) or text == NOT_STATED:
                        item.setForeground(QBrush(MISSING_COLOUR))
                    table.setItem(r, c, item)
                r += 1
        _hold_row_heights(table, False)
        table.setUpdatesEnabled(True)

    def _show_changes(self, comparison: Comparison) -> None:
        _hold_row_heights(self.changes, True)
        self.changes.setRowCount(len(comparison.changes))
        for r, change in enumerate(comparison.changes):
            for c, text in enumerate((change.label, change.before, change.after, "；".join(change.sources))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, change.parameter)
                self.changes.setItem(r, c, item)
        _hold_row_heights(self.changes, False)
        self.no_changes.setVisible(not comparison.changes)
        self.changes.setVisible(bool(comparison.changes))

    def changeEvent(self, event: QEvent) -> None:
        """A new font size or 大字模式 reaches the headline too."""
        if event.type() == QEvent.Type.FontChange:
            self.headline.setFont(self._headline_font())
            self._size_columns()
        super().changeEvent(event)

    def _size_columns(self) -> None:
        metrics = self.figures.fontMetrics()
        for column, sample in enumerate(WIDTH_SAMPLES):
            self.figures.horizontalHeader().resizeSection(column, metrics.horizontalAdvance(sample))
        grow = self.figures.font().pointSizeF() / DEFAULT_POINT_SIZE
        header = self.figures.horizontalHeader()
        self._fitter.natural = [round(header.sectionSize(c) / grow) for c in range(self.figures.columnCount())]
        self._fitter.fit()

    def _headline_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * HEADLINE_SCALE)
        font.setBold(True)
        return font

    # ------------------------------------------------------------ reading back (tests, copying)

    def figure_rows(self) -> dict[str, tuple[str, ...]]:
        """Each figure row by its label: before, after, difference, clauses, reasons as shown."""
        table = self.figures
        rows = {}
        for r in range(table.rowCount()):
            if table.columnSpan(r, 0) > 1:
                continue
            cells = [table.item(r, c) for c in range(table.columnCount())]
            texts = tuple(item.text() if item is not None else "" for item in cells)
            rows[texts[0]] = texts[1:]
        return rows

    def change_rows(self) -> list[tuple[str, ...]]:
        return [tuple(self.changes.item(r, c).text() for c in range(self.changes.columnCount()))  # type: ignore[union-attr]
                for r in range(self.changes.rowCount())]


def _headline(comparison: Comparison) -> str:
    """The comparison's sentence, saying as every tab's headline does when the hall's 本地录入 figures entered it."""
    used = any(side.local_figures is not None and side.local_figures.used
               for side in (comparison.before, comparison.after))
    return f"{comparison.headline.removesuffix('。')}{LOCAL_WORDS}。" if used else comparison.headline


def _hold_row_heights(table: QTableWidget, hold: bool) -> None:
    """Rows follow their text, but measured once after a refill: measuring after every cell costs ~1 ms a cell."""
    header = table.verticalHeader()
    if hold:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return
    table.resizeRowsToContents()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
