"""The presenter without Qt: the case in; result, problem and staleness out (figures from 烟政字〔2023〕109号)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from yibao.rules import Request, Result, calculate
from yibao.ui.presenter import Presenter, Problem, VisitRow


def presenter() -> tuple[Presenter, dict[str, list[object]]]:
    p = Presenter("yantai", date(2024, 6, 1))
    seen: dict[str, list[object]] = {"computed": [], "failed": [], "stale": [], "loaded": []}
    p.computed.connect(seen["computed"].append)
    p.failed.connect(seen["failed"].append)
    p.stale_changed.connect(seen["stale"].append)
    p.loaded.connect(lambda: seen["loaded"].append(True))
    p.compute = calculate
    return p, seen


def test_the_presenter_imports_no_qt() -> None:
    script = "import sys, yibao.ui.presenter; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "False"


def test_109号_二二1_an_edit_gives_a_result() -> None:
    p, seen = presenter()
    p.set("contribution.monthly_base", "6000")
    result = seen["computed"][-1]
    assert isinstance(result, Result) and result.contribution is not None
    assert result.contribution.employer_monthly == 480  # 6000 × 8%
    assert p.dirty and p.problem is None and not p.stale


def test_bad_input_names_the_field_and_makes_the_figures_stale() -> None:
    p, seen = presenter()
    p.set("contribution.monthly_base", "6000")
    shown = p.result
    p.set("contribution.monthly_base", "6000abc")
    assert seen["failed"] == [Problem("contribution.monthly_base", p.problem.message if p.problem else "")]
    assert p.problem is not None and p.problem.message.startswith("月缴费基数：")
    assert seen["stale"] == [True] and p.stale
    assert p.result is shown  # the last figures stay, marked stale
    p.set("contribution.monthly_base", "6000")
    assert seen["stale"] == [True, False] and p.problem is None


def test_a_bad_visit_cell_is_named_by_row_and_column() -> None:
    p, _seen = presenter()
    p.add_visit("outpatient")
    assert p.problem is None  # not yet left: not an error
    p.leave_visit(0)
    assert p.problem == Problem("visits[0].in_scope", "第1条就诊·政策范围内：必须填写")
    p.set_visit(0, in_scope="2000", out_of_scope="-5")
    assert p.problem is not None and p.problem.field == "visits[0].out_of_scope"
    p.set_visit(0, out_of_scope="100")
    assert p.result is not None and p.result.visits is not None
    assert p.result.visits[0].fund_pays == 840  # tier 3: (2000 − 600) × 60%


def test_a_batch_is_computed_once() -> None:
    p, seen = presenter()
    with p.batch():
        p.set("contribution.monthly_base", "6000")
        p.set("person.age", 50)
        p.add_visit("outpatient")
        p.set_visit(0, in_scope="1000", tier=1)
    assert len(seen["computed"]) == 1
    assert p.request is not None and p.request.person is not None and p.request.person.age == 50


def test_a_loaded_case_fills_every_field_and_is_not_dirty() -> None:
    p, seen = presenter()
    request = Request.model_validate({
        "city": "jinan", "on": "2025-03-01",
        "person": {"employment": "flexible", "retired": False, "sex": "female", "age": 45},
        "contribution": {"monthly_base": "5000", "flexible_option": "with_account"},
        "visits": [{"kind": "inpatient", "tier": 2, "in_scope": "12000"}],
        "year_to_date": {"inpatient_stays": 1},
        "retirement": {"paid_months": 200},
    })
    p.set("contribution.monthly_base", "1")
    p.load(request, request.city, request.on)
    assert seen["loaded"] == [True]
    assert p.values["city"] == "jinan" and p.values["on"] == date(2025, 3, 1)
    assert p.values["person.sex"] == "female" and p.values["contribution.monthly_base"] == "5000.00"
    assert p.values["contribution.flexible_option"] == "with_account"
    assert p.values["year_to_date.given"] and p.values["year_to_date.inpatient_stays"] == "1"
    assert p.visits == [VisitRow("inpatient", 2, "12000.00", "", "")]
    assert p.values["retirement.paid_months"] == "200"
    assert not p.dirty
    assert p.request is not None
    assert p.request.model_dump(exclude={"enrolment"}) == request.model_dump(exclude={"enrolment"})


def test_an_edited_case_is_unsaved_until_saved() -> None:
    p, _seen = presenter()
    assert not p.unsaved
    p.set("contribution.monthly_base", "6000")
    assert p.unsaved
    p.saved()
    assert not p.unsaved
    p.set("person.age", 41)
    assert p.unsaved


def test_109号_the_chosen_visit_is_settled_at_each_tier_and_kept() -> None:
    """Tier 3 of the first visit is the case's own figure: (2000 − 600) × 60% = 840; the choice follows the table."""
    p, _seen = presenter()
    p.add_visit("outpatient")
    p.set_visit(0, in_scope="2000")
    p.add_visit("outpatient")
    p.set_visit(1, in_scope="1000")
    variants, curves = p.tier_variants()
    assert variants is not None and curves is not None and variants.visit_index == 0
    assert variants.settled[3].fund_pays == 840
    assert p.tier_variants()[0] is variants  # kept while the visit and the year before it stay
    p.choose_visit(1)
    second, _curves = p.tier_variants()
    assert p.result is not None and p.result.visits is not None
    assert second is not None and second.visit_index == 1
    assert second.settled[3].fund_pays == p.result.visits[1].fund_pays
    p.load(None, "yantai", date(2024, 6, 1))
    assert p.chosen_visit == -1 and p.tier_variants() == (None, None)


def test_109号_the_comparison_is_kept_for_the_sheet() -> None:
    """6000 × 8% = 480 a month for the employer under 烟政字〔2023〕109号 (from 2024-01-01)."""
    from yibao.session import Session

    p, _seen = presenter()
    p.start(Session.open())
    p.set("contribution.monthly_base", "6000")
    comparison = p.compare(date(2023, 12, 31), date(2024, 6, 1))
    assert p.comparison is comparison
    assert comparison.after.contribution is not None and comparison.after.contribution.employer_monthly == 480
    p.forget_comparison()
    assert p.comparison is None
