"""The 政策前后对比 tab in the real window: the headline and the side-by-side table read back from the widgets.

Figures worked by hand in tests/rules/cases/compare/before-after.json (烟政字〔2023〕109号 二(三)1, 二(二)2;
济南 四(二) and 鲁政字〔2023〕184号 三(二))."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case, type_into

from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_TITLES
from yibao.ui.tabs.before_after import SAME_DAY, BeforeAfterTab


def open_tab(window: MainWindow) -> BeforeAfterTab:
    window.tabs.setCurrentIndex(TAB_BEFORE_AFTER)
    tab = window.before_after_tab
    assert isinstance(tab, BeforeAfterTab)
    return tab


def test_109号_二三1_three_outpatient_visits_2023_against_2024(qtbot: QtBot) -> None:
    """Defaults: the day before the last change (2023-12-31) against the chosen date (2024-06-01).
    2023: 起付 800, 55% → the person pays 2465.00; 2024: 起付 600, 60% → 2160.00."""
    window = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    for amount in ("1000", "1500", "2000"):
        add_visit(window, "outpatient", 3, amount)
    tab = open_tab(window)
    assert TAB_TITLES[TAB_BEFORE_AFTER] == "政策前后对比"
    assert (tab.first_date.date(), tab.second_date.date()) == (date(2023, 12, 31), date(2024, 6, 1))
    assert tab.headline.text().startswith(
        "按2024年1月1日起的规定，这一年的门诊您少付 ¥305.00；原因：起付标准（三级）由800元降至600元，"
        "在职职工支付比例（三级）由55%升至60%。")
    assert "本计算器只用于2023年1月1日至12月31日" in tab.readings.text()  # the reading the 2023 column rests on
    rows = tab.figure_rows()
    assert rows["个人负担"][:3] == ("¥2,465.00", "¥2,160.00", "−¥305.00")
    assert rows["个人负担"][3] == "见1、2"  # the reasons by number, each spelled out once below with its clause
    assert rows["统筹基金支付"][:3] == ("¥2,035.00", "¥2,340.00", "+¥305.00")
    assert not_none(tab.figures.horizontalHeaderItem(1)).text() == "2023-12-31"
    reasons = tab.change_rows()
    assert reasons[:2] == [("1", "109号 二(三)1", "起付标准（三级）由800元降至600元"),
                           ("2", "109号 二(三)1", "在职职工支付比例（三级）由55%升至60%")]


def test_109号_二二2_flexible_worker_december_2025_against_january_2026(qtbot: QtBot) -> None:
    """4000 × 6.3% = 252.00 → 4000 × 7% = 280.00, the dates typed into the tab."""
    window = open_window(qtbot)
    set_case(window, "yantai", date(2026, 1, 15), employment="flexible")
    type_into(qtbot, window.contribution_tab.base, "4000")
    tab = open_tab(window)
    tab.first_date.set_date(date(2025, 12, 15))
    assert tab.headline.text() == "按2026年1月1日起的规定，个人每月多交 ¥28.00；原因：灵活就业人员缴费比例由6.3%升至7%。"
    assert tab.figure_rows()["个人缴费（每月）"][:3] == ("¥252.00", "¥280.00", "+¥28.00")


def test_jinan_september_against_october_2024_and_a_side_not_in_the_documents(qtbot: QtBot) -> None:
    """Employer 7% → 8% (420.00 → 480.00); Jinan's 救助金 96.00 a year has no provincial figure after 2024-09-30."""
    window = open_window(qtbot)
    set_case(window, "jinan", date(2024, 10, 15))
    type_into(qtbot, window.contribution_tab.base, "6000")
    tab = open_tab(window)
    assert tab.first_date.date() == date(2024, 9, 30)  # the document's last day
    rows = tab.figure_rows()
    assert rows["单位缴费（每月）"][:3] == ("¥420.00", "¥480.00", "+¥60.00")
    assert rows["大额/大病筹资合计（每人每年）"][:3] == ("¥96.00", "文件未规定", "无法比较")
    headline = tab.headline.text()
    assert "单位每月多缴 ¥60.00" in headline
    assert "大额/大病筹资合计（每人每年）：2024年10月15日文件未规定，无法比较（2024年9月30日为¥96.00）" in headline


def test_same_day_and_new_case_date(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    type_into(qtbot, window.contribution_tab.base, "6000")
    tab = open_tab(window)
    tab.first_date.set_date(date(2024, 6, 1))
    assert tab.headline.text() == SAME_DAY and tab.figure_rows() == {}
    window.person.on.set_date(date(2026, 2, 1))  # a new date in the form: both dates back to their defaults
    qtbot.waitUntil(lambda: tab.second_date.date() == date(2026, 2, 1))  # redrawn once the edits are handled
    assert tab.first_date.date() == date(2025, 12, 31)
    assert tab.headline.text() != SAME_DAY


def test_copy_from_this_tab_adds_the_before_and_after_section(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window, "jining", date(2024, 1, 1), employment="public_institution")
    type_into(qtbot, window.contribution_tab.base, "6000")
    tab = open_tab(window)
    assert tab.headline.text().startswith("按2024年1月1日起的规定，单位每月少缴 ¥6.00；"
                                          "原因：机关事业单位缴费比例由7.4%降至7.3%。")
    window.output.copy_text()
    text = QGuiApplication.clipboard().text()
    assert "政策前后对比（2023年12月31日 → 2024年1月1日）" in text and tab.headline.text() in text
    window.tabs.setCurrentIndex(0)
    window.output.copy_text()
    assert "政策前后对比" not in QGuiApplication.clipboard().text()


def test_a_date_with_no_documents_says_so(qtbot: QtBot) -> None:
    """Qingdao has no document of its own and the province's rules start on 2024-01-01: 2023-12-31 has none."""
    window = open_window(qtbot)
    set_case(window, "qingdao", date(2024, 6, 1))
    type_into(qtbot, window.contribution_tab.base, "6000")
    tab = open_tab(window)
    assert tab.headline.text() == "青岛市在2023年12月31日没有所收录文件中施行的规定，无法比较。"
    assert tab.figure_rows()["单位缴费（每月）"][:3] == ("文件未规定", "¥480.00", "无法比较")
    assert not_none(tab.figures.item(2, 3)).foreground().color().name() == "#a00000"


def test_alt_letters_reach_both_dates(qtbot: QtBot) -> None:
    """Alt+Q and Alt+Z: letters no other field or menu of the window takes (Alt+H is the 帮助 menu)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    tab = open_tab(window)
    qtbot.wait(50)
    for key, target in ((Qt.Key.Key_Z, tab.second_date), (Qt.Key.Key_Q, tab.first_date)):
        qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(target.edit.hasFocus)
