"""省级统筹调剂金测算: for a city's fund managers (what the city remits, and who carries a deficit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao.rules import InputError, Request, Result
from yibao.rules.errors import from_validation_error
from yibao.rules.inputs import InputProblem, normalise, parse_amount, parse_share
from yibao.rules.models import FUND_MAXIMUM, FundInput, FundResult
from yibao.sheet import SheetHeader, plain_text, preview_dialog, write_pdf
from yibao.ui.dialogs.common import give_mnemonics, open_size, scrolling
from yibao.ui.dialogs.files import ask_save_path
from yibao.ui.dialogs.messages import notify
from yibao.ui.fields import plain_tooltip
from yibao.ui.lines import LinesTable
from yibao.wording import FIELD_LABELS, NOT_STATED, cn_date, yuan

NOTE = ("省定分担比例由省每年确定，请按当年省医疗保障行政部门公布的比例填写；本软件不内置该比例。"
        "上解比例、分担上限等其余数字来自政策文件，见下方各行的依据。")
INVALID_STYLE = "background: #ffe4e4; border: 1px solid #c00000;"
ERROR_STYLE = "color: #c00000;"


@dataclass(frozen=True)
class Field:
    name: str  # FundInput field
    label: str
    unit: str  # 元 or %
    required: bool


FIELDS = (
    Field("last_year_premium_income", FIELD_LABELS["fund.last_year_premium_income"], "元", True),
    Field("last_year_remittance", FIELD_LABELS["fund.last_year_remittance"], "元", True),
    Field("deficit", FIELD_LABELS["fund.deficit"], "元", False),
    Field("province_share_ratio", FIELD_LABELS["fund.province_share_ratio"], "%", True),
    Field("accumulated_surplus", FIELD_LABELS["fund.accumulated_surplus"], "元", False),
    Field("city_share_ratio", FIELD_LABELS["fund.city_share_ratio"], "%", False),
)
CITY_SHARE = "city_share_ratio"

# What the dialog shows as results, with the FundResult attribute and the line key that carries it.
OUTCOMES = (
    ("remittance", "remittance", "本年上解调剂金"),
    ("adjustment_fund_pays", "adjustment", "调剂金分担"),
    ("surplus_pays", "surplus", "累计结余弥补"),
    ("unfunded", "unfunded", "仍有缺口"),
    ("city_fund_pays", "city_fund", "其中：市职工医保基金分担"),
    ("district_finance_pays", "district_finance", "其中：区市财政分担"),
)


class FieldProblem(Exception):
    """A typed value that cannot be used; the message names the field."""


def parse(field: Field, text: str) -> Decimal | None:
    """'1,000,000' → 1000000 元; '50' → 0.5 in a field shown in %; blank → None. Raises FieldProblem."""
    if not normalise(text):
        if field.required:
            raise FieldProblem("必须填写")
        return None
    try:
        if field.unit == "%":
            return parse_share(text, percent=True)
        return parse_amount(text, maximum=FUND_MAXIMUM)
    except InputProblem as exc:
        raise FieldProblem(str(exc)) from None


class FundDialog(QDialog):
    """Live recompute as the user types; a field that cannot be read turns red and is named in the message."""

    def __init__(self, city: str, city_name: str, on: date, compute: Callable[[Request], Result],
                 parent: QWidget | None = None, header: SheetHeader | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"省级统筹调剂金测算 — {city_name}")
        self._city, self._city_name, self._on, self._compute = city, city_name, on, compute
        self._request: Request | None = None
        self._result: Result | None = None
        self._header = header or SheetHeader()

        note = QLabel(NOTE)
        note.setWordWrap(True)
        note.setStyleSheet("background: #fff8e0; padding: 6px;")
        self.edits: dict[str, QLineEdit] = {}
        inputs = QGroupBox(f"{city_name} · {cn_date(on)}（金额单位：元）")
        form = QFormLayout(inputs)
        for field in FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(field.label)
            edit.setPlaceholderText("如 50" if field.unit == "%" else ("0" if not field.required else "必填"))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textChanged.connect(self.recompute)
            self.edits[field.name] = edit
            form.addRow(f"{field.label}（{field.unit}）", edit)
        self._form = form
        form.setRowVisible(self.edits[CITY_SHARE], False)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it repeats typed text
        self.message.setWordWrap(True)

        results = QGroupBox("测算结果")
        self._results_form = QFormLayout(results)
        self.figures: dict[str, QLabel] = {}
        for attribute, _key, label in OUTCOMES:
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            self.figures[attribute] = value
            self._results_form.addRow(label, value)
        self.lines = LinesTable()
        self.copy_button = QPushButton("复制文本")
        self.copy_button.clicked.connect(self.copy_text)
        self.preview_button = QPushButton("打印预览…")
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button = QPushButton("另存为 PDF…")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        buttons = QDialogButtonBox()
        for button in (self.copy_button, self.preview_button, self.pdf_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QPushButton("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(note)
        body_layout.addWidget(inputs)
        body_layout.addWidget(self.message)
        body_layout.addWidget(results)
        body_layout.addWidget(self.lines, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(buttons)
        give_mnemonics(self)
        next(iter(self.edits.values())).setFocus()
        open_size(self, 820, 860)
        self.recompute()

    def request(self) -> Request | None:
        """The last valid request (city, on, fund)."""
        return self._request

    def result(self) -> Result | None:  # type: ignore[override]  # QDialog.result() is the exit code
        return self._result

    def recompute(self) -> None:
        values: dict[str, Decimal] = {}
        problems: list[str] = []
        blank: list[str] = []
        for field in FIELDS:
            edit = self.edits[field.name]
            try:
                value = parse(field, edit.text())
            except FieldProblem as exc:
                if edit.text().strip():
                    problems.append(f"{field.label}：{exc}")
                    self._mark(edit, str(exc))
                else:
                    blank.append(field.label)
                    self._mark(edit, None)
                continue
            self._mark(edit, None)
            if value is not None:
                values[field.name] = value
        if problems or blank:
            self._stale(problems, blank)
            return
        try:
            request = Request(city=self._city, on=self._on, fund=FundInput(**values))
            result = self._compute(request)
        except ValidationError as exc:
            self._stale([str(from_validation_error(exc))], [])
            return
        except InputError as exc:
            self._stale([exc.shown()], [])
            return
        self._request, self._result = request, result
        self._show(result)

    def as_text(self) -> str:
        """The inputs, results and every line's arithmetic and clause, as the printed sheet writes them."""
        return "" if self._request is None or self._result is None else plain_text(self._request, self._result)

    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())

    def preview(self) -> None:
        """The same A4 sheet as the counter's, with the fund section: preview, then print or PDF from there."""
        if self._request is not None and self._result is not None:
            try:
                preview_dialog(self, self._request, self._result, self._header)
            except OSError as exc:  # printed from the preview to a printer or file that failed
                notify(self, "warning", "无法打印", f"测算单没有打印出来：{exc}")

    def save_pdf(self, path: str | None = None) -> None:
        if self._request is None or self._result is None:
            return
        if path is None:
            path = ask_save_path(self, "另存为 PDF", f"调剂金测算-{self._city_name}-{self._on:%Y-%m-%d}.pdf",
                                 "PDF 文件 (*.pdf)")
        if path:
            try:
                write_pdf(path, self._request, self._result, self._header)
            except OSError as exc:
                notify(self, "warning", "无法保存", str(exc))  # names the file and the cause

    def _mark(self, edit: QLineEdit, problem: str | None) -> None:
        edit.setStyleSheet(INVALID_STYLE if problem else "")
        edit.setToolTip(plain_tooltip(problem) if problem else "")

    def _stale(self, problems: list[str], blank: list[str]) -> None:
        """Input that cannot be computed: say why; the last figures stay, greyed out."""
        text = "；".join(problems)
        if blank:
            text += ("；" if text else "") + "请填写：" + "、".join(blank)
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if problems else "")
        for button in (self.copy_button, self.preview_button, self.pdf_button):
            button.setEnabled(False)
        for label in self.figures.values():
            label.setEnabled(False)
        self.lines.setEnabled(False)

    def _show(self, result: Result) -> None:
        fund = result.fund
        assert fund is not None
        keys = {line.key for line in fund.lines}
        for attribute, key, _label in OUTCOMES:
            label = self.figures[attribute]
            amount = getattr(fund, attribute)
            label.setText(f"{NOT_STATED}或需填写" if amount is None else yuan(amount))
            label.setEnabled(True)
            self._results_form.setRowVisible(label, key in keys)
        self._show_city_share(fund)
        self.lines.show_lines(fund.lines)
        self.lines.setEnabled(True)
        for button in (self.copy_button, self.preview_button, self.pdf_button):
            button.setEnabled(True)
        missing = [f"{m.label}：{m.reason}" for m in result.missing]
        self.message.setText("；".join(missing))
        self.message.setStyleSheet(ERROR_STYLE if missing else "")

    def _show_city_share(self, fund: FundResult) -> None:
        """The city's share is asked for only where the result splits what remains unfunded (Yantai)."""
        edit = self.edits[CITY_SHARE]
        needed = any(line.key == "city_fund" for line in fund.lines)
        self._form.setRowVisible(edit, needed or bool(edit.text().strip()))
