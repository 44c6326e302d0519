"""Every dialog: an Alt+letter on each field and button (none twice), a sensible first focus, the keyboard alone
enough, and nothing left behind once closed."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QGroupBox, QLabel, QWidget
from pytestqt.qtbot import QtBot
from visit_rows_helpers import TASK_ONE_LIST
from window_helpers import add_visit, open_window, set_case

from yibao.rules import bundled_policy, calculate
from yibao.rules.visit_rows import read_visit_rows
from yibao.state.history import open_history
from yibao.state.settings import Settings
from yibao.ui.cities import city_names
from yibao.ui.dates import DateField
from yibao.ui.dialogs.fund import FundDialog
from yibao.ui.dialogs.history import HistoryDialog
from yibao.ui.dialogs.local_figures import LocalFiguresDialog
from yibao.ui.dialogs.scan import ScanDialog
from yibao.ui.dialogs.sections import SectionsDialog
from yibao.ui.dialogs.settings import SettingsDialog
from yibao.ui.dialogs.visits_import import VisitsPreview

LETTER = re.compile(r"\(&([A-Z])\)")


def letters(dialog: QWidget) -> list[str]:
    """The Alt+letter of every visible field label and button; fails on one without."""
    found = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog) or isinstance(widget.parentWidget(), DateField):
            continue  # a date field's ▾ opens with Alt+↓ from the field
        if (isinstance(widget, QLabel) and widget.buddy() is not None) or (isinstance(widget, QAbstractButton) and widget.text()):
            text = widget.text()
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            text = widget.title()
        else:
            continue
        match = LETTER.search(text)
        assert match is not None, f"no Alt+letter: {text}"
        found.append(match[1])
    return found


def dialogs(qtbot: QtBot) -> list[tuple[QDialog, QWidget]]:
    """Each dialog with the widget that should have the focus first."""
    history, _ = open_history()
    history.add(city="yantai", city_name="烟台市", on=date(2026, 11, 1), kind="保存", summary="烟台市 企业职工",
                request_json="{}", saved_at=datetime(2026, 11, 2, 9))
    settings = SettingsDialog(Settings(), city_names())
    hist = HistoryDialog(history)
    local = LocalFiguresDialog(bundled_policy(), [], "yantai", date(2024, 6, 1))
    fund = FundDialog("yantai", "烟台市", date(2024, 6, 1), calculate)
    first_amount = next(iter(fund.edits.values()))
    sections = SectionsDialog(["contribution", "visits"], ["visits"])
    scan = ScanDialog()
    preview = VisitsPreview("结算清单.xlsx", read_visit_rows(TASK_ONE_LIST), 2)
    made = [(settings, settings.city), (hist, hist.text), (local, local.table), (fund, first_amount),
            (sections, sections.boxes["contribution"]), (scan, scan.code), (preview, preview.add_button)]
    for dialog, _first in made:
        qtbot.addWidget(dialog)
    return made


def test_every_dialog_has_alt_letters_none_twice_and_a_first_focus(qtbot: QtBot) -> None:
    for dialog, first in dialogs(qtbot):
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        found = letters(dialog)
        assert len(found) == len(set(found)), (dialog.windowTitle(), found)
        qtbot.waitUntil(first.hasFocus)
        dialog.close()


def test_local_figures_rows_added_later_get_letters_too(qtbot: QtBot) -> None:
    dialog = LocalFiguresDialog(bundled_policy(), [], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_button.click()
    dialog.parameter_box.setCurrentIndex(dialog.parameter_box.findData("inpatient.share"))
    found = letters(dialog)
    assert len(found) == len(set(found)) and len(dialog.value_fields) == 6


def test_history_arrows_move_and_enter_opens_the_highlighted_record(qtbot: QtBot) -> None:
    history, _ = open_history()
    for day, city, name in ((2, "yantai", "烟台市"), (5, "jinan", "济南市"), (9, "jining", "济宁市")):
        history.add(city=city, city_name=name, on=date(2026, 11, 1), kind="保存", summary=name, request_json="{}",
                    saved_at=datetime(2026, 11, day, 9))
    dialog = HistoryDialog(history)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.text.hasFocus)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Down)  # from the search box: the next record is highlighted
    qtbot.keyClick(dialog.text, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen is not None and dialog.chosen.city == "jinan"
    history.close()


@pytest.mark.parametrize("times", [1, 5])
def test_a_dialog_opened_and_closed_leaves_nothing_behind(qtbot: QtBot, times: int) -> None:
    window = open_window(qtbot)
    set_case(window)
    window.contribution_tab.base.setText("6000")  # two questions: 打印预览 first asks what the sheet holds
    add_visit(window, "outpatient", 3, "800")

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        dialog.reject()

    for _ in range(times):
        dialogs = window.dialogs
        for open_dialog in (dialogs.show_help, dialogs.open_settings, dialogs.open_local_figures, dialogs.open_fund,
                            dialogs.open_history, window.output.preview_sheet):
            QTimer.singleShot(50, close_it)
            open_dialog()
    qtbot.waitUntil(lambda: not window.findChildren(QDialog))


def test_in_large_print_every_dialog_fits_the_screen_with_its_buttons_in_sight(qtbot: QtBot) -> None:
    """大字模式 on a low screen (the offscreen screen is 800 px high): 本地录入参数 and 调剂金测算 ran past its bottom
    edge, 确定 and 关闭 out of reach. Their bodies scroll; the dialogs fit."""
    from PySide6.QtWidgets import QDialogButtonBox

    from yibao.ui.qt_setup import apply_font

    apply_font(Settings(large_print=True))
    try:
        for dialog, _first in dialogs(qtbot):
            dialog.show()
            qtbot.waitExposed(dialog)
            room = dialog.screen().availableGeometry()
            assert dialog.frameGeometry().height() <= room.height(), dialog.windowTitle()
            for box in dialog.findChildren(QDialogButtonBox):
                corner = box.mapTo(dialog, box.rect().bottomRight())
                assert dialog.rect().contains(corner), dialog.windowTitle()
            dialog.close()
    finally:
        apply_font(Settings())
