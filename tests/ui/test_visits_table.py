"""The visits table: a model over the presenter's visits, edited by typing into its cells (烟政字〔2023〕109号 二(三)1)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, open_window, set_case, type_into_cell, visit_row

from yibao.ui.tabs.visits import FIRST_INPUT, TIER_COLUMN


def test_typing_into_a_cell_settles_the_visit(qtbot: QtBot) -> None:
    """Tier 3, 2000 typed in: deductible 600, fund (2000 − 600) × 60% = 840, person 1160."""
    window = open_window(qtbot)
    set_case(window)
    window.visits_tab.add_outpatient.click()
    type_into_cell(qtbot, window, 0, FIRST_INPUT, "2000")
    assert window.presenter.visits[0].in_scope == "2000"
    assert visit_row(window, 0) == ["600.00", "840.00", "0.00", "1,160.00"]
    type_into_cell(qtbot, window, 0, FIRST_INPUT, "1000")  # typing over a cell replaces it
    assert visit_row(window, 0) == ["600.00", "240.00", "0.00", "760.00"]


def test_tier_is_chosen_in_the_cells_combo_box(qtbot: QtBot) -> None:
    """The same 1000 at tier 1: (1000 − 200) × 80% = 640."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "1000")
    table = window.visits_tab.table
    index = window.visits_tab.model.index(0, TIER_COLUMN)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and editor.currentText() == "三级"
    qtbot.keyClick(editor, Qt.Key.Key_Home)  # 一级及以下, committed at once
    assert window.presenter.visits[0].tier == 1
    assert visit_row(window, 0)[1] == "640.00"


def test_no_widget_per_row_and_no_reset_on_remove_or_move(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    set_case(window)
    for amount in ("100", "200", "300"):
        add_visit(window, "outpatient", 3, amount)
    tab = window.visits_tab
    model = tab.model
    assert all(tab.table.indexWidget(model.index(r, c)) is None for r in range(3) for c in range(model.columnCount()))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    tab.select(2)
    tab.up.click()
    assert [v.in_scope for v in window.presenter.visits] == ["100", "300", "200"]
    assert tab.selected_index() == 1
    tab.remove.click()
    assert [v.in_scope for v in window.presenter.visits] == ["100", "200"]
    assert resets == []
    assert visit_row(window, 1)[0] == "200.00"  # 600 deductible: 100 counted, then all of 200


def test_typed_amounts_are_shown_back_normalised(qtbot: QtBot) -> None:
    """1500元 and full-width １５００ are read as 1500 and shown as 1,500.00, written as the computed figures beside
    them are (issue 21.16; tier 3: deductible 600, fund (1500 − 600) × 60% = 540)."""
    window = open_window(qtbot)
    set_case(window)
    window.visits_tab.add_outpatient.click()
    type_into_cell(qtbot, window, 0, FIRST_INPUT, "1500.0")
    assert window.visits_tab.cell_text(0, FIRST_INPUT) == "1,500.00"
    window.visits_tab.model.setData(window.visits_tab.model.index(0, FIRST_INPUT), "1500元")  # as the editor commits it
    assert window.visits_tab.cell_text(0, FIRST_INPUT) == "1,500.00"
    assert visit_row(window, 0)[1] == "540.00"
    window.visits_tab.model.setData(window.visits_tab.model.index(0, FIRST_INPUT), "１５００")
    assert window.visits_tab.cell_text(0, FIRST_INPUT) == "1,500.00"
    window.visits_tab.model.setData(window.visits_tab.model.index(0, FIRST_INPUT), "abc")
    assert window.visits_tab.cell_text(0, FIRST_INPUT) == "abc"  # what cannot be read stays as typed, and is named


def test_delete_asks_first_and_keeps_the_visit_unless_confirmed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21.16: Alt+K deleted a visit with no question and no undo."""
    from yibao.ui.dialogs import messages

    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "outpatient", 3, "1000")
    add_visit(window, "inpatient", 2, "48000")
    asked: list[str] = []
    answers = iter([False, True])

    def answer(_parent: object, visit: str) -> bool:
        asked.append(visit)
        return next(answers)

    monkeypatch.setattr(messages, "ask_remove_visit", answer)
    tab = window.visits_tab
    tab.select(1)
    qtbot.keyClick(tab.table, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert asked == ["第2条就诊（住院·二级）"] and tab.model.rowCount() == 2  # 保留
    tab.remove.click()
    assert tab.model.rowCount() == 1 and tab.cell_text(0, FIRST_INPUT) == "1,000.00"
