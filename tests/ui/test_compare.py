"""不同级别医院对比: figures from the hand-worked Yantai cases (烟政字〔2023〕109号 二(三)1)."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import not_none

from yibao.rules import InputError, Request, Result, calculate
from yibao.sheet.tiers import ROWS
from yibao.ui.tabs.compare import CHOSEN_BACKGROUND, NO_VISIT_HINT, TierComparison, headline
from yibao.ui.tiers import tier_variants
from yibao.wording import NOT_STATED

PERSON = {"employment": "enterprise", "sex": "male", "age": 40}


def yantai(*visits: dict[str, Any], on: str = "2024-06-01") -> Request:
    return Request.model_validate({"city": "yantai", "on": on, "person": PERSON, "visits": list(visits)})


def outpatient(tier: int, in_scope: str, **extra: str) -> dict[str, Any]:
    return {"kind": "outpatient", "tier": tier, "in_scope": in_scope, **extra}


def show_bill(widget: TierComparison, request: Request, index: int, compute: Any = calculate) -> None:
    """As the window does: the year settled once, then the chosen visit at each tier."""
    try:
        widget.show_variants(tier_variants(request, calculate(request), index, compute))
    except InputError as exc:
        widget.show_problem(str(exc), error=True)


@pytest.fixture
def widget(qtbot: QtBot) -> TierComparison:
    w = TierComparison()
    qtbot.addWidget(w)
    return w


def test_yantai_2024_outpatient_2000_at_each_tier(widget: TierComparison) -> None:
    # Deductibles 200/400/600, shares 80/70/60%: (2000 − 200) × 80% = 1440, (2000 − 400) × 70% = 1120,
    # (2000 − 600) × 60% = 840.
    show_bill(widget, yantai(outpatient(3, "2000")), 0, calculate)
    assert widget.figures() == [
        ["2,000.00", "2,000.00", "2,000.00"],
        ["200.00", "400.00", "600.00"],
        ["1,440.00", "1,120.00", "840.00"],
        ["0.00", "0.00", "0.00"],
        ["560.00", "880.00", "1,160.00"],
        ["72%", "56%", "42%"],
    ]
    assert not_none(headline(widget.visits)).text == "同样的费用在一级及以下医疗机构个人少付 ¥600.00（与三级医疗机构相比）。"
    assert not_none(widget.table.verticalHeaderItem(4)).text() == ROWS[4] == "个人负担"


def test_chosen_tier_column_is_highlighted_and_its_lines_shown(widget: TierComparison) -> None:
    show_bill(widget, yantai(outpatient(2, "2000")), 0, calculate)
    headers = [not_none(widget.table.horizontalHeaderItem(c)).text() for c in range(3)]
    assert headers == ["一级及以下", "二级（本次）", "三级"]
    assert not_none(widget.table.item(0, 1)).background().color() == CHOSEN_BACKGROUND
    assert not_none(widget.table.item(0, 0)).background().color() != CHOSEN_BACKGROUND
    rows = {row[0]: row for row in widget.lines.row_texts()}
    assert rows["统筹基金支付"][1:3] == ("1,120.00", "(2,000.00 − 400.00) × 70% = 1,120.00")
    widget.table.horizontalHeader().sectionClicked.emit(2)
    rows = {row[0]: row for row in widget.lines.row_texts()}
    assert rows["统筹基金支付"][1] == "840.00"
    assert "三级" in widget.lines_title.text()


def test_earlier_visits_count_and_later_ones_are_dropped(widget: TierComparison) -> None:
    # A tier-1 visit of 150 already counted 150 of the deductible: tier 3 owes 450, (1000 − 450) × 60% = 330;
    # at tier 1 it owes 50, (1000 − 50) × 80% = 760.
    seen: list[Request] = []

    def compute(request: Request) -> Result:
        seen.append(request)
        return calculate(request)

    request = yantai(outpatient(1, "150"), outpatient(3, "1000"), outpatient(1, "5000"))
    show_bill(widget, request, 1, compute)
    # The visit is settled alone against the year as the rules core left it after the first visit.
    assert [len(r.visits or []) for r in seen] == [1, 1, 1]
    assert [(r.visits or [])[0].tier for r in seen] == [1, 2, 3]
    assert all(r.year_to_date is not None and r.year_to_date.outpatient_deductible_counted == 150 for r in seen)
    figures = widget.figures()
    assert figures[1] == ["50.00", "250.00", "450.00"]
    assert figures[2] == ["760.00", "525.00", "330.00"]
    assert figures[4] == ["240.00", "475.00", "670.00"]


def test_figure_not_in_the_documents_shows_not_given(widget: TierComparison) -> None:
    # 2023 retirees' outpatient share is not in the documents: fund and person are unknown, never 0.
    request = Request.model_validate({"city": "yantai", "on": "2023-06-01",
                                      "person": {**PERSON, "retired": True, "age": 65},
                                      "visits": [outpatient(1, "1000")]})
    show_bill(widget, request, 0, calculate)
    figures = widget.figures()
    assert figures[1] == ["500.00", "800.00", "800.00"]
    assert figures[2] == [NOT_STATED] * 3
    assert figures[4] == [NOT_STATED] * 3
    assert figures[5] == [NOT_STATED] * 3
    assert "无法比较" in not_none(headline(widget.visits)).text


def test_input_error_is_shown_in_red_not_raised(widget: TierComparison) -> None:
    def compute(request: Request) -> Result:
        raise InputError("visits[0].in_scope", "不能为负数")

    show_bill(widget, yantai(outpatient(1, "100")), 0, compute)
    assert widget.message.text() == "输入有误：visits[0].in_scope（第1条就诊·政策范围内）：不能为负数"
    assert "#c00000" in widget.message.styleSheet()
    assert widget.table.isHidden()


def test_no_visit_gives_a_hint(widget: TierComparison) -> None:
    show_bill(widget, yantai(outpatient(1, "100")), 0)
    show_bill(widget, Request.model_validate({"city": "yantai", "person": PERSON}), 0)
    assert widget.message.text() == NO_VISIT_HINT
    assert widget.table.isHidden()
    assert widget.message.styleSheet() == ""


def test_another_tiers_arithmetic_by_keyboard(widget: TierComparison, qtbot: QtBot) -> None:
    """Issue 21.15: Tab reaches the table, → and ← choose a tier. A 二级 visit of 2000 (109号 二(三)1): at 三级
    (2000 − 600) × 60% = 840, at 一级 (2000 − 200) × 80% = 1440."""
    from PySide6.QtCore import Qt

    show_bill(widget, yantai(outpatient(2, "2000")), 0, calculate)
    widget.show()
    assert widget.table.focusPolicy() != Qt.FocusPolicy.NoFocus
    widget.table.setFocus()
    qtbot.keyClick(widget.table, Qt.Key.Key_Right)
    assert {row[0]: row for row in widget.lines.row_texts()}["统筹基金支付"][1] == "840.00"
    assert "三级" in widget.lines_title.text()
    qtbot.keyClick(widget.table, Qt.Key.Key_Left)
    qtbot.keyClick(widget.table, Qt.Key.Key_Left)
    assert {row[0]: row for row in widget.lines.row_texts()}["统筹基金支付"][1] == "1,440.00"
