"""The answer in one or two sentences, for each question the window asks and the sheet prints (no Qt).

The window shows a tab's headline in large type above its breakdown; the sheet opens with the same
sentences in a box. Where a figure of the sentence is not in the documents, the sentence says what is
known and what is not. A yes/no answer carries a symbol and a word (never colour alone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from yibao.vocabulary import TIER_NAMES
from yibao.wording import NOT_STATED, ZERO, months, percent, yuan

if TYPE_CHECKING:
    from yibao.rules.models import (
        ContributionResult,
        Missing,
        NeedsInput,
        Person,
        Result,
        RetirementResult,
        VisitResult,
        YearTotals,
    )

Question = Literal["contribution", "visits", "tiers", "retirement", "before_after"]
VERDICT_MARKS = {True: "√ 已满足", False: "× 未满足", None: "？ 无法判断"}
TIER_WORDS = {tier: f"{name}医疗机构" for tier, name in TIER_NAMES.items()}
_VISIT_PARAMETERS = ("outpatient.", "inpatient.")
LOCAL_WORDS = "（含按本地录入参数计算的数字）"
MAX_NAMED = 2  # figures named in a sentence; the notes under the tabs list them all


@dataclass(frozen=True)
class Headline:
    """One question's answer: the sentences, and for a yes/no question the verdict (True, False, None: unknown)."""

    question: Question
    text: str
    verdict: bool | None = None
    has_verdict: bool = False

    @property
    def mark(self) -> str:
        """'√ 已满足' / '× 未满足' / '？ 无法判断' for a yes/no question, else ''."""
        return VERDICT_MARKS[self.verdict] if self.has_verdict else ""


# ---------------------------------------------------------------- 缴费测算


def contribution_headline(result: ContributionResult, person: Person) -> Headline:
    """每月共缴 ¥600.00（单位 ¥480.00，个人 ¥120.00），其中 ¥120.00 划入个人账户；另每年大额医疗费用补助 ¥36.00（个人）。"""
    first = _retiree_contribution(result) if person.retired else _monthly(result, flexible=person.employment == "flexible")
    local = LOCAL_WORDS if any(line.local for line in result.lines) else ""
    return Headline("contribution", f"{first}；{_yearly(result)}{local}。")


def _retiree_contribution(result: ContributionResult) -> str:
    employer = next(line for line in result.lines if line.key == "employer")
    if (result.employer_monthly is None or result.individual_monthly is None) and employer.sources:
        paid = f"退休人员：{employer.formula}"  # the law is there: the minimum years decide, as the line says
    elif result.employer_monthly is None or result.individual_monthly is None:
        paid = f"退休人员是否缴纳基本医疗保险费{NOT_STATED}"
    else:
        paid = "退休人员不缴纳基本医疗保险费"
    account = result.personal_account_monthly
    if account is None:
        return f"{paid}；退休人员个人账户划入标准{NOT_STATED}"
    return f"{paid}，每月由统筹基金划入个人账户 {yuan(account)}"


def _monthly(result: ContributionResult, *, flexible: bool) -> str:
    employer, individual = result.employer_monthly, result.individual_monthly
    if flexible:
        if individual is None:
            return f"灵活就业人员的缴费比例{NOT_STATED}，每月缴费无法计算"
        first = f"每月个人缴 {yuan(individual)}（灵活就业人员由个人缴纳全部费用）"
    elif employer is not None and individual is not None:
        first = f"每月共缴 {yuan(employer + individual)}（单位 {yuan(employer)}，个人 {yuan(individual)}）"
    elif individual is not None:
        first = f"每月个人缴 {yuan(individual)}；单位缴费比例{NOT_STATED}"
    elif employer is not None:
        first = f"每月单位缴 {yuan(employer)}；个人缴费比例{NOT_STATED}"
    else:
        return f"单位和个人的缴费比例{NOT_STATED}，每月缴费无法计算"
    account = result.personal_account_monthly
    if account is None:
        return f"{first}；划入个人账户的标准{NOT_STATED}"
    if account == ZERO:
        return f"{first}，不划入个人账户"
    return f"{first}，其中 {yuan(account)} 划入个人账户"


def _yearly(result: ContributionResult) -> str:
    fees = result.supplementary_yearly
    if fees.total is None:
        return f"大额医疗费用补助的筹资标准{NOT_STATED}"
    if fees.employer is None or fees.individual is None:
        return f"另每人每年大额医疗费用补助筹资 {yuan(fees.total)}（由谁缴纳{NOT_STATED}）"
    payers = [(word, amount) for word, amount in (("单位", fees.employer), ("个人", fees.individual)) if amount > ZERO]
    if not payers:
        return f"大额医疗费用补助每人每年 {yuan(fees.total)} 由基金筹集，单位和个人不另缴"
    if len(payers) == 1:
        word, amount = payers[0]
        return f"另每年大额医疗费用补助 {yuan(amount)}（{word}）"
    both = yuan(fees.employer + fees.individual)
    return f"另每年大额医疗费用补助 {both}（单位 {yuan(fees.employer)}，个人 {yuan(fees.individual)}）"


# ---------------------------------------------------------------- 就医报销


def visits_headline(totals: YearTotals, visits: Sequence[VisitResult], missing: Sequence[Missing] = (),
                    needs_input: Sequence[NeedsInput] = ()) -> Headline:
    """本年统筹基金和大额补助共支付 ¥840.00，您个人负担 ¥1,260.00（实际报销 40%）。"""
    count = len(visits)
    bill = f"本年{count}次就医，费用共 {yuan(totals.bill)}"
    fund, supplement, person = totals.fund_pays, totals.supplement_pays, totals.person_pays
    if fund is not None and supplement is not None and person is not None:
        rate = f"（实际报销 {percent(totals.reimbursement_rate)}）" if totals.reimbursement_rate is not None else ""
        local = LOCAL_WORDS if any(line.local for v in visits for line in v.lines) else ""
        return Headline("visits", f"{bill}：统筹基金和大额补助共支付 {yuan(fund + supplement)}，"
                                  f"您个人负担 {yuan(person)}{rate}{local}。")
    known = []
    paid_fund = _known_sum(v.fund_pays for v in visits)
    local = LOCAL_WORDS if any(line.local for v in visits for line in v.lines) else ""
    if fund is not None:
        known.append(f"统筹基金支付 {yuan(fund)}{local}")
    elif paid_fund is not None:
        known.append(f"已能计算的统筹基金支付 {yuan(paid_fund)}{local}")
    unknown = _unknown_words(missing, needs_input)
    tail = "，大额补助和个人负担暂无法确定" if fund is not None else "，统筹基金支付和个人负担暂无法确定"
    sentence = f"{bill}；{'；'.join(known)}；" if known else f"{bill}；"
    return Headline("visits", f"{sentence}{unknown}{tail}。")


def _known_sum(values: object) -> Decimal | None:
    known = [v for v in values if v is not None]  # type: ignore[attr-defined]
    return sum(known, ZERO) if known else None


def _unknown_words(missing: Sequence[Missing], needs_input: Sequence[NeedsInput]) -> str:
    """'住院大额补助支付办法文件未规定' from the visits' figures the documents leave open (or a field to fill)."""
    labels = list(dict.fromkeys(m.label for m in missing if m.parameter.startswith(_VISIT_PARAMETERS)))
    named = "、".join(labels[:MAX_NAMED]) + (f"等{len(labels)}项" if len(labels) > MAX_NAMED else "")
    parts = [f"{named}{NOT_STATED}"] if labels else []
    parts += [f"需填写{n.label}" for n in needs_input if n.field.startswith(("visits", "year_to_date"))]
    return "；".join(parts) or f"部分支付标准{NOT_STATED}"


# ---------------------------------------------------------------- 医院级别对比


def tiers_headline(by_tier: Mapping[int, VisitResult]) -> Headline:
    """同样的费用在一级及以下医疗机构个人少付 ¥600.00（与三级医疗机构相比）。"""
    local = LOCAL_WORDS if any(line.local for v in by_tier.values() for line in v.lines) else ""
    known = {tier: v.person_pays for tier, v in by_tier.items() if v.person_pays is not None}
    if len(known) < 2:
        funds = {tier: v.fund_pays for tier, v in by_tier.items() if v.fund_pays is not None}
        if len(funds) >= 2:
            parts = "，".join(f"{TIER_WORDS[t]} {yuan(f)}" for t, f in sorted(funds.items()))
            return Headline("tiers", f"统筹基金支付：{parts}{local}；个人负担{NOT_STATED}，无法比较个人少付多少。")
        return Headline("tiers", f"个人负担{NOT_STATED}，无法比较不同级别医疗机构。")
    cheapest = min(known, key=lambda t: (known[t], t))
    dearest = max(known, key=lambda t: (known[t], -t))
    saving = known[dearest] - known[cheapest]
    if saving == 0:
        return Headline("tiers", f"同样的费用在各级医疗机构个人负担相同{local}。")
    text = f"同样的费用在{TIER_WORDS[cheapest]}个人少付 {yuan(saving)}（与{TIER_WORDS[dearest]}相比）{local}"
    if len(known) < len(by_tier):
        text += f"；其余级别的个人负担{NOT_STATED}"
    return Headline("tiers", text + "。")


# ---------------------------------------------------------------- 退休缴费年限


def retirement_headline(result: RetirementResult, needs_input: Sequence[NeedsInput] = ()) -> Headline:
    """尚缺 36个月（3年），未满足最低缴费年限 / 已满足最低缴费年限。"""
    required, counted = result.required_months, result.counted_months
    if required is None:
        known = f"累计 {months(counted)}；" if counted is not None else ""
        return Headline("retirement", f"{known}本市此时的最低缴费年限{NOT_STATED}，无法判断是否满足。", None, True)
    if counted is None or result.eligible is None:
        return Headline("retirement", f"最低缴费年限 {months(required)}；累计年限暂无法计算，无法判断是否满足。",
                        None, True)
    local = LOCAL_WORDS if any(line.local for line in result.lines) else ""
    if result.eligible:
        return Headline("retirement", f"已满足最低缴费年限：累计 {months(counted)}，最低 {months(required)}{local}。",
                        True, True)
    short = result.shortfall_months or 0
    text = f"尚缺 {months(short)}，未满足最低缴费年限 {months(required)}"
    if result.makeup_amount is not None:
        text += f"；一次性补缴 {yuan(result.makeup_amount)}"
    elif any(n.field == "retirement.last_monthly_base" for n in needs_input):
        text += "；填写最后一次月缴费基数后可算出一次性补缴金额"
    else:
        text += f"；可一次性或按月补缴，一次性补缴标准{NOT_STATED}"
    return Headline("retirement", f"{text}{local}。", False, True)


# ---------------------------------------------------------------- every question of a result


def headlines(result: Result, person: Person | None) -> list[Headline]:
    """The headline of each question the result answers, in the order of the window's tabs."""
    found = []
    if result.contribution is not None and person is not None:
        found.append(contribution_headline(result.contribution, person))
    if result.year_totals is not None and result.visits:
        found.append(visits_headline(result.year_totals, result.visits, result.missing, result.needs_input))
    if result.retirement is not None:
        found.append(retirement_headline(result.retirement, result.needs_input))
    return found
