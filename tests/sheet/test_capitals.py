"""金额大写, checked against the conventions for official receipts and bills."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yibao.sheet.capitals import amount_in_capitals


@pytest.mark.parametrize(
    ("amount", "capitals"),
    [
        ("1260.00", "壹仟贰佰陆拾元整"),
        ("0.50", "伍角"),
        ("10000.05", "壹万元零伍分"),
        ("0", "零元整"),
        ("0.05", "伍分"),
        ("0.55", "伍角伍分"),
        ("10", "壹拾元整"),  # 壹拾, never a bare 拾
        ("15", "壹拾伍元整"),
        ("480.00", "肆佰捌拾元整"),
        ("840.00", "捌佰肆拾元整"),
        ("1005", "壹仟零伍元整"),  # one 零 for a run of zeros
        ("1004.56", "壹仟零肆元伍角陆分"),
        ("100500", "壹拾万零伍佰元整"),
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万零柒仟元伍角叁分"),
        ("60000", "陆万元整"),
        ("1010000", "壹佰零壹万元整"),
        ("10000000", "壹仟万元整"),
        ("100010000", "壹亿零壹万元整"),
        ("200000000.10", "贰亿元壹角"),
        ("20.10", "贰拾元壹角"),
        ("0.555", "伍角陆分"),  # half-up to the fen first
        ("99999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_known_amounts(amount: str, capitals: str) -> None:
    assert amount_in_capitals(Decimal(amount)) == capitals


DIGIT = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
SMALL = {"拾": 10, "佰": 100, "仟": 1000}
BIG = {"万": 10**4, "亿": 10**8}


def parse(text: str) -> Decimal:
    """Read capitals back into a number (an independent reading, to check the writer)."""
    fen = 0
    if "元" in text:
        integer, text = text.split("元")
        total = section = digit = 0
        big_seen: list[int] = []
        for ch in integer:
            if ch in DIGIT:
                digit = DIGIT[ch]
            elif ch in SMALL:
                section += digit * SMALL[ch]
                digit = 0
            elif ch in BIG:
                section += digit
                digit = 0
                if big_seen and BIG[ch] > big_seen[-1]:  # 万亿
                    total = (total + section) * BIG[ch]
                else:
                    total += section * BIG[ch]
                big_seen.append(BIG[ch])
                section = 0
        fen = (total + section + digit) * 100
    text = text.removesuffix("整").removeprefix("零")
    if "角" in text:
        jiao, text = text.split("角")
        fen += DIGIT[jiao] * 10
    if "分" in text:
        fen += DIGIT[text.removeprefix("零").removesuffix("分")]
    return Decimal(fen) / 100


@given(st.integers(min_value=0, max_value=10**13 - 1))
def test_capitals_read_back_to_the_same_amount(fen: int) -> None:
    amount = Decimal(fen) / 100
    text = amount_in_capitals(amount)
    assert parse(text) == amount
    assert ("零零" not in text and not text.startswith("零")) or text == "零元整"
    assert text.endswith("整") == (fen % 100 == 0)
    assert ("元" in text) == (fen >= 100 or fen == 0)


def test_too_large_is_refused() -> None:
    with pytest.raises(ValueError, match="过大"):
        amount_in_capitals(Decimal(10**16))
