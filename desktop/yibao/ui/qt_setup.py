"""Qt set up for this app: the bundled font at the chosen size (大字模式 too) and Qt's own texts in Chinese.

Its own module, so that the window and the dialogs apply them without importing the app that starts the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from yibao.fonts import install_fonts
from yibao.state.settings import DEFAULT_POINT_SIZE, Settings

if TYPE_CHECKING:
    from yibao.ui.tick_style import TickBoxStyle

LARGE_PRINT_SCALE = 1.4
STYLES: list[TickBoxStyle] = []  # the tick-box style while in use, kept alive on the Python side


def apply_font(settings: Settings) -> None:
    """The bundled font at the chosen size; 大字模式 scales it for elderly citizens."""
    size = settings.font_point_size * (LARGE_PRINT_SCALE if settings.large_print else 1.0)
    font = QFont(install_fonts(bold=False))  # the bold weight is loaded after the first paint
    font.setPointSizeF(size)
    QApplication.setFont(font)
    _size_tick_boxes(size / DEFAULT_POINT_SIZE)
    for widget in QApplication.allWidgets():
        if widget.styleSheet():  # Qt keeps a styled widget's font (a coloured caption stayed at the old size)
            widget.setStyleSheet(widget.styleSheet())


def _size_tick_boxes(scale: float) -> None:
    """In a larger font the tick-box style, at the usual size the platform's own: through Python, every widget's
    metrics (some 400 a keystroke) cost time the usual size need not spend. (Its module is not loaded at the usual
    size: subclassing a Qt style makes Qt's enums, start-up time before the first paint.)"""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    if scale > 1:
        from yibao.ui.tick_style import TickBoxStyle

        style = TickBoxStyle(STYLES[0].base if STYLES else app.style().name(), scale)
        app.setStyle(style)
        STYLES[:] = [style]  # the one replaced is let go only once Qt no longer draws with it
    elif STYLES:
        app.setStyle(STYLES[0].base)
        STYLES.clear()


def install_qt_translation(app: QApplication) -> None:
    """Qt's own dialogs (print, file, message-box buttons) in Chinese: 打印, 取消, 打开 …"""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    if app.property("yibao-qt-translation"):
        return  # installed once
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        app.installTranslator(translator)
        app.setProperty("yibao-qt-translation", True)
