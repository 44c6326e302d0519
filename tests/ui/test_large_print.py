"""大字模式 at the default 1200×800 window: every tab walked, nothing cut, elided or drawn over anything else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from layout_check import problems, words_split
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QCheckBox, QGraphicsView, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into

from yibao.state.settings import Settings
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_TITLES
from yibao.ui.qt_setup import apply_font
from yibao.wording import NOT_STATED, NOT_STATED_LINES


@pytest.fixture
def large_print(qtbot: QtBot) -> Iterator[MainWindow]:
    settings = Settings(large_print=True)
    apply_font(settings)
    window = open_window(qtbot, settings)
    window.resize(1200, 800)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "15360", "120")
    add_visit(window, "inpatient", 2, "48000")
    add_visit(window, "outpatient", 1, "800")
    type_into(qtbot, window.retirement_tab.paid, "200")
    window.visits_tab.select(0)
    yield window
    apply_font(Settings())


@pytest.mark.parametrize("tab", range(len(TAB_TITLES)), ids=TAB_TITLES)
def test_large_print_nothing_cut_or_overlapping(large_print: MainWindow, qtbot: QtBot, tab: int) -> None:
    window = large_print
    window.tabs.setCurrentIndex(tab)
    qtbot.wait(50)
    QApplication.processEvents()
    found = problems(window)
    assert found == [], "\n".join(found)
    assert (window.width(), window.height()) == (1200, 800)  # the tab scrolls rather than grow the window


def test_the_chart_follows_large_print(large_print: MainWindow, qtbot: QtBot) -> None:
    from yibao.ui.pages import TAB_COMPARE

    window = large_print
    window.tabs.setCurrentIndex(TAB_COMPARE)
    _comparison, chart = window.compare
    qtbot.waitUntil(lambda: chart._view is not None)
    size = QApplication.font().pointSizeF()
    assert size == pytest.approx(Settings().font_point_size * 1.4)
    legend = chart._view.chart().legend().font().pointSizeF()
    axis = chart._view.chart().axes()[0]
    assert legend == round(size) and axis.titleFont().pointSizeF() == round(size)
    assert axis.labelsFont().pointSizeF() >= round(size * 0.9)


def test_large_print_stale_figures_fit_too(large_print: MainWindow, qtbot: QtBot) -> None:
    """Invalid input adds the 已过期 banner above the greyed figures: still nothing cut, nothing scrolled sideways."""
    window = large_print
    window.tabs.setCurrentIndex(0)
    type_into(qtbot, window.contribution_tab.base, "60o0")
    qtbot.wait(50)
    assert window.input_error() is not None
    found = problems(window)
    assert found == [], "\n".join(found)


def test_large_print_puts_the_person_labels_above_their_fields(qtbot: QtBot) -> None:
    """Turned on or off while the window is open (设置 › 大字模式), the person panel follows: labels above the fields
    in 大字模式, so that the tabs keep the room; beside them in the usual print."""
    from PySide6.QtWidgets import QFormLayout

    window = open_window(qtbot)
    form = window.person.layout()
    assert isinstance(form, QFormLayout)
    assert form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.DontWrapRows
    apply_font(Settings(large_print=True))
    try:
        qtbot.waitUntil(lambda: form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.WrapAllRows)
    finally:
        apply_font(Settings())
    qtbot.waitUntil(lambda: form.rowWrapPolicy() == QFormLayout.RowWrapPolicy.DontWrapRows)


def test_large_print_chart_whole_on_a_1024_by_768_screen(large_print: MainWindow, qtbot: QtBot) -> None:
    """The chart's axis titles and labels follow the font and are never elided (个人负…), on the smaller screen too."""
    from yibao.ui.geometry import FRAME_ALLOWANCE
    from yibao.ui.pages import TAB_COMPARE

    window = large_print
    window.resize(1024 - FRAME_ALLOWANCE[0], 768 - FRAME_ALLOWANCE[1])
    window.tabs.setCurrentIndex(TAB_COMPARE)
    qtbot.wait(50)
    chart = next(view for view in window.findChildren(QGraphicsView) if view.isVisible())
    found = [problem for problem in problems(window) if problem.startswith("chart")]
    assert found == [], "\n".join(found)
    assert chart.height() >= 16 * chart.fontMetrics().lineSpacing() - 1


@pytest.mark.parametrize("width", [1024, 960])
def test_large_print_visits_fit_a_1024_by_768_screen_words_whole(large_print: MainWindow, qtbot: QtBot,
                                                                  width: int) -> None:
    """The visits table scrolled sideways at 1024×768 and 文件未规定 wrapped as 文件未规 / 定 (issue 21.12): columns as
    wide as what they show, 文件未规定 on one line where the room allows, else 文件 / 未规定; narrower windows too."""
    from yibao.ui.geometry import FRAME_ALLOWANCE
    from yibao.ui.pages import TAB_VISITS

    window = large_print
    window.resize(width - FRAME_ALLOWANCE[0], 768 - FRAME_ALLOWANCE[1])
    window.tabs.setCurrentIndex(TAB_VISITS)
    qtbot.wait(50)
    QApplication.processEvents()
    tab = window.visits_tab
    shown = [tab.cell_text(row, column) for row in range(tab.model.rowCount()) for column in range(tab.model.columnCount())]
    assert shown.count(NOT_STATED) + shown.count("\n".join(NOT_STATED_LINES)) == 3  # the stay's three result figures
    assert words_split(tab.table) == []
    assert not tab.table.horizontalScrollBar().isVisible()
    if width == 1024:
        assert NOT_STATED in shown  # whole where the room allows
        found = problems(window)
        assert found == [], "\n".join(found)
    else:
        assert "\n".join(NOT_STATED_LINES) in shown


def _indicator(box: QCheckBox) -> QRect:
    """The tick box as the widget's style lays it out (a style sheet's size included)."""
    option = QStyleOptionButton()
    option.initFrom(box)
    return box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)


def test_large_print_tick_boxes_grow_with_the_font(qtbot: QtBot) -> None:
    """The tick boxes (本年已发生, 首次参保, 退休时从未参加职工医保, and 大字模式 itself in 设置) were drawn 14 px in 大字模式
    as at the usual size: they grow ×1.4 with the text, turned on with the window open too, and back when turned off."""
    from yibao.ui.pages import TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_VISITS

    apply_font(Settings())
    window = open_window(qtbot)
    window.resize(1200, 800)
    set_case(window)
    add_visit(window, "outpatient", 3, "15360", "120")  # results showing (an empty year's hint is a long line)
    boxes = [window.visits_tab.ytd_box, window.contribution_tab.first_enrolment, window.retirement_tab.never_enrolled]
    for tab in (TAB_CONTRIBUTION, TAB_VISITS, TAB_RETIREMENT):
        window.tabs.setCurrentIndex(tab)
    usual = QApplication.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
    assert {_indicator(box).height() for box in boxes} == {usual}
    try:
        apply_font(Settings(large_print=True))
        QApplication.processEvents()
        side = round(usual * 1.4)
        assert {(_indicator(box).width(), _indicator(box).height()) for box in boxes} == {(side, side)}
        from yibao.ui.cities import city_names
        from yibao.ui.dialogs.settings import SettingsDialog

        dialog = SettingsDialog(Settings(large_print=True), city_names(), window)
        qtbot.addWidget(dialog)
        assert _indicator(dialog.large_print).height() == side
        for tab in (TAB_CONTRIBUTION, TAB_VISITS, TAB_RETIREMENT):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(20)
            found = problems(window)
            assert found == [], f"{tab} " + "\n".join(found)  # the boxes' words whole beside them
    finally:
        apply_font(Settings())
    assert {_indicator(box).height() for box in boxes} == {usual}


def test_large_print_a_new_case_fits_on_every_tab(qtbot: QtBot) -> None:
    """Nothing entered yet: the visits tab's 全年合计 hint (the whole how-to sentence, in large bold) scrolled the tab
    sideways; it says what will show there, the headline above says how to add a visit."""
    from yibao.ui.pages import TAB_VISITS, TOTALS_HINT, VISITS_HINT

    apply_font(Settings(large_print=True))
    try:
        window = open_window(qtbot, Settings(large_print=True))
        window.resize(1200, 800)
        for tab in range(len(TAB_TITLES)):
            window.tabs.setCurrentIndex(tab)
            qtbot.wait(30)
            QApplication.processEvents()
            found = problems(window)
            assert found == [], f"{TAB_TITLES[tab]}: " + "\n".join(found)
        assert window.visits_tab.totals.value("提示") == TOTALS_HINT
        assert window.tab_pages.headlines[TAB_VISITS].text.text() == VISITS_HINT
    finally:
        apply_font(Settings())
