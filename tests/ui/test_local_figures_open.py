"""Issue 21.13, the 本地录入参数 dialog as the window opens it: no larger than the window, on a counter's screen too; a
pack imported in it saved at once (as ``yibao figures import`` saves it) and said at the top; the notes' link opening
it on what the case lacks."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QUrl
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from window_helpers import add_visit, not_none, open_window, set_case

from yibao.cli import main
from yibao.rules import LocalFigure, bundled_policy
from yibao.state.local_figures import load_local_figures, local_figures_path, save_local_figures
from yibao.state.settings import Settings, load_settings
from yibao.ui.cities import city_names
from yibao.ui.dialogs.local_figures import MISSING_MARK, LocalFiguresDialog
from yibao.ui.main_window import MainWindow
from yibao.ui.qt_setup import apply_font

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "example-figures-pack.json"
ISSUER = "示例医疗保障局（演示用，非真实单位，数字均为虚构）"
SCREENS = {"1200×800": QRect(0, 0, 1200, 800), "1024×768": QRect(0, 0, 1024, 768)}


@pytest.fixture(params=[False, True], ids=["usual", "大字模式"])
def large_print(request: pytest.FixtureRequest) -> Iterator[bool]:
    apply_font(Settings(large_print=request.param))
    yield request.param
    apply_font(Settings())


@pytest.mark.parametrize("screen", SCREENS)
def test_the_dialog_opens_within_the_window_and_the_screen(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                           screen: str, large_print: bool) -> None:
    """It opened 1160×740 over a 1184×760 window at 1200×800 (wider still in 大字模式, the columns asking for more):
    the window it covered was lost behind it. Now the window shows around it, and the screen holds both."""
    room = SCREENS[screen]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: room)
    window = MainWindow(load_settings()[0], city_names())
    qtbot.addWidget(window)
    window.show()
    window.start_core()
    session = not_none(window.presenter.session)
    dialog = LocalFiguresDialog(session.policy, session.local, "yantai", date(2024, 6, 1), window)
    qtbot.addWidget(dialog)
    assert dialog.width() <= window.width() - 32 and dialog.height() <= window.height() - 32
    assert dialog.width() <= room.width() - 40 and dialog.height() <= room.height() - 60
    assert dialog.width() >= min(window.width() - 32, 1080)  # as wide as the room allows: the columns in view


def test_an_imported_pack_is_saved_at_once_and_said_at_the_top(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                               large_print: bool) -> None:
    """导入数据包 saves the pack as the command line's ``figures import`` does, before 确定; the line saying so is above
    the scrolling body, in sight at 1024×768 in 大字模式 too; 取消 then keeps the import and the window uses it."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: SCREENS["1024×768"])
    window = open_window(qtbot)
    set_case(window)
    dialogs: list[LocalFiguresDialog] = []

    def cancel(dialog: LocalFiguresDialog) -> int:
        dialogs.append(dialog)
        dialog.show()
        assert len(load_local_figures(bundled_policy())[0]) == 11  # saved before any 确定
        notice = dialog.notice
        assert notice.text() == f"已导入“{ISSUER}”的11条参数并已保存，计算即用。"
        assert notice.isVisible() and notice.parentWidget() is dialog  # not in the scrolling body
        assert notice.geometry().bottom() < dialog.body.geometry().top()
        assert notice.geometry().right() <= dialog.width()
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr("yibao.ui.dialogs.local_figures.ask_open_path", lambda *_a, **_k: str(EXAMPLE))
    monkeypatch.setattr(LocalFiguresDialog, "exec", cancel)
    window.dialogs.open_local_figures("import")
    assert len(dialogs) == 1
    assert not_none(window.presenter.session).local == load_local_figures(bundled_policy())[0]  # 取消 keeps it
    window.close()


def test_import_in_the_dialog_and_on_the_command_line_save_alike(qtbot: QtBot) -> None:
    """One way to import: the same pack saved from the dialog or by ``yibao figures import`` gives the same file."""
    policy = bundled_policy()
    dialog = LocalFiguresDialog(policy, [], "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    assert dialog.import_pack(str(EXAMPLE))
    from_dialog = local_figures_path().read_bytes()
    local_figures_path().unlink()
    assert main(["figures", "import", str(EXAMPLE)]) == 0
    assert local_figures_path().read_bytes() == from_dialog
    assert dialog.imported() == dialog.figures() == load_local_figures(policy)[0]


def test_an_import_keeps_what_is_typed_and_confirm_saves_both(qtbot: QtBot) -> None:
    """A figure typed but not yet saved stays in the list through an import, and the top line says it still needs
    确定; 确定 then saves both (the import is not written twice, nor lost)."""
    policy = bundled_policy()
    dialog = LocalFiguresDialog(policy, [], "weifang", date(2024, 6, 1))
    qtbot.addWidget(dialog)
    dialog.add_button.click()
    dialog.parameter_box.setCurrentIndex(dialog.parameter_box.findData("wage.province_average_monthly"))
    dialog.value_fields[""].setText("7215.5")
    dialog.save_button.click()
    assert dialog.import_pack(str(EXAMPLE))
    assert dialog.notice.text().endswith("计算即用。本对话框中的其他修改仍需按“确定”保存。")
    assert len(load_local_figures(policy)[0]) == 11 and len(dialog.figures()) == 12
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_local_figures(policy)[0] == dialog.figures() and len(dialog.figures()) == 12


def test_an_import_on_a_full_disk_says_so_at_the_top_and_changes_nothing(qtbot: QtBot,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22.12: the same words as the command line's, at the top; the saved file and the list as they were."""
    policy = bundled_policy()
    wage = [LocalFigure("wage.province_average_monthly", "yantai", date(2024, 1, 1), None, Decimal("7215.5"))]
    save_local_figures(wage)
    before = local_figures_path().read_bytes()
    dialog = LocalFiguresDialog(policy, wage, "yantai", date(2024, 6, 1))
    qtbot.addWidget(dialog)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("yibao.state.local_figures.write_text_atomic", full)
    assert not dialog.import_pack(str(EXAMPLE))
    assert dialog.notice.text() == (f"本地录入参数未能保存到 {local_figures_path()}（磁盘已满），原有的本地录入参数未改动，"
                                    "未导入任何数据")
    assert local_figures_path().read_bytes() == before and dialog.figures() == wage and dialog.imported() is None


def test_the_notes_link_opens_the_dialog_on_what_the_case_lacks(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Yantai inpatient stay in a tier-2 hospital: the 2024 documents give no share (109号 leaves it to the city),
    the notes say 文件未规定 with a link; the link opens the dialog on Yantai, a new figure for the first thing lacking
    chosen, everything lacking first in 项目 and marked, and named at the top."""
    window = open_window(qtbot)
    set_case(window)
    add_visit(window, "inpatient", 2, "12000")
    result = not_none(window.result)
    lacking = [m.parameter for m in result.missing]
    assert "inpatient.share" in lacking
    opened: list[LocalFiguresDialog] = []

    def look(dialog: LocalFiguresDialog) -> int:
        opened.append(dialog)
        dialog.show()
        QApplication.processEvents()
        box = dialog.parameter_box
        assert dialog.city_box.currentData() == "yantai"
        assert [box.itemData(i) for i in range(len(lacking))] == lacking
        assert all(box.itemText(i).endswith(MISSING_MARK) for i in range(len(lacking)))
        assert not box.itemText(len(lacking)).endswith(MISSING_MARK)
        assert box.currentData() == lacking[0] and dialog.pane.isEnabled() and dialog.pane.title() == "新增"
        assert dialog.notice.text().startswith(f"本次测算缺少{len(lacking)}项文件未规定的参数：{result.missing[0].label}")
        assert dialog.notice.isVisible()
        visible = dialog.body.viewport().rect().translated(0, dialog.body.verticalScrollBar().value())
        assert visible.intersects(dialog.pane.geometry())  # the pane to fill in, in sight
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(LocalFiguresDialog, "exec", look)
    window.notes.anchorClicked.emit(QUrl("local"))
    assert len(opened) == 1
    window.close()
