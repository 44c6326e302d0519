"""The 政策前后对比 tab: the current case under the rules of two dates, side by side, with the headline sentence
and each difference traced to the parameters that changed (all of it from ``rules.compare``: no figures here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from yibao.ui.fields import plain_tooltip
from yibao.ui.lines import ColumnFitter, grow_to_rows
from yibao.ui.person import BuddyLabel
from yibao.ui.presenter import Presenter
from yibao.ui.tabs import show_stale
from yibao.ui.tabs.policy import PolicyTab
from yibao.wording import NOT_STATED, documents_key, short_cite, short_numbers

REASON_COLUMNS = ("序号", "依据", "规定的变化（按本人情况）")
HEADLINE_SCALE = 1.3
MISSING_COLOUR = QColor("#a00000")
GROUP_BACKGROUND = QColor("#e6eef7")
NO_CHANGES = "两个日期之间，本测算用到的规定没有变化"
REASONS_TITLE = "上表“原因”所列的规定变化"
MOVING_NOTHING = "另有规定变化，不影响本测算的数字（详见“政策依据”页的对比）："
SAME_DAY = "两个日期相同：请选择另一个日期"
PRINT_HINT = "默认对比最近一次规定变化的前一天与所选日期；在本页打印或另存，测算单加印本对比"
FIGURE_RUN = re.compile(r"[¥+−\-]*[\d,.%]+(?:个百分点)?")  # ¥19,980.00, −¥200.00, 13.52%, +6.78个百分点: they do not wrap
WORDS = re.compile(r"[\u4e00-\u9fff]")
LABEL_LEAST = "统筹基金支付"  # 项目 never narrower (a label in two lines sets it)
REASON_WIDTHS = ("序号", "109号 二(三)1")  # 序号 and 依据; the change itself takes the rest


def figure_columns(first: date, second: date) -> tuple[str, ...]:
    return ("项目", f"{first.isoformat()}", f"{second.isoformat()}", "差额", "原因")


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
        self._short: dict[str, str] = {}  # documents cited by short number (109号), spelled out under the tables
        self._titles: dict[str, str] = {}

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
        dates.addStretch(1)
        hint = _note_label(self)  # under the tables: the dates and the answer come first
        hint.setText(PRINT_HINT)

        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline.setFont(self._headline_font())

        self.readings = _note_label(self)

        self.figures = QTableWidget(0, 5, self)
        PolicyTab._table_setup(self.figures, figure_columns(date.today(), date.today()), (), rows=None)
        grow_to_rows(self.figures)
        self.figures.horizontalHeader().setStretchLastSection(False)  # sized with the others: within the table
        self.figures.installEventFilter(self)
        self.no_changes = QLabel(NO_CHANGES, self)
        self.reasons_title = QLabel(REASONS_TITLE, self)
        self.reasons_title.setStyleSheet("font-weight: bold;")
        self.changes = QTableWidget(0, len(REASON_COLUMNS), self)
        PolicyTab._table_setup(self.changes, REASON_COLUMNS, (), rows=None)
        self._reasons_fitter = ColumnFitter(self.changes, rows=0)
        grow_to_rows(self.changes)
        self.moving_nothing = _note_label(self)
        self.documents = _note_label(self)
        self._size_columns()

        # one scroll for the view: the tables are as tall as their rows, the page scrolls
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.headline)
        layout.addWidget(self.figures)
        layout.addWidget(self.reasons_title)
        layout.addWidget(self.no_changes)
        layout.addWidget(self.changes)
        layout.addWidget(self.moving_nothing)
        layout.addWidget(self.readings)
        layout.addWidget(self.documents)
        layout.addWidget(hint)
        layout.addStretch(1)

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
        documents = list(dict.fromkeys((d.number, d.title) for r in (comparison.before, comparison.after)
                                       for d in r.documents))
        self._short = short_numbers(number for number, _ in documents)
        self._titles = {number: f"{number}《{title}》" for number, title in documents}
        self.readings.setText("\n".join(f"依据的解读：{self._cite(reading_text(r))}" for r in comparison.readings))
        self.readings.setVisible(bool(comparison.readings))
        self._show_figures(comparison)
        self._show_changes(comparison)
        self.documents.setText(documents_key((self._short.get(number, number), self._titles[number])
                                             for number, _ in documents))
        self.documents.setVisible(bool(documents))

    def _show_problem(self, text: str) -> None:
        self.presenter.forget_comparison()
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {MISSING_COLOUR.name()};")
        for widget in (self.readings, self.reasons_title, self.no_changes, self.changes, self.moving_nothing,
                       self.documents):
            widget.setVisible(False)
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
                numbers = comparison.reason_numbers(row)
                cells = (row.label, row.before_text, row.after_text, row.difference_text, numbers and f"见{numbers}")
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c == 4 and numbers:  # the reasons in words, on hover too
                        item.setToolTip(plain_tooltip("\n".join(reason.text for reason in row.reasons)))
                    if c in (1, 2, 3):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if (c == 3 and not row.comparable) or text == NOT_STATED:
                        item.setForeground(QBrush(MISSING_COLOUR))
                    table.setItem(r, c, item)
                r += 1
        self._size_columns()
        _hold_row_heights(table, False)
        table.setUpdatesEnabled(True)

    def _show_changes(self, comparison: Comparison) -> None:
        """The reasons the table cites by number, each once, with its clause by short number (the title on hover);
        then, in a line, the changes that move nothing here."""
        reasons = comparison.reasons()
        _hold_row_heights(self.changes, True)
        self.changes.setRowCount(len(reasons))
        for r, reason in enumerate(reasons):
            cited = "；".join(dict.fromkeys(s.text() for s in reason.sources))
            for c, text in enumerate((str(r + 1), self._cite(cited), reason.text)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, reason.parameter)
                if c == 1:
                    item.setToolTip(plain_tooltip("\n".join(self._titles[s.document] for s in reason.sources
                                                             if s.document in self._titles)))
                self.changes.setItem(r, c, item)
        _hold_row_heights(self.changes, False)
        self.reasons_title.setVisible(bool(reasons))
        self.changes.setVisible(bool(reasons))
        self.no_changes.setVisible(not comparison.changes)
        others = comparison.changes_moving_nothing()
        self.moving_nothing.setText(MOVING_NOTHING + "、".join(c.label for c in others))
        self.moving_nothing.setVisible(bool(others))

    def _cite(self, text: str) -> str:
        return short_cite(text, self._short)

    def changeEvent(self, event: QEvent) -> None:
        """A new font size or 大字模式 reaches the headline too."""
        if event.type() == QEvent.Type.FontChange:
            self.headline.setFont(self._headline_font())
            self._size_columns()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The figures table resized (the window, the page's scroll bar coming or going): its columns follow."""
        if watched is self.figures and event.type() == QEvent.Type.Resize:
            self._size_columns()
        return False

    def _size_columns(self) -> None:
        """The figures as wide as the widest shown, 项目 wide enough for any label in two lines, 原因 (a few
        numbers) the rest; the reasons table's 序号 and 依据 as their samples, the change itself the rest."""
        table = self.figures
        metrics = table.fontMetrics()
        pad = 2 * metrics.horizontalAdvance("0")
        header = table.horizontalHeader()
        for column in range(4):
            texts = [str(table.model().headerData(column, Qt.Orientation.Horizontal) or ""),
                     *(item.text() for r in range(table.rowCount())
                       if table.columnSpan(r, 0) == 1 and (item := table.item(r, column)) is not None)]
            widest = max(_one_or_two_lines(metrics, text) if column else metrics.horizontalAdvance(text) for text in texts)
            header.resizeSection(column, widest + pad)
        reasons_least = max(header.minimumSectionSize(), metrics.horizontalAdvance("原因") + pad)  # 见1、2 wraps
        inside = table.width() - 2 * table.frameWidth()  # no scroll bars; the viewport is resized after this filter
        spare = inside - reasons_least - sum(header.sectionSize(c) for c in range(1, 4))
        if header.sectionSize(0) > spare:
            two_lines = (header.sectionSize(0) - pad) // 2 + metrics.horizontalAdvance("（") + pad
            header.resizeSection(0, min(spare, max(two_lines, metrics.horizontalAdvance(LABEL_LEAST) + pad)))
        header.resizeSection(4, max(reasons_least, inside - sum(header.sectionSize(c) for c in range(4))))
        grow = self.changes.font().pointSizeF() / DEFAULT_POINT_SIZE
        reasons = self.changes.horizontalHeader()
        for column, sample in enumerate(REASON_WIDTHS):
            reasons.resizeSection(column, metrics.horizontalAdvance(sample) + pad)
        self._reasons_fitter.natural = [round(reasons.sectionSize(c) / grow) for c in range(self.changes.columnCount())]
        self._reasons_fitter.fit()

    def _headline_font(self) -> QFont:
        """Larger than the usual text, bold; in 大字模式 (already larger) bold at its size: a headline of four reasons
        at 1.3 × 大字 filled a 1024×768 screen above the table."""
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), DEFAULT_POINT_SIZE * HEADLINE_SCALE))
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
        """The reasons the table cites: number, its clause as shown, the change for this person."""
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


def _one_or_two_lines(metrics: QFontMetrics, text: str) -> int:
    """The width a figure needs: whole on one line (¥19,980.00); with words (需填写最后一次月缴费基数, 300个月（25年）)
    two lines, never narrower than its figure (a run of digits does not wrap)."""
    figures = [metrics.horizontalAdvance(run) for run in FIGURE_RUN.findall(text)]
    if not WORDS.search(text):
        return metrics.horizontalAdvance(text)
    return max([(metrics.horizontalAdvance(text) + 1) // 2 + metrics.horizontalAdvance("填"), *figures])


def _note_label(parent: QWidget) -> QLabel:
    """Grey plain text under the tables that wraps and can be selected and copied."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #555;")
    return label
