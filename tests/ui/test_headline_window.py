"""The answer at a glance: each tab opens with its headline, read back from the real window (figures by hand)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case, type_into

from yibao.state.settings import load_settings
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_COMPARE, TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_VISITS
from yibao.ui.qt_setup import LARGE_PRINT_SCALE, apply_font


def _headline(window: MainWindow, tab: int) -> str:
    window.tabs.setCurrentIndex(tab)
    QApplication.processEvents()  # the comparison refreshes once the queued edits are handled
    return window.tab_pages.headlines[tab].sentence()


def test_109号_二二1_contribution_headline(qtbot: QtBot) -> None:
    """Base 6000: 8% + 2% = 480 + 120 a month, the 2% to the personal account; 二(二)3: 大额 36 a year, paid by the person."""
    window = open_window(qtbot)
    set_case(window)
    assert _headline(window, TAB_CONTRIBUTION) == "请输入月缴费基数（退休人员无需缴费）"
    type_into(qtbot, window.contribution_tab.base, "6000")
    assert _headline(window, TAB_CONTRIBUTION) == (
        "每月共缴 ¥600.00（单位 ¥480.00，个人 ¥120.00），其中 ¥120.00 划入个人账户；另每年大额医疗费用补助 ¥36.00（个人）。")


def test_109号_二三1_visits_headline_for_a_72_year_old_retiree(qtbot: QtBot) -> None:
    """Tier 3: deductible 600 once a year, retirees 60% + 5% = 65%: 585 + 1300 + 1820 = 3705 of 6300; 58.81%."""
    window = open_window(qtbot)
    set_case(window, retired=True, age=72)
    for amount in ("1500", "2000", "2800"):
        add_visit(window, "outpatient", 3, amount)
    assert _headline(window, TAB_VISITS) == (
        "本年3次就医，费用共 ¥6,300.00：统筹基金和大额补助共支付 ¥3,705.00，您个人负担 ¥2,595.00（实际报销 58.81%）。")


def test_109号_二三2_inpatient_headline_says_what_is_known_and_what_is_not(qtbot: QtBot) -> None:
    """Yantai 2024 inpatient: the deductible is in the documents, the share and limits are not: no bare 文件未规定."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "inpatient", 2, "10000")
    text = _headline(window, TAB_VISITS)
    assert text.startswith("本年1次就医，费用共 ¥10,000.00；住院统筹基金支付比例")
    assert "文件未规定" in text and text.endswith("统筹基金支付和个人负担暂无法确定。")


def test_109号_二三1_tier_comparison_headline(qtbot: QtBot) -> None:
    """2000 at tier 1/2/3: deductibles 200/400/600, shares 80/70/60% → the person pays 560/880/1160: 600 less at tier 1."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "2000")
    assert _headline(window, TAB_COMPARE) == "同样的费用在一级及以下医疗机构个人少付 ¥600.00（与三级医疗机构相比）。"


def test_184号_三二_retirement_headline_has_a_symbol_and_a_word(qtbot: QtBot) -> None:
    """From 2026 a man in Yantai needs 30 years (360 months): 300 paid + 24 deemed = 324, 36 short."""
    window = open_window(qtbot)
    set_case(window, on=date(2026, 3, 1), age=60)
    tab = window.retirement_tab
    type_into(qtbot, tab.paid, "300")
    type_into(qtbot, tab.deemed, "24")
    box = window.tab_pages.headlines[TAB_RETIREMENT]
    assert _headline(window, TAB_RETIREMENT).startswith(
        "× 未满足 尚缺 36个月（3年），未满足最低缴费年限 360个月（30年）")
    assert box.mark.text() == "× 未满足"  # a symbol and a word, not colour alone
    type_into(qtbot, tab.paid, "336")
    assert _headline(window, TAB_RETIREMENT) == "√ 已满足 已满足最低缴费年限：累计 360个月（30年），最低 360个月（30年）。"


def test_the_headline_is_larger_than_the_window_text_and_follows_large_print(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    box = window.tab_pages.headlines[TAB_CONTRIBUTION]
    assert box.text.font().pointSizeF() > window.font().pointSizeF() * 1.2
    settings = load_settings()[0]
    apply_font(settings)
    QApplication.processEvents()
    before = box.text.font().pointSizeF()
    settings.large_print = True
    apply_font(settings)  # 大字模式, as the settings dialog applies it
    try:
        QApplication.processEvents()
        assert box.text.font().pointSizeF() == pytest.approx(before * LARGE_PRINT_SCALE, rel=0.05)
    finally:
        settings.large_print = False
        apply_font(settings)


def test_the_sheet_from_a_tab_holds_that_tab_s_question(qtbot: QtBot, tmp_path: Path) -> None:
    """With contributions, visits and years entered, printing from 就医报销 prints the visits only, headline first."""
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "2000")
    type_into(qtbot, window.retirement_tab.paid, "300")
    window.tabs.setCurrentIndex(TAB_VISITS)
    case = window.output.sheet_case()
    assert case is not None
    request, result = case
    assert request.visits is not None and request.contribution is None and request.retirement is None
    assert result.contribution is None and result.coverage is None and result.retirement is None
    window.tabs.setCurrentIndex(TAB_RETIREMENT)
    request, _ = not_none(window.output.sheet_case())
    assert request.retirement is not None and request.visits is None


def test_the_clerk_may_tick_other_questions_to_add(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.ui.dialogs import sections

    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "2000")
    window.tabs.setCurrentIndex(TAB_CONTRIBUTION)
    offered: list[tuple[list[str], list[str]]] = []

    def tick_all(_parent: object, available: list[str], chosen: list[str], leading: str | None) -> list[str]:
        assert leading is None  # no comparison opens a sheet printed from 缴费测算
        offered.append((list(available), list(chosen)))
        return list(available)

    monkeypatch.setattr(sections, "choose_sections", tick_all)
    case = window.output.sheet_case(ask=True)
    assert offered == [(["contribution", "visits"], ["contribution"])]  # the tab's question comes ticked
    assert case is not None and case[0].visits is not None and case[0].contribution is not None


@pytest.mark.parametrize("typed", ["1500", "1500元", "１５００", "¥1,500"])
def test_typed_amount_is_shown_back_normalised_once_accepted(qtbot: QtBot, typed: str) -> None:
    window = open_window(qtbot)
    set_case(window)
    base = window.contribution_tab.base
    base.setText(typed)
    base.editingFinished.emit()  # Enter or leaving the field
    assert base.text() == "1,500.00"
    assert window.result is not None and window.result.contribution is not None
    assert window.result.contribution.employer_monthly == 120  # 1500 × 8%, 烟政字〔2023〕109号 二(二)1


def test_a_bad_amount_stays_as_typed(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    base = window.contribution_tab.base
    base.setText("15OO")
    base.editingFinished.emit()
    assert base.text() == "15OO" and "月缴费基数" in (window.input_error() or "")


@pytest.mark.parametrize("tab", [TAB_CONTRIBUTION, TAB_RETIREMENT])
def test_what_to_type_is_said_once_by_the_headline_not_again_below_it(qtbot: QtBot, tab: int) -> None:
    """Before anything is typed the headline says what to type; the figures' place below it stays empty (it repeated
    the sentence under a 提示 caption)."""
    window = open_window(qtbot)
    set_case(window)
    hint = _headline(window, tab)
    shown = [label.text() for label in not_none(window.tabs.widget(tab)).findChildren(QLabel) if label.isVisibleTo(window)]
    assert hint in ("请输入月缴费基数（退休人员无需缴费）", "填写实际缴费月数后显示是否达到退休享受待遇的最低缴费年限")
    assert "提示" not in shown
    assert shown.count(hint) <= 1  # the headline's own label, if it is a QLabel
