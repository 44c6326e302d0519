"""省级统筹调剂金测算 dialog: typed like a fund manager would, figures from tests/rules/cases/coverage-and-fund.json."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from yibao.rules import InputError, Request, Result, calculate
from yibao.ui.dialogs.fund import INVALID_STYLE, FundDialog

ON = date(2025, 3, 1)
FIGURES = {"last_year_premium_income": "1,000,000,000", "last_year_remittance": "25000000", "deficit": "80000000",
           "province_share_ratio": "50"}


def dialog(qtbot: QtBot, city: str = "qingdao", city_name: str = "青岛市", **typed: str) -> FundDialog:
    d = FundDialog(city, city_name, ON, calculate)
    qtbot.addWidget(d)
    for name, text in {**FIGURES, **typed}.items():
        qtbot.keyClicks(d.edits[name], text)
    return d


def shown(d: FundDialog) -> dict[str, str]:
    return {name: label.text() for name, label in d.figures.items() if not label.isHidden()}


def test_cap_not_binding(qtbot: QtBot) -> None:
    # 184号 三(四): 3% of 10亿 = 3000万 remitted; 8000万 × 50% = 4000万 under the cap 2500万 × 2 = 5000万.
    d = dialog(qtbot, accumulated_surplus="100000000")
    assert shown(d) == {"remittance": "¥30,000,000.00", "adjustment_fund_pays": "¥40,000,000.00",
                        "surplus_pays": "¥40,000,000.00", "unfunded": "¥0.00"}
    request = d.request()
    assert request is not None and request.fund is not None
    assert (request.city, request.on) == ("qingdao", ON)
    assert request.fund.province_share_ratio == Decimal("0.5")
    assert request.fund.last_year_premium_income == Decimal("1000000000")
    result = d.result()
    assert result is not None and result.fund is not None and result.fund.adjustment_fund_pays == Decimal("40000000")
    rows = {row[0]: row for row in d.lines.row_texts()}
    assert rows["调剂金分担"][2] == ("缺口 80,000,000.00 × 省定分担比例 50% = 40,000,000.00，"
                                "未超过上限 25,000,000.00 × 2 = 50,000,000.00")
    assert rows["调剂金分担"][3] == "鲁政字〔2023〕184号 三(四)"
    assert d.edits["city_share_ratio"].isHidden()  # Qingdao does not split what remains
    assert d.message.text() == ""


def test_cap_binding(qtbot: QtBot) -> None:
    # 12000万 × 50% = 6000万 exceeds the cap 5000万: the fund pays 5000万, the surplus 7000万.
    d = dialog(qtbot, accumulated_surplus="100000000")
    d.edits["deficit"].clear()
    qtbot.keyClicks(d.edits["deficit"], "120000000")
    assert shown(d)["adjustment_fund_pays"] == "¥50,000,000.00"
    assert shown(d)["surplus_pays"] == "¥70,000,000.00"
    assert shown(d)["unfunded"] == "¥0.00"
    assert "超过上限 上年度上解额 25,000,000.00 × 2 = 50,000,000.00，按上限" in d.lines.row_texts()[1][2]


def test_yantai_surplus_too_small_asks_for_the_city_share(qtbot: QtBot) -> None:
    # 109号 二(四): 8000万 − 4000万 − 结余 1000万 = 3000万 unfunded, split by a ratio the city sets.
    d = dialog(qtbot, "yantai", "烟台市", accumulated_surplus="10000000")
    assert not d.edits["city_share_ratio"].isHidden()
    assert shown(d)["unfunded"] == "¥30,000,000.00"
    assert shown(d)["city_fund_pays"] == "文件未规定或需填写"
    assert "district_finance_pays" not in shown(d)
    assert "市基金与区市财政分担比例：比例由市医疗保障行政部门会同市财政部门确定，请填写" in d.message.text()
    qtbot.keyClicks(d.edits["city_share_ratio"], "60")
    assert shown(d)["city_fund_pays"] == "¥18,000,000.00"
    assert shown(d)["district_finance_pays"] == "¥12,000,000.00"
    assert d.message.text() == ""
    # With a surplus that covers it all, nothing remains and the split is not shown.
    qtbot.keyClicks(d.edits["accumulated_surplus"], "0")  # 1亿
    assert shown(d)["unfunded"] == "¥0.00"
    assert "city_fund_pays" not in shown(d)


@pytest.mark.parametrize(("field", "text", "message"), [
    ("last_year_premium_income", "abc", "上年度统筹基金保险费收入：“abc”不是数字金额"),
    ("last_year_remittance", "-1", "上年度已上解调剂金：不能为负数"),
    ("province_share_ratio", "150", "省定调剂金分担比例：不能大于 100%"),
    ("province_share_ratio", "5o", "省定调剂金分担比例：“5o”不是比例（如 50）"),  # keyClicks types ASCII only
    ("deficit", "1.234", "当年基金收支缺口：最多两位小数（分）"),
])
def test_invalid_input_is_red_and_named(qtbot: QtBot, field: str, text: str, message: str) -> None:
    d = dialog(qtbot, accumulated_surplus="100000000")
    d.edits[field].clear()
    qtbot.keyClicks(d.edits[field], text[:-1])
    valid = d.request()
    qtbot.keyClicks(d.edits[field], text[-1])
    assert d.message.text() == message
    assert d.edits[field].styleSheet() == INVALID_STYLE
    assert "color: #c00000" in d.message.styleSheet()
    assert d.request() is valid  # the last valid request stays
    assert not d.copy_button.isEnabled()
    d.edits[field].clear()
    qtbot.keyClicks(d.edits[field], "1")
    assert d.edits[field].styleSheet() == ""
    assert d.request() is not valid


def test_blank_required_field_asks_without_red(qtbot: QtBot) -> None:
    d = FundDialog("qingdao", "青岛市", ON, calculate)
    qtbot.addWidget(d)
    assert d.request() is None and d.result() is None
    assert d.message.text() == "请填写：上年度统筹基金保险费收入、上年度已上解调剂金、省定调剂金分担比例"
    assert d.message.styleSheet() == ""
    assert d.edits["last_year_premium_income"].styleSheet() == ""


def test_input_error_from_the_core_is_shown(qtbot: QtBot) -> None:
    def compute(request: Request) -> Result:
        raise InputError("on", "青岛市在 2020-01-01 没有所收录文件中施行的规定")

    d = FundDialog("qingdao", "青岛市", date(2020, 1, 1), compute)
    qtbot.addWidget(d)
    for name, text in FIGURES.items():
        qtbot.keyClicks(d.edits[name], text)
    assert d.message.text() == "适用日期：青岛市在 2020-01-01 没有所收录文件中施行的规定"  # no request path on screen
    assert d.request() is None


def test_copy_puts_the_plain_text_on_the_clipboard(qtbot: QtBot) -> None:
    d = dialog(qtbot, accumulated_surplus="100000000")
    qtbot.mouseClick(d.copy_button, Qt.MouseButton.LeftButton)
    text = QGuiApplication.clipboard().text()
    assert text == d.as_text()
    assert "调剂金分担" in text and "40,000,000.00" in text and "184号 三(四)" in text and "184号：鲁政字〔2023〕184号" in text
    assert re.search(r"省定调剂金分担比例\s+50%", text)


def test_the_fund_sheet_as_pdf_carries_the_figures(qtbot: QtBot, tmp_path: Path) -> None:
    """184号 三(四) on paper: the same sheet as the counter's, with the fund section (remittance 3000万, share 4000万)."""
    from yibao.sheet import SheetHeader

    d = FundDialog("qingdao", "青岛市", ON, calculate, header=SheetHeader("青岛市医疗保障服务中心", "8"))
    qtbot.addWidget(d)
    for name, text in {**FIGURES, "accumulated_surplus": "100000000"}.items():
        qtbot.keyClicks(d.edits[name], text)
    assert d.pdf_button.isEnabled()
    out = tmp_path / "fund.pdf"
    d.save_pdf(str(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "青岛市医疗保障服务中心" in text
    assert "30000000.00" in text.replace(",", "") and "40000000.00" in text.replace(",", "")
    assert "鲁政字〔2023〕184号" in text


def test_large_print_on_a_low_screen_keeps_the_buttons_in_sight(qtbot: QtBot) -> None:
    """大字模式 made the dialog taller than the screen (1000 px under Xvfb; 800 here): 关闭 and 另存为 PDF fell below
    its edge. The body scrolls instead, the buttons stay at the bottom of a dialog that fits the screen."""
    from PySide6.QtWidgets import QPushButton

    from yibao.state.settings import Settings
    from yibao.ui.qt_setup import apply_font

    apply_font(Settings(large_print=True))
    try:
        d = dialog(qtbot)
        d.show()
        qtbot.waitExposed(d)
        room = d.screen().availableGeometry()
        assert d.frameGeometry().height() <= room.height()
        for button in d.findChildren(QPushButton):
            corner = button.mapTo(d, button.rect().bottomRight())
            assert d.rect().contains(corner), button.text()
    finally:
        apply_font(Settings())
