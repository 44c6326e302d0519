"""The one reading of typed or requested input, per kind: amount, whole number, month, date, share.

The window's fields and the command line's request both go through these functions, so a value is accepted or
refused the same way wherever it is entered. Stdlib only, no Qt, no pydantic.

Each ``parse_*`` takes the text as typed and returns the value, or raises ``InputProblem`` whose message (Chinese)
says what is wrong with the text; the caller adds the field's name. Rules (docs/command-line.md, "Bad input"):

- Full-width characters (what a Chinese input method types: ``１５００``, ``，``, ``．``, ``－``) are read as
  their ASCII forms, and spaces around the text are ignored. Any other non-ASCII digit (Arabic-Indic ``٠``,
  circled ``①``, superscript ``²``) is refused: only 0–9.
- Amounts: digits with an optional decimal point and at most two decimals (fen); ``,`` only as a thousands
  separator in groups of three (``6,000.50``); an optional ``¥`` before or ``元`` after. Refused: a sign (``-0``
  too), exponents (``6E+3``), underscores (``1_000``), inner spaces, more than 1亿元.
- Whole numbers: digits only.
- Months ``YYYY-MM`` and dates ``YYYY-MM-DD`` (``2025-3`` and ``2025-3-1`` are read as ``2025-03`` and
  ``2025-03-01``), years 1900–2100.
- Shares: ``85%`` is 0.85; a bare number is a fraction (``0.85``) unless the field is shown in per cent.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from decimal import Decimal

from yibao.wording import money, to_fen

MAX_AMOUNT = Decimal("100000000")  # 1亿元: anything larger is a typing slip, not a bill
MAX_MONTHS = 1200
FIRST_YEAR, LAST_YEAR = 1900, 2100
MAX_LENGTH = 40  # longer than any figure anyone types

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_AMOUNT = re.compile(r"(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d*)?|\.\d+", re.ASCII)
_WHOLE = re.compile(r"\d+", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
# How people write a date by hand: 2024/3/15, 2024.3.15, 20240315, 2024年3月15日 (a request file keeps YYYY-MM-DD).
_TYPED_DATE = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})|(\d{4})()(\d{2})(\d{2})"
                         r"|(\d{4})\s*年\s*()(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?", re.ASCII)
_FILE_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SHARE = re.compile(r"\d+(?:\.\d*)?|\.\d+", re.ASCII)
HUNDRED = Decimal(100)


class InputProblem(ValueError):
    """What is wrong with one typed value, in Chinese, without the field's name (the caller knows it)."""


def normalise(text: str) -> str:
    """Full-width forms to ASCII, surrounding spaces removed: '　１，５００ ' → '1,500'."""
    return text.translate(_FULL_WIDTH).strip()


def _cleaned(text: str, what: str) -> str:
    cleaned = normalise(text)
    if not cleaned:
        raise InputProblem("必须填写")
    if len(cleaned) > MAX_LENGTH:
        raise InputProblem(f"太长，不是{what}")
    odd = [ch for ch in cleaned if ch.isnumeric() and not ch.isascii()]
    if odd:
        raise InputProblem(f"“{cleaned}”中的“{odd[0]}”不是 0–9 的数字，请只用 0–9")
    return cleaned


def parse_amount(text: str, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """'６,０００.5元' → Decimal('6000.50')."""
    number = _cleaned(normalise(text).removeprefix("¥").removeprefix("￥").removesuffix("元"), "金额")
    if number.startswith("-"):
        raise InputProblem("不能为负数")
    if not _AMOUNT.fullmatch(number):
        raise InputProblem(f"“{number}”不是数字金额")
    return check_amount(Decimal(number.replace(",", "")), maximum=maximum)


def check_amount(value: Decimal, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """The checks every amount passes, typed or given as a number: finite, not negative, ≤ maximum, whole fen."""
    if not value.is_finite():
        raise InputProblem("必须是有限的数字")
    if value.is_signed():
        raise InputProblem("不能为负数")
    if value > maximum:
        raise InputProblem(f"不能大于 {money(maximum)} 元，请检查是否多输了位数")
    if value != to_fen(value):
        raise InputProblem("最多两位小数（分）")
    return to_fen(value)


def ascii_digits(text: str) -> bool:
    """Only 0–9, at least one: ``str.isdigit()`` also takes ² and ① (which ``int()`` refuses, in English) and ٣."""
    return _WHOLE.fullmatch(text) is not None


ONE_LINE = "不能含有换行等控制字符"


def has_control_characters(text: str) -> bool:
    """A line break, a tab or another control character: what a name on one line (a hall, an issuer) may not hold."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def parse_whole(text: str, *, maximum: int, unit: str, minimum: int = 0) -> int:
    """'３００' → 300; a count of months, stays or years of age."""
    cleaned = _cleaned(text, "整数")
    if not _WHOLE.fullmatch(cleaned):
        if cleaned.startswith("-") and _WHOLE.fullmatch(cleaned[1:]):
            raise InputProblem("不能为负数")
        raise InputProblem(f"“{cleaned}”不是整数{unit}数")
    return check_whole(int(cleaned), maximum=maximum, unit=unit, minimum=minimum)


def check_whole(value: int, *, maximum: int, unit: str, minimum: int = 0) -> int:
    if value < minimum:
        raise InputProblem("不能为负数" if minimum == 0 else f"不能小于 {minimum} {unit}")
    if value > maximum:
        raise InputProblem(f"不能大于 {maximum} {unit}")
    return value


def parse_month(text: str) -> str:
    """'２０２５-3' → '2025-03'."""
    cleaned = _cleaned(text, "月份")
    match = _MONTH.fullmatch(cleaned)
    if match is None:
        raise InputProblem(f"“{cleaned}”格式应为 YYYY-MM，例如 2025-03")
    year, month = int(match[1]), int(match[2])
    _check_year(year)
    if not 1 <= month <= 12:
        raise InputProblem(f"“{cleaned}”没有第 {month} 月")
    return f"{year:04d}-{month:02d}"


def parse_date(text: str) -> date:
    """'2024-6-1' → date(2024, 6, 1)."""
    cleaned = _cleaned(text, "日期")
    match = _DATE.fullmatch(cleaned)
    if match is None:
        raise InputProblem(f"“{cleaned}”不是有效日期（格式 YYYY-MM-DD，例如 2024-06-01）")
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    _check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputProblem(f"“{cleaned}”不是有效日期（没有这一天）") from None


def parse_file_date(value: object) -> date:
    """A date as a file writes it (a pack, the local figures): exactly ``YYYY-MM-DD``, years 1900–2100. Not a number
    (a Unix timestamp), not ``20240101`` nor a time of day."""
    if not isinstance(value, str) or not _FILE_DATE.fullmatch(value):
        shown = f"“{value}”" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        raise InputProblem(f"{shown[:60]}不是有效日期（应写成带引号的 YYYY-MM-DD，如 \"2024-06-01\"）")
    return parse_date(value)


def parse_typed_date(text: str) -> date:
    """A date typed into the window: what ``parse_date`` reads, and 2024/3/15, 2024.3.15, 20240315, 2024年3月15日."""
    typed = _TYPED_DATE.fullmatch(normalise(text))
    if typed is None:
        return parse_date(text)
    year, month, day = next(typed.group(i, i + 2, i + 3) for i in (1, 5, 9) if typed[i])
    return parse_date(f"{year}-{month}-{day}")


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputProblem(f"年份应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间")


def parse_share(text: str, *, percent: bool = False) -> Decimal:
    """'85%' → 0.85; '0.85' → 0.85, or with ``percent`` (a field shown in %) '85' → 0.85."""
    cleaned = _cleaned(text, "比例")
    number = cleaned.removesuffix("%").strip()
    in_percent = percent or number != cleaned
    if number.startswith("-"):
        raise InputProblem("不能为负数")
    if not _SHARE.fullmatch(number):
        raise InputProblem(f"“{cleaned}”不是比例（如 {'50' if percent else '0.5 或 50%'}）")
    value = Decimal(number)
    if in_percent:
        if value > HUNDRED:
            raise InputProblem("不能大于 100%")
        return value / HUNDRED
    return check_share(value)


def check_share(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise InputProblem("必须是有限的数字")
    if value.is_signed():
        raise InputProblem("不能为负数")
    if value > 1:
        raise InputProblem("比例应在 0 到 1 之间（如 0.85），或写成百分数（如 85%）")
    return value

