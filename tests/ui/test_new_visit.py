"""A visit just added is not an error until the clerk leaves it blank (issue 21.7)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into, type_into_cell

from yibao.ui.pages import TAB_VISITS
from yibao.ui.tabs.visits import FIRST_INPUT


def test_a_new_visit_is_no_error_until_the_clerk_leaves_it(qtbot: QtBot) -> None:
    """Alt+O showed 必须填写 and greyed the whole year before anything was typed."""
    window = open_window(qtbot)
    set_case(window)
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "1000")
    window.tabs.setCurrentIndex(TAB_VISITS)
    tab = window.visits_tab
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)  # 添加住院
    assert tab.model.rowCount() == 2 and tab.selected_index() == 1
    assert window.input_error() is None and not window.presenter.stale
    assert window.result is not None and len(window.result.visits or []) == 1  # the blank row is not computed
    type_into_cell(qtbot, window, 1, FIRST_INPUT, "2000")  # typed: computed at once
    assert window.input_error() is None and len(window.result.visits or []) == 2


def test_a_new_visit_left_blank_is_an_error_naming_its_field(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "1000")
    tab = window.visits_tab
    tab.add_outpatient.click()
    assert window.input_error() is None
    tab.select(0)  # another row chosen: the blank one has been left
    assert window.input_error() == "第2条就诊·政策范围内：必须填写"
    assert window.presenter.stale


def test_leaving_the_table_for_another_field_leaves_the_new_visit(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    window.tabs.setCurrentIndex(TAB_VISITS)
    window.visits_tab.add_inpatient.click()
    assert window.input_error() is None
    window.person.age.setFocus()
    qtbot.waitUntil(lambda: window.input_error() is not None)
    assert "第1条就诊" in (window.input_error() or "")
