"""What the pooled fund, the 大额补助 and the person pay for a calendar year of visits.

Visits are settled in the order given. Outpatient: one deductible a year, met
at any tier (a visit at tier T still owes what is left of tier T's deductible);
the fund pays its share up to its yearly limit, and past that the 大额补助 goes
on paying the same share up to its own limit. Inpatient: a deductible by the
stay's number in the year. A figure the documents do not give leaves that
payment, and everything that depends on it, unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from yibao.rules.models import TIER_NAMES, Line, Person, Visit, VisitResult, YearToDate, YearTotals
from yibao.rules.formatting import ZERO, percent, plain, to_fen, yuan
from yibao.rules.policy import Resolved
from yibao.rules.trace import Trace, line


@dataclass
class YearState:
    """Running totals for the year; None once a figure became unknown."""

    op_counted: Decimal | None
    op_fund: Decimal | None
    op_supplement: Decimal | None
    ip_stays: int
    ip_fund: Decimal | None

    @classmethod
    def start(cls, ytd: YearToDate) -> YearState:
        return cls(ytd.outpatient_deductible_counted, ytd.outpatient_fund_paid, ytd.outpatient_supplement_paid,
                   ytd.inpatient_stays, ytd.inpatient_fund_paid)


def settle_year(trace: Trace, person: Person, visits: list[Visit], ytd: YearToDate) -> list[VisitResult]:
    state = YearState.start(ytd)
    return [
        _outpatient(trace, person, v, state) if v.kind == "outpatient" else _inpatient(trace, v, state) for v in visits
    ]


def year_totals(results: list[VisitResult]) -> YearTotals:
    def total(name: str) -> Decimal | None:
        values = [getattr(r, name) for r in results]
        return None if any(v is None for v in values) else sum(values, ZERO)

    bill = sum((r.bill for r in results), ZERO)
    fund, supplement = total("fund_pays"), total("supplement_pays")
    rate = None
    if fund is not None and supplement is not None and bill > 0:
        rate = ((fund + supplement) / bill).quantize(Decimal("0.0001"))
    return YearTotals(bill=bill, deductible=total("deductible"), fund_pays=fund, supplement_pays=supplement,
                      person_pays=total("person_pays"), reimbursement_rate=rate)


def _status(person: Person) -> str:
    return "retired" if person.retired else "in_service"


def _bill_line(visit: Visit) -> Line:
    parts = [f"政策范围内 {yuan(visit.in_scope)}"]
    if visit.self_pay_first:
        parts.append(f"个人先行自付 {yuan(visit.self_pay_first)}")
    if visit.out_of_scope:
        parts.append(f"政策范围外 {yuan(visit.out_of_scope)}")
    return line("bill", "医疗费用合计", visit.bill, " + ".join(parts) + f" = {yuan(visit.bill)}")


def _person_line(visit: Visit, fund: Decimal | None, supplement: Decimal | None) -> tuple[Decimal | None, Line]:
    if fund is None or supplement is None:
        return None, line("person", "个人负担", None, "统筹基金或大额补助的支付无法确定，个人负担无法计算")
    person = visit.bill - fund - supplement
    formula = f"{yuan(visit.bill)} − 统筹 {yuan(fund)} − 大额 {yuan(supplement)} = {yuan(person)}"
    if visit.out_of_scope or visit.self_pay_first:
        formula += f"（含先行自付 {yuan(visit.self_pay_first)}、范围外 {yuan(visit.out_of_scope)}）"
    return person, line("person", "个人负担", person, formula)


def _outpatient(trace: Trace, person: Person, visit: Visit, state: YearState) -> VisitResult:
    status = _status(person)
    tier = str(visit.tier)
    lines = [_bill_line(visit)]
    deductible_full, d_src = trace.number("outpatient.deductible", tier)
    share, share_src, share_text = _outpatient_share(trace, person, tier)
    fund_limit, fl_src = trace.number("outpatient.fund_yearly_limit", status)
    supp_limit, sl_src = trace.number("outpatient.supplement_yearly_limit")
    yearly_max, ym_src = trace.number("outpatient.yearly_max", status)

    deductible = None
    if deductible_full is None or state.op_counted is None:
        state.op_counted = None
        lines.append(line("deductible", "起付标准", None, "起付标准文件未规定，无法计算", d_src))
    else:
        owed = max(ZERO, deductible_full - state.op_counted)
        deductible = min(visit.in_scope, owed)
        formula = (f"{TIER_NAMES[visit.tier]}医疗机构年度起付标准 {yuan(deductible_full)}，本年已计 {yuan(state.op_counted)}，"
                   f"本次计入 min({yuan(visit.in_scope)}, {yuan(owed)}) = {yuan(deductible)}")
        state.op_counted += deductible
        lines.append(line("deductible", "本次计入起付标准", deductible, formula, d_src))

    fund = supplement = None
    limits = (fund_limit, supp_limit, yearly_max, state.op_fund, state.op_supplement)
    if deductible is not None and share is not None and not any(x is None for x in limits):
        assert fund_limit is not None and supp_limit is not None and yearly_max is not None
        assert state.op_fund is not None and state.op_supplement is not None
        covered = to_fen((visit.in_scope - deductible) * share)
        fund_room = max(ZERO, fund_limit - state.op_fund)
        fund = min(covered, fund_room)
        lines.append(line("share", "支付比例", share, share_text, share_src, unit="rate"))
        formula = f"({yuan(visit.in_scope)} − {yuan(deductible)}) × {percent(share)} = {yuan(covered)}"
        if fund < covered:
            formula += f"，统筹基金年度限额 {yuan(fund_limit)} 已付 {yuan(state.op_fund)}，本次支付 {yuan(fund)}"
        lines.append(line("fund", "统筹基金支付", fund, formula, share_src, d_src, fl_src))
        rest = covered - fund
        supp_room = max(ZERO, min(supp_limit - state.op_supplement, yearly_max - state.op_fund - fund - state.op_supplement))
        supplement = min(rest, supp_room)
        if rest > 0:
            formula = (f"超统筹基金限额部分 {yuan(rest)}，大额补助年度最高 {yuan(supp_limit)} 已付 {yuan(state.op_supplement)}，"
                       f"本次支付 {yuan(supplement)}（年度最高支付限额 {yuan(yearly_max)}）")
        else:
            formula = "未超过统筹基金年度限额，大额补助不支付"
        lines.append(line("supplement", "大额医疗费用补助支付", supplement, formula, sl_src, ym_src))
        state.op_fund += fund
        state.op_supplement += supplement
    else:
        state.op_fund = state.op_supplement = None
        lines.append(line("fund", "统筹基金支付", None, "支付比例或年度限额文件未规定，无法计算", share_src, fl_src))
        lines.append(line("supplement", "大额医疗费用补助支付", None, "无法计算", sl_src))
    person_pays, person_line = _person_line(visit, fund, supplement)
    lines.append(person_line)
    return VisitResult(kind="outpatient", tier=visit.tier, bill=visit.bill, deductible=deductible, fund_pays=fund,
                       supplement_pays=supplement, person_pays=person_pays, lines=lines)


def _outpatient_share(trace: Trace, person: Person, tier: str) -> tuple[Decimal | None, Resolved | None, str]:
    share, src = trace.number("outpatient.share", tier)
    if share is None:
        return None, src, ""
    text = f"在职职工{TIER_NAMES[int(tier)]} {percent(share)}"
    if not person.retired:
        return share, src, text
    extra, extra_src = trace.number("outpatient.retiree_extra_share")
    if extra is None:
        return None, extra_src, ""
    return share + extra, extra_src, f"退休人员：{text} + {percent(extra)} = {percent(share + extra)}"


def _inpatient(trace: Trace, visit: Visit, state: YearState) -> VisitResult:
    tier = str(visit.tier)
    state.ip_stays += 1
    stay = state.ip_stays
    lines = [_bill_line(visit)]
    first, d_src = trace.number("inpatient.deductible", tier)
    factor, f_src = trace.number("inpatient.deductible_factor", str(stay))
    deductible = None
    if first is None or factor is None:
        lines.append(line("deductible", "起付标准", None, "住院起付标准文件未规定，无法计算", d_src, f_src))
    else:
        standard = to_fen(first * factor)
        deductible = min(visit.in_scope, standard)
        formula = (f"本年度第{stay}次住院，{TIER_NAMES[visit.tier]}医疗机构起付标准 {yuan(first)} × {plain(factor)} = "
                   f"{yuan(standard)}，本次计入 {yuan(deductible)}")
        lines.append(line("deductible", "起付标准", deductible, formula, d_src, f_src))

    share, share_src = trace.number("inpatient.share", tier)
    limit, limit_src = trace.number("inpatient.fund_yearly_limit")
    fund = None
    if deductible is not None and share is not None and limit is not None and state.ip_fund is not None:
        covered = to_fen((visit.in_scope - deductible) * share)
        fund = min(covered, max(ZERO, limit - state.ip_fund))
        formula = f"({yuan(visit.in_scope)} − {yuan(deductible)}) × {percent(share)} = {yuan(covered)}"
        if fund < covered:
            formula += f"，统筹基金年度限额 {yuan(limit)} 已付 {yuan(state.ip_fund)}，本次支付 {yuan(fund)}"
        lines.append(line("fund", "统筹基金支付", fund, formula, share_src, limit_src))
        state.ip_fund += fund
        before = visit.bill - fund
        lines.append(line("person_before_supplement", "基本医保支付后个人负担（大额补助前）", before,
                          f"{yuan(visit.bill)} − {yuan(fund)} = {yuan(before)}"))
    else:
        state.ip_fund = None
        lines.append(line("fund", "统筹基金支付", None,
                          "住院支付比例和年度限额不在所收录的文件中，无法计算；可在“本地数据”中录入本市标准", share_src, limit_src))
    rules = trace.read("inpatient.supplement_rules")
    if rules is None:
        trace.need("inpatient.supplement_rules", "职工大额医疗费用补助住院支付办法", "文件规定另行制定，未载于所收录文件")
    lines.append(line("supplement", "大额医疗费用补助支付", None, "大额补助住院支付办法另行制定，无法计算",
                      trace.snapshot.get("inpatient.supplement_rules")))
    lines.append(line("person", "个人负担", None, "大额补助支付无法确定，个人最终负担无法计算"))
    return VisitResult(kind="inpatient", tier=visit.tier, bill=visit.bill, deductible=deductible, fund_pays=fund,
                       supplement_pays=None, person_pays=None, lines=lines)
