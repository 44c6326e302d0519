"""导入就诊记录: the visits a CSV or XLSX file holds, shown before they are added to the case."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.rules.models import MAX_VISITS
from yibao.rules.visit_rows import RowProblem
from yibao.ui.dialogs.common import give_mnemonics, name_buttons, open_size, run_dialog
from yibao.ui.dialogs.files import ask_open_path
from yibao.ui.dialogs.messages import notify
from yibao.visit_files import read_visits_file
from yibao.vocabulary import KIND_NAMES, TIER_NAMES
from yibao.wording import FIELD_LABELS, money

if TYPE_CHECKING:
    from yibao.rules.models import Visit
    from yibao.rules.visit_rows import VisitRows

COLUMNS = ("kind", "tier", "in_scope", "out_of_scope", "self_pay_first")
TITLE = "导入就诊记录"
PATTERN = "就诊记录表 (*.csv *.xlsx *.CSV *.XLSX)"


class VisitsPreview(QDialog):
    """The visits read from ``name``, as the table will show them; 添加 adds them all, 取消 none."""

    def __init__(self, name: str, read: VisitRows, existing: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        after = f"添加在已有的{existing}条之后" if existing else "添加到就诊报销表"
        intro = QLabel(f"“{name}”中有<b>{len(read.visits)}</b>条就诊记录，确认无误后点“添加”，{after}：")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(len(read.visits), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([FIELD_LABELS[f"visits.{key}"] for key in COLUMNS])
        self.table.setVerticalHeaderLabels([str(row) for row in range(existing + 1, existing + len(read.visits) + 1)])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAccessibleName("将添加的就诊记录")
        for row, visit in enumerate(read.visits):
            cells = (KIND_NAMES[visit.kind], TIER_NAMES[visit.tier], *(money(getattr(visit, key)) for key in COLUMNS[2:]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        if read.unused_columns:
            unused = QLabel(f"未使用的列：{'、'.join(read.unused_columns)}")
            unused.setWordWrap(True)
            layout.addWidget(unused)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton("添加(&A)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        name_buttons(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        give_mnemonics(self)
        open_size(self, 640, 420)
        self.add_button.setFocus()


def choose_visits(parent: QWidget, existing: int) -> list[Visit]:
    """A file chosen and read, its visits shown: those the clerk adds (none if cancelled or the file is refused)."""
    chosen = ask_open_path(parent, TITLE, PATTERN)
    if not chosen:
        return []
    path = Path(chosen)
    try:
        read = read_visits_file(path, room=MAX_VISITS - existing)
    except RowProblem as exc:
        notify(parent, "warning", TITLE, f"无法导入“{path.name}”，没有添加任何就诊记录。\n{exc}")
        return []
    return read.visits if run_dialog(VisitsPreview(path.name, read, existing, parent)) else []
