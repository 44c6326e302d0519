"""What the pooled fund, the 大额补助 and the person pay for a calendar year of visits.

Visits are settled in the order given. Outpatient: one deductible a year, met
at any tier (a visit at tier T still owes what is left of tier T's deductible);
the fund pays its share up to its yearly limit, and past that the 大额补助 goes
on paying the same share up to its own limit. Inpatient: a deductible by the
stay's number in the year; the fund pays its share (by tier and in-service or
retired) up to its yearly limit. The 大额补助 layer (109号 二(三)3, 184号 三(三))
then takes the in-scope personal burden left after the fund (within and above the
fund's limit) and, where the city's rules say so, the 个人先行自付 costs: past its
own yearly deductible it pays a share by segment of the year's burden, up to its
yearly limit. A layer a city does not have (status not_offered) pays nothing. A
figure the documents do not give leaves that payment, and everything that depends
on it, unknown (None): the person's share is then an upper bound, said in words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from yibao.rules.errors import InputError
from yibao.rules.models import Line, Person, RunningTotals, Visit, VisitResult, YearToDate, YearTotals
from yibao.rules.policy import NOT_OFFERED, Resolved
from yibao.rules.trace import Trace, line, threshold_value
from yibao.vocabulary import STATUS_NAMES, TIER_NAMES
from yibao.wording import ABSENT_MARK, ZERO, money, percent, plain, rate_of, to_fen

ONE = Decimal(1)  # a payment share is at most 100%

# Readings (resources/policy/readings.json) this module relies on where it computes, not where a figure is read.
DEDUCTIBLE_SHARED = "outpatient-deductible-one-counter"
SUPPLEMENT_SAME_SHARE = "outpatient-supplement-same-share"
SELF_PAY_FIRST_BY_PERSON = "self-pay-first-by-person"
SUPPLEMENT_ABOVE_LIMIT = "inpatient-supplement-above-limit"


@dataclass
class YearState:
    """Running totals for the year; None once a figure became unknown."""

    op_counted: Decimal | None
    op_fund: Decimal | None
    op_supplement: Decimal | None
    ip_stays: int
    ip_fund: Decimal | None
    ip_supplement_counted: Decimal | None
    ip_supplement: Decimal | None
    ip_supplement_above: Decimal = ZERO  # the year's burden past the 大额 deductible, for its segments

    @classmethod
    def start(cls, ytd: YearToDate) -> YearState:
        return cls(ytd.outpatient_deductible_counted, ytd.outpatient_fund_paid, ytd.outpatient_supplement_paid,
                   ytd.inpatient_stays, ytd.inpatient_fund_paid, ytd.inpatient_supplement_deductible_counted,
                   ytd.inpatient_supplement_paid)

    def totals(self) -> RunningTotals:
        return RunningTotals(outpatient_deductible_counted=self.op_counted, outpatient_fund_paid=self.op_fund,
                             outpatient_supplement_paid=self.op_supplement, inpatient_stays=self.ip_stays,
                             inpatient_fund_paid=self.ip_fund,
                             inpatient_supplement_deductible_counted=self.ip_supplement_counted,
                             inpatient_supplement_paid=self.ip_supplement)


def settle_year(trace: Trace, person: Person, visits: list[Visit], ytd: YearToDate) -> list[VisitResult]:
    state = YearState.start(ytd)
    outpatient = _outpatient_rules(trace, person) if any(v.kind == "outpatient" for v in visits) else None
    stays = [v for v in visits if v.kind == "inpatient"]
    inpatient = _inpatient_rules(trace, person, any(v.self_pay_first for v in stays)) if stays else None
    _check_year_to_date(ytd, outpatient, inpatient)
    layer = inpatient.supplement if inpatient is not None else None
    if layer is not None and layer.exists and state.ip_supplement is not None:
        state.ip_supplement_above = layer.burden_paid_for(state.ip_supplement)
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


def _check_year_to_date(ytd: YearToDate, outpatient: OutpatientRules | None, inpatient: InpatientRules | None) -> None:
    """What was already paid this year cannot exceed the year's limit: such a figure is a typing slip, and settling
    on it would give year totals above the yearly maximum. InputError naming the field."""
    checks: list[tuple[str, Decimal, Decimal | None, Resolved | None]] = []
    if outpatient is not None:
        checks += [("outpatient_fund_paid", ytd.outpatient_fund_paid, outpatient.fund_limit, outpatient.fund_limit_src),
                   ("outpatient_supplement_paid", ytd.outpatient_supplement_paid, outpatient.supplement_limit,
                    outpatient.supplement_limit_src),
                   ("outpatient_supplement_paid", ytd.outpatient_fund_paid + ytd.outpatient_supplement_paid,
                    outpatient.yearly_max, outpatient.yearly_max_src)]
    if inpatient is not None:
        checks.append(("inpatient_fund_paid", ytd.inpatient_fund_paid, inpatient.fund_limit, inpatient.fund_limit_src))
        layer = inpatient.supplement
        if layer is not None and layer.exists:
            limit_src = next(s for s in layer.sources if s.parameter == "inpatient.supplement_yearly_limit")
            checks.append(("inpatient_supplement_paid", ytd.inpatient_supplement_paid, layer.limit, limit_src))
    for field, paid, limit, source in checks:
        if limit is not None and source is not None and source.entry.status != NOT_OFFERED and paid > limit:
            what = "统筹基金和大额补助已支付合计" if source.parameter == "outpatient.yearly_max" else "已支付"
            raise InputError(f"year_to_date.{field}", f"{what} {money(paid)} 元，超过{source.spec.label} "
                                                      f"{money(limit)} 元，本年不可能已支付这么多，请核对")


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
    share: dict[str, Decimal] | None  # by tier, for this person's status
    share_text: str  # 在职 or 退休
    share_src: Resolved | None
    fund_limit: Decimal | None
    fund_limit_src: Resolved | None
    supplement: SupplementLayer | None  # None: the layer's figures are not all given


@dataclass(frozen=True)
class SupplementLayer:
    """The 大额补助's inpatient layer; ``exists`` False: the city has none.

    ``shares``: by segment of the year's burden past the deductible, keyed by where each segment starts ("0", …).
    ``self_pay_first``: whether it also takes the 个人先行自付 costs (None: not asked, no stay has any).
    """

    exists: bool
    deductible: Decimal
    shares: dict[str, Decimal]
    limit: Decimal
    self_pay_first: bool | None
    sources: tuple[Resolved, ...]

    def segments(self) -> list[tuple[Decimal, Decimal | None, Decimal]]:
        """(from, to, share) for each segment, the last one open."""
        starts = sorted(self.shares, key=Decimal)
        ends: list[Decimal | None] = [Decimal(k) for k in starts[1:]]
        return [(Decimal(k), end, self.shares[k]) for k, end in zip(starts, [*ends, None], strict=True)]

    def pays_on(self, start: Decimal, amount: Decimal) -> list[tuple[Decimal, Decimal]]:
        """The (amount, share) of each segment that the burden from ``start`` to ``start + amount`` falls in."""
        parts = []
        for low, high, share in self.segments():
            part = min(start + amount, high if high is not None else start + amount) - max(start, low)
            if part > 0:
                parts.append((part, share))
        return parts

    def burden_paid_for(self, paid: Decimal) -> Decimal:
        """The burden past the deductible that the amount already paid this year stands for (the year so far)."""
        for low, high, share in self.segments():
            if high is None:
                return low + (paid / share if share else ZERO)
            if share and paid <= (high - low) * share:
                return low + paid / share
            paid -= (high - low) * share
        raise AssertionError("the last segment is open")


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
            share = {t: min(ONE, s + extra) for t, s in share.items()}  # a share is at most 100%
            share_text = {t: f"退休人员：{share_text[t]} + {percent(extra)} = {percent(share[t])}"
                          + ("（不超过100%）" if share[t] == ONE else "") for t in share}
    fund_limit, fund_limit_src = trace.number("outpatient.fund_yearly_limit", status)
    supplement_limit, supplement_limit_src = trace.number("outpatient.supplement_yearly_limit")
    yearly_max, yearly_max_src = trace.number("outpatient.yearly_max", status)
    return OutpatientRules(deductible, deductible_src, share, share_text, share_src, fund_limit, fund_limit_src,
                           supplement_limit, supplement_limit_src, yearly_max, yearly_max_src)


def _absent(found: Resolved | None) -> bool:
    """The documents say this layer does not exist for the city at this time."""
    return found is not None and found.entry.status == NOT_OFFERED


def _inpatient_rules(trace: Trace, person: Person, self_pay_first: bool) -> InpatientRules:
    status = "retired" if person.retired else "in_service"
    deductible, deductible_src = trace.table("inpatient.deductible")
    factor, factor_src = trace.table("inpatient.deductible_factor")
    share, share_src = trace.table("inpatient.share", status=status)
    fund_limit, fund_limit_src = trace.number("inpatient.fund_yearly_limit")
    return InpatientRules(deductible, deductible_src, factor, factor_src, share, STATUS_NAMES[status], share_src,
                          fund_limit, fund_limit_src, _supplement_layer(trace, self_pay_first))


def _supplement_layer(trace: Trace, self_pay_first: bool) -> SupplementLayer | None:
    """The layer's figures; the 先行自付 rule is read only when a stay has such costs."""
    shares, share_src = trace.table("inpatient.supplement_share")
    if _absent(share_src):
        assert share_src is not None
        return SupplementLayer(False, ZERO, {}, ZERO, None, (share_src,))
    deductible, deductible_src = trace.number("inpatient.supplement_deductible")
    limit, limit_src = trace.number("inpatient.supplement_yearly_limit")
    counts = trace.read("inpatient.supplement_counts_self_pay_first") if self_pay_first else None
    if shares is None or deductible is None or limit is None or (self_pay_first and counts is None):
        return None
    assert share_src is not None and deductible_src is not None and limit_src is not None
    rules = tuple(f for f in (deductible_src, share_src, limit_src, counts) if f is not None)
    return SupplementLayer(True, deductible, shares, limit, None if counts is None else counts.value is True, rules)


def _bill_line(visit: Visit, bill: Decimal) -> Line:
    parts = [f"政策范围内 {money(visit.in_scope)}"]
    if visit.self_pay_first:
        parts.append(f"个人先行自付 {money(visit.self_pay_first)}")
    if visit.out_of_scope:
        parts.append(f"政策范围外 {money(visit.out_of_scope)}")
    return line("bill", "医疗费用合计", bill, " + ".join(parts) + f" = {money(bill)}")


def _person_line(visit: Visit, bill: Decimal, fund: Decimal | None, supplement: Decimal | None,
                 rests_on: list[Line]) -> tuple[Decimal | None, Line]:
    """个人负担 = bill − what the funds pay: it rests on the local figures (本地录入) the funds' lines rest on."""
    person, shown = _person_figure(visit, bill, fund, supplement)
    local = tuple(dict.fromkeys(s for earlier in rests_on for s in earlier.sources if s.local))
    return person, replace(shown, sources=(*shown.sources, *local))


def _person_figure(visit: Visit, bill: Decimal, fund: Decimal | None,
                   supplement: Decimal | None) -> tuple[Decimal | None, Line]:
    if fund is None:
        return None, line("person", "个人负担", None, "统筹基金的支付无法确定，无法计算")
    if supplement is None:
        bound = bill - fund
        return None, line("person", "个人负担", None,
                          f"大额补助的支付未确定，个人负担不是最终金额：至多 {money(bill)} − 统筹 {money(fund)} = "
                          f"{money(bound)}，再减去大额补助支付")
    person = bill - fund - supplement
    formula = f"{money(bill)} − 统筹 {money(fund)} − 大额 {money(supplement)} = {money(person)}"
    if visit.out_of_scope or visit.self_pay_first:
        formula += f"（含先行自付 {money(visit.self_pay_first)}、范围外 {money(visit.out_of_scope)}）"
    return person, line("person", "个人负担", person, formula,
                        readings=(SELF_PAY_FIRST_BY_PERSON,) if visit.self_pay_first else ())


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
        lines.append(line("deductible", "本次计入起付标准", deductible, formula, rules.deductible_src,
                          readings=(DEDUCTIBLE_SHARED,)))

    fund = supplement = None
    fund_limit, supp_limit, yearly_max = rules.fund_limit, rules.supplement_limit, rules.yearly_max
    no_layer = _absent(rules.supplement_limit_src)
    if no_layer:
        supp_limit = ZERO
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
        if rest > 0 and no_layer:
            formula = f"超统筹基金限额部分 {money(rest)}：本市此时不设大额补助门诊支付（{ABSENT_MARK}），不支付"
        elif rest > 0:
            formula = (f"超统筹基金限额部分 {money(rest)}，大额补助年度最高 {money(supp_limit)} 已付 {money(supp_paid)}，"
                       f"本次支付 {money(supplement)}（年度最高支付限额 {money(yearly_max)}）")
        else:
            formula = "未超过统筹基金年度限额，大额补助不支付"
        lines.append(line("supplement", "大额医疗费用补助支付", supplement, formula, rules.supplement_limit_src,
                          rules.yearly_max_src, readings=(SUPPLEMENT_SAME_SHARE,) if rest > 0 and not no_layer else ()))
        state.op_fund = fund_paid + fund
        state.op_supplement = supp_paid + supplement
    else:
        state.op_fund = state.op_supplement = None
        lines.append(line("fund", "统筹基金支付", None, "支付比例或年度限额文件未规定，无法计算", rules.share_src,
                          rules.fund_limit_src))
        lines.append(line("supplement", "大额医疗费用补助支付", None, "无法计算", rules.supplement_limit_src))
    person_pays, person_line = _person_line(visit, bill, fund, supplement, lines)
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

    fund = above = None
    limit, paid = rules.fund_limit, state.ip_fund
    if deductible is not None and rules.share is not None and limit is not None and paid is not None:
        share = rules.share[tier]
        eligible = visit.in_scope - deductible
        covered = to_fen(eligible * share)
        fund = min(covered, max(ZERO, limit - paid))
        lines.append(line("share", "支付比例", share, f"{rules.share_text}·{TIER_NAMES[visit.tier]}医疗机构 {percent(share)}",
                          rules.share_src, unit="rate"))
        formula = f"({money(visit.in_scope)} − {money(deductible)}) × {percent(share)} = {money(covered)}"
        above = ZERO
        if fund < covered:
            above = eligible - to_fen(fund / share)
            formula += (f"，统筹基金年度限额 {money(limit)} 已付 {money(paid)}，本次支付 {money(fund)}；"
                        f"超过限额的政策范围内费用 {money(eligible)} − {money(fund)} ÷ {percent(share)} = {money(above)}")
        lines.append(line("fund", "统筹基金支付", fund, formula, rules.share_src, rules.deductible_src,
                          rules.fund_limit_src))
        state.ip_fund = paid + fund
    else:
        state.ip_fund = None
        lines.append(line("fund", "统筹基金支付", None,
                          "住院支付比例和年度限额不在所收录的文件中，无法计算；可在“本地录入参数”中录入本市标准",
                          rules.share_src, rules.fund_limit_src))
    supplement, supplement_line = _inpatient_supplement(rules.supplement, visit, fund, above, state)
    lines.append(supplement_line)
    person_pays, person_line = _person_line(visit, bill, fund, supplement, lines)
    lines.append(person_line)
    return VisitResult(kind="inpatient", tier=visit.tier, bill=bill, deductible=deductible, fund_pays=fund,
                       supplement_pays=supplement, person_pays=person_pays, lines=lines)


def _inpatient_supplement(
    layer: SupplementLayer | None, visit: Visit, fund: Decimal | None, above: Decimal | None, state: YearState
) -> tuple[Decimal | None, Line]:
    """What the 大额补助 pays of this stay: of the in-scope burden left after the fund (``above``: the part past the
    fund's yearly limit) and, where the rules say so, of the 先行自付 costs; past its deductible, by segment."""
    label = "大额医疗费用补助支付"
    counted, paid = state.ip_supplement_counted, state.ip_supplement
    if layer is None or fund is None or above is None or counted is None or paid is None:
        state.ip_supplement_counted = state.ip_supplement = None
        why = ("大额补助住院支付办法（起付标准、分段支付比例、年度限额）未规定" if layer is None
               else "统筹基金支付无法确定")
        return None, line("supplement", label, None, f"{why}，无法计算；可在“本地录入参数”中录入本市标准",
                          readings=(SUPPLEMENT_ABOVE_LIMIT,) if layer is None else ())
    if not layer.exists:
        return ZERO, line("supplement", label, ZERO,
                          f"本市此时不设住院大额补助支付（{ABSENT_MARK}），不支付", *layer.sources)
    burden = visit.in_scope - fund
    base = burden + (visit.self_pay_first if layer.self_pay_first else ZERO)
    words = f"基本医保报销后政策范围内个人负担 {money(visit.in_scope)} − 统筹 {money(fund)} = {money(burden)}"
    if above:
        words += f"（含超过统筹基金限额的 {money(above)}）"
    if visit.self_pay_first:
        kept = "计入" if layer.self_pay_first else "不计入"
        words += f"，个人先行自付 {money(visit.self_pay_first)} {kept}"
    owed = max(ZERO, layer.deductible - counted)
    to_deductible = min(base, owed)
    parts = layer.pays_on(state.ip_supplement_above, base - to_deductible)
    covered = to_fen(sum((amount * share for amount, share in parts), ZERO))
    supplement = min(covered, max(ZERO, layer.limit - paid))
    state.ip_supplement_counted = counted + to_deductible
    state.ip_supplement_above += base - to_deductible
    state.ip_supplement = paid + supplement
    shares = " + ".join(f"{money(amount)} × {percent(share)}" for amount, share in parts) or money(ZERO)
    formula = (f"{words}；计入 {money(base)}，大额补助年度起付标准 {money(layer.deductible)} 本年已计 {money(counted)}、"
               f"本次计入 {money(to_deductible)}；按分段比例 {shares} = {money(covered)}")
    if supplement < covered:
        formula += f"，大额补助年度限额 {money(layer.limit)} 已付 {money(paid)}，本次支付 {money(supplement)}"
    return supplement, line("supplement", label, supplement, formula, *layer.sources, readings=(SUPPLEMENT_ABOVE_LIMIT,))
