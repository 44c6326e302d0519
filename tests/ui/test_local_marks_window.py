"""本地录入 said wherever a figure rests on a local figure: 医院级别对比's headline and tier table, and the 个人负担
line on the sheet (issue 21.4)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case, type_into

from yibao.headline import LOCAL_WORDS
from yibao.rules import LocalFigure, bundled_policy
from yibao.rules.policy import convert_value
from yibao.sheet import plain_text
from yibao.sheet.tiers import ROWS
from yibao.ui.lines import LOCAL_COLOUR
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_COMPARE
from yibao.ui.tabs.visits import FIRST_RESULT

SHARES = {t: {"in_service": r, "retired": r} for t, r in (("1", "0.9"), ("2", "0.85"), ("3", "0.8"))}


def _with_local_inpatient_figures(window: MainWindow) -> None:
    """The hall's inpatient shares and fund limit for Yantai from 2024 (made up: the documents give none)."""
    catalogue = bundled_policy().catalogue
    not_none(window.session).local = [
        LocalFigure(name, "yantai", date(2024, 1, 1), None, convert_value(raw, catalogue[name]))
        for name, raw in (("inpatient.share", SHARES), ("inpatient.fund_yearly_limit", "300000"))]


def test_tier_comparison_marks_what_rests_on_local_figures(qtbot: QtBot) -> None:
    """Yantai 2024, a 二级 stay of 48000 with the hall's local inpatient shares and fund limit (the documents give
    none): fund
    (48000 − 500) × 85% = 40375 rests on them, at every tier; the headline says so."""
    window = open_window(qtbot)
    _with_local_inpatient_figures(window)
    set_case(window, on=date(2024, 6, 1))
    add_visit(window, "inpatient", 2, "48000")
    window.tabs.setCurrentIndex(TAB_COMPARE)
    comparison, _chart = window.compare
    qtbot.waitUntil(lambda: bool(comparison.visits))
    assert LOCAL_WORDS in window.tab_pages.headlines[TAB_COMPARE].text.text()
    fund_row, bill_row = ROWS.index("统筹基金支付"), ROWS.index("医疗费用合计")
    assert comparison.figures()[fund_row][1] == "40,375.00"
    for column in range(3):
        fund = not_none(comparison.table.item(fund_row, column))
        assert fund.foreground().color() == QColor(LOCAL_COLOUR) and fund.font().italic()
        assert not not_none(comparison.table.item(bill_row, column)).font().italic()
    request, result = not_none(window.request), not_none(window.result)
    person = next(line for line in plain_text(request, result).splitlines() if line.lstrip().startswith("个人负担"))
    assert "本地录入" in person


def test_the_visits_table_marks_figures_resting_on_local_figures(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    _with_local_inpatient_figures(window)
    set_case(window, on=date(2024, 6, 1))
    row = add_visit(window, "inpatient", 2, "48000")
    model = window.visits_tab.model
    fund, deductible = model.index(row, FIRST_RESULT + 1), model.index(row, FIRST_RESULT)
    assert fund.data() == "40,375.00" and fund.data(Qt.ItemDataRole.ForegroundRole) == QColor(LOCAL_COLOUR)
    assert fund.data(Qt.ItemDataRole.FontRole).italic()
    assert deductible.data() == "500.00" and deductible.data(Qt.ItemDataRole.FontRole) is None  # 109号 二(三)2


def test_before_after_says_when_the_halls_local_figures_entered_the_comparison(qtbot: QtBot) -> None:
    """Jinan, base 6000, 2024-09-30 against 2024-10-15: no document gives the 救助金 after 2024-09-30 (8元 a month
    before); with the hall's 10元 from 2024-10-01 it is 120.00 a year against 96.00, and 政策前后对比's headline says
    the figures rest on 本地录入 ones, as every tab's headline does."""
    window = open_window(qtbot)
    set_case(window, "jinan", date(2024, 10, 15))
    type_into(qtbot, window.contribution_tab.base, "6000")
    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    tab = window.before_after_tab
    qtbot.waitUntil(lambda: "单位每月多缴 ¥60.00" in tab.headline.text())
    assert LOCAL_WORDS not in tab.headline.text()  # the documents' figures alone
    catalogue = bundled_policy().catalogue
    name = "supplementary.unassigned_monthly"
    not_none(window.session).local = [
        LocalFigure(name, "jinan", date(2024, 10, 1), None, convert_value("10", catalogue[name]))]
    window.presenter.figures_changed()
    qtbot.waitUntil(lambda: tab.figure_rows()["大额/大病筹资合计（每人每年）"][:3] == ("¥96.00", "¥120.00", "+¥24.00"))
    assert tab.headline.text().endswith(f"{LOCAL_WORDS}。")
