"""The sheet's 医院级别对比 section: the chosen visit at tiers 1, 2 and 3 side by side and the saving sentence,
from the visits the window already settled (no Qt, no second calculation). The window's table reads its
figures from here too, so screen and paper say the same."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from yibao.headline import tiers_headline
from yibao.rules.models import VisitResult
from yibao.sheet.parts import Row, Section, Table
from yibao.vocabulary import KIND_NAMES, TIER_NAMES
from yibao.wording import NOT_STATED, money, money_or_not_stated, percent, rate_of

ROWS = ("医疗费用合计", "计入起付标准", "统筹基金支付", "大额医疗费用补助支付", "个人负担", "实际报销比例")
# The lines each row's figure rests on (实际报销比例: the two funds' payments over the bill)
ROW_LINES = (("bill",), ("deductible",), ("fund",), ("supplement",), ("person",), ("fund", "supplement"))


@dataclass(frozen=True)
class TierSheet:
    """The visit chosen in 医院级别对比 (``visit_index`` from 0), settled at each tier (``settled``)."""

    visit_index: int
    chosen_tier: int
    settled: Mapping[int, VisitResult]


def reimbursement_rate(visit: VisitResult) -> Decimal | None:
    """(fund + 大额补助) / bill for one visit, as YearTotals defines it for the year."""
    if visit.fund_pays is None or visit.supplement_pays is None or visit.bill == 0:
        return None
    return rate_of(visit.fund_pays + visit.supplement_pays, visit.bill)


def row_figures(visit: VisitResult) -> tuple[str, ...]:
    rate = reimbursement_rate(visit)
    rate_text = "—" if visit.bill == 0 else (NOT_STATED if rate is None else percent(rate))
    return (money_or_not_stated(visit.bill), money_or_not_stated(visit.deductible), money_or_not_stated(visit.fund_pays),
            money_or_not_stated(visit.supplement_pays), money_or_not_stated(visit.person_pays), rate_text)


def row_local(visit: VisitResult) -> tuple[bool, ...]:
    """Which of ``row_figures`` rest on a figure entered locally or from a pack (本地录入)."""
    local = {line.key for line in visit.lines if line.local}
    return tuple(bool(local.intersection(keys)) for keys in ROW_LINES)


def tiers_section(tiers: TierSheet) -> Section:
    """The saving sentence, then one row per figure: the tier of the visit (本次) and the three tiers side by side,
    with the clauses the chosen tier's figure rests on."""
    chosen = tiers.settled[tiers.chosen_tier]
    columns = [(tier, row_figures(visit), row_local(visit)) for tier, visit in tiers.settled.items()]
    rows = [Row(tiers_headline(tiers.settled).text, "", kind="group")]
    for number, (name, keys) in enumerate(zip(ROWS, ROW_LINES, strict=True)):
        side_by_side = "；".join(f"{TIER_NAMES[t]} {figures[number]}" for t, figures, _ in columns)
        sources = "；".join(dict.fromkeys(s.text() for line in chosen.lines if line.key in keys for s in line.sources))
        rows.append(Row(name, row_figures(chosen)[number], side_by_side, sources,
                        local=any(local[number] for _, _, local in columns)))
    title = (f"医院级别对比（第{tiers.visit_index + 1}次就诊，{KIND_NAMES[chosen.kind]}，医疗费用 {money(chosen.bill)}，"
             f"本次在{TIER_NAMES[tiers.chosen_tier]}医疗机构）")
    headings = ("项目", "本次", "各级医疗机构", "依据")
    return Section(title, (Table("", tuple(rows), headings),))
