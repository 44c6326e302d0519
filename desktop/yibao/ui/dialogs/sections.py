"""What the sheet holds: the question on screen by default; before printing, the clerk may tick others to add
(after the comparison of 医院级别对比 or 政策前后对比, which opens the sheet when printed from there)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from yibao.ui.dialogs.common import give_mnemonics, name_buttons, run_dialog

if TYPE_CHECKING:
    from yibao.rules import Request

# A question of the sheet and the parts of the request it needs (the enrolment goes with the contributions:
# it answers what the person is covered for and from when).
SECTIONS = {
    "contribution": ("缴费测算（含保障范围与待遇享受时间）", ("contribution", "enrolment")),
    "visits": ("就医报销（本年各次就医与全年合计）", ("visits", "year_to_date")),
    "retirement": ("退休缴费年限", ("retirement",)),
}


def asked(request: Request) -> list[str]:
    """The questions the case answers, in the order of the tabs."""
    return [name for name, (_, parts) in SECTIONS.items() if getattr(request, parts[0]) is not None]


def limited(request: Request, sections: Sequence[str]) -> Request:
    """The request with only the chosen questions (person, city and date kept)."""
    dropped = {part: None for name, (_, parts) in SECTIONS.items() if name not in sections for part in parts}
    return request.model_copy(update=dropped)


class SectionsDialog(QDialog):
    """Tick the questions the sheet holds; the one on screen comes ticked."""

    def __init__(self, available: Sequence[str], chosen: Sequence[str], leading: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.leading = leading
        self.setWindowTitle("测算单内容")
        layout = QVBoxLayout(self)
        if leading is not None:
            layout.addWidget(QLabel(f"测算单以本页的「{leading}」开头，其后为下列勾选的内容："))
        else:
            layout.addWidget(QLabel("测算单包含以下内容（默认为当前页面的问题，可勾选加入其他内容）："))
        self.boxes: dict[str, QCheckBox] = {}
        for name in available:
            box = QCheckBox(SECTIONS[name][0])
            box.setChecked(name in chosen)
            box.toggled.connect(self._allow_ok)
            layout.addWidget(box)
            self.boxes[name] = box
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        give_mnemonics(self)
        self._allow_ok()

    def chosen(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]

    def _allow_ok(self) -> None:
        """Something to print: a ticked question, or the comparison that opens the sheet on its own."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()) or self.leading is not None)


def choose_sections(parent: QWidget, available: Sequence[str], chosen: Sequence[str],
                    leading: str | None = None) -> list[str] | None:
    """Ask which questions to print after the tab's comparison (``leading``, its tab's title); None when cancelled."""
    dialog = SectionsDialog(available, chosen, leading, parent)
    return dialog.chosen() if run_dialog(dialog) == QDialog.DialogCode.Accepted else None
