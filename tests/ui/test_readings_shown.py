"""Readings of unclear clauses are said where users see them: a 解读 mark on the figure and the reading under the tabs."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from window_helpers import open_window, set_case, type_into


def test_社会保险法第二十七条_retiree_premium_marked_解读_with_the_reading_listed(qtbot: QtBot) -> None:
    """Weifang retiree, years not checked: 0.00 under art. 27, taken as met (reading retiree-years-assumed)."""
    window = open_window(qtbot)
    set_case(window, city="weifang", on=date(2024, 6, 1), retired=True, age=65)
    type_into(qtbot, window.contribution_tab.base, "6000")
    rows = {row[0]: row for row in window.contribution_tab.lines.row_texts()}
    employer = rows["单位缴费（退休人员，每月）"]
    assert employer[1] == "0.00（解读）"
    assert "第二十七条" in employer[3]
    notes = window.notes.toPlainText()
    assert "解读" in notes and "未填写缴费年限时，退休人员按已达到规定年限计" in notes
    assert "另一种理解" in notes


def test_济宁_三二3_unfilled_last_base_is_asked_for_not_offered_as_a_local_figure(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, city="jining", on=date(2024, 6, 1), retired=True, age=60)
    type_into(qtbot, window.retirement_tab.paid, "60")
    notes = window.notes.toPlainText()
    assert "还需填写" in notes and "最后一次缴费基数" in notes
    assert "最后一次缴费基数" not in notes.split("还需填写")[0]  # not among the figures the documents leave open


def test_济宁_三二3_never_enrolled_retiree_pays_on_the_pension_floored_at_the_minimum_base(qtbot: QtBot) -> None:
    """Pension 3000 below the year's minimum base 3500: 3500 × 7% × 120 months = 29,400.00 (employer pays)."""
    window = open_window(qtbot)
    set_case(window, city="jining", on=date(2024, 6, 1), retired=True, age=60)
    tab = window.retirement_tab
    type_into(qtbot, tab.paid, "0")
    tab.never_enrolled.setChecked(True)
    type_into(qtbot, tab.pension, "3000")
    type_into(qtbot, tab.minimum_base, "3500")
    rows = {row[0]: row for row in tab.lines.row_texts()}
    assert rows["一次性补缴金额"][1].startswith("29400.00") or rows["一次性补缴金额"][1].startswith("29,400.00")
    assert "取其高者" in rows["一次性补缴金额"][2]


def test_184号_三二_years_not_stated_gives_no_make_up_verdict(qtbot: QtBot) -> None:
    """Yantai 2025: the minimum is not stated, so the tab cannot say 无需补缴."""
    window = open_window(qtbot)
    set_case(window, city="yantai", on=date(2025, 6, 1), age=59)
    type_into(qtbot, window.retirement_tab.paid, "280")
    assert window.retirement_tab.summary.value("一次性补缴金额") == "无法判断（最低缴费年限文件未规定）"
    assert window.retirement_tab.summary.value("累计缴费年限").startswith("280个月")
