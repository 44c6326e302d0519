"""What every dialog shares: an Alt+letter on each field and button, Chinese button texts, deleted once closed."""

from __future__ import annotations

import re
import string

from PySide6.QtWidgets import QAbstractButton, QDialog, QDialogButtonBox, QFrame, QGroupBox, QLabel, QScrollArea, QWidget

from yibao.state.settings import DEFAULT_POINT_SIZE

MNEMONIC = re.compile(r"&([A-Za-z])")
BUTTON_TEXTS = {
    QDialogButtonBox.StandardButton.Ok: "确定(&O)",
    QDialogButtonBox.StandardButton.Cancel: "取消(&Q)",
    QDialogButtonBox.StandardButton.Open: "打开(&O)",
    QDialogButtonBox.StandardButton.Close: "关闭(&Q)",
    QDialogButtonBox.StandardButton.Save: "保存(&S)",
}


def name_buttons(box: QDialogButtonBox) -> None:
    """The standard buttons in Chinese with their Alt+letter, whether or not Qt's own translation is loaded."""
    for which, text in BUTTON_TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)


def _text(widget: QWidget) -> str | None:
    if isinstance(widget, QLabel) and widget.buddy() is not None:
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    if isinstance(widget, QGroupBox) and widget.isCheckable():
        return widget.title()
    return None


def give_mnemonics(dialog: QWidget) -> None:
    """An Alt+letter for every field label and button that has none, never one already taken in the dialog.

    Chinese captions have no letter of their own, so the letter is shown after them: 城市(&A) reads 城市(A).
    Called again after a dialog adds rows, it only labels the new ones.
    """
    widgets = [w for w in dialog.findChildren(QWidget) if _text(w) is not None]
    taken = {m.upper() for w in widgets for m in MNEMONIC.findall(_text(w) or "")}
    free = (letter for letter in string.ascii_uppercase if letter not in taken)
    for widget in widgets:
        text = _text(widget) or ""
        if MNEMONIC.search(text) or not text.strip():
            continue
        letter = next(free, None)
        if letter is None:
            return
        labelled = f"{text.removesuffix('…')}(&{letter}){'…' if text.endswith('…') else ''}"
        if isinstance(widget, QGroupBox):
            widget.setTitle(labelled)
        else:
            widget.setText(labelled)  # type: ignore[attr-defined]


WITHIN_WINDOW = 32  # px a dialog leaves of the window it opens over, each way: the window stays seen around it


def open_size(dialog: QWidget, width: int, height: int, at_least_width: int = 0) -> None:
    """Open at the size that suits the usual font, grown with the font (大字模式), or ``at_least_width`` wide, never
    beyond the screen nor larger than the window it opens over (the body scrolls where that is too small)."""
    grow = max(1.0, dialog.font().pointSizeF() / DEFAULT_POINT_SIZE)
    room = dialog.screen().availableGeometry()
    most_width, most_height = room.width() - 40, room.height() - 60
    owner = dialog.parentWidget()
    if owner is not None and owner.window().isVisible():
        most_width = min(most_width, owner.window().width() - WITHIN_WINDOW)
        most_height = min(most_height, owner.window().height() - WITHIN_WINDOW)
    dialog.resize(min(max(round(width * grow), at_least_width), most_width), min(round(height * grow), most_height))


def scrolling(body: QWidget) -> QScrollArea:
    """A dialog's body that scrolls where the screen is too low for it, so that the buttons below stay in sight."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(body)
    return area


def run_dialog(dialog: QDialog) -> int:
    """``exec()`` the dialog, then delete it: a dialog opened and closed leaves nothing behind."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
