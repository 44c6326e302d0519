"""What a person is covered for, and from when benefits start."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from yibao.rules.models import ContributionInput, CoverageItem, CoverageResult, Enrolment, Person, RetirementResult
from yibao.rules.options import chosen_option, flexible_options
from yibao.rules.policy import Resolved
from yibao.rules.trace import Trace, source_of
from yibao.vocabulary import EMPLOYMENT_NAMES, OPTION_NAMES
from yibao.wording import NOT_STATED, cn_date, cn_month, money, months, percent

# Parameter names written out whole (checked against the catalogue by tests/rules/test_parameter_names.py).
MATERNITY = {
    ("maternity_medical", "enterprise"): "coverage.maternity_medical.enterprise",
    ("maternity_medical", "public_institution"): "coverage.maternity_medical.public_institution",
    ("maternity_medical", "flexible"): "coverage.maternity_medical.flexible",
    ("maternity_allowance", "enterprise"): "coverage.maternity_allowance.enterprise",
    ("maternity_allowance", "public_institution"): "coverage.maternity_allowance.public_institution",
    ("maternity_allowance", "flexible"): "coverage.maternity_allowance.flexible",
}


def coverage(
    trace: Trace,
    person: Person,
    enrolment: Enrolment,
    contribution: ContributionInput | None,
    retirement: RetirementResult | None,
) -> CoverageResult:
    items = [_personal_account(trace, person, contribution)]
    if not person.retired:  # maternity cover is for people in service
        items += [_flag_item(trace, "maternity_medical", "生育医疗费", person),
                  _flag_item(trace, "maternity_allowance", "生育津贴", person)]
    items += [_supplementary(trace), _retiree_benefits(retirement)]
    benefits_from, start_item = _benefits_start(trace, person, enrolment)
    items.append(start_item)
    return CoverageResult(benefits_from=benefits_from, items=items)


def _item(key: str, label: str, covered: bool | None, detail: str, *found: Resolved | None) -> CoverageItem:
    sources = tuple(dict.fromkeys(source_of(f) for f in found if f is not None))
    readings = tuple(dict.fromkeys(r for f in found if f is not None for r in f.readings))
    return CoverageItem(key=key, label=label, covered=covered, detail=detail, sources=sources, readings=readings)


def _personal_account(trace: Trace, person: Person, contribution: ContributionInput | None) -> CoverageItem:
    label = "个人账户"
    if person.retired:
        found = trace.read("personal_account.retiree_monthly")
        if found is None or not isinstance(found.value, dict):
            return _item("personal_account", label, None, f"退休人员个人账户划入标准{NOT_STATED}",
                         trace.snapshot.get("personal_account.retiree_monthly"))
        bands = "，".join(f"{age}周岁起每月{money(v)}元" for age, v in found.value.items())
        return _item("personal_account", label, True, f"由统筹基金按固定额度划入：{bands}", found)
    if person.employment == "flexible":
        offered = flexible_options(trace.snapshot)
        if not offered:
            return _item("personal_account", label, None, f"灵活就业人员缴费方式{NOT_STATED}")
        option = chosen_option(offered, contribution.flexible_option if contribution else None)
        if option not in offered:
            return _item("personal_account", label, None, f"本市此时不设“{OPTION_NAMES[option]}”方式")
        if option == "without_account":
            return _item("personal_account", label, False, "不建立个人账户的缴费方式：不计入个人账户",
                         offered[option])
        with_account = offered[option]
        share, share_src = trace.number("flexible.account_share")
        if share is None:
            return _item("personal_account", label, None, f"建立个人账户的缴费方式，划入标准{NOT_STATED}", share_src)
        assert isinstance(with_account.value, Decimal)
        detail = f"按{percent(with_account.value)}缴费的，其中{percent(share)}划入个人账户"
        return _item("personal_account", label, True, detail, with_account, share_src)
    share, share_src = trace.number("personal_account.individual_share")
    if share is None:
        return _item("personal_account", label, None, f"个人缴费划入个人账户的标准{NOT_STATED}", share_src)
    return _item("personal_account", label, True, f"本人缴费（工资的{percent(share)}）全部划入个人账户", share_src)


def _flag_item(trace: Trace, kind: str, label: str, person: Person) -> CoverageItem:
    found = trace.snapshot.get(MATERNITY[kind, person.employment])
    who = EMPLOYMENT_NAMES[person.employment]
    if found is None or found.value is None:
        return _item(kind, label, None, f"{who}的{label}待遇{NOT_STATED}", found)
    detail = found.entry.note or ("享受" if found.value else "不享受")
    return _item(kind, label, bool(found.value), detail, found)


def _supplementary(trace: Trace) -> CoverageItem:
    names = ("supplementary.employer_monthly", "supplementary.unassigned_monthly", "supplementary.individual_yearly")
    found = [f for f in (trace.snapshot.get(n) for n in names) if f is not None and f.value is not None]
    if not found:
        return _item("supplementary", "大额医疗费用补助（大病保险）", None, f"本市此时的筹资标准{NOT_STATED}")
    return _item("supplementary", "大额医疗费用补助（大病保险）", True, "参加，筹资标准见“缴费测算”", *found)


def _retiree_benefits(retirement: RetirementResult | None) -> CoverageItem:
    label = "退休人员医保待遇（最低缴费年限）"
    if retirement is None:
        return _item("retiree_benefits", label, None, "填写缴费年限后判断")
    sources = dict.fromkeys(s for line in retirement.lines for s in line.sources)
    if retirement.eligible is None:
        detail = "本市此时的最低缴费年限文件未规定，无法判断是否达到"
    elif retirement.eligible:
        detail = "已达到最低缴费年限"
    else:
        assert retirement.shortfall_months is not None  # not met: the months short are known
        detail = f"尚缺{months(retirement.shortfall_months)}，可一次性缴费或按月缴费至最低年限"
    readings = dict.fromkeys(r for line in retirement.lines for r in line.readings)
    return CoverageItem(key="retiree_benefits", label=label, covered=retirement.eligible, detail=detail,
                        sources=tuple(sources), readings=tuple(readings))


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _start_words(months: int) -> str:
    """The benefits-start rule in words, from the parameter: 0 → 自缴费当月, 1 → 自缴费次月."""
    return {0: "自缴费当月", 1: "自缴费次月"}.get(months, f"缴费满{months}个月后")


def _benefits_start(trace: Trace, person: Person, enrolment: Enrolment) -> tuple[date | None, CoverageItem]:
    label = "待遇开始时间"
    first = enrolment.first_month()
    wait_first = person.employment == "flexible" and enrolment.first_enrolment and not person.retired
    name = "benefits.start_offset_months_flexible_first" if wait_first else "benefits.start_offset_months"
    if first is None:  # nothing to date yet: the parameter is not read, so it is not reported missing
        return None, _item("benefits_start", label, None, "填写首次缴费月份后判断")
    months, found = trace.number(name)
    if months is None:
        return None, _item("benefits_start", label, None, f"待遇开始时间{NOT_STATED}", found)
    start = _add_months(first, int(months))
    if wait_first:
        detail = f"{cn_month(first)}首次缴费，连续缴费满{int(months)}个月后，自{cn_date(start)}起享受待遇"
    else:
        detail = f"{cn_month(first)}开始缴费，{_start_words(int(months))}即{cn_date(start)}起享受待遇"
    return start, _item("benefits_start", label, True, detail, found)
