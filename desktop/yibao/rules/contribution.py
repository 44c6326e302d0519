"""Monthly contributions, the personal-account credit and the yearly 大额/大病 fees."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from yibao.rules.errors import InputError
from yibao.rules.models import (
    ContributionInput,
    ContributionResult,
    FlexibleChoice,
    Line,
    Person,
    RetirementResult,
    Supplementary,
)
from yibao.rules.options import FLEXIBLE_RATE, chosen_option, flexible_options, options_on
from yibao.rules.trace import Trace, line, source_of, threshold_value
from yibao.vocabulary import EMPLOYMENT_NAMES, OPTION_NAMES, FlexibleOption
from yibao.wording import NOT_STATED, ZERO, choice_text, choices_text, money, months, percent, to_fen

RETIREE_YEARS_ASSUMED = "retiree-years-assumed"  # the reading named where a retiree's years were not checked

MONTHS_PER_YEAR = 12  # a calendar fact, not a policy figure
# Parameter names written out whole, so that tests/rules/test_parameter_names.py can check them against the catalogue.
EMPLOYER_RATE = {"enterprise": "contribution.employer_rate.enterprise",
                 "public_institution": "contribution.employer_rate.public_institution"}
EMPLOYER_MATERNITY_RATE = {"enterprise": "contribution.employer_maternity_rate.enterprise",
                           "public_institution": "contribution.employer_maternity_rate.public_institution"}


@dataclass
class Parts:
    """The monthly figures of one person, before the yearly 大额/大病 fees are added."""

    employer: Decimal | None
    individual: Decimal | None
    account: Decimal | None
    base: Decimal | None = None
    option: FlexibleOption | None = None
    offered: list[FlexibleOption] = field(default_factory=list)
    choices: list[FlexibleChoice] = field(default_factory=list)


def contribution(
    trace: Trace, person: Person, given: ContributionInput, retirement: RetirementResult | None = None
) -> ContributionResult:
    lines: list[Line] = []
    if person.retired:
        parts = _retiree(trace, person, retirement, lines)
    elif person.employment == "flexible":
        parts = _flexible(trace, given, lines)
    else:
        parts = _employee(trace, person, _required_base(given), lines)
    supplementary = _supplementary(trace, person, lines)
    return ContributionResult(
        employer_monthly=parts.employer,
        individual_monthly=parts.individual,
        personal_account_monthly=parts.account,
        supplementary_yearly=supplementary,
        monthly_base=parts.base,
        flexible_option=parts.option,
        flexible_options_offered=parts.offered,
        flexible_choices=parts.choices,
        lines=lines,
    )


def _required_base(given: ContributionInput) -> Decimal:
    if given.monthly_base is None:
        raise InputError("contribution.monthly_base", "在职人员必须填写月缴费基数")
    return given.monthly_base


def _times(base: Decimal, rate: Decimal | None) -> Decimal | None:
    return None if rate is None else to_fen(base * rate)


def _rate_formula(base: Decimal, rate: Decimal | None, amount: Decimal | None) -> str:
    if rate is None or amount is None:
        return "文件未规定该比例，无法计算"
    return f"{money(base)} × {percent(rate)} = {money(amount)}"


def _employee(trace: Trace, person: Person, base: Decimal, lines: list[Line]) -> Parts:
    who = EMPLOYMENT_NAMES[person.employment]
    rate, rate_src = trace.number(EMPLOYER_RATE[person.employment])
    employer = _times(base, rate)
    lines.append(line("employer", f"单位缴费（{who}，每月）", employer, _rate_formula(base, rate, employer), rate_src))

    maternity = trace.snapshot.get(EMPLOYER_MATERNITY_RATE[person.employment])
    if maternity is not None and isinstance(maternity.value, Decimal):
        part = to_fen(base * maternity.value)
        lines.append(line("employer_maternity", "　其中生育保险", part, _rate_formula(base, maternity.value, part), maternity))
    pooled = trace.snapshot.get("contribution.employer_to_pooled_fund")
    if pooled is not None and isinstance(pooled.value, Decimal) and employer is not None:
        part = to_fen(employer * pooled.value)
        formula = f"{money(employer)} × {percent(pooled.value)} = {money(part)}"
        lines.append(line("employer_pooled", "　计入统筹基金", part, formula, pooled))

    ind_rate, ind_src = trace.number("contribution.individual_rate")
    individual = _times(base, ind_rate)
    lines.append(line("individual", "个人缴费（每月）", individual, _rate_formula(base, ind_rate, individual), ind_src))

    share, share_src = trace.number("personal_account.individual_share")
    account = _times(base, share)
    lines.append(line("personal_account", "划入个人账户（每月）", account, _rate_formula(base, share, account), share_src))
    return Parts(employer, individual, account, base=base)


def _retiree(trace: Trace, person: Person, retirement: RetirementResult | None, lines: list[Line]) -> Parts:
    employer, individual = _retiree_premium(trace, retirement, lines)

    found = trace.read("personal_account.retiree_monthly")
    account = None
    formula = "文件未规定退休人员个人账户划入标准"
    if found is not None and isinstance(found.value, dict):
        account = threshold_value(found.value, str(person.age))
        bands = "，".join(f"{k}周岁起 {money(v)}" for k, v in found.value.items())
        formula = f"{person.age}周岁，按年龄划入标准（{bands}）= {money(account)}，由统筹基金划入"
    lines.append(line("personal_account", "个人账户划入（退休人员，每月）", account, formula, found))
    return Parts(employer, individual, account)


def _retiree_premium(
    trace: Trace, retirement: RetirementResult | None, lines: list[Line]
) -> tuple[Decimal | None, Decimal | None]:
    """A retiree's monthly premium: none where the city says so; else none under the Social Insurance Law art. 27
    once the minimum years are met (taken as met unless the years check says they are not)."""
    exempt = trace.snapshot.get("contribution.retirees_exempt")
    if exempt is not None and exempt.value is True:
        for key, who in (("employer", "单位"), ("individual", "个人")):
            lines.append(line(key, f"{who}缴费（退休人员，每月）", ZERO, "退休人员不缴纳基本医疗保险费", exempt))
        return ZERO, ZERO
    law = trace.snapshot.get("contribution.retirees_exempt_with_min_years")
    if law is None or law.value is not True:
        trace.need("contribution.retirees_exempt", "退休人员是否缴纳基本医疗保险费", NOT_STATED)
        for key, who in (("employer", "单位"), ("individual", "个人")):
            lines.append(line(key, f"{who}缴费（退休人员，每月）", None, "文件未规定退休人员是否缴费"))
        return None, None
    if retirement is not None and retirement.eligible is False:
        assert retirement.shortfall_months is not None  # not met: the months short are known
        formula = (f"未达到最低缴费年限（尚缺{months(retirement.shortfall_months)}）：可缴费至规定年限，"
                   "见“退休缴费年限”；达到后不再缴纳")
        for key, who in (("employer", "单位"), ("individual", "个人")):
            lines.append(line(key, f"{who}缴费（退休人员，每月）", None, formula, law))
        return None, None
    if retirement is not None and retirement.eligible is None:  # years entered, the city's minimum not given
        formula = "本市此时的最低缴费年限文件未规定，无法判断是否已达到、是否还需缴费"
        required = trace.snapshot.get("retirement.min_months")
        for key, who in (("employer", "单位"), ("individual", "个人")):
            lines.append(line(key, f"{who}缴费（退休人员，每月）", None, formula, law, required))
        return None, None
    assumed: tuple[str, ...] = () if retirement is not None else (RETIREE_YEARS_ASSUMED,)
    formula = "达到最低缴费年限的退休人员不再缴纳基本医疗保险费"
    if assumed:
        formula += "（未核对缴费年限：按已达到计）"
    for key, who in (("employer", "单位"), ("individual", "个人")):
        lines.append(line(key, f"{who}缴费（退休人员，每月）", ZERO, formula, law, readings=assumed))
    return ZERO, ZERO


def _flexible(trace: Trace, given: ContributionInput, lines: list[Line]) -> Parts:
    offered = flexible_options(trace.snapshot)
    if not offered:
        trace.need("flexible.rate_without_account", "灵活就业人员缴费比例", NOT_STATED)
        lines.append(line("individual", "灵活就业人员缴费（每月）", None, "文件未规定缴费比例，无法计算"))
        return Parts(None, None, None, base=_required_base(given), choices=_choices(trace, None))
    option = chosen_option(offered, given.flexible_option)
    if option not in offered:
        raise InputError("contribution.flexible_option", _not_offered(trace, option))
    found = trace.read(FLEXIBLE_RATE[option])
    assert found is not None and isinstance(found.value, Decimal)
    rate = found.value

    base = _flexible_base(trace, given, lines)
    employer = ZERO
    self_paid = trace.snapshot.get("contribution.flexible_self_paid")
    lines.append(line("employer", "单位缴费（每月）", ZERO, "灵活就业人员由个人缴纳基本医疗保险费", self_paid))
    individual = to_fen(base * rate)
    label = f"个人缴费（灵活就业·{OPTION_NAMES[option]}，每月）"
    lines.append(line("individual", label, individual, _rate_formula(base, rate, individual), found))

    if option == "with_account":
        share, share_src = trace.number("flexible.account_share")
        account = _times(base, share)
        lines.append(line("personal_account", "划入个人账户（每月）", account, _rate_formula(base, share, account), share_src))
    else:
        account = ZERO
        lines.append(line("personal_account", "划入个人账户（每月）", ZERO, "不建立个人账户", found))
    return Parts(employer, individual, account, base=base, option=option, offered=list(offered),
                 choices=_choices(trace, base))


def _choices(trace: Trace, base: Decimal | None) -> list[FlexibleChoice]:
    """Every way of paying side by side on the date: rate, account share and the month's payment where offered,
    the first day it is where a document says the city does not offer it yet."""
    share = trace.snapshot.get("flexible.account_share")
    share_value = share.value if share is not None and isinstance(share.value, Decimal) else None
    choices = []
    for shown in options_on(trace.snapshot):
        rate = shown.found.value if shown.status == "offered" and shown.found is not None else None
        assert rate is None or isinstance(rate, Decimal)
        with_share = shown.option == "with_account" and rate is not None
        found = [f for f in (shown.found, share if with_share else None) if f is not None]
        choices.append(FlexibleChoice(
            option=shown.option, status=shown.status, rate=rate, account_share=share_value if with_share else None,
            individual_monthly=_times(base, rate) if base is not None else None, offered_from=shown.offered_from,
            sources=list(dict.fromkeys(source_of(f) for f in found))))
    return choices


def _not_offered(trace: Trace, option: FlexibleOption) -> str:
    """Why a chosen way cannot be taken on the date, and the ways that can: 济宁市2026年1月1日起才可选择不建立个人账户；
    此时可选：建立个人账户：按9%缴费."""
    choices = _choices(trace, None)
    chosen = next(c for c in choices if c.option == option)
    offered = choices_text(c for c in choices if c.status == "offered")
    return f"{trace.snapshot.city.name}{choice_text(chosen)}；此时可选：{offered}"


def _flexible_base(trace: Trace, given: ContributionInput, lines: list[Line]) -> Decimal:
    """The base a flexible worker pays on: fixed by the document, or at least a floor."""
    fixed = trace.snapshot.get("flexible.base_fixed_ratio")
    floor = trace.snapshot.get("flexible.base_floor_ratio")
    rule = fixed if fixed is not None and fixed.entry.status == "in_force" else floor
    if rule is None or not isinstance(rule.value, Decimal):
        return _required_base(given)
    wage, wage_src = trace.number("wage.province_average_monthly")
    if wage is None:
        base = _required_base(given)
        kind = "为" if rule is fixed else "不低于"
        formula = (f"文件规定基数{kind}全省上年度全口径月平均工资的{percent(rule.value)}；"
                   f"该工资未载于文件，按填写的基数 {money(base)} 计算")
        lines.append(line("base", "缴费基数（每月）", base, formula, rule))
        return base
    target = to_fen(wage * rule.value)
    if rule is fixed:
        base = target
        formula = f"全省上年度全口径月平均工资 {money(wage)} × {percent(rule.value)} = {money(base)}"
        if given.monthly_base is not None and given.monthly_base != base:
            formula += f"（填写的 {money(given.monthly_base)} 不适用：基数由文件核定）"
    elif given.monthly_base is None or given.monthly_base < target:
        base = target
        shown = "未填写" if given.monthly_base is None else f"填写的 {money(given.monthly_base)} 低于下限"
        formula = f"{shown}，按下限 {money(wage)} × {percent(rule.value)} = {money(base)}"
    else:
        base = given.monthly_base
        formula = f"{money(base)}，不低于下限 {money(wage)} × {percent(rule.value)} = {money(target)}"
    lines.append(line("base", "缴费基数（每月）", base, formula, rule, wage_src))
    return base


@dataclass(frozen=True)
class _Fee:
    parameter: str
    payer: Literal["employer", "individual", "other", "unnamed"]
    monthly: bool


_EMPLOYEE_FEES = (
    _Fee("supplementary.employer_monthly", "employer", True),
    _Fee("supplementary.individual_monthly", "individual", True),
)
_FLEXIBLE_FEES = (_Fee("supplementary.flexible_monthly", "individual", True),)
_COMMON_FEES = (
    _Fee("supplementary.individual_yearly", "individual", False),
    _Fee("supplementary.pooled_fund_yearly", "other", False),
    _Fee("supplementary.surplus_yearly", "other", False),
    _Fee("supplementary.unassigned_monthly", "unnamed", True),
)


def _supplementary(trace: Trace, person: Person, lines: list[Line]) -> Supplementary:
    """Yearly 大额/大病 funding per person, by payer where the document names one.

    A payer the document does not list pays 0.00; where the document names no payer at all
    (Jinan's 救助金), employer and individual are unknown.
    """
    fees = (_FLEXIBLE_FEES if person.employment == "flexible" else _EMPLOYEE_FEES) + _COMMON_FEES
    by_payer: dict[str, Decimal] = {}
    amounts: list[Decimal] = []
    sources = []
    for fee in fees:
        found = trace.snapshot.get(fee.parameter)
        if found is None or not isinstance(found.value, Decimal):
            continue
        amount = found.value * MONTHS_PER_YEAR if fee.monthly else found.value
        formula = f"每月 {money(found.value)} × 12个月 = {money(amount)}" if fee.monthly else f"每年 {money(amount)}"
        label = f"{found.spec.label}（折合每年）" if fee.monthly else found.spec.label
        lines.append(line(f"supplementary_{fee.payer}", label, amount, formula, found))
        by_payer[fee.payer] = by_payer.get(fee.payer, ZERO) + amount
        amounts.append(amount)
        sources.append(found)
    if not by_payer:
        trace.need("supplementary", "大额医疗费用补助（大病保险）筹资标准", NOT_STATED)
        lines.append(line("supplementary_total", "大额/大病保险费（每年）", None, "文件未规定筹资标准"))
        return Supplementary(employer=None, individual=None, from_funds=None, total=None)
    total = sum(amounts, ZERO)
    unnamed = "unnamed" in by_payer
    note = None
    if "employer" not in by_payer and not unnamed:
        note = "灵活就业人员由本人缴纳" if person.employment == "flexible" else "文件所列筹资来源不含用人单位，单位部分为0"
    formula = f"{' + '.join(money(a) for a in amounts)} = {money(total)}"
    lines.append(line("supplementary_total", "大额/大病筹资合计（每人每年）", total, formula, *sources, note=note))
    return Supplementary(
        employer=None if unnamed else by_payer.get("employer", ZERO),
        individual=None if unnamed else by_payer.get("individual", ZERO),
        from_funds=None if unnamed else by_payer.get("other", ZERO),
        total=total,
    )
