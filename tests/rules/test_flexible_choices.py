"""A flexible worker's ways of paying side by side (issue 21.8), worked by hand from the documents.

济宁 2019 通知 三(二)1: 灵活就业人员 … 按9%（原城镇职工基本医疗保险按单位7%、个人2%）的比例缴纳 — one way only, kept
through 184号 三(二)'s transition ("需调整灵活就业人员缴费比例的市，可设置过渡期，于2026年1月过渡到位"). From 2026-01-01
184号 三(二): 按7%缴纳职工医保费（不建立个人账户），也可按9%缴纳职工医保费（其中2%划入个人账户）.
A base of 5000: 9% → 450.00, 7% → 350.00, 2% → 100.00.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from yibao.rules import InputError, calculate
from yibao.rules.compare import NO_SUCH_WAY, compare
from yibao.rules.models import ContributionResult, FlexibleChoice
from yibao.rules.requests import request_from_data
from yibao.wording import choice_text, choices_text

JINING_2019 = "济宁市医疗保障局、济宁市财政局、国家税务总局济宁市税务局通知（2019年）"


def _data(on: str, option: str | None = None, city: str = "jining") -> dict[str, Any]:
    contribution: dict[str, Any] = {"monthly_base": "5000"}
    if option is not None:
        contribution["flexible_option"] = option
    return {"city": city, "on": on, "person": {"employment": "flexible", "sex": "male", "age": 40},
            "contribution": contribution}


def _contribution(on: str, option: str | None = None, city: str = "jining") -> ContributionResult:
    result = calculate(request_from_data(_data(on, option, city))).contribution
    assert result is not None
    return result


def _by_option(result: ContributionResult) -> dict[str, FlexibleChoice]:
    return {choice.option: choice for choice in result.flexible_choices}


def test_济宁2019_三二1_2025_one_way_at_9_percent_and_the_day_the_other_starts() -> None:
    """2025-06-01 (transition): 建立个人账户 9% → 450.00 (account share not stated); 不建立个人账户 not offered — a
    document says so, it is not 文件未规定 — and offered from 2026-01-01."""
    choices = _by_option(_contribution("2025-06-01"))
    without, with_account = choices["without_account"], choices["with_account"]
    assert (without.status, without.offered_from, without.rate, without.individual_monthly) == (
        "not_offered", date(2026, 1, 1), None, None)
    assert [(s.document, s.clause) for s in without.sources] == [(JINING_2019, "三(二)1")]
    assert (with_account.status, with_account.rate, with_account.individual_monthly, with_account.account_share) == (
        "offered", Decimal("0.09"), Decimal("450.00"), None)
    assert choice_text(without) == "2026年1月1日起才可选择不建立个人账户"
    assert choice_text(with_account) == "建立个人账户（按9%缴费，每月 ¥450.00，划入个人账户的标准文件未规定）"


def test_184号_三二_济宁2026_both_ways_side_by_side_with_their_rates() -> None:
    """2026-01-01: 不建立个人账户 7% → 350.00; 建立个人账户 9% → 450.00, of which 2% → 100.00 to the account."""
    result = _contribution("2026-01-01")
    assert result.flexible_option == "without_account"  # the province's basic way, taken where none is chosen
    choices = _by_option(result)
    assert (choices["without_account"].status, choices["without_account"].individual_monthly) == ("offered", Decimal("350.00"))
    assert (choices["with_account"].status, choices["with_account"].account_share) == ("offered", Decimal("0.02"))
    assert {(s.document, s.clause) for s in choices["without_account"].sources} == {("鲁政字〔2023〕184号", "三(二)")}
    assert choices_text(result.flexible_choices) == (
        "不建立个人账户（按7%缴费，每月 ¥350.00）；建立个人账户（按9%缴费，每月 ¥450.00，其中2%划入个人账户）")


def test_济宁2019_三二1_choosing_the_way_not_offered_yet_says_when_it_starts() -> None:
    with pytest.raises(InputError) as caught:
        calculate(request_from_data(_data("2025-06-01", "without_account")))
    assert caught.value.field == "contribution.flexible_option"
    assert caught.value.problem == ("济宁市2026年1月1日起才可选择不建立个人账户；"
                                    "此时可选：建立个人账户（按9%缴费，划入个人账户的标准文件未规定）")


def test_documents_silent_is_not_the_same_as_not_offered() -> None:
    """Yantai 2023 (109号 takes effect 2024-01-01; the 2023 outpatient figures are a reading's): no document collected
    here gives a flexible worker's rate then — 文件未规定 for both ways, not "not offered"."""
    choices = _by_option(_contribution("2023-06-01", city="yantai"))
    assert {c.status for c in choices.values()} == {"not_stated"}
    assert choice_text(choices["without_account"]) == "不建立个人账户（文件未规定）"


def test_184号_三二_compare_2025_with_2026_says_each_dates_ways_not_由不设此项变为() -> None:
    """No way chosen: each date takes its own default (2025: 9% with account, 450.00; 2026: 7% without, 350.00), so the
    headline sets out both dates' ways with their rates instead of calling the switch a saving."""
    comparison = compare(request_from_data(_data("2026-06-01")), date(2025, 12, 31))
    assert comparison.headline == (
        "2026年6月1日：不建立个人账户（按7%缴费，每月 ¥350.00）；建立个人账户（按9%缴费，每月 ¥450.00，其中2%划入个人账户）。"
        "2025年12月31日：建立个人账户（按9%缴费，每月 ¥450.00，划入个人账户的标准文件未规定）；"
        "2026年1月1日起才可选择不建立个人账户。未选择缴费方式，下表两个日期各按当时的默认方式计算。")
    individual = next(row for row in comparison.rows if row.figure.key == "contribution.individual_monthly")
    assert (individual.before_text, individual.after_text) == ("¥450.00", "¥350.00")
    assert [r.text for r in individual.reasons] == ["2026年1月1日起可选择不建立个人账户（按7%缴费）"]


def test_184号_三二_compare_the_same_way_on_both_dates_reads_as_usual() -> None:
    """建立个人账户 chosen: 450.00 on both dates; no sentence about the ways."""
    comparison = compare(request_from_data(_data("2026-06-01", "with_account")), date(2025, 12, 31))
    individual = next(row for row in comparison.rows if row.figure.key == "contribution.individual_monthly")
    assert individual.difference_text == "不变"
    assert "缴费方式" not in comparison.headline


def test_济宁2019_三二1_compare_a_way_missing_on_one_date_says_so_not_文件未规定() -> None:
    comparison = compare(request_from_data(_data("2026-06-01", "without_account")), date(2025, 12, 31))
    assert comparison.headline == (
        "2025年12月31日：济宁市2026年1月1日起才可选择不建立个人账户；此时可选：建立个人账户（按9%缴费，划入个人账户的标准"
        "文件未规定）。按“不建立个人账户”无法比较这两个日期，可改选两个日期都有的缴费方式。")
    contribution = [row for row in comparison.rows if row.figure.section == "contribution"]
    assert {row.before_text for row in contribution} == {NO_SUCH_WAY}
    individual = next(row for row in contribution if row.figure.key == "contribution.individual_monthly")
    assert individual.after_text == "¥350.00"


def test_the_command_line_gives_each_way_with_its_status() -> None:
    done = subprocess.run([sys.executable, "-m", "yibao", "calc", "-"], input=json.dumps(_data("2025-06-01")),
                          capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    choices = {c["option"]: c for c in json.loads(done.stdout)["contribution"]["flexible_choices"]}
    assert (choices["without_account"]["status"], choices["without_account"]["offered_from"]) == (
        "not_offered", "2026-01-01")
    assert (choices["with_account"]["status"], choices["with_account"]["rate"],
            choices["with_account"]["individual_monthly"]) == ("offered", "0.0900", "450.00")


def test_the_sheet_writes_the_ways_as_the_window_does() -> None:
    """测算条件 on the sheet: 济宁 2025, the way offered with its rate and the day the other starts."""
    from yibao.sheet.content import build_content

    request = request_from_data(_data("2025-06-01"))
    inputs = dict(build_content(request, calculate(request)).inputs)
    assert inputs["各缴费方式"] == ("建立个人账户（按9%缴费，每月 ¥450.00，划入个人账户的标准文件未规定）；"
                                "2026年1月1日起才可选择不建立个人账户")
