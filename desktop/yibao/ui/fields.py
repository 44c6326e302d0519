"""Input fields that check what is typed and say what is wrong, in Chinese, naming the field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import QLineEdit, QWidget

from yibao.rules.models import MAX_AMOUNT  # the request model's limit: a typing slip is named before the core is asked
from yibao.wording import money, to_fen

INVALID_STYLE = "background: #ffe4e4; border: 1px solid #c00000;"


def mark_invalid(widget: QWidget, message: str | None) -> None:
    """Red background and the message as tooltip; ``None`` clears both."""
    widget.setProperty("invalid", message is not None)
    widget.setStyleSheet(INVALID_STYLE if message is not None else "")
    widget.setToolTip(message or widget.property("help") or "")


class FieldError(Exception):
    """A typed value that cannot be used: ``label`` names the field for the message."""

    def __init__(self, label: str, problem: str, widget: QWidget | None = None) -> None:
        self.label = label
        self.problem = problem
        self.widget = widget
        super().__init__(f"{label}：{problem}")


def parse_amount(text: str, label: str, *, required: bool = False, maximum: Decimal = MAX_AMOUNT) -> Decimal | None:
    """'6,000.5' → Decimal('6000.50'); blank → None (or an error when required)."""
    cleaned = text.strip().replace(",", "").replace("，", "").replace("¥", "").replace("元", "")
    if not cleaned:
        if required:
            raise FieldError(label, "必须填写")
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise FieldError(label, f"“{text.strip()}”不是数字金额") from None
    if not value.is_finite():
        raise FieldError(label, "必须是有限的数字")
    if value < 0:
        raise FieldError(label, "不能为负数")
    if value > maximum:
        raise FieldError(label, f"不能大于 {money(maximum)} 元，请检查是否多输了位数")
    if value != to_fen(value):
        raise FieldError(label, "最多两位小数（分）")
    return to_fen(value)


def parse_count(text: str, label: str, *, maximum: int, unit: str) -> int | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    if not cleaned.isdigit():
        raise FieldError(label, f"“{cleaned}”不是整数{unit}数")
    value = int(cleaned)
    if value > maximum:
        raise FieldError(label, f"不能大于 {maximum} {unit}")
    return value


class AmountEdit(QLineEdit):
    """A money field in 元: accepts '6000', '6,000.50'; the window reads it with ``amount()``."""

    def __init__(self, label: str, placeholder: str = "0.00", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.setPlaceholderText(placeholder)
        self.setAccessibleName(label)

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

    def count(self) -> int | None:
        try:
            return parse_count(self.text(), self.label, maximum=self.maximum, unit=self.unit)
        except FieldError as exc:
            exc.widget = self
            raise
