"""缴费测算: the monthly base in, the contributions, personal-account credit, yearly fees and coverage out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao.ui.fields import AmountEdit
from yibao.ui.lines import ColumnFitter, LinesTable
from yibao.ui.pages import BASE_HINT
from yibao.ui.person import combo, select
from yibao.ui.summary import SummaryGrid
from yibao.ui.tabs import QuestionTab
from yibao.vocabulary import OPTION_NAMES
from yibao.wording import NOT_STATED, choice_text, cn_date, figure_name, label, marked, yuan

if TYPE_CHECKING:
    from yibao.headline import Headline
    from yibao.rules import Result
    from yibao.rules.models import ContributionResult, CoverageResult
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Presenter

OPTIONS = tuple(OPTION_NAMES.items())
COVERED_TEXT = {True: "享受", False: "不享受", None: "见说明"}  # None: not stated, or not yet known
FLEXIBLE_ONLY = "缴费方式和“首次参保”只适用于灵活就业人员"


class ContributionTab(QuestionTab):
    question = "contribution"
    hint = BASE_HINT
    sections = ("contribution", "enrolment")

    def __init__(self, presenter: Presenter, headline: HeadlineBox, parent: QWidget | None = None) -> None:
        super().__init__(presenter, headline, parent)
        self.base = AmountEdit(label("contribution.monthly_base"), "例如 6000")
        self.base.setProperty("help", "在职和灵活就业人员的月缴费基数（元）；退休人员不缴费，可不填")
        self.option = combo(OPTIONS, label("contribution.flexible_option"))
        self.option.setToolTip("灵活就业人员可选的缴费方式，按所选城市的规定列出")
        self.option.setPlaceholderText("仅灵活就业人员选择")
        self.option_label = QLabel(f"{label('contribution.flexible_option')}(&G)")
        self.option_label.setBuddy(self.option)
        # Every way of paying side by side, with its rate, or the day it starts (the combo greys where only one is
        # offered: these say why, in the open, not in a tooltip).
        self.choices = [QLabel() for _ in OPTIONS]
        for choice in self.choices:
            choice.setWordWrap(True)
            choice.setTextFormat(Qt.TextFormat.PlainText)
        self.first_month = QLineEdit()
        self.first_month.setAccessibleName(label("enrolment.first_contribution_month"))
        self.first_month.setPlaceholderText("YYYY-MM，例如 2025-03（可不填）")
        self.first_enrolment = QCheckBox(label("enrolment.first_enrolment"))
        self.first_enrolment.setChecked(True)
        self.first_enrolment.setToolTip("灵活就业人员首次参保（济宁：连续缴费满6个月后享受待遇）")
        self.fields = {"contribution.monthly_base": self.base, "contribution.flexible_option": self.option,
                       "enrolment.first_contribution_month": self.first_month}

        form = QFormLayout()
        base_label = QLabel(f"{label('contribution.monthly_base')}（元）(&B)")
        base_label.setBuddy(self.base)
        form.addRow(base_label, self.base)
        form.addRow(self.option_label, self.option)
        choices_row = QHBoxLayout()
        for choice in self.choices:
            choices_row.addWidget(choice, 1)
        form.addRow(QLabel(label("contribution.flexible_choices")), choices_row)
        month_row = QHBoxLayout()
        month_row.addWidget(self.first_month)
        month_row.addWidget(self.first_enrolment)
        month_label = QLabel(f"{label('enrolment.first_contribution_month')}(&Y)")
        month_label.setBuddy(self.first_month)
        form.addRow(month_label, month_row)

        self.summary = SummaryGrid(3)
        self.lines = LinesTable()
        self._coverage_shown: CoverageResult | None = None
        self.benefits_from = QLabel()
        self.benefits_from.setWordWrap(True)
        self.coverage = QTableWidget(0, 4)
        self.coverage.setHorizontalHeaderLabels(["保障项目", "是否享受", "说明", "依据"])
        self.coverage.verticalHeader().setVisible(False)
        self.coverage.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.coverage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage.setWordWrap(True)
        header = self.coverage.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # 说明 and 依据 share what is left; both wrap
        # 保障项目 on two lines (退休人员医保待遇 / （最低缴费年限）): as wide as its whole text, it took half the table in
        # 大字模式 and pushed 依据 off to the right. Three rows always in sight.
        ColumnFitter(self.coverage, samples=("退休人员医保待遇", "是否享受"), pad=24)

        coverage_box = QWidget()
        coverage_layout = QVBoxLayout(coverage_box)
        coverage_layout.setContentsMargins(0, 0, 0, 0)
        coverage_layout.addWidget(QLabel("<b>保障范围与待遇享受时间</b>"))
        coverage_layout.addWidget(self.benefits_from)
        coverage_layout.addWidget(self.coverage)
        splitter = QSplitter(Qt.Orientation.Vertical)  # the clerk may give either table more room
        splitter.addWidget(self.lines)
        splitter.addWidget(coverage_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

        self.base.textChanged.connect(lambda text: presenter.set("contribution.monthly_base", text))
        self.option.activated.connect(
            lambda _i: presenter.set("contribution.flexible_option", self.option.currentData()))
        self.first_month.textChanged.connect(lambda text: presenter.set("enrolment.first_contribution_month", text))
        self.first_enrolment.toggled.connect(lambda on: presenter.set("enrolment.first_enrolment", on))
        self.load()

    def input_widgets(self) -> list[QWidget]:
        return [self.base, self.option, self.first_month, self.first_enrolment]

    def result_widgets(self) -> list[QWidget]:
        return [self.summary, self.lines, self.coverage]

    def load(self) -> None:
        """Every field from the presenter (a case loaded or a new one), without echoing the edits back."""
        values = self.presenter.values
        for widget in self.input_widgets():
            widget.blockSignals(True)
        try:
            self.base.setText(values["contribution.monthly_base"])
            self.first_month.setText(values["enrolment.first_contribution_month"])
            self.first_enrolment.setChecked(bool(values["enrolment.first_enrolment"]))
        finally:
            for widget in self.input_widgets():
                widget.blockSignals(False)
        self.set_flexible(self.presenter.flexible)

    def set_flexible(self, flexible: bool) -> None:
        """The way of paying and the first-enrolment box concern flexible workers only (said beside them)."""
        self.option_label.setEnabled(flexible)
        self.first_enrolment.setEnabled(flexible)
        if not flexible:
            self.option.setEnabled(False)
            self._show_choices([FLEXIBLE_ONLY])

    def answer(self, result: Result) -> Headline | None:
        from yibao.headline import contribution_headline

        request, contribution = self.presenter.request, result.contribution
        person = request.person if request is not None else None
        return contribution_headline(contribution, person) if contribution is not None and person is not None else None

    def draw(self, result: Result) -> None:
        self.set_flexible(self.presenter.flexible)
        self._show(result.contribution, result.coverage)

    def _show(self, result: ContributionResult | None, coverage: CoverageResult | None) -> None:
        if result is None:
            self.summary.set_rows([])  # the headline above already says what to type
            self.lines.show_lines([])
            if self.presenter.flexible:
                self._show_choices([])
        else:
            supplementary = result.supplementary_yearly
            self.summary.set_rows([
                (figure_name("contribution.employer_monthly"), yuan(result.employer_monthly)),
                (figure_name("contribution.individual_monthly"), yuan(result.individual_monthly)),
                (figure_name("contribution.personal_account_monthly"), yuan(result.personal_account_monthly)),
                (figure_name("contribution.supplementary_yearly.employer"), yuan(supplementary.employer)),
                (figure_name("contribution.supplementary_yearly.individual"), yuan(supplementary.individual)),
                (figure_name("contribution.supplementary_yearly.from_funds"), yuan(supplementary.from_funds)),
                (figure_name("contribution.supplementary_yearly.total"), yuan(supplementary.total)),
            ])
            self.lines.show_lines(result.lines)
            self._show_options(result.flexible_options_offered, result.flexible_option)
            if self.presenter.flexible:
                order = [value for value, _ in OPTIONS]  # as the box lists them
                chosen = sorted(result.flexible_choices, key=lambda c: order.index(c.option))
                self._show_choices([choice_text(c) for c in chosen])
        self._show_coverage(coverage)

    def _show_choices(self, texts: Sequence[str]) -> None:
        for shown, text in zip(self.choices, [*texts, *[""] * len(self.choices)], strict=False):
            shown.setText(text)
            shown.setVisible(bool(text))

    def _show_options(self, offered: Sequence[str], current: str | None) -> None:
        """Only the ways this city offers; a single way is shown but cannot be changed."""
        blocked = self.option.blockSignals(True)
        self.option.clear()
        for value, text in OPTIONS:
            if value in offered:
                self.option.addItem(text, value)
        select(self.option, current)
        self.option.setEnabled(len(offered) > 1 and self.presenter.flexible)
        self.option.blockSignals(blocked)

    def _show_coverage(self, coverage: CoverageResult | None) -> None:
        if coverage is None:
            self.benefits_from.setText("")
        elif coverage.benefits_from is not None:
            self.benefits_from.setText(f"开始享受待遇：{cn_date(coverage.benefits_from)}")
        elif self.presenter.values["enrolment.first_contribution_month"].strip():
            self.benefits_from.setText(f"开始享受待遇：{NOT_STATED}（见下表“待遇开始时间”）")
        else:
            self.benefits_from.setText("开始享受待遇：填写首次缴费月份后显示")
        if coverage == self._coverage_shown and coverage is not None:
            return
        self._coverage_shown = coverage
        items = coverage.items if coverage is not None else []
        self.coverage.setRowCount(len(items))
        for row, item in enumerate(items):
            sources = "；".join(dict.fromkeys(s.text() for s in item.sources)) or NOT_STATED
            covered = marked(COVERED_TEXT[item.covered], reading=bool(item.readings))
            for col, text in enumerate((item.label, covered, item.detail, sources)):
                self.coverage.setItem(row, col, QTableWidgetItem(text))


