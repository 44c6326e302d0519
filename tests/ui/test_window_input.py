"""Issue 14, the window: what is typed never raises, is named in Chinese, and is shown back as plain text."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from window_helpers import open_window, set_case, type_into


@pytest.mark.parametrize(("typed", "message"), [
    ("0000-01", "首次缴费月份：年份应在 1900 到 2100 之间"),
    ("9999-12", "首次缴费月份：年份应在 1900 到 2100 之间"),
    ("٠٠٠٠-03", "首次缴费月份：“٠٠٠٠-03”中的“٠”不是 0–9 的数字，请只用 0–9"),
    ("2025-13", "首次缴费月份：“2025-13”没有第 13 月"),
])
def test_a_month_out_of_range_is_named_not_raised(qtbot: QtBot, typed: str, message: str) -> None:
    window = open_window(qtbot)
    set_case(window, city="jining")
    type_into(qtbot, window.contribution_tab.base, "6000")
    window.contribution_tab.first_month.setText(typed)  # keyClicks types ASCII only
    assert window.input_error() == message
    assert not window.contribution_tab.lines.isEnabled()  # the previous figures are greyed, not shown as current


@pytest.mark.parametrize("typed", ["①", "²", "1²", "-3", "3.5"])
def test_odd_digits_in_paid_months_are_named_not_raised(qtbot: QtBot, typed: str) -> None:
    window = open_window(qtbot)
    set_case(window)
    window.retirement_tab.paid.setText(typed)
    error = window.input_error()
    assert error is not None and error.startswith("实际缴费月数：")


def test_full_width_digits_are_read(qtbot: QtBot) -> None:
    """109号 二(二)1: 8% of a base typed with a Chinese input method (６０００) is 480.00."""
    window = open_window(qtbot)
    set_case(window)
    window.contribution_tab.base.setText("６，０００")
    assert window.input_error() is None
    assert window.result is not None and window.result.contribution is not None
    assert window.result.contribution.employer_monthly == 480


def test_typed_markup_is_shown_as_text(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    typed = '<img src="x.png" width=200><h1>大字</h1>'
    window.contribution_tab.base.setText(typed)
    assert window.input_error() == f"月缴费基数：“{typed}”不是数字金额"
    assert window.message.textFormat().name == "PlainText"
    assert "&lt;h1&gt;" in window.contribution_tab.base.toolTip()


def test_a_date_with_no_rules_is_named_in_chinese_without_the_request_path(qtbot: QtBot) -> None:
    """The core's message names the request path for the command line ("on（适用日期）"); the window shows the
    field's Chinese name only."""
    window = open_window(qtbot)
    set_case(window, on=date(2019, 1, 1))
    window.contribution_tab.base.setText("6000")
    assert window.input_error() == "适用日期：烟台市在 2019-01-01 没有所收录文件中施行的规定"
