"""扫码调取 (issue 23): a sheet's case code typed by a scanner (its keystrokes, then Enter) or read from a picture of the
sheet reopens the case with the same figures; a damaged code or one from a newer version is refused in one line.
The year is task 1's (tests/helpers/visit_rows_helpers.py, 烟政字〔2023〕109号 二(三)1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from visit_rows_helpers import FUND_AND_SUPPLEMENT, PERSON, TASK_ONE, TASK_ONE_ROWS
from window_helpers import open_window

from yibao import casecode
from yibao.casecode import encode_case
from yibao.rules import Request
from yibao.rules.visit_rows import read_visit_rows
from yibao.ui.dialogs import scan
from yibao.ui.dialogs.scan import ScanDialog
from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_VISITS
from yibao.version import app_version

TASK_ONE_REQUEST = Request.model_validate({**TASK_ONE, "visits": read_visit_rows(TASK_ONE_ROWS).visits})


def year(window: MainWindow) -> tuple[object, object]:
    assert window.presenter.problem is None and window.result is not None
    totals = window.result.year_totals
    assert totals is not None and totals.fund_pays is not None and totals.supplement_pays is not None
    return totals.fund_pays + totals.supplement_pays, totals.person_pays


def scan_with_keys(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """Ctrl+L, then the scanner: the code's characters as key presses and Enter, into the field that has the focus."""
    typed: list[str] = []

    def scanner() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ScanDialog):
            QTimer.singleShot(10, scanner)  # the dialog is not open yet
            return
        try:
            typed.append("focus" if dialog.focusWidget() is dialog.code else "no focus")
            qtbot.keyClicks(dialog.code, code)
            qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():  # refused: closed, so that the test goes on to fail rather than hang
                typed.append(dialog.problem.text())
                dialog.reject()

    QTimer.singleShot(0, scanner)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert typed == ["focus"]


def test_109号_二三1_a_scanned_code_reopens_the_case_with_the_same_figures(qtbot: QtBot) -> None:
    window = open_window(qtbot)
    window.load_request(TASK_ONE_REQUEST)
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)
    shown = window.result.model_dump_json() if window.result else ""
    code = encode_case(TASK_ONE_REQUEST, made_on=date(2026, 12, 6))
    window.new_case()
    assert window.presenter.visits == []
    scan_with_keys(qtbot, window, code)
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)
    assert window.result is not None and window.result.model_dump_json() == shown
    assert window.statusBar().currentMessage() == f"已调取2026年12月6日由山东职工医保测算 {app_version()} 生成的测算"


def test_a_code_from_an_older_version_says_whose_figures_are_shown(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(casecode, "app_version", lambda: "0.0.9")
    code = encode_case(TASK_ONE_REQUEST, made_on=date(2025, 3, 1))
    monkeypatch.undo()
    window = open_window(qtbot)
    scan_with_keys(qtbot, window, code.lower())  # Caps Lock off on the counter's keyboard: read case-blind
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)
    assert window.statusBar().currentMessage() == (f"已调取2025年3月1日由山东职工医保测算 0.0.9 生成的测算；"
                                                  f"数字按本程序（{app_version()}）的政策参数重新计算")


def scanned_into_dialog(qtbot: QtBot, code: str) -> ScanDialog:
    dialog = ScanDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.code.hasFocus)
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    return dialog


def test_a_damaged_code_is_refused_in_one_line_and_the_next_scan_replaces_it(qtbot: QtBot) -> None:
    code = encode_case(TASK_ONE_REQUEST)
    damaged = code[:20] + ("A" if code[20] != "A" else "B") + code[21:]
    dialog = scanned_into_dialog(qtbot, damaged)
    assert dialog.result() == 0 and dialog.decoded is None and dialog.isVisible()
    assert dialog.problem.text() == "调取码不完整或已损坏（校验不符），请重新扫描"
    assert dialog.code.selectedText() == damaged  # typing (scanning) again replaces it
    qtbot.keyClicks(dialog.code, code)
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.decoded is not None and dialog.decoded.request == TASK_ONE_REQUEST


def test_a_code_from_a_newer_version_is_refused_in_one_line(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(casecode, "app_version", lambda: "99.0.0")
    code = encode_case(TASK_ONE_REQUEST)
    monkeypatch.undo()
    dialog = scanned_into_dialog(qtbot, code)
    assert dialog.decoded is None
    assert dialog.problem.text() == f"这个调取码由更新版本（99.0.0）的程序生成，本程序是 {app_version()}，请升级后再调取"


def test_the_field_takes_keys_even_with_a_chinese_input_method_on(qtbot: QtBot) -> None:
    """A scanner types letters: an input method (拼音) must not turn them into a composition."""
    dialog = ScanDialog()
    qtbot.addWidget(dialog)
    assert not dialog.code.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)


# ------------------------------------------------------------ a picture of the sheet


@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_109号_二三1_a_picture_of_the_sheet_reopens_the_case_with_the_same_figures(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    """The sheet saved from the window as a picture (另存为图片; as JPG, a phone's photo of it), its QR code read."""
    window = open_window(qtbot)
    window.load_request(TASK_ONE_REQUEST)
    window.tabs.setCurrentIndex(TAB_VISITS)
    shown = window.result.model_dump_json() if window.result else ""
    picture = tmp_path / "sheet.png"
    window.output.save_png(str(picture))
    if suffix == "jpg":
        assert QImage(str(picture)).save(str(tmp_path / "sheet.jpg"), quality=80)
        picture = tmp_path / "sheet.jpg"
    window.new_case()
    monkeypatch.setattr(scan, "ask_open_path", lambda *_a: str(picture))
    monkeypatch.setattr(ScanDialog, "exec", lambda dialog: dialog.read_picture() or dialog.result())
    window.dialogs.scan_case()
    assert year(window) == (FUND_AND_SUPPLEMENT, PERSON)
    assert window.result is not None and window.result.model_dump_json() == shown


def test_a_picture_without_a_qr_code_is_refused_in_one_line(qtbot: QtBot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    blank = tmp_path / "photo.png"
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    assert image.save(str(blank))
    broken = tmp_path / "sheet.jpg"
    broken.write_bytes(b"not a picture")
    dialog = ScanDialog()
    qtbot.addWidget(dialog)
    for path, message in ((blank, "图片“photo.png”中没有找到二维码：请用测算单的图片，二维码要清楚、完整"),
                          (broken, "无法打开图片“sheet.jpg”（不是 PNG 或 JPG 图片，或文件已损坏）")):
        monkeypatch.setattr(scan, "ask_open_path", lambda *_a, path=path: str(path))
        dialog.read_picture()
        assert dialog.decoded is None and dialog.problem.text() == message
