"""A counter PC's 1024×768 screen: the window opens within it, frame and status bar included (issue 21.1)."""

from __future__ import annotations

import pytest
from layout_check import screen_problems
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from yibao.state.settings import Settings, load_settings
from yibao.ui.cities import city_names
from yibao.ui.geometry import FRAME_ALLOWANCE, keep_on_screen
from yibao.ui.main_window import MainWindow
from yibao.ui.qt_setup import apply_font

SMALL_SCREEN = QRect(0, 0, 1024, 768)


@pytest.mark.parametrize("large_print", [False, True], ids=["usual", "大字模式"])
def test_window_and_status_bar_within_a_1024_by_768_screen(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                            large_print: bool) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: SMALL_SCREEN)
    settings = load_settings()[0]
    settings.large_print = large_print
    apply_font(settings)
    try:
        window = MainWindow(settings, city_names())
        qtbot.addWidget(window)
        window.show()
        window.start_core()
        window.contribution_tab.base.setText("6000")
        window.output.save_case()  # 已保存到历史记录 in the status bar
        qtbot.wait(20)
        assert window.statusBar().currentMessage() == "已保存到历史记录"
        assert screen_problems(window, SMALL_SCREEN) == []
        # room for a title bar the offscreen platform does not draw (openbox's is 20 px, Windows' about 30)
        assert window.height() <= SMALL_SCREEN.height() - FRAME_ALLOWANCE[1]
    finally:
        apply_font(Settings())


def test_a_window_saved_on_a_larger_screen_is_brought_back_within_this_one(qtbot: QtBot,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: SMALL_SCREEN)
    window = MainWindow(load_settings()[0], city_names())
    qtbot.addWidget(window)
    window.setGeometry(300, 200, 1200, 800)  # as restored from a 1600×900 screen
    window.show()
    keep_on_screen(window)
    assert screen_problems(window, SMALL_SCREEN) == []
