"""退休缴费年限: paid and deemed months and the last base in; required, counted, shortfall and make-up out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from yibao.ui.fields import AmountEdit, CountEdit
from yibao.ui.lines import LinesTable
from yibao.ui.pages import RETIREMENT_HINT
from yibao.ui.summary import SummaryGrid
from yibao.ui.tabs import QuestionTab
from yibao.wording import NOT_STATED, figure_name, label, months, yuan

if TYPE_CHECKING:
    from yibao.headline import Headline
    from yibao.rules import Result
    from yibao.rules.models import RetirementResult
    from yibao.ui.headline_box import HeadlineBox
    from yibao.ui.presenter import Presenter

# as the headline says it: with the minimum years 文件未规定, whether they are reached cannot be judged
ELIGIBLE_TEXT = {True: "已满足", False: "未满足", None: "无法判断"}


def months_text(count: int | None) -> str:
    return NOT_STATED if count is None else months(count)


class RetirementTab(QuestionTab):
    question = "retirement"
    hint = RETIREMENT_HINT
    sections = ("retirement",)

    def __init__(self, presenter: Presenter, headline: HeadlineBox, parent: QWidget | None = None) -> None:
        super().__init__(presenter, headline, parent)
        self.paid = CountEdit(label("retirement.paid_months"), maximum=1200, unit="个月")
        self.paid.setPlaceholderText("例如 280")
        self.deemed = CountEdit(label("retirement.deemed_months"), maximum=1200, unit="个月")
        self.deemed.setPlaceholderText("没有则不填")
        self.last_base = AmountEdit(label("retirement.last_monthly_base"), "用于计算一次性补缴（可不填）")
        # Jining 三(二)3: a retiree who never joined pays on last month's pension (floored at the year's minimum base)
        self.never_enrolled = QCheckBox(f"退休时{label('retirement.never_enrolled')}")
        self.pension = AmountEdit(label("retirement.last_month_pension"), "从未参保的企业退休人员填写")
        self.minimum_base = AmountEdit(label("retirement.minimum_base"), "从未参保的企业退休人员填写")
        form = QFormLayout()
        self._paths = {self.paid: "retirement.paid_months", self.deemed: "retirement.deemed_months",
                       self.last_base: "retirement.last_monthly_base", self.pension: "retirement.last_month_pension",
                       self.minimum_base: "retirement.minimum_base"}
        self.fields = {path: edit for edit, path in self._paths.items()}
        for text, edit in ((f"{self.paid.label}(&P)", self.paid), (f"{self.deemed.label}(&V)", self.deemed),
                           (f"{self.last_base.label}（元）(&L)", self.last_base),
                           (f"{self.pension.label}（元）(&J)", self.pension),
                           (f"{self.minimum_base.label}（元）(&N)", self.minimum_base)):
            caption = QLabel(text)
            caption.setBuddy(edit)
            form.addRow(caption, edit)
            edit.textChanged.connect(lambda text, path=self._paths[edit]: presenter.set(path, text))
            if edit is self.last_base:
                form.addRow("", self.never_enrolled)
        self.never_enrolled.toggled.connect(lambda on: presenter.set("retirement.never_enrolled", on))
        self.summary = SummaryGrid(3)
        self.lines = LinesTable()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.lines, 1)
        self.load()

    def input_widgets(self) -> list[QWidget]:
        return [self.paid, self.deemed, self.last_base, self.never_enrolled, self.pension, self.minimum_base]

    def result_widgets(self) -> list[QWidget]:
        return [self.summary, self.lines]

    def load(self) -> None:
        """Every field from the presenter, without echoing the edits back."""
        for edit, path in self._paths.items():
            blocked = edit.blockSignals(True)
            edit.setText(self.presenter.values[path])
            edit.blockSignals(blocked)
        blocked = self.never_enrolled.blockSignals(True)
        self.never_enrolled.setChecked(bool(self.presenter.values["retirement.never_enrolled"]))
        self.never_enrolled.blockSignals(blocked)

    def answer(self, result: Result) -> Headline | None:
        from yibao.headline import retirement_headline

        retirement = result.retirement
        return retirement_headline(retirement, result.needs_input) if retirement is not None else None

    def draw(self, result: Result) -> None:
        self._show(result.retirement)

    def _show(self, result: RetirementResult | None) -> None:
        if result is None:
            self.summary.set_rows([])  # the headline above already says what to type
            self.lines.show_lines([])
            return
        self.summary.set_rows([
            (figure_name("retirement.required_months"), months_text(result.required_months)),
            (figure_name("retirement.counted_months"), months_text(result.counted_months)),
            (figure_name("retirement.shortfall_months"), months_text(result.shortfall_months)),
            (figure_name("retirement.eligible"), ELIGIBLE_TEXT[result.eligible]),
            (figure_name("retirement.makeup_amount"), _makeup_text(result)),
        ])
        self.lines.show_lines(result.lines)


def _makeup_text(result: RetirementResult) -> str:
    """No make-up verdict without an eligibility verdict."""
    if result.eligible is None:
        return f"无法判断（最低缴费年限{NOT_STATED}）"
    return "无需补缴" if result.eligible else yuan(result.makeup_amount)
