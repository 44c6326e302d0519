"""就医报销: the year's visits in a table (add, edit, remove, reorder), year-to-date figures, and what each party pays."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.rules.models import KIND_NAMES, TIER_NAMES, YearToDate
from yibao.ui.fields import AmountEdit, CountEdit, FieldError, mark_invalid, parse_amount
from yibao.ui.lines import LinesTable
from yibao.ui.person import combo, select
from yibao.ui.summary import SummaryGrid
from yibao.wording import FIELD_LABELS, NOT_STATED, money_or_not_stated, percent, yuan

if TYPE_CHECKING:
    from yibao.rules.models import VisitResult, YearTotals

KINDS = tuple(KIND_NAMES.items())
TIERS = tuple(TIER_NAMES.items())
INPUT_COLUMNS = tuple((key, FIELD_LABELS[f"visits.{key}"]) for key in ("in_scope", "out_of_scope", "self_pay_first"))
RESULT_COLUMNS = ("计入起付线", "统筹支付", "大额补助", "个人负担")
HEADERS = (FIELD_LABELS["visits.kind"], FIELD_LABELS["visits.tier"], *(label for _, label in INPUT_COLUMNS), *RESULT_COLUMNS)
FIRST_INPUT, FIRST_RESULT = 2, 2 + len(INPUT_COLUMNS)
RESULT_BRUSH = QBrush(QColor("#f3f6fa"))
INVALID_BRUSH = QBrush(QColor("#ffe4e4"))
YTD_COUNTS = ("inpatient_stays",)  # the other year-to-date figures are amounts


class VisitsTab(QWidget):
    changed = Signal()
    selection_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setAccessibleName(FIELD_LABELS["visits"])
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setToolTip("金额单位：元。双击或直接输入修改；Tab 键移到下一格")

        self.add_outpatient = QPushButton("添加门诊(&O)")
        self.add_inpatient = QPushButton("添加住院(&I)")
        self.remove = QPushButton("删除(&K)")
        self.up = QPushButton("上移(&U)")
        self.down = QPushButton("下移(&W)")
        buttons = QHBoxLayout()
        for button in (self.add_outpatient, self.add_inpatient, self.remove, self.up, self.down):
            buttons.addWidget(button)
        buttons.addStretch()

        self.ytd_box = QGroupBox("本年已发生（年中开始测算时填写）")
        self.ytd_box.setCheckable(True)
        self.ytd_box.setChecked(False)
        self.ytd: dict[str, AmountEdit | CountEdit] = {}
        ytd_fields = QWidget()
        ytd_fields.setVisible(False)
        self.ytd_box.toggled.connect(ytd_fields.setVisible)
        QVBoxLayout(self.ytd_box).addWidget(ytd_fields)
        ytd_form = QFormLayout(ytd_fields)
        for key in YearToDate.model_fields:
            label = FIELD_LABELS[f"year_to_date.{key}"]
            edit: AmountEdit | CountEdit = (
                CountEdit(label, maximum=366, unit="次") if key in YTD_COUNTS else AmountEdit(label)
            )
            self.ytd[key] = edit
            ytd_form.addRow(label, edit)
            edit.textChanged.connect(self.changed)

        self.totals = SummaryGrid(3)
        self.detail_title = QLabel()
        self.lines = LinesTable()

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.ytd_box)
        top_layout.addWidget(QLabel("<b>全年合计</b>"))
        top_layout.addWidget(self.totals)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.detail_title)
        bottom_layout.addWidget(self.lines)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._results: list[VisitResult] = []
        self._marked: set[tuple[int, int]] = set()
        self.add_outpatient.clicked.connect(lambda: self.add_visit("outpatient"))
        self.add_inpatient.clicked.connect(lambda: self.add_visit("inpatient"))
        self.remove.clicked.connect(self.remove_selected)
        self.up.clicked.connect(lambda: self.move_selected(-1))
        self.down.clicked.connect(lambda: self.move_selected(1))
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(self._current_changed)
        self.ytd_box.toggled.connect(self.changed)

    # ------------------------------------------------------------ editing

    def input_widgets(self) -> list[QWidget]:
        return [self.add_outpatient, self.add_inpatient, self.table, self.remove, self.up, self.down, self.ytd_box,
                *self.ytd.values()]

    def add_visit(self, kind: str, tier: int = 3, in_scope: str = "", out_of_scope: str = "", self_pay: str = "") -> None:
        row = self.table.rowCount()
        self._write_row(row, {"kind": kind, "tier": tier, "in_scope": in_scope, "out_of_scope": out_of_scope,
                              "self_pay_first": self_pay}, insert=True)
        self.table.setCurrentCell(row, FIRST_INPUT)
        self.table.setFocus()
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        rows = self.rows_as_text()
        del rows[row]
        self.load_rows(rows)
        self.table.setCurrentCell(min(row, self.table.rowCount() - 1), FIRST_INPUT)
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        rows = self.rows_as_text()
        rows[row], rows[target] = rows[target], rows[row]
        self.load_rows(rows)
        self.table.setCurrentCell(target, FIRST_INPUT)
        self.changed.emit()

    def rows_as_text(self) -> list[dict[str, Any]]:
        return [self._read_row(row) for row in range(self.table.rowCount())]

    def load_rows(self, rows: list[dict[str, Any]]) -> None:
        self._marked.clear()
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row, visit in enumerate(rows):
            self._write_row(row, visit, insert=True)
        self.table.blockSignals(False)

    def load(self, visits: list[dict[str, Any]] | None, year_to_date: dict[str, Any] | None) -> None:
        self.load_rows(visits or [])
        self.ytd_box.setChecked(year_to_date is not None)
        for key, edit in self.ytd.items():
            value = (year_to_date or {}).get(key)
            edit.setText("" if value in (None, 0, "0", "0.00") else str(value))

    def selected_index(self) -> int:
        return self.table.currentRow()

    # ------------------------------------------------------------ request and result

    def result_widgets(self) -> list[QWidget]:
        return [self.totals, self.lines]

    def request_part(self) -> dict[str, Any]:
        """Visits and year-to-date figures; raises FieldError naming the row and column of a bad cell."""
        visits = []
        for row in range(self.table.rowCount()):
            visit = self._read_row(row)
            for column, (key, label) in enumerate(INPUT_COLUMNS, start=FIRST_INPUT):
                name = f"第{row + 1}条就诊·{label}"
                try:
                    value = parse_amount(visit[key], name, required=key == "in_scope")
                except FieldError:
                    self._mark_cell(row, column, True)
                    self.table.setCurrentCell(row, column)
                    raise
                self._mark_cell(row, column, False)
                visit[key] = "0" if value is None else str(value)
            visits.append(visit)
        if not visits:
            return {}  # nothing to settle: the totals show how to start
        part: dict[str, Any] = {"visits": visits}
        if self.ytd_box.isChecked():
            ytd: dict[str, Any] = {}
            for key, edit in self.ytd.items():
                if isinstance(edit, AmountEdit):
                    amount = edit.amount()
                    if amount is not None:
                        ytd[key] = str(amount)
                elif (count := edit.count()) is not None:
                    ytd[key] = count
            part["year_to_date"] = ytd
        return part

    def show_result(self, visits: list[VisitResult] | None, totals: YearTotals | None) -> None:
        self._results = visits or []
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            result = self._results[row] if row < len(self._results) else None
            figures = (
                (result.deductible, result.fund_pays, result.supplement_pays, result.person_pays)
                if result is not None else (None,) * len(RESULT_COLUMNS)
            )
            for offset, amount in enumerate(figures):
                item = self.table.item(row, FIRST_RESULT + offset)
                if item is not None:
                    item.setText("" if result is None else money_or_not_stated(amount))
        self.table.blockSignals(False)
        if totals is None:
            self.totals.set_rows([("提示", "点“添加门诊”或“添加住院”录入本年的就诊费用")])
        else:
            rate = totals.reimbursement_rate
            self.totals.set_rows([
                ("医疗费用合计", yuan(totals.bill)),
                ("统筹基金支付", yuan(totals.fund_pays)),
                ("大额医疗费用补助支付", yuan(totals.supplement_pays)),
                ("计入起付标准", yuan(totals.deductible)),
                ("个人负担", yuan(totals.person_pays)),
                ("实际报销比例", NOT_STATED if rate is None else percent(rate)),
            ])
        self._show_detail(self.table.currentRow())

    def _show_detail(self, row: int) -> None:
        if 0 <= row < len(self._results):
            result = self._results[row]
            self.detail_title.setText(f"<b>第{row + 1}条就诊明细</b>（选中表格中的一行查看）")
            self.lines.show_lines(result.lines)
        else:
            self.detail_title.setText("<b>就诊明细</b>：选中表格中的一行查看计算过程")
            self.lines.show_lines([])

    def _current_changed(self, row: int, _column: int, previous_row: int, _previous_column: int) -> None:
        """Another visit chosen: its lines here, and the comparison follows (a new column alone changes nothing)."""
        if row != previous_row:
            self._show_detail(row)
            self.selection_changed.emit(row)

    # ------------------------------------------------------------ cells

    def _write_row(self, row: int, visit: dict[str, Any], *, insert: bool) -> None:
        blocked = self.table.blockSignals(True)
        if insert:
            self.table.insertRow(row)
        kind = combo(KINDS, f"第{row + 1}条就诊·类别")
        select(kind, visit.get("kind", "outpatient"))
        tier = combo(TIERS, f"第{row + 1}条就诊·医院等级")
        select(tier, int(visit.get("tier", 3)))
        for column, box in ((0, kind), (1, tier)):
            box.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, column, box)
        for column, (key, _) in enumerate(INPUT_COLUMNS, start=FIRST_INPUT):
            self.table.setItem(row, column, _amount_item(str(visit.get(key) or "")))
        for column in range(FIRST_RESULT, len(HEADERS)):
            item = _amount_item("")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setBackground(RESULT_BRUSH)
            self.table.setItem(row, column, item)
        self.table.blockSignals(blocked)

    def _read_row(self, row: int) -> dict[str, Any]:
        kind, tier = self.table.cellWidget(row, 0), self.table.cellWidget(row, 1)
        assert isinstance(kind, QComboBox) and isinstance(tier, QComboBox)
        visit: dict[str, Any] = {"kind": kind.currentData(), "tier": tier.currentData()}
        for column, (key, _) in enumerate(INPUT_COLUMNS, start=FIRST_INPUT):
            item = self.table.item(row, column)
            visit[key] = item.text() if item is not None else ""
        return visit

    def _mark_cell(self, row: int, column: int, invalid: bool) -> None:
        if invalid == ((row, column) in self._marked):
            return
        (self._marked.add if invalid else self._marked.discard)((row, column))
        item = self.table.item(row, column)
        if item is not None:
            blocked = self.table.blockSignals(True)
            item.setBackground(INVALID_BRUSH if invalid else QBrush())
            self.table.blockSignals(blocked)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if FIRST_INPUT <= item.column() < FIRST_RESULT:
            self.changed.emit()

    def clear_marks(self) -> None:
        for edit in self.ytd.values():
            mark_invalid(edit, None)


def _amount_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
