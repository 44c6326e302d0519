"""Issue 22.12, the window's writes on a full disk, a read-only folder or a failing disk: each says in Chinese what was
not saved and why, leaves the old file as it was, and raises nothing (pytest-qt fails a test on an exception in a
slot or an event handler, as the window's unexpected-error dialog would show one).

The tests run as root, which a read-only folder does not stop: the folder's refusal (EROFS) is raised where the temp
file is made; the full disk (ENOSPC) where a write is flushed to the disk, as a real one surfaces; SQLite's full disk
through its page limit; a printer's file cut short through the process's file size limit."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_helpers import not_none, open_window, set_case, type_into

from yibao.state.history import History, history_path
from yibao.state.settings import Settings, load_settings, save_settings, settings_path
from yibao.ui.main_window import MainWindow

PROBLEMS = {"磁盘已满": errno.ENOSPC, "磁盘是只读的": errno.EROFS}


def _fail_with(code: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk fails the flush to the disk; a read-only folder refuses the temp file."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    if code == errno.EROFS:
        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    else:
        monkeypatch.setattr(os, "fsync", refuse)


@pytest.fixture(params=list(PROBLEMS))
def problem(request: pytest.FixtureRequest) -> str:
    """What the message names: the disk fails only once ``_fail_with`` is called (the window opens on a healthy one)."""
    return str(request.param)


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    save_settings(Settings(hall_name="芝罘区大厅"))
    shown = open_window(qtbot, load_settings()[0])
    set_case(shown, "yantai", date(2024, 6, 1))
    type_into(qtbot, shown.contribution_tab.base, "6000")
    return shown


def _saved_count() -> int:
    history = History(history_path())
    try:
        return len(history.search())
    finally:
        history.close()


def test_settings_from_the_dialog(window: MainWindow, warnings: list[str], problem: str,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.ui.dialogs.settings import SettingsDialog

    before = settings_path().read_bytes()

    def change_and_accept(dialog: SettingsDialog) -> int:
        dialog.hall.setText("莱山区大厅")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", change_and_accept)
    _fail_with(PROBLEMS[problem], monkeypatch)
    window.dialogs.open_settings()
    assert warnings == [f"设置未能保存（{problem}），本次运行中仍然有效"]
    assert settings_path().read_bytes() == before and window.settings.hall_name == "莱山区大厅"
    window.close()


def test_settings_when_the_window_closes(window: MainWindow, warnings: list[str], problem: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """It was written to the log only: the clerk never learnt the window's size and tab would not be kept."""
    before = settings_path().read_bytes()
    _fail_with(PROBLEMS[problem], monkeypatch)
    window.close()
    assert warnings == [f"窗口的大小、位置和所在页签未能保存（{problem}），下次打开时按默认大小；其他数据不受影响"]
    assert settings_path().read_bytes() == before
    assert [p.name for p in settings_path().parent.iterdir()] == [settings_path().name]  # no temp file left


def test_history_on_a_full_disk(window: MainWindow, warnings: list[str], qtbot: QtBot) -> None:
    """Ctrl+S once on a healthy disk, then with SQLite's file unable to grow: the second record is refused in words,
    the first kept."""
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "已保存到历史记录" and _saved_count() == 1
    history = not_none(not_none(window.presenter.session).history)
    connection = history._conn  # the database's own limit: the disk is "full" for it alone
    connection.execute(f"PRAGMA max_page_count = {connection.execute('PRAGMA page_count').fetchone()[0]}")
    for base in range(6001, 6041):  # until a record needs a new page
        type_into(qtbot, window.contribution_tab.base, str(base))
        window.statusBar().clearMessage()
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        if warnings:
            break
    assert warnings == [f"无法保存到历史记录文件 {history_path()}（磁盘已满）"]
    assert window.statusBar().currentMessage() != "已保存到历史记录"
    assert window.presenter.unsaved  # still to be saved: closing asks first
    window.close()


def test_deleting_from_a_read_only_history(qtbot: QtBot, warnings: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.ui.dialogs.history import HistoryDialog

    history = History(history_path())
    history.add(city="yantai", city_name="烟台市", on=date(2024, 6, 1), kind="保存", summary="基数6000", request_json="{}")
    history.close()
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda p, **kw: connect(f"file:{p}?mode=ro", uri=True, **kw))
    read_only = History(history_path())
    dialog = HistoryDialog(read_only)
    qtbot.addWidget(dialog)
    monkeypatch.setattr("yibao.ui.dialogs.messages.ask_delete_record", lambda _parent, _saved_at: True)
    dialog.table.selectRow(0)
    dialog.delete_selected()
    assert warnings == [f"历史记录文件 {history_path()} 是只读的，无法删除"]
    assert len(dialog.entries) == 1
    read_only.close()


@pytest.mark.parametrize("kind", ["PDF", "图片"])
def test_the_sheet_as_a_file(window: MainWindow, warnings: list[str], problem: str, kind: str, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet saved before stays whole; nothing is recorded in the history as saved."""
    folder = tmp_path / "sheets"
    folder.mkdir()
    out = folder / ("sheet.pdf" if kind == "PDF" else "sheet.png")
    save: Callable[[str], None] = window.output.save_pdf if kind == "PDF" else window.output.save_png
    save(str(out))
    before, recorded = out.read_bytes(), _saved_count()
    _fail_with(PROBLEMS[problem], monkeypatch)
    save(str(out))
    assert warnings == [f"无法写入 {out}（{problem}）" + ("，原文件未改动" if problem == "磁盘已满" else "")]
    assert out.read_bytes() == before and [p.name for p in folder.iterdir()] == [out.name]
    assert _saved_count() == recorded
    window.close()


def test_printing_to_a_file_cut_short(window: MainWindow, warnings: list[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Printed to a PDF file (a hall without a printer): Qt says nothing when the disk fills and leaves the file cut
    short. The clerk is told, and the case is not recorded as printed."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    out = tmp_path / "printed.pdf"

    def print_to_file(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    recorded = _saved_count()
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) as on a full disk
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, limit[1]))
    try:
        window.output.print_sheet()
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    assert warnings == [f"测算单没有打印出来：无法写入 {out}（文件没有写完整，可能磁盘已满）"]
    assert _saved_count() == recorded
    window.close()


def test_printing_to_a_folder_that_is_not_there(window: MainWindow, warnings: list[str], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    def print_to_file(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "gone" / "printed.pdf"))
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_to_file)
    window.output.print_sheet()
    assert warnings == ["测算单没有打印出来：无法开始绘制测算单（打印机或文件不可用）"]
    window.close()


def test_the_fund_sheet_as_a_pdf(qtbot: QtBot, warnings: list[str], problem: str, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from yibao.rules import calculate
    from yibao.ui.dialogs.fund import FundDialog

    dialog = FundDialog("qingdao", "青岛市", date(2025, 3, 1), calculate)
    qtbot.addWidget(dialog)
    typed = {"last_year_premium_income": "1000000000", "last_year_remittance": "25000000", "deficit": "80000000",
             "province_share_ratio": "50", "accumulated_surplus": "100000000"}
    for name, text in typed.items():
        qtbot.keyClicks(dialog.edits[name], text)
    assert dialog.result() is not None
    out = tmp_path / "fund.pdf"
    out.write_bytes(b"%PDF- the old one")
    _fail_with(PROBLEMS[problem], monkeypatch)
    dialog.save_pdf(str(out))
    assert warnings == [f"无法写入 {out}（{problem}）" + ("，原文件未改动" if problem == "磁盘已满" else "")]
    assert out.read_bytes() == b"%PDF- the old one" and [p.name for p in tmp_path.iterdir()] == ["fund.pdf"]


def test_a_pack_exported_from_the_dialog(qtbot: QtBot, problem: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from yibao.rules import LocalFigure, bundled_policy
    from yibao.ui.dialogs.local_figures import LocalFiguresDialog

    wage = LocalFigure("wage.province_average_monthly", "yantai", date(2024, 1, 1), None, Decimal("7215.5"))
    dialog = LocalFiguresDialog(bundled_policy(), [wage], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    out = tmp_path / "hall.json"
    out.write_text("the old pack", encoding="utf-8")
    _fail_with(PROBLEMS[problem], monkeypatch)
    assert not dialog.export_pack(str(out))
    assert dialog.notice.text().startswith(f"无法写入 {out}（{problem}）") and dialog.notice.isVisibleTo(dialog)
    assert out.read_text(encoding="utf-8") == "the old pack"


def test_printing_from_the_preview_to_a_folder_that_is_not_there(window: MainWindow, warnings: list[str],
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """打印 in the preview's toolbar paints through the window's painter in a slot: its failure came out as an
    unexpected error with a traceback. Now the clerk is told once the preview closes."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    def print_from_the_preview(dialog: QPrintPreviewDialog) -> int:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "gone" / "printed.pdf"))
        dialog.paintRequested.emit(printer)
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", print_from_the_preview)
    window.output.preview_sheet()
    assert warnings == ["测算单没有打印出来：无法开始绘制测算单（打印机或文件不可用）"]
    window.close()
