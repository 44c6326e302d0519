"""Whatever is typed into whichever field, the presenter gives figures or one Chinese message naming the field;
it never raises, and a message never leaves the figures looking current (the guide: nothing crashes, whatever is
typed)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from yibao.rules import Result, calculate
from yibao.rules.models import YearToDate
from yibao.ui.presenter import Presenter, Problem
from yibao.wording import FIELD_LABELS

TYPED_FIELDS = ["on", "contribution.monthly_base", "enrolment.first_contribution_month", "retirement.paid_months",
                "retirement.deemed_months", "retirement.last_monthly_base", "retirement.last_month_pension",
                "retirement.minimum_base", *(f"year_to_date.{key}" for key in YearToDate.model_fields)]
VISIT_FIELDS = ["in_scope", "out_of_scope", "self_pay_first"]
# What a clerk might type: digits with separators, units, dates, full-width digits, signs, exponents, markup, junk.
typed = st.one_of(
    st.text(alphabet="0123456789.,-+ eE元/年月日%１２３４５６７８９０．，<>&\"'\n\t", max_size=24),
    st.text(max_size=12),
    st.from_regex(r"-?\d{1,40}(\.\d{1,4})?", fullmatch=True),
    st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat),  # many with no rules in force
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TYPED_FIELDS + [f"visit.{f}" for f in VISIT_FIELDS]), typed), max_size=6),
       st.booleans())
def test_anything_typed_gives_figures_or_a_message_naming_the_field(edits: list[tuple[str, str]],
                                                                   ytd_given: bool) -> None:
    p = Presenter("yantai", date(2024, 6, 1))
    problems: list[Problem] = []
    results: list[Result] = []
    p.failed.connect(problems.append)
    p.computed.connect(results.append)
    p.compute = calculate
    p.set("year_to_date.given", ytd_given)
    p.add_visit("outpatient")
    p.set_visit(0, in_scope="1000")  # a blank amount would be the first problem whatever else is typed
    for field, text in edits:
        problems.clear()
        results.clear()
        if field.startswith("visit."):
            p.set_visit(0, **{field.removeprefix("visit."): text})
        else:
            p.set(field, text)
        if p.problem is not None:
            assert p.stale or p.result is None
            assert p.problem.message and "Traceback" not in p.problem.message
            label = p.problem.message.split("：", 1)[0]
            assert label in FIELD_LABELS.values() or label.startswith("第"), p.problem  # 第1条就诊·政策范围内
        else:
            assert p.result is not None and not p.stale
