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

from yibao.rules.models import TIER_NAMES, Line, Person, RunningTotals, Visit, VisitResult, YearToDate, YearTotals
from yibao.rules.policy import Resolved
from yibao.rules.trace import Trace, line, threshold_value
from yibao.wording import ZERO, money, percent, plain, rate_of, to_fen


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

    def totals(self) -> RunningTotals:
        return RunningTotals(outpatient_deductible_counted=self.op_counted, outpatient_fund_paid=self.op_fund,
                             outpatient_supplement_paid=self.op_supplement, inpatient_stays=self.ip_stays,
                             inpatient_fund_paid=self.ip_fund)


def settle_year(trace: Trace, person: Person, visits: list[Visit], ytd: YearToDate) -> list[VisitResult]:
    state = YearState.start(ytd)
    outpatient = _outpatient_rules(trace, person) if any(v.kind == "outpatient" for v in visits) else None
    inpatient = _inpatient_rules(trace) if any(v.kind == "inpatient" for v in visits) else None
    results = []
    for visit in visits:
        if visit.kind == "outpatient":
            assert outpatient is not None
            settled = _outpatient(outpatient, visit, state)
        else:
            assert inpatient is not None
            settled = _inpatient(inpatient, visit, state)
        settled.year_after = state.totals()
        results.append(settled)
    return results


def year_totals(results: list[VisitResult]) -> YearTotals:
    def total(name: str) -> Decimal | None:
        values = [getattr(r, name) for r in results]
        return None if any(v is None for v in values) else sum(values, ZERO)

    bill = sum((r.bill for r in results), ZERO)
    fund, supplement = total("fund_pays"), total("supplement_pays")
    rate = None
    if fund is not None and supplement is not None and bill > 0:
        rate = rate_of(fund + supplement, bill)
    return YearTotals(bill=bill, deductible=total("deductible"), fund_pays=fund, supplement_pays=supplement,
                      person_pays=total("person_pays"), reimbursement_rate=rate)


@dataclass(frozen=True)
class OutpatientRules:
    """The year's 普通门诊统筹 figures for this person, read once: they do not change from visit to visit."""

    deductible: dict[str, Decimal] | None
    deductible_src: Resolved | None
    share: dict[str, Decimal] | None  # by tier, the retirees' extra points already added
    share_text: dict[str, str]
    share_src: Resolved | None
    fund_limit: Decimal | None
    fund_limit_src: Resolved | None
    supplement_limit: Decimal | None
    supplement_limit_src: Resolved | None
    yearly_max: Decimal | None
    yearly_max_src: Resolved | None


@dataclass(frozen=True)
class InpatientRules:
    deductible: dict[str, Decimal] | None
    deductible_src: Resolved | None
    factor: dict[str, Decimal] | None  # by stay number from which it applies
    factor_src: Resolved | None
    share: dict[str, Decimal] | None
    share_src: Resolved | None
    fund_limit: Decimal | None
    fund_limit_src: Resolved | None
    supplement_src: Resolved | None


def _outpatient_rules(trace: Trace, person: Person) -> OutpatientRules:
    status = "retired" if person.retired else "in_service"
    deductible, deductible_src = trace.table("outpatient.deductible")
    share, share_src = trace.table("outpatient.share")
    share_text = {} if share is None else {t: f"在职职工{TIER_NAMES[int(t)]} {percent(s)}" for t, s in share.items()}
    if share is not None and person.retired:
        extra, share_src = trace.number("outpatient.retiree_extra_share")
        if extra is None:
            share = None
        else:
            share_text = {t: f"退休人员：{share_text[t]} + {percent(extra)} = {percent(s + extra)}" for t, s in share.items()}
            share = {t: s + extra for t, s in share.items()}
    fund_limit, fund_limit_src = trace.number("outpatient.fund_yearly_limit", status)
    supplement_limit, supplement_limit_src = trace.number("outpatient.supplement_yearly_limit")
    yearly_max, yearly_max_src = trace.number("outpatient.yearly_max", status)
    return OutpatientRules(deductible, deductible_src, share, share_text, share_src, fund_limit, fund_limit_src,
                           supplement_limit, supplement_limit_src, yearly_max, yearly_max_src)


def _inpatient_rules(trace: Trace) -> InpatientRules:
    deductible, deductible_src = trace.table("inpatient.deductible")
    factor, factor_src = trace.table("inpatient.deductible_factor")
    share, share_src = trace.table("inpatient.share")
    fund_limit, fund_limit_src = trace.number("inpatient.fund_yearly_limit")
    trace.read("inpatient.supplement_rules")  # never a usable figure: records why the 补助 is unknown
    return InpatientRules(deductible, deductible_src, factor, factor_src, share, share_src, fund_limit, fund_limit_src,
                          trace.snapshot.get("inpatient.supplement_rules"))


def _bill_line(visit: Visit, bill: Decimal) -> Line:
    parts = [f"政策范围内 {money(visit.in_scope)}"]
    if visit.self_pay_first:
        parts.append(f"个人先行自付 {money(visit.self_pay_first)}")
    if visit.out_of_scope:
        parts.append(f"政策范围外 {money(visit.out_of_scope)}")
    return line("bill", "医疗费用合计", bill, " + ".join(parts) + f" = {money(bill)}")


def _person_line(visit: Visit, bill: Decimal, fund: Decimal | None, supplement: Decimal | None) -> tuple[Decimal | None, Line]:
    if fund is None or supplement is None:
        return None, line("person", "个人负担", None, "统筹基金或大额补助的支付无法确定，个人负担无法计算")
    person = bill - fund - supplement
    formula = f"{money(bill)} − 统筹 {money(fund)} − 大额 {money(supplement)} = {money(person)}"
    if visit.out_of_scope or visit.self_pay_first:
        formula += f"（含先行自付 {money(visit.self_pay_first)}、范围外 {money(visit.out_of_scope)}）"
    return person, line("person", "个人负担", person, formula)


def _outpatient(rules: OutpatientRules, visit: Visit, state: YearState) -> VisitResult:
    tier = str(visit.tier)
    bill = visit.bill
    lines = [_bill_line(visit, bill)]
    deductible = None
    if rules.deductible is None or state.op_counted is None:
        state.op_counted = None
        lines.append(line("deductible", "起付标准", None, "起付标准文件未规定，无法计算", rules.deductible_src))
    else:
        full = rules.deductible[tier]
        owed = max(ZERO, full - state.op_counted)
        deductible = min(visit.in_scope, owed)
        formula = (f"{TIER_NAMES[visit.tier]}医疗机构年度起付标准 {money(full)}，本年已计 {money(state.op_counted)}，"
                   f"本次计入 min({money(visit.in_scope)}, {money(owed)}) = {money(deductible)}")
        state.op_counted += deductible
        lines.append(line("deductible", "本次计入起付标准", deductible, formula, rules.deductible_src))

    fund = supplement = None
    fund_limit, supp_limit, yearly_max = rules.fund_limit, rules.supplement_limit, rules.yearly_max
    fund_paid, supp_paid = state.op_fund, state.op_supplement
    if (
        deductible is not None and rules.share is not None and fund_limit is not None and supp_limit is not None
        and yearly_max is not None and fund_paid is not None and supp_paid is not None
    ):
        share = rules.share[tier]
        covered = to_fen((visit.in_scope - deductible) * share)
        fund = min(covered, max(ZERO, fund_limit - fund_paid))
        lines.append(line("share", "支付比例", share, rules.share_text[tier], rules.share_src, unit="rate"))
        formula = f"({money(visit.in_scope)} − {money(deductible)}) × {percent(share)} = {money(covered)}"
        if fund < covered:
            formula += f"，统筹基金年度限额 {money(fund_limit)} 已付 {money(fund_paid)}，本次支付 {money(fund)}"
        lines.append(line("fund", "统筹基金支付", fund, formula, rules.share_src, rules.deductible_src,
                          rules.fund_limit_src))
        rest = covered - fund
        supplement = min(rest, max(ZERO, min(supp_limit - supp_paid, yearly_max - fund_paid - fund - supp_paid)))
        if rest > 0:
            formula = (f"超统筹基金限额部分 {money(rest)}，大额补助年度最高 {money(supp_limit)} 已付 {money(supp_paid)}，"
                       f"本次支付 {money(supplement)}（年度最高支付限额 {money(yearly_max)}）")
        else:
            formula = "未超过统筹基金年度限额，大额补助不支付"
        lines.append(line("supplement", "大额医疗费用补助支付", supplement, formula, rules.supplement_limit_src,
                          rules.yearly_max_src))
        state.op_fund = fund_paid + fund
        state.op_supplement = supp_paid + supplement
    else:
        state.op_fund = state.op_supplement = None
        lines.append(line("fund", "统筹基金支付", None, "支付比例或年度限额文件未规定，无法计算", rules.share_src,
                          rules.fund_limit_src))
        lines.append(line("supplement", "大额医疗费用补助支付", None, "无法计算", rules.supplement_limit_src))
    person_pays, person_line = _person_line(visit, bill, fund, supplement)
    lines.append(person_line)
    return VisitResult(kind="outpatient", tier=visit.tier, bill=bill, deductible=deductible, fund_pays=fund,
                       supplement_pays=supplement, person_pays=person_pays, lines=lines)


def _inpatient(rules: InpatientRules, visit: Visit, state: YearState) -> VisitResult:
    tier = str(visit.tier)
    bill = visit.bill
    state.ip_stays += 1
    stay = state.ip_stays
    lines = [_bill_line(visit, bill)]
    deductible = None
    if rules.deductible is None or rules.factor is None:
        lines.append(line("deductible", "起付标准", None, "住院起付标准文件未规定，无法计算", rules.deductible_src,
                          rules.factor_src))
    else:
        first, factor = rules.deductible[tier], threshold_value(rules.factor, str(stay))
        standard = to_fen(first * factor)
        deductible = min(visit.in_scope, standard)
        formula = (f"本年度第{stay}次住院，{TIER_NAMES[visit.tier]}医疗机构起付标准 {money(first)} × {plain(factor)} = "
                   f"{money(standard)}，本次计入 {money(deductible)}")
        lines.append(line("deductible", "起付标准", deductible, formula, rules.deductible_src, rules.factor_src))

    fund = None
    limit, paid = rules.fund_limit, state.ip_fund
    if deductible is not None and rules.share is not None and limit is not None and paid is not None:
        share = rules.share[tier]
        covered = to_fen((visit.in_scope - deductible) * share)
        fund = min(covered, max(ZERO, limit - paid))
        formula = f"({money(visit.in_scope)} − {money(deductible)}) × {percent(share)} = {money(covered)}"
        if fund < covered:
            formula += f"，统筹基金年度限额 {money(limit)} 已付 {money(paid)}，本次支付 {money(fund)}"
        lines.append(line("fund", "统筹基金支付", fund, formula, rules.share_src, rules.fund_limit_src))
        state.ip_fund = paid + fund
        before = bill - fund
        lines.append(line("person_before_supplement", "基本医保支付后个人负担（大额补助前）", before,
                          f"{money(bill)} − {money(fund)} = {money(before)}"))
    else:
        state.ip_fund = None
        lines.append(line("fund", "统筹基金支付", None,
                          "住院支付比例和年度限额不在所收录的文件中，无法计算；可在“本地录入参数”中录入本市标准",
                          rules.share_src, rules.fund_limit_src))
    lines.append(line("supplement", "大额医疗费用补助支付", None, "大额补助住院支付办法另行制定，无法计算",
                      rules.supplement_src))
    lines.append(line("person", "个人负担", None, "大额补助支付无法确定，个人最终负担无法计算"))
    return VisitResult(kind="inpatient", tier=visit.tier, bill=bill, deductible=deductible, fund_pays=fund,
                       supplement_pays=None, person_pays=None, lines=lines)
