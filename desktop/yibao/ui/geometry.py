"""The window's size and place: as it was at the last close, else the default size within the screen, and the
whole window, frame included, kept on its screen (a counter PC's 1024×768)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

DEFAULT_SIZE = (1200, 800)
# Room left on the screen for the window manager's title bar and borders, not known before the window is shown:
# at 1024×768 a window as tall as the screen put its status bar (已保存, PDF 已保存) below the screen's edge.
FRAME_ALLOWANCE = (16, 40)


def restore_geometry(window: QWidget, saved: str) -> None:
    """The size and place ``saved`` (``saved_geometry``) if it can be restored, else the default size within the screen."""
    if saved and window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii"))):
        return
    room = window.screen().availableGeometry()
    window.resize(min(DEFAULT_SIZE[0], room.width() - FRAME_ALLOWANCE[0]),
                  min(DEFAULT_SIZE[1], room.height() - FRAME_ALLOWANCE[1]))


def saved_geometry(window: QWidget) -> str:
    """The window's size and place as the settings keep it (base64 of ``saveGeometry``)."""
    return bytes(window.saveGeometry().toBase64().data()).decode("ascii")


def keep_on_screen(window: QWidget) -> None:
    """The whole window on its screen, frame included (a geometry saved on a larger screen, a taller title bar)."""
    room = window.screen().availableGeometry()
    frame, inner = window.frameGeometry(), window.geometry()
    width = min(inner.width(), room.width() - (frame.width() - inner.width()))
    height = min(inner.height(), room.height() - (frame.height() - inner.height()))
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    left = min(max(frame.left(), room.left()), room.right() + 1 - window.frameGeometry().width())
    top = min(max(frame.top(), room.top()), room.bottom() + 1 - window.frameGeometry().height())
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)
