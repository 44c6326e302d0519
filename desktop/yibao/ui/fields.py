"""Input fields that check what is typed and say what is wrong, in Chinese, naming the field."""

from __future__ import annotations

import html
from decimal import Decimal

from PySide6.QtWidgets import QLineEdit, QWidget

from yibao.rules import inputs
from yibao.rules.inputs import MAX_AMOUNT, InputProblem, normalise
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


class FieldError(Exception):
    """A typed value that cannot be used: ``label`` names the field for the message."""

    def __init__(self, label: str, problem: str, widget: QWidget | None = None) -> None:
        self.label = label
        self.problem = problem
        self.widget = widget
        super().__init__(f"{label}：{problem}")


def parse_amount(text: str, label: str, *, required: bool = False, maximum: Decimal = MAX_AMOUNT) -> Decimal | None:
    """'6,000.5' → Decimal('6000.50'); blank → None (or an error when required). The rules: yibao.rules.inputs."""
    if not normalise(text):
        if required:
            raise FieldError(label, "必须填写")
        return None
    try:
        return inputs.parse_amount(text, maximum=maximum)
    except InputProblem as exc:
        raise FieldError(label, str(exc)) from None


def parse_count(text: str, label: str, *, maximum: int, unit: str) -> int | None:
    """'３００' → 300; blank → None."""
    if not normalise(text):
        return None
    try:
        return inputs.parse_whole(text, maximum=maximum, unit=unit)
    except InputProblem as exc:
        raise FieldError(label, str(exc)) from None


def parse_month(text: str, label: str) -> str | None:
    """'2025-3' → '2025-03'; blank → None."""
    if not normalise(text):
        return None
    try:
        return inputs.parse_month(text)
    except InputProblem as exc:
        raise FieldError(label, str(exc)) from None


class AmountEdit(QLineEdit):
    """A money field in 元: accepts '6000', '6,000.50'; the window reads it with ``amount()``."""

    def __init__(self, label: str, placeholder: str = "0.00", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(label)
        self.editingFinished.connect(self.show_normalised)

    def show_normalised(self) -> None:
        """Once accepted, the amount is shown back the way every figure is written: '１５００' or '1500元' → '1,500.00'."""
        try:
            value = parse_amount(self.text(), self.label)
        except FieldError:
            return  # the message names the field; the text stays as typed so it can be corrected
        if value is not None and self.text() != money(value):
            self.setText(money(value))

    def amount(self, *, required: bool = False) -> Decimal | None:
        try:
            value = parse_amount(self.text(), self.label, required=required)
        except FieldError as exc:
            exc.widget = self
            raise
        return value


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
            value = parse_count(self.text(), self.label, maximum=self.maximum, unit=self.unit)
        except FieldError:
            return
        if value is not None and self.text() != str(value):
            self.setText(str(value))

    def count(self) -> int | None:
        try:
            return parse_count(self.text(), self.label, maximum=self.maximum, unit=self.unit)
        except FieldError as exc:
            exc.widget = self
            raise
