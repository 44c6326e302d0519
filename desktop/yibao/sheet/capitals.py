"""金额大写: amounts in Chinese capitals, as written on official receipts and bills.

The conventions of 《正确填写票据和结算凭证的基本规定》 (中国人民银行) and 会计基础工作规范 第五十二条:

- 壹贰叁肆伍陆柒捌玖, 拾佰仟, 万亿, 元角分; 10 is 壹拾 (the 壹 is never dropped).
- Zeros inside the integer part are written once as 零 (1005 → 壹仟零伍元, 100500 → 壹拾万零伍佰元).
- Whole yuan end in 整 (1260.00 → 壹仟贰佰陆拾元整); an amount to the 角 or 分 has no 整.
- 角 zero but 分 not: 零 before the 分 (10000.05 → 壹万元零伍分). A zero 元 digit before a non-zero
  角 takes no 零 (the rules allow both; 1680.32 → 壹仟陆佰捌拾元叁角贰分, 107000.53 → 壹拾万零柒仟元伍角叁分).
- Under one yuan there is no 元 (0.50 → 伍角, 0.05 → 伍分); nothing at all is 零元整.
"""

from __future__ import annotations

from decimal import Decimal

from yibao.wording import FEN, to_fen

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
BIG_UNITS = ("", "万", "亿", "万亿")


def _integer(number: int) -> str:
    digits = str(number)
    if len(digits) > 4 * len(BIG_UNITS):
        raise ValueError(f"金额过大，无法大写：{number}")
    out: list[str] = []
    zero_pending = False
    for index, char in enumerate(digits):
        power = len(digits) - 1 - index
        if char == "0":
            zero_pending = True
        else:
            if zero_pending and out:
                out.append("零")
            zero_pending = False
            out.append(DIGITS[int(char)] + SMALL_UNITS[power % 4])
        if power % 4 == 0 and power > 0:
            group = digits[max(0, index - 3) : index + 1]
            if group.strip("0"):
                out.append(BIG_UNITS[power // 4])
    return "".join(out)


def amount_in_capitals(amount: Decimal | str | int) -> str:
    """1260.00 → 壹仟贰佰陆拾元整; 0.50 → 伍角; 10000.05 → 壹万元零伍分. Rounded half-up to the fen."""
    value = to_fen(Decimal(amount))
    if value < 0:
        return "负" + amount_in_capitals(-value)
    fen_total = int(value / FEN)
    yuan, rest = divmod(fen_total, 100)
    jiao, fen = divmod(rest, 10)
    if fen_total == 0:
        return "零元整"
    text = _integer(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return text + "整"
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan:
        text += "零"
    if fen:
        text += DIGITS[fen] + "分"
    return text
