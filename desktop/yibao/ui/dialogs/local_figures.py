"""The 本地录入参数 form: figures the documents leave to the city, entered and checked here, saved by 确定; a pack
imported here is saved at once, as ``yibao figures import`` saves it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.rules import InputError, LocalFigure, Policy
from yibao.rules.inputs import InputProblem, parse_share
from yibao.rules.inventory import LOCAL, key_label, open_parameters, pack_document_text, value_text
from yibao.rules.policy import FIXED_KEYS, KEY_SEPARATOR, ParameterSpec, nested_value
from yibao.state.local_figures import make_local_figure, save_edits
from yibao.state.packs import default_issuer, import_saved, merge, read_pack, write_pack
from yibao.ui.dates import DateField
from yibao.ui.dialogs.common import give_mnemonics, name_buttons, open_size, scrolling
from yibao.ui.dialogs.files import ask_open_path, ask_save_path
from yibao.ui.fields import plain_tooltip
from yibao.ui.person import BuddyLabel
from yibao.wording import FIELD_LABELS, describe_os_error

EXPLANATION = ("仅用于文件未规定、由本市确定的参数；使用本地录入参数的结果在屏幕和测算单上标注“本地录入”。"
               "市医保局编制的数据包可用“导入数据包”一次录入，导入的参数注明发布单位、文号和条款。")
COLUMNS = (FIELD_LABELS["local_figure.region"], "项目", FIELD_LABELS["local_figure.value"], "起", "止", "依据", "说明")
BASIS_COLUMN = COLUMNS.index("依据")
COLUMN_SAMPLES = ("烟台市", "住院统筹基金年度最高支付", "一级及以下·在职 90%；", "2024-01-01", "2024-01-01",
                  "示例医保发〔2024〕1号 一（示例")
PACK_FILTER = "参数数据包 (*.json)"
INVALID_STYLE = '*[invalid="true"] { background: #ffe4e4; border: 1px solid #c00000; }'
NOTICE_STYLES = {"problem": "color: #c00000; font-weight: bold;", "done": "color: #006000; font-weight: bold;",
                 "todo": "font-weight: bold;"}
MISSING_MARK = "（本次测算缺少）"
HINTS = {
    "rate": "比例写成 0.85 或 85%",
    "yuan": "单位：元",
    "yuan_per_month": "单位：元/月",
    "yuan_per_year": "单位：元/年",
    "months": "单位：月（整数）",
    "multiple": "倍数，如 1.5",
    "flag": "选择“是”或“否”",
}
ABSENT_TEXT = "本市不设此项"
ABSENT_TIP = "本市文件未设此项（如不设大额补助门诊支付）：计算时此项不支付。仅限计算器能按“不设”计算的参数。"
# Thresholds offered for a split by age or stay: the bands the documents use elsewhere; the lowest is required.
# The 大额 layer's segments differ from city to city: one share here, several through a figures pack.
THRESHOLD_KEYS = {"age_from": ("0", "70"), "stay_from": ("1", "2", "3"), "burden_from": ("0",)}


def basis_text(figure: LocalFigure) -> str:
    """What an entered figure rests on: its pack's document number and clause, with the issuer; or typed in here."""
    source = figure.source
    if source is None:
        return f"本机{LOCAL}"
    return f"{source.number} {source.clause}（{source.issuer}）".replace(" （", "（")


class LocalFiguresDialog(QDialog):
    def __init__(
        self,
        policy: Policy,
        figures: Sequence[LocalFigure],
        city: str,
        on: date,
        parent: QWidget | None = None,
        missing: Sequence[str] = (),
    ) -> None:
        """``missing``: the parameters the case of ``city`` lacks (the notes' link): listed first, the first chosen."""
        super().__init__(parent)
        self.setWindowTitle("本地录入参数")
        self.setStyleSheet(INVALID_STYLE)
        self._policy = policy
        self._on = on
        self._figures = list(figures)
        self._opened = tuple(figures)  # what 确定 merges the edits against: another program may save meanwhile
        self._imported: list[LocalFigure] | None = None  # the saved figures after an import here (saved at once)
        self._city, self._missing = city, [m for m in dict.fromkeys(missing) if m in policy.catalogue]
        self._editing: int | None = None  # index being edited, len(figures) for a new one, None when idle
        self.value_fields: dict[str, QLineEdit] = {}  # "" for a single figure, else one per key
        self.flag_box: QComboBox | None = None
        self.absent_check: QCheckBox | None = None  # 本市不设此项, for a parameter the catalogue marks may_be_absent
        # The edited figure's own thresholds (a pack's 大额 segments), offered as fields so that 确定 keeps them.
        self._edited_bands: tuple[str, tuple[str, ...]] = ("", ())

        # What was saved or not (确定 refused, a pack imported or refused), at the top: seen without scrolling.
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # it repeats a file name and the pack's issuer
        self.notice.setWordWrap(True)
        self.notice.hide()
        explanation = QLabel(EXPLANATION, self)
        explanation.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()  # widths follow the font: 大字模式 keeps dates and names whole
        self.table.setMinimumHeight(12 * metrics.height())  # a few rows stay in view beside the edit pane
        for column, sample in enumerate(COLUMN_SAMPLES):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 2 * metrics.averageCharWidth())
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._edit_selected())

        self.add_button = QPushButton("新增", self)
        self.edit_button = QPushButton("修改", self)
        self.delete_button = QPushButton("删除", self)
        self.import_button = QPushButton("导入数据包…", self)
        self.export_button = QPushButton("导出数据包…", self)
        self.add_button.clicked.connect(self._add)
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.import_button.clicked.connect(lambda: self.import_pack())
        self.export_button.clicked.connect(lambda: self.export_pack())
        buttons_row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.import_button)
        buttons_row.addWidget(self.export_button)

        self.pane = QGroupBox("编辑", self)
        self.city_box = QComboBox(self.pane)
        for region in policy.cities():
            self.city_box.addItem(region.name, region.code)
        self.city_box.setCurrentIndex(max(0, self.city_box.findData(city)))
        self.parameter_box = QComboBox(self.pane)
        self.parameter_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.parameter_box.setMinimumContentsLength(24)
        self.start_edit = DateField(FIELD_LABELS["local_figure.start"], date(on.year, 1, 1), self.pane, checks_itself=False)
        self.end_check = QCheckBox("截止日期", self.pane)
        self.end_edit = DateField(FIELD_LABELS["local_figure.end"], date(on.year, 12, 31), self.pane, checks_itself=False)
        self.end_edit.setEnabled(False)
        self.end_check.toggled.connect(self.end_edit.setEnabled)
        end_row = QHBoxLayout()
        end_row.addWidget(self.end_check)
        end_row.addWidget(self.end_edit)
        end_row.addStretch(1)
        self.value_box = QWidget(self.pane)
        self.value_form = QFormLayout(self.value_box)
        self.value_form.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(self.pane)
        self.hint.setStyleSheet("color: #555555;")
        self.note_edit = QLineEdit(self.pane)
        self.note_edit.setPlaceholderText("如：依据的本市文件或通知")
        self.save_button = QPushButton("保存此条", self.pane)
        self.save_button.clicked.connect(self._save_edit)
        form = QFormLayout(self.pane)
        form.addRow(FIELD_LABELS["local_figure.region"], self.city_box)
        form.addRow("项目", self.parameter_box)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_edit)
        start_row.addStretch(1)
        start_label = BuddyLabel(FIELD_LABELS["local_figure.start"], self.pane)
        start_label.setBuddy(self.start_edit)  # its row is a layout: the label gets its Alt+letter through the buddy
        form.addRow(start_label, start_row)
        form.addRow(FIELD_LABELS["local_figure.end"], end_row)
        form.addRow(FIELD_LABELS["local_figure.value"], self.value_box)
        form.addRow("", self.hint)
        form.addRow("说明", self.note_edit)
        form.addRow("", self.save_button)
        self.city_box.currentIndexChanged.connect(lambda _i: self._fill_parameters())
        self.parameter_box.currentIndexChanged.connect(lambda _i: self._build_value_fields())

        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it repeats typed text
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c00000;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        name_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(explanation)
        body_layout.addWidget(self.table, 1)
        body_layout.addLayout(buttons_row)
        body_layout.addWidget(self.pane)
        self.pane.setSizePolicy(self.pane.sizePolicy().horizontalPolicy(), QSizePolicy.Policy.Maximum)  # rows get the rest
        body_layout.addWidget(self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        self.body = scrolling(body)  # 大字模式 on a low screen: the body scrolls, 确定 and 取消 stay in sight
        layout.addWidget(self.body, 1)
        layout.addWidget(self.buttons)
        wanted = header.length() + 8 * self.fontMetrics().averageCharWidth()  # every column in view if there is room
        open_size(self, 1080, 780, at_least_width=wanted)

        self._fill_parameters()
        self._show_figures()
        self._set_editing(None)
        give_mnemonics(self)
        self.table.setFocus()
        if self._missing:
            self._start_on_missing()

    # ------------------------------------------------------------ list

    def figures(self) -> list[LocalFigure]:
        return list(self._figures)

    def imported(self) -> list[LocalFigure] | None:
        """The hall's saved figures after the last pack imported here (saved at once, kept if 取消 is pressed);
        None if no pack was."""
        return None if self._imported is None else list(self._imported)

    def _start_on_missing(self) -> None:
        """Opened from the notes' link: a new figure for the first parameter the case lacks, its value to type."""
        labels = "、".join(self._label(name) for name in self._missing)
        self._add()
        self._say(f"本次测算缺少{len(self._missing)}项文件未规定的参数：{labels}。它们排在“项目”最前，已选中第一项："
                  "填写后按“保存此条”，再按“确定”。", "todo")
        first = next(iter(self.value_fields.values()), None) or self.flag_box or self.parameter_box
        first.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._missing:  # the edit pane, below the list, in sight (大字模式 on a low screen)
            self.body.ensureWidgetVisible(self.pane)

    def _show_figures(self) -> None:
        self.table.setRowCount(len(self._figures))
        for r, figure in enumerate(self._figures):
            spec = self._policy.catalogue[figure.parameter]
            cells = (
                self._policy.regions[figure.region].name,
                spec.label,
                value_text(spec, figure.value),
                figure.start.isoformat(),
                figure.end.isoformat() if figure.end else "",
                basis_text(figure),
                figure.note,
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == BASIS_COLUMN and figure.source is not None:  # the document's title and issuer in full
                    item.setToolTip(plain_tooltip(pack_document_text(figure.source)))  # a pack's words, as written
                self.table.setItem(r, c, item)
        self._selection_changed()

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _selection_changed(self) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _add(self) -> None:
        self._edited_bands = ("", ())
        self.note_edit.clear()
        self.end_check.setChecked(False)
        self._fill_parameters()
        for field in self.value_fields.values():
            field.clear()
        self._set_editing(len(self._figures))
        self.parameter_box.setFocus()

    def _edit_selected(self) -> None:
        index = self._selected()
        if index is None:
            return
        figure = self._figures[index]
        self._edited_bands = (figure.parameter, tuple(figure.value) if isinstance(figure.value, dict) else ())
        self.city_box.setCurrentIndex(self.city_box.findData(figure.region))
        self._fill_parameters(also=figure.parameter)
        self.parameter_box.setCurrentIndex(self.parameter_box.findData(figure.parameter))
        self.start_edit.set_date(figure.start)
        self.end_check.setChecked(figure.end is not None)
        if figure.end is not None:
            self.end_edit.set_date(figure.end)
        for field in self.value_fields.values():
            field.clear()
        if isinstance(figure.value, dict):  # flat, keys joined as the fields are
            for key, number in figure.value.items():
                if key in self.value_fields:
                    self.value_fields[key].setText(str(number))
        elif isinstance(figure.value, bool):
            if self.flag_box is not None:
                self.flag_box.setCurrentIndex(0 if figure.value else 1)
        elif figure.value is not None and "" in self.value_fields:
            self.value_fields[""].setText(str(nested_value(figure.value)))
        if self.absent_check is not None:
            self.absent_check.setChecked(figure.value is None)
        self.note_edit.setText(figure.note)
        self._set_editing(index)

    def _delete_selected(self) -> None:
        index = self._selected()
        if index is None:
            return
        del self._figures[index]
        self._set_editing(None)
        self._show_figures()

    # ------------------------------------------------------------ edit pane

    def _set_editing(self, index: int | None) -> None:
        self._editing = index
        self.pane.setEnabled(index is not None)
        self.pane.setTitle("编辑" if index is None or index < len(self._figures) else "新增")
        self._clear_errors()

    def _fill_parameters(self, also: str | None = None) -> None:
        """Only the parameters the documents leave open for the chosen city on the date (plus the one being edited)."""
        city = str(self.city_box.currentData())
        names = open_parameters(self._policy, city, self._on)
        if also is not None and also not in names:
            names.append(also)
        missing = self._missing if city == self._city else []
        names = [*missing, *(name for name in names if name not in missing)]  # what the case lacks, first
        current = self.parameter_box.currentData()
        self.parameter_box.blockSignals(True)
        self.parameter_box.clear()
        for name in names:
            self.parameter_box.addItem(self._label(name) + (MISSING_MARK if name in missing else ""), name)
        self.parameter_box.setCurrentIndex(max(0, self.parameter_box.findData(current)))
        self.parameter_box.blockSignals(False)
        self._build_value_fields()

    def _label(self, parameter: str) -> str:
        spec = self._policy.catalogue.get(parameter)
        return spec.label if spec is not None else parameter

    def _spec(self) -> ParameterSpec | None:
        name = self.parameter_box.currentData()
        return None if name is None else self._policy.catalogue[str(name)]

    def _build_value_fields(self) -> None:
        """One field for a single figure, one per tier, sex, status or band for a table, a 是/否 box for a flag."""
        self._add_value_fields()
        give_mnemonics(self)  # the new rows' labels get their Alt+letters

    def _add_value_fields(self) -> None:
        while self.value_form.rowCount():
            self.value_form.removeRow(0)
        self.value_fields = {}
        self.flag_box = None
        self.absent_check = None
        spec = self._spec()
        if spec is None:
            self.hint.setText("该城市在此日期没有需要本地录入的参数")
            return
        self.hint.setText(HINTS[spec.unit])
        if spec.may_be_absent:
            self.absent_check = QCheckBox(ABSENT_TEXT, self.value_box)
            self.absent_check.setToolTip(ABSENT_TIP)
            self.absent_check.toggled.connect(self._absent_toggled)
            self.value_form.addRow(self.absent_check)
        if spec.unit == "flag":
            self.flag_box = QComboBox(self.value_box)
            self.flag_box.addItems(["是", "否"])
            self.value_form.addRow(self.flag_box)
            return
        if spec.by is None:
            self.value_fields[""] = QLineEdit(self.value_box)
            self.value_form.addRow(self.value_fields[""])
            return
        keys = [""]
        for dim in spec.dims:  # every combination, the first dimension outermost: 一级·在职, 一级·退休, 二级·在职 …
            keys = [KEY_SEPARATOR.join(filter(None, (k, d))) for k in keys for d in FIXED_KEYS.get(dim) or THRESHOLD_KEYS[dim]]
        parameter, bands = self._edited_bands
        if len(spec.dims) == 1 and spec.dims[0] in THRESHOLD_KEYS and parameter == self.parameter_box.currentData():
            keys = sorted({*keys, *bands}, key=int)
        for key in keys:
            field = QLineEdit(self.value_box)
            self.value_fields[key] = field
            self.value_form.addRow(key_label(spec, key, keys), field)

    def _absent_toggled(self, absent: bool) -> None:
        """本市不设此项: the value fields have nothing to hold."""
        for field in self.value_fields.values():
            field.setEnabled(not absent)

    def _raw_value(self) -> object:
        """The value as typed, nested like the files write it; a threshold band above the lowest left blank is unset.

        None: 本市不设此项 is ticked."""
        if self.absent_check is not None and self.absent_check.isChecked():
            return None
        if self.flag_box is not None:
            return self.flag_box.currentText()
        spec = self._spec()
        rate = spec is not None and spec.unit == "rate"
        if "" in self.value_fields:
            return _as_written(self.value_fields[""].text(), rate)
        dims = spec.dims if spec is not None else ()
        nested: dict[str, object] = {}
        for joined, field in self.value_fields.items():
            parts = joined.split(KEY_SEPARATOR)
            unset = any(d in THRESHOLD_KEYS and p != THRESHOLD_KEYS[d][0] for d, p in zip(dims, parts, strict=True))
            if unset and not field.text().strip():
                continue
            level = nested
            for part in parts[:-1]:
                level = level.setdefault(part, {})  # type: ignore[assignment]
            level[parts[-1]] = _as_written(field.text(), rate)
        return nested

    def _save_edit(self) -> bool:
        """Check the pane through the state layer and put the figure in the list; False (field marked) if refused."""
        if self._editing is None:
            return True
        self._clear_errors()
        parameter = self.parameter_box.currentData()
        if parameter is None:
            self._show_error("parameter", "请选择项目", self.parameter_box)
            return False
        start, end = self.start_edit.date(), self.end_edit.date()
        if start is None or (end is None and self.end_check.isChecked()):
            field, edit = ("start", self.start_edit) if start is None else ("end", self.end_edit)
            self._show_error(field, edit.problem() or "")
            return False
        others = [f for i, f in enumerate(self._figures) if i != self._editing]
        try:
            figure = make_local_figure(
                self._policy,
                parameter=str(parameter),
                region=str(self.city_box.currentData()),
                start=start,
                end=end if self.end_check.isChecked() else None,
                raw_value=self._raw_value(),
                note=self.note_edit.text(),
                existing=others,
            )
        except InputError as exc:
            self._show_error(exc.field, exc.problem)
            return False
        if self._editing < len(self._figures):
            self._figures[self._editing] = figure
        else:
            self._figures.append(figure)
        self._set_editing(None)
        self._show_figures()
        return True

    def _field_widgets(self, field: str) -> list[QWidget]:
        base, _, key = field.partition(".")
        fixed: dict[str, QWidget] = {
            "parameter": self.parameter_box, "region": self.city_box, "start": self.start_edit.edit,
            "end": self.end_edit.edit, "note": self.note_edit,
        }
        if base in fixed:
            return [fixed[base]]
        if key and key in self.value_fields:
            return [self.value_fields[key]]
        return [*self.value_fields.values(), *([self.flag_box] if self.flag_box is not None else [])]

    def _show_error(self, field: str, problem: str, widget: QWidget | None = None) -> None:
        base, _, key = field.partition(".")
        label = FIELD_LABELS.get(f"local_figure.{base}", base)
        spec = self._spec()
        if key and spec is not None and spec.dims:
            label = f"{label}（{key_label(spec, key, list(self.value_fields))}）"
            problem = problem.removeprefix(f"“{key}”一栏：")
        for target in [widget] if widget is not None else self._field_widgets(field):
            target.setProperty("invalid", True)
            target.style().unpolish(target)
            target.style().polish(target)
        self.error.setText(f"{label}：{problem}")

    def _clear_errors(self) -> None:
        self.error.clear()
        for target in self.findChildren(QWidget):
            if target.property("invalid"):
                target.setProperty("invalid", False)
                target.style().unpolish(target)
                target.style().polish(target)

    def accept(self) -> None:
        """OK saves the list when the figure being edited (if any) is valid, merged with what another program saved
        since the dialog opened; a clash or a write that fails keeps the dialog open and says why at the top."""
        if not self._save_edit():
            return
        try:
            self._figures = save_edits(self._policy, self._opened, self._figures)
        except InputError as exc:
            self._say(exc.problem)
            self._show_figures()
            return
        except OSError as exc:
            self._say(f"本地录入参数未能保存（{describe_os_error(exc)}），修改仍在本对话框中：可稍后再按“确定”，"
                      "或按“取消”放弃修改")
            self._show_figures()
            return
        super().accept()

    def _say(self, text: str, kind: Literal["problem", "done", "todo"] = "problem") -> None:
        """The line at the top: what was not saved and why (red), what was saved (green), or what is to fill in."""
        self.notice.setText(text)
        self.notice.setStyleSheet(NOTICE_STYLES[kind])
        self.notice.show()

    # ------------------------------------------------------------ packs

    def import_pack(self, path: str | None = None) -> bool:
        """Add a bureau's pack and save it at once, as ``yibao figures import`` does, and say so at the top; a bad
        pack, an overlap (with the saved figures or with this list's) or a write that fails changes nothing."""
        if path is None:
            path = ask_open_path(self, "导入本地录入参数数据包", PACK_FILTER)
            if not path:
                return False
        self._set_editing(None)
        try:
            pack = read_pack(self._policy, Path(path))
            listed, _same = merge(self._policy, self._figures, pack.figures)  # nor may it clash with what is typed here
            imported = import_saved(self._policy, pack)
        except (InputError, OSError) as exc:  # a PackError, a WriteError: each a Chinese line naming what is wrong
            self._say(str(exc))
            return False
        pending = len(self._figures) != len(self._opened) or any(f not in self._opened for f in self._figures)
        self._opened = (*self._opened, *imported.added)  # saved now: 确定 keeps them as any figure saved before
        self._imported = imported.saved
        self._figures = listed
        self._show_figures()
        already = f"，{imported.same}条已有相同的" if imported.same else ""
        others = "本对话框中的其他修改仍需按“确定”保存。" if pending else ""
        damaged = f"（{imported.message}）" if imported.message else ""
        self._say(f"已导入“{pack.issuer}”的{len(imported.added)}条参数并已保存{already}，计算即用。{others}{damaged}", "done")
        return True

    def export_pack(self, path: str | None = None) -> bool:
        """Write the listed figures as a pack another hall can import."""
        self.error.clear()
        if not self._figures:
            self._say("没有可导出的本地录入参数")
            return False
        if path is None:
            name = f"本地录入参数-{date.today():%Y%m%d}.json"
            path = ask_save_path(self, "导出本地录入参数数据包", name, PACK_FILTER)
            if not path:
                return False
        try:
            write_pack(Path(path), self._figures, default_issuer(self._figures), date.today())
        except OSError as exc:  # a WriteError: the message names the file and the problem
            self._say(str(exc))
            return False
        self._say(f"已导出{len(self._figures)}条参数到 {path}", "done")
        return True

    def invalid_fields(self) -> list[QWidget]:
        """The widgets currently marked red (for tests)."""
        return [w for w in self.findChildren(QWidget) if w.property("invalid")]



def _as_written(text: str, rate: bool) -> str:
    """A share typed as a percentage (85%) in the files' written form (0.85), as every other field reads it; anything
    else goes to the state layer as typed, which checks it and names what is wrong."""
    if not rate or not text.strip().endswith("%"):
        return text
    try:
        return format(parse_share(text), "f")
    except InputProblem:
        return text
