"""缴费测算 for a flexible worker: every way of paying side by side with its rate, or the day it starts (issue 21.8).

济宁 2019 通知 三(二)1 (9% only, kept in 184号 三(二)'s transition) and 184号 三(二) from 2026-01-01 (7% without an
account, or 9% of which 2% to the account); a base of 5000: 450.00 / 350.00.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from window_helpers import open_window, set_case, type_into

from yibao.ui.pages import TAB_BEFORE_AFTER
from yibao.ui.tabs.contribution import FLEXIBLE_ONLY


def shown(labels: list[QLabel]) -> list[str]:
    return [label.text() for label in labels if not label.isHidden()]


def test_济宁2019_三二1_2025_one_way_and_why_the_box_is_greyed_then_184号_三二_2026_both(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, city="jining", on=date(2025, 6, 1), employment="flexible")
    tab = window.contribution_tab
    type_into(qtbot, tab.base, "5000")
    assert not tab.option.isEnabled()  # one way only: greyed, and the reason in the open beside it
    assert shown(tab.choices) == ["建立个人账户（按9%缴费，每月 ¥450.00，划入个人账户的标准文件未规定）",
                                  "2026年1月1日起才可选择不建立个人账户"]
    date_field = window.person.on.edit
    date_field.setFocus()
    qtbot.keyClick(date_field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(date_field, "2026-01-01")
    assert tab.option.isEnabled() and tab.option.count() == 2
    assert shown(tab.choices) == ["建立个人账户（按9%缴费，每月 ¥450.00，其中2%划入个人账户）",
                                  "不建立个人账户（按7%缴费，每月 ¥350.00）"]
    assert tab.summary.value("个人缴费（每月）") == "¥350.00"  # none chosen: 184号's basic way, 7%
    set_case(window, city="jining", on=date(2026, 1, 1), employment="enterprise")
    assert not tab.option.isEnabled()
    assert shown(tab.choices) == [FLEXIBLE_ONLY]


def test_政策前后对比_a_way_missing_on_the_earlier_date_is_said_not_文件未规定(qtbot: QtBot) -> None:
    """不建立个人账户 chosen on 2026-06-01, compared with 2025-12-31, when Jining had 9% only."""
    window = open_window(qtbot)
    set_case(window, city="jining", on=date(2026, 6, 1), employment="flexible")
    tab = window.contribution_tab
    type_into(qtbot, tab.base, "5000")
    tab.option.setCurrentIndex(tab.option.findData("without_account"))
    tab.option.activated.emit(tab.option.currentIndex())
    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    compare = window.before_after_tab
    compare.first_date.set_date(date(2025, 12, 31))
    assert compare.headline.text().startswith("2025年12月31日：济宁市2026年1月1日起才可选择不建立个人账户；")
    rows = compare.figure_rows()
    assert rows["个人缴费（每月）"][:3] == ("未设此方式", "¥350.00", "无法比较")
    assert "文件未规定" not in rows["单位缴费（每月）"][0]
