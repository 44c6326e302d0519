"""Whether the minimum contribution years for retiree benefits are met, and what is short."""

from __future__ import annotations

from decimal import Decimal

from yibao.rules.models import SEX_NAMES, Line, Person, RetirementInput, RetirementResult
from yibao.rules.trace import Trace, line
from yibao.wording import NOT_STATED, money, months, percent, to_fen


def retirement_check(trace: Trace, person: Person, given: RetirementInput) -> RetirementResult:
    lines: list[Line] = []
    required_value, req_src = trace.number("retirement.min_months", person.sex)
    required = int(required_value) if required_value is not None else None
    deemed_rule = trace.read("retirement.counts_deemed")
    if required is None:
        lines.append(line("required", "最低缴费年限", None, f"本市此时的最低缴费年限{NOT_STATED}", req_src))
        return RetirementResult(required_months=None, counted_months=None, shortfall_months=None, eligible=None,
                                makeup_amount=None, lines=lines)
    lines.append(line("required", "最低缴费年限", Decimal(required), f"{SEX_NAMES[person.sex]}：{months(required)}", req_src,
                      unit="months"))

    counts_deemed = deemed_rule is not None and deemed_rule.value is True
    if deemed_rule is None:
        counted = None
        formula = f"是否计入视同缴费年限{NOT_STATED}"
    elif counts_deemed:
        counted = given.paid_months + given.deemed_months
        formula = f"实际 {given.paid_months} + 视同 {given.deemed_months} = {months(counted)}"
    else:
        counted = given.paid_months
        formula = f"只计实际缴费 {months(counted)}（视同 {given.deemed_months} 个月不计入）"
    lines.append(line("counted", "累计缴费年限", None if counted is None else Decimal(counted), formula, deemed_rule,
                      unit="months"))
    if counted is None:
        return RetirementResult(required_months=required, counted_months=None, shortfall_months=None, eligible=None,
                                makeup_amount=None, lines=lines)

    shortfall = max(0, required - counted)
    eligible = shortfall == 0
    verdict = "已达到，可享受退休人员医保待遇" if eligible else f"尚差 {months(shortfall)}"
    lines.append(line("shortfall", "差额", Decimal(shortfall), f"{required} − {counted} → {verdict}", req_src,
                      unit="months"))
    makeup = _makeup(trace, person, given, shortfall, lines)
    return RetirementResult(required_months=required, counted_months=counted, shortfall_months=shortfall,
                            eligible=eligible, makeup_amount=makeup, lines=lines)


def _makeup(trace: Trace, person: Person, given: RetirementInput, shortfall: int, lines: list[Line]) -> Decimal | None:
    if shortfall == 0:
        return Decimal(0)
    rate, rate_src = trace.number("retirement.makeup_rate")
    if rate is None:
        lines.append(line("makeup", "一次性补缴金额", None,
                          f"文件规定可一次性缴费或按月缴费至最低年限，未载明一次性缴费的计算标准；按月缴费还需 {shortfall} 个月"))
        return None
    if given.last_monthly_base is None:
        trace.need("retirement.last_monthly_base", "最后一次缴费基数", "请填写最后一次缴费基数以计算补缴金额")
        lines.append(line("makeup", "一次性补缴金额", None, "需要最后一次缴费基数", rate_src))
        return None
    amount = to_fen(given.last_monthly_base * rate * shortfall)
    payer = "本人" if person.employment == "flexible" else "单位"
    formula = f"{money(given.last_monthly_base)} × {percent(rate)} × {shortfall}个月 = {money(amount)}，由{payer}一次性补足"
    note = rate_src.entry.note if rate_src is not None else None
    lines.append(line("makeup", "一次性补缴金额", amount, formula, rate_src, note=note))
    return amount
