"""How figures are written: exact Decimals inside, half-up to the fen where shown or paid."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

FEN = Decimal("0.01")
ZERO = Decimal("0")


def to_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@lru_cache(maxsize=4096)
def yuan(amount: Decimal) -> str:
    """Two decimals, half-up: the way every amount is shown (memoised: a year of visits repeats its figures)."""
    return f"{to_fen(amount):.2f}"


def percent(rate: Decimal) -> str:
    """0.073 → '7.3%'."""
    text = format((rate * 100).normalize(), "f")
    return f"{text}%"


def plain(number: Decimal) -> str:
    """A count or factor without trailing zeros: 2.0 → '2', 0.50 → '0.5'."""
    return format(number.normalize(), "f")


def cn_date(day: date) -> str:
    """2026-01-01 → '2026年1月1日'."""
    return f"{day.year}年{day.month}月{day.day}日"
