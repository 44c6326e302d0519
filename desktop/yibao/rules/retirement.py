"""Whether the minimum contribution years for retiree benefits are met, and what is short."""

from __future__ import annotations

from decimal import Decimal

from yibao.rules.models import Line, Person, RetirementInput, RetirementResult
from yibao.rules.policy import Resolved
from yibao.rules.trace import Trace, line
from yibao.vocabulary import SEX_NAMES
from yibao.wording import FIELD_LABELS, money, months, percent, to_fen


def retirement_check(trace: Trace, person: Person, given: RetirementInput) -> RetirementResult:
    lines: list[Line] = []
    required_value, req_src = trace.number("retirement.min_months", person.sex)
    required = int(required_value) if required_value is not None else None
    if required is None:
        lines.append(line("required", "最低缴费年限", None, "文件未规定本市此时的最低缴费年限", req_src))
    else:
        lines.append(line("required", "最低缴费年限", Decimal(required), f"{SEX_NAMES[person.sex]}：{months(required)}",
                          req_src, unit="months"))
    counted = _counted(trace, given, lines)
    if required is None:  # no verdict, and so no make-up, without the minimum
        return RetirementResult(required_months=None, counted_months=counted, shortfall_months=None, eligible=None,
                                makeup_amount=None, lines=lines)
    shortfall = max(0, required - counted)
    eligible = shortfall == 0
    verdict = "已达到，可享受退休人员医保待遇" if eligible else f"尚缺 {months(shortfall)}"
    lines.append(line("shortfall", "差额", Decimal(shortfall), f"{required} − {counted} → {verdict}", req_src,
                      unit="months"))
    makeup = _makeup(trace, person, given, shortfall, lines)
    return RetirementResult(required_months=required, counted_months=counted, shortfall_months=shortfall,
                            eligible=eligible, makeup_amount=makeup, lines=lines)


def _counted(trace: Trace, given: RetirementInput, lines: list[Line]) -> int:
    """Months counted toward the minimum: actual plus deemed where the rule says so; actual alone otherwise."""
    rule = trace.read("retirement.counts_deemed")
    if rule is not None and rule.value is True:
        counted = given.paid_months + given.deemed_months
        formula = f"实际 {given.paid_months} + 视同 {given.deemed_months} = {months(counted)}"
    else:
        counted = given.paid_months
        formula = f"只计实际缴费 {months(counted)}"
        if given.deemed_months:
            formula += (f"（视同 {given.deemed_months} 个月不计入）" if rule is not None
                        else f"（视同 {given.deemed_months} 个月是否计入，文件未规定，暂未计入）")
    lines.append(line("counted", "累计缴费年限", Decimal(counted), formula, rule, unit="months"))
    return counted


def _makeup(trace: Trace, person: Person, given: RetirementInput, shortfall: int, lines: list[Line]) -> Decimal | None:
    if shortfall == 0:
        return Decimal(0)
    rate, rate_src = trace.number("retirement.makeup_rate")
    if rate is None:
        lines.append(line("makeup", "一次性补缴金额", None,
                          f"文件规定可一次性缴费或按月缴费至最低年限，未载明一次性缴费的计算标准；按月缴费还需 {shortfall} 个月"))
        return None
    base, base_text, base_src = _makeup_base(trace, person, given)
    if base is None:
        lines.append(line("makeup", "一次性补缴金额", None, base_text, rate_src, base_src))
        return None
    amount = to_fen(base * rate * shortfall)
    payer = "本人" if person.employment == "flexible" else "单位"
    formula = f"{base_text} {money(base)} × {percent(rate)} × {shortfall}个月 = {money(amount)}，由{payer}一次性补足"
    note = rate_src.entry.note if rate_src is not None else None
    lines.append(line("makeup", "一次性补缴金额", amount, formula, rate_src, base_src, note=note))
    return amount


def _makeup_base(
    trace: Trace, person: Person, given: RetirementInput
) -> tuple[Decimal | None, str, Resolved | None]:
    """The base of the one-off payment: the last contribution base, or for a retiree never enrolled the city's
    special base (last month's pension floored at the year's minimum base; the province average wage)."""
    if given.never_enrolled and person.employment == "enterprise":
        rule = trace.snapshot.get("retirement.makeup_base_pension")
        if rule is not None and rule.value is True:
            if given.last_month_pension is None or given.minimum_base is None:
                unfilled = [f for f, v in (("retirement.last_month_pension", given.last_month_pension),
                                           ("retirement.minimum_base", given.minimum_base)) if v is None]
                for field in unfilled:
                    trace.ask(field, FIELD_LABELS[field],
                              "从未参加职工医保的企业退休人员按上月养老金（不低于当年最低缴费基数）补缴")
                return None, "需要上月养老金和当年最低缴费基数", rule
            base = max(given.last_month_pension, given.minimum_base)
            text = (f"上月养老金 {money(given.last_month_pension)}，当年最低缴费基数 {money(given.minimum_base)}，"
                    "取其高者")
            return base, text, rule
    if given.never_enrolled and person.employment == "flexible":
        rule = trace.snapshot.get("retirement.makeup_base_province_wage")
        if rule is not None and rule.value is True:
            wage, wage_src = trace.number("wage.province_average_monthly")
            if wage is None:
                return None, "以全省上年度全口径平均工资为基数，该工资未载于文件", rule
            return wage, "全省上年度全口径月平均工资", wage_src
    if given.last_monthly_base is None:
        trace.ask("retirement.last_monthly_base", FIELD_LABELS["retirement.last_monthly_base"],
                  "请填写最后一次缴费基数以计算补缴金额")
        return None, "需要最后一次缴费基数", None
    return given.last_monthly_base, "最后一次缴费基数", None
