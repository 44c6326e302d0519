"""历史记录: search saved and printed cases by text and date, reopen or delete one."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.state.history import HistoryUnavailable
from yibao.ui.dates import DateField, first_problem
from yibao.ui.dialogs import messages
from yibao.ui.dialogs.common import name_buttons, open_size
from yibao.ui.dialogs.messages import notify
from yibao.vocabulary import EMPLOYMENT_NAMES, SEX_NAMES
from yibao.wording import label, money

if TYPE_CHECKING:
    from yibao.rules import Request, Result
    from yibao.state.history import History, HistoryEntry



def case_summary(request: Request, result: Result) -> str:
    """One line for the history list: who, and the headline figures."""
    parts = []
    if request.person is not None:
        p = request.person
        parts.append(f"{EMPLOYMENT_NAMES[p.employment]}{'（退休）' if p.retired else ''} {SEX_NAMES[p.sex]}"
                     f"{p.age}岁")
    if result.contribution is not None and result.contribution.monthly_base is not None:
        parts.append(f"基数{money(result.contribution.monthly_base)}")
    if result.year_totals is not None and result.visits:
        person_pays = result.year_totals.person_pays
        paid = "未定" if person_pays is None else money(person_pays)
        parts.append(f"就诊{len(result.visits)}次 费用{money(result.year_totals.bill)} 个人负担{paid}")
    if result.retirement is not None and result.retirement.shortfall_months is not None:
        parts.append(f"年限尚缺{result.retirement.shortfall_months}个月")
    return "；".join(parts)


def _month_before(day: date) -> date:
    """The same day a month earlier, or that month's last day (2026-03-31 → 2026-02-28)."""
    year, month = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _date_field(name: str, value: date, enabled: bool) -> tuple[QCheckBox, DateField]:
    edit = DateField(name, value)
    edit.setEnabled(enabled)
    check = QCheckBox()
    check.setChecked(enabled)
    check.toggled.connect(edit.setEnabled)
    return check, edit


class HistoryDialog(QDialog):
    """``chosen`` is the entry to reopen after ``exec()`` returns Accepted."""

    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("历史记录")
        open_size(self, 900, 520)
        self.history = history
        self.chosen: HistoryEntry | None = None
        self.entries: list[HistoryEntry] = []
        self.text = QLineEdit()
        self.text.setPlaceholderText("搜索城市或摘要，例如 烟台、退休、基数6000（↑↓ 选择，回车打开）")
        self.text.installEventFilter(self)  # the arrow keys move through the list while typing
        today = date.today()
        self.use_from, self.date_from = _date_field("自", _month_before(today), False)
        self.use_to, self.date_to = _date_field("至", today, False)
        search = QHBoxLayout()  # the search on a line of its own: beside the dates its hint was elided
        search_label = QLabel("搜索(&S)")
        search_label.setBuddy(self.text)
        search.addWidget(search_label)
        search.addWidget(self.text, 1)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance(self.text.placeholderText()) + 16)
        filters = QHBoxLayout()
        for text, check, edit in (("自(&F)", self.use_from, self.date_from), ("至(&T)", self.use_to, self.date_to)):
            check.setText(text)
            filters.addWidget(check)
            filters.addWidget(edit)
        filters.addStretch()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["保存时间", "方式", label("city"), "政策日期", "摘要"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.delete = QPushButton("删除所选(&D)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close)
        name_buttons(buttons)
        buttons.addButton(self.delete, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        self.problem = QLabel()  # rows that could not be read, said rather than hidden
        self.problem.setStyleSheet("color: #a00000;")
        self.problem.setVisible(False)
        layout.addLayout(search)
        layout.addLayout(filters)
        layout.addWidget(self.problem)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

        self.text.textChanged.connect(self.search)
        for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to)):
            check.toggled.connect(self.search)
            edit.dateChanged.connect(self.search)
        buttons.accepted.connect(self.open_selected)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.delete.clicked.connect(self.delete_selected)
        self.search()
        for first, second in ((self.text, self.table), (self.table, self.use_from)):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.text.setFocus()  # typing searches at once; the arrows move through the list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up, Down, PgUp, PgDn typed in the search box move the highlighted record; Enter opens it."""
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
                QApplication.sendEvent(self.table, QKeyEvent(event.type(), event.key(), event.modifiers()))
                return True
        return super().eventFilter(watched, event)

    def _date(self, check: QCheckBox, edit: DateField) -> date | None:
        return edit.date() if check.isChecked() else None

    def search(self) -> None:
        self.entries = self.history.search(self.text.text().strip(), self._date(self.use_from, self.date_from),
                                           self._date(self.use_to, self.date_to))
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (f"{entry.saved_at:%Y-%m-%d %H:%M}", entry.kind, entry.city_name, entry.on.isoformat(), entry.summary)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if self.entries:
            self.table.setCurrentCell(0, 0)  # the highlighted row is the current one: Enter opens it
        ticked = [edit for check, edit in ((self.use_from, self.date_from), (self.use_to, self.date_to))
                  if check.isChecked()]
        problems = [p for p in (self.history.problem, first_problem(*ticked)) if p]  # a date not read is said
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))

    def _selected(self) -> HistoryEntry | None:
        row = self.table.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def open_selected(self) -> None:
        self.chosen = self._selected()
        if self.chosen is not None:
            self.accept()

    def delete_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        if messages.ask_delete_record(self, f"{entry.saved_at:%Y-%m-%d %H:%M}"):
            try:
                self.history.delete(entry.id)
            except HistoryUnavailable as exc:
                notify(self, "warning", "删除记录", str(exc))
            self.search()
