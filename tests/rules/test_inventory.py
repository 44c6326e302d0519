"""The policy basis as a list: figures in force, changes between dates, open parameters."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from yibao.rules import LocalFigure, Policy, bundled_policy
from yibao.rules.inventory import (
    ParameterChange,
    ParameterRow,
    changes_between,
    last_change,
    open_parameters,
    parameters_in_force,
)

YANTAI_DOC = "烟政字〔2023〕109号"
PROVINCE_DOC = "鲁政字〔2023〕184号"


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()


def row(policy: Policy, city: str, on: date, parameter: str, local: tuple[LocalFigure, ...] = ()) -> ParameterRow:
    return next(r for r in parameters_in_force(policy, city, on, local) if r.parameter == parameter)


def changes(policy: Policy, city: str, first: date, second: date) -> dict[str, ParameterChange]:
    return {c.parameter: c for c in changes_between(policy, city, first, second)}


def test_every_catalogue_parameter_is_listed_once(policy: Policy) -> None:
    rows = parameters_in_force(policy, "yantai", date(2024, 6, 1))
    assert sorted(r.parameter for r in rows) == sorted(policy.catalogue)
    groups = [r.group for r in rows]
    assert groups[0] == "缴费"
    # each group is one contiguous block
    assert len(list(dict.fromkeys(groups))) == len([g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g])


def test_yantai_outpatient_row(policy: Policy) -> None:
    r = row(policy, "yantai", date(2024, 6, 1), "outpatient.deductible")
    assert r.label == "普通门诊统筹起付标准（年度）"
    assert r.group == "门诊"
    assert r.value_text == "一级及以下 200元；二级 400元；三级 600元"
    assert r.document == f"{YANTAI_DOC}《烟台市落实职工基本医疗保险省级统筹工作的实施方案》"
    assert r.clause == "二(三)1"
    assert (r.start, r.end, r.status, r.region_name) == (date(2024, 1, 1), None, "施行中", "烟台市")


def test_yantai_2023_figures_end_with_the_year(policy: Policy) -> None:
    r = row(policy, "yantai", date(2023, 6, 1), "outpatient.deductible")
    assert r.value_text == "一级及以下 500元；二级 800元；三级 800元"
    assert (r.start, r.end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert "本计算器仅用于2023年度" in r.note


def test_absent_and_not_stated(policy: Policy) -> None:
    absent = row(policy, "yantai", date(2024, 6, 1), "inpatient.share")
    assert (absent.value_text, absent.status, absent.document, absent.clause) == ("文件未规定", "文件未规定", "", "")
    assert absent.start is None and absent.end is None
    stated_open = row(policy, "yantai", date(2024, 6, 1), "inpatient.supplement_share")
    assert (stated_open.value_text, stated_open.status, stated_open.clause) == ("文件未规定", "文件未规定", "二(三)3")
    assert "另行制定" in stated_open.note


def test_units_and_tables_spelled_out(policy: Policy) -> None:
    on = date(2024, 6, 1)
    assert row(policy, "yantai", on, "personal_account.retiree_monthly").value_text == (
        "70周岁以下 100元/月；70周岁及以上 125元/月")
    assert row(policy, "yantai", on, "inpatient.deductible_factor").value_text == (
        "第1次 100%；第2次 50%；第3次及以上 0%")
    assert row(policy, "yantai", on, "outpatient.yearly_max").value_text == "在职 5000元；退休 6000元"
    assert row(policy, "yantai", on, "supplementary.individual_yearly").value_text == "36元/年"
    assert row(policy, "yantai", on, "fund.adjustment_cap_multiple").value_text == "2倍"
    assert row(policy, "yantai", on, "coverage.maternity_allowance.flexible").value_text == "否"
    assert row(policy, "yantai", on, "flexible.rate_with_account").value_text == "不设此项"
    assert row(policy, "jining", on, "retirement.min_months").value_text == "男 120个月（10年）；女 120个月（10年）"


def test_yantai_outpatient_changes_on_2024_01_01(policy: Policy) -> None:
    found = changes(policy, "yantai", date(2023, 12, 31), date(2024, 1, 1))
    clause = f"{YANTAI_DOC} 二(三)1"
    expected = {
        "outpatient.deductible": ("一级及以下 500元；二级 800元；三级 800元", "一级及以下 200元；二级 400元；三级 600元"),
        "outpatient.share": ("一级及以下 75%；二级 65%；三级 55%", "一级及以下 80%；二级 70%；三级 60%"),
        "outpatient.yearly_max": ("在职 2300元；退休 2300元", "在职 5000元；退休 6000元"),
        "outpatient.fund_yearly_limit": ("在职 2300元；退休 2300元", "在职 3500元；退休 4500元"),
        "outpatient.supplement_yearly_limit": ("不设此项", "1500元"),
        "outpatient.retiree_extra_share": ("文件未规定", "5%"),
    }
    for parameter, (before, after) in expected.items():
        change = found[parameter]
        assert (change.before, change.after) == (before, after), parameter
        assert (change.before_source, change.after_source) == (clause, clause), parameter
    assert found["contribution.employer_rate.enterprise"].after == "8%"
    assert "inpatient.share" not in found  # given on neither date
    assert "inpatient.supplement_share" not in found  # 文件未规定 on both dates


def test_no_changes_within_a_year(policy: Policy) -> None:
    assert changes_between(policy, "yantai", date(2024, 3, 1), date(2024, 9, 1)) == []


def test_jining_public_institution_rate_7_4_to_7_3(policy: Policy) -> None:
    change = changes(policy, "jining", date(2023, 12, 31), date(2024, 1, 1))["contribution.employer_rate.public_institution"]
    assert (change.before, change.after) == ("7.4%", "7.3%")
    assert change.before_source.endswith(" 三(二)1") and change.before_source.startswith("济宁市")
    assert change.after_source == f"{PROVINCE_DOC} 三(二)"
    old = row(policy, "jining", date(2023, 6, 1), "contribution.employer_rate.public_institution")
    assert (old.start, old.end) == (date(2020, 1, 1), date(2023, 12, 31))  # superseded by the province's figure


def test_jining_flexible_9_percent_in_transition_then_province(policy: Policy) -> None:
    during = row(policy, "jining", date(2025, 6, 1), "flexible.rate_with_account")
    assert (during.value_text, during.status, during.region_name, during.clause) == ("9%", "过渡期", "济宁市", "三(二)1")
    assert during.end == date(2025, 12, 31)
    assert "2026年1月1日起按省规定" in during.note
    after = row(policy, "jining", date(2026, 1, 1), "flexible.rate_with_account")
    assert (after.value_text, after.status, after.region_name, after.clause) == ("9%", "施行中", "山东省", "三(二)")
    assert after.document.startswith(PROVINCE_DOC)
    found = changes(policy, "jining", date(2025, 6, 1), date(2026, 1, 1))
    assert (found["flexible.rate_with_account"].before, found["flexible.rate_with_account"].after) == ("9%（过渡期）", "9%")
    assert (found["flexible.rate_without_account"].before, found["flexible.rate_without_account"].after) == (
        "不设此项（过渡期）", "7%")
    assert found["retirement.min_months"].after == "男 360个月（30年）；女 300个月（25年）"


def test_jinan_after_its_document_expires(policy: Policy) -> None:
    before = row(policy, "jinan", date(2024, 9, 30), "contribution.employer_rate.enterprise")
    assert (before.value_text, before.status, before.end) == ("7%", "过渡期", date(2024, 9, 30))
    found = changes(policy, "jinan", date(2024, 9, 30), date(2024, 10, 1))
    enterprise = found["contribution.employer_rate.enterprise"]
    assert (enterprise.before, enterprise.after, enterprise.after_source) == ("7%（过渡期）", "8%", f"{PROVINCE_DOC} 三(二)")
    assert (found["supplementary.unassigned_monthly"].before, found["supplementary.unassigned_monthly"].after) == (
        "8元/月", "文件未规定")
    after = row(policy, "jinan", date(2024, 10, 1), "flexible.rate_without_account")
    assert (after.value_text, after.region_name) == ("7%", "山东省")


def test_local_figure_shows_as_local(policy: Policy) -> None:
    shares = {f"{tier}/{status}": Decimal(rate) for tier, rate in (("1", "0.9"), ("2", "0.85"), ("3", "0.8"))
              for status in ("in_service", "retired")}
    figure = LocalFigure("inpatient.share", "yantai", date(2024, 1, 1), date(2024, 12, 31), shares, "市医保局通知")
    r = row(policy, "yantai", date(2024, 6, 1), "inpatient.share", (figure,))
    spelled = ("一级及以下·在职 90%；一级及以下·退休 90%；二级·在职 85%；二级·退休 85%；三级·在职 80%；三级·退休 80%")
    assert (r.value_text, r.status, r.document, r.clause) == (spelled, "本地录入", "本地录入", "")
    assert (r.start, r.end, r.note, r.region_name) == (date(2024, 1, 1), date(2024, 12, 31), "市医保局通知", "烟台市")
    # outside its dates, and in another city, it is not used
    assert row(policy, "yantai", date(2025, 1, 1), "inpatient.share", (figure,)).status == "文件未规定"
    assert row(policy, "weihai", date(2024, 6, 1), "inpatient.share", (figure,)).status == "文件未规定"
    found = {c.parameter: c for c in changes_between(policy, "yantai", date(2023, 12, 31), date(2024, 1, 1), (figure,))}
    assert found["inpatient.share"].after == f"{spelled}（本地录入）"
    assert found["inpatient.share"].after_source == "本地录入（烟台市）"


def test_local_figure_never_overrides_a_document(policy: Policy) -> None:
    figure = LocalFigure("contribution.individual_rate", "yantai", date(2024, 1, 1), None, Decimal("0.03"))
    r = row(policy, "yantai", date(2024, 6, 1), "contribution.individual_rate", (figure,))
    assert (r.value_text, r.status) == ("2%", "施行中")


def test_open_parameters(policy: Policy) -> None:
    yantai = open_parameters(policy, "yantai", date(2024, 6, 1))
    assert "inpatient.share" in yantai and "inpatient.fund_yearly_limit" in yantai
    assert "wage.province_average_monthly" in yantai
    assert "inpatient.supplement_share" in yantai  # stated as 另行制定
    assert "outpatient.deductible" not in yantai
    assert "flexible.rate_with_account" not in yantai  # not offered is a rule, not an open figure
    assert "retirement.min_months" in yantai  # before 2026 Yantai's minimum years are not given
    assert "retirement.min_months" not in open_parameters(policy, "yantai", date(2026, 1, 1))
    assert "outpatient.deductible" in open_parameters(policy, "jining", date(2024, 6, 1))


@pytest.mark.parametrize(
    ("city", "on", "expected"),
    [
        ("yantai", date(2024, 6, 1), date(2024, 1, 1)),  # 烟政字〔2023〕109号 takes effect
        ("yantai", date(2026, 11, 23), date(2026, 1, 1)),  # Yantai's flexible 7% (109号 二(二)2)
        ("jinan", date(2025, 1, 1), date(2024, 10, 1)),  # the day after Jinan's document expires
        ("jining", date(2025, 6, 1), date(2024, 1, 1)),  # 7.4% gives way to the province's 7.3%
        ("jining", date(2026, 11, 23), date(2026, 1, 1)),  # the phase-ins of 184号 run out
    ],
)
def test_last_change_is_the_latest_day_something_changed(city: str, on: date, expected: date) -> None:
    policy = bundled_policy()
    assert last_change(policy, city, on) == expected
    assert changes_between(policy, city, expected - timedelta(days=1), expected)
    assert not changes_between(policy, city, expected, on)
