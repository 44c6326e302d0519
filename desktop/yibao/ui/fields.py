"""Input fields that check what is typed and say what is wrong, in Chinese, naming the field."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLineEdit, QWidget

from yibao.rules.inputs import InputProblem, parse_amount, parse_whole
from yibao.wording import money

INVALID_STYLE = "background: #ffe4e4; border: 2px solid #c00000;"  # a strong red frame


def mark_invalid(widget: QWidget, message: str | None) -> None:
    """Red background and the message as tooltip; ``None`` clears both."""
    widget.setProperty("invalid", message is not None)
    widget.setStyleSheet(INVALID_STYLE if message is not None else "")
    widget.setToolTip(plain_tooltip(message) if message is not None else widget.property("help") or "")


def plain_tooltip(text: str) -> str:
    """A tooltip that shows typed text as typed: Qt would render '<h1>…' in a tooltip as rich text."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class AmountEdit(QLineEdit):
    """A money field in 元: accepts '6000', '6,000.50' (the presenter reads the text: yibao.rules.inputs)."""

    def __init__(self, label: str, placeholder: str = "0.00", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(label)
        self.editingFinished.connect(self.show_normalised)

    def show_normalised(self) -> None:
        """Once accepted, the amount is shown back the way every figure is written: '１５００' or '1500元' → '1,500.00'."""
        try:
            value = parse_amount(self.text())
        except InputProblem:
            return  # blank, or the message names the field; the text stays as typed so it can be corrected
        if self.text() != money(value):
            self.setText(money(value))


class CountEdit(QLineEdit):
    """A whole number of months or stays; blank means not given."""

    def __init__(self, label: str, *, maximum: int, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.maximum = maximum
        self.unit = unit
        self.setAccessibleName(label)
        self.editingFinished.connect(self.show_normalised)

    def show_normalised(self) -> None:
        """Once accepted, the count is shown back in plain digits: '３００' → '300'."""
        try:
            value = parse_whole(self.text(), maximum=self.maximum, unit=self.unit)
        except InputProblem:
            return
        if self.text() != str(value):
            self.setText(str(value))
