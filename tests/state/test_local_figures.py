from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from yibao.rules import InputError, LocalFigure, Policy, Request, bundled_policy, calculate
from yibao.rules.policy import nested_value
from yibao.state.local_figures import (
    load_local_figures,
    local_figures_path,
    make_local_figure,
    save_local_figures,
)

# inpatient.share varies by tier and by in service / retired
SHARES = {"1": {"in_service": "0.9", "retired": "0.92"}, "2": {"in_service": "0.85", "retired": "0.87"},
          "3": {"in_service": "0.8", "retired": "0.82"}}
FLAT_SHARES = {"1/in_service": Decimal("0.9"), "1/retired": Decimal("0.92"), "2/in_service": Decimal("0.85"),
               "2/retired": Decimal("0.87"), "3/in_service": Decimal("0.8"), "3/retired": Decimal("0.82")}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()


def _make(policy: Policy, **changes: Any) -> LocalFigure:
    args: dict[str, Any] = {"parameter": "inpatient.share", "region": "yantai", "start": date(2024, 1, 1), "end": None,
                            "raw_value": SHARES, "note": "市医保局2024年通知"}
    args.update(changes)
    return make_local_figure(policy, **args)


@pytest.mark.parametrize(
    ("parameter", "raw", "expected"),
    [
        ("inpatient.share", SHARES, FLAT_SHARES),
        ("inpatient.deductible_factor", {"2": "0.5", "1": "1"}, {"1": Decimal("1"), "2": Decimal("0.5")}),  # in Weifang
        ("retirement.min_months", {"male": "360", "female": "300"}, {"male": Decimal(360), "female": Decimal(300)}),  # 2023
        ("wage.province_average_monthly", " 7215.50 ", Decimal("7215.50")),
        ("inpatient.fund_yearly_limit", "400000", Decimal(400000)),
        ("flexible.account_share", "0.02", Decimal("0.02")),
        ("flexible.account_share", "1", Decimal(1)),
        ("contribution.retirees_exempt", "是", True),
        ("contribution.retirees_exempt", "否", False),
    ],
)
def test_valid_values(policy: Policy, parameter: str, raw: Any, expected: Any) -> None:
    # Yantai states the deductible factor (109号 二(三)2); the province the minimum years and the flexible
    # account share from 2024 (184号 三(二))
    year_2023 = {"start": date(2023, 1, 1), "end": date(2023, 12, 31)}
    wheres: dict[str, Mapping[str, object]] = {"inpatient.deductible_factor": {"region": "weifang"},
                                               "retirement.min_months": year_2023, "flexible.account_share": year_2023}
    where = wheres.get(parameter, {})
    figure = _make(policy, parameter=parameter, raw_value=raw, **where)
    assert figure.value == expected
    assert figure.note == "市医保局2024年通知"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"parameter": "inpatient.shares"}, "parameter", "参数：参数目录中没有“inpatient.shares”"),
        ({"region": "beijing"}, "region", "城市：没有“beijing”这个城市代码"),
        ({"end": date(2023, 12, 31)}, "end", "结束日期：结束日期（2023年12月31日）早于开始日期（2024年1月1日）"),
        ({"parameter": "flexible.account_share", "raw_value": "85%"}, "value",
         "数值：“85%”不符合要求：比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）"),
        ({"parameter": "flexible.account_share", "raw_value": "85"}, "value",
         "数值：“85”不符合要求：比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）"),
        ({"parameter": "flexible.account_share", "raw_value": SHARES}, "value", "数值：应为一个数字"),
        ({"parameter": "wage.province_average_monthly", "raw_value": "七千"}, "value",
         "数值：“七千”不符合要求：金额应写成每月多少元，最多两位小数，如 7215.50"),
        ({"parameter": "wage.province_average_monthly", "raw_value": "-1"}, "value",
         "数值：“-1”不符合要求：金额应写成每月多少元，最多两位小数，如 7215.50"),
        ({"parameter": "inpatient.fund_yearly_limit", "raw_value": "1e6"}, "value",
         "数值：“1e6”不符合要求：金额应写成元，最多两位小数，如 3000 或 2500.50"),
        ({"parameter": "inpatient.fund_yearly_limit", "raw_value": ""}, "value",
         "数值：空白不符合要求：金额应写成元，最多两位小数，如 3000 或 2500.50"),
        ({"parameter": "retirement.min_months", "raw_value": {"male": "30.5", "female": "300"}}, "value.male",
         "数值：“male”一栏：“30.5”不符合要求：月数应写成整数，如 300"),
        ({"raw_value": {"1": SHARES["1"], "2": SHARES["2"]}}, "value", "数值：缺少“3”一栏（应按医院等级 1、2、3分列）"),
        ({"raw_value": {**SHARES, "4": SHARES["3"]}}, "value", "数值：不认识“4”一栏（应按医院等级 1、2、3分列）"),
        ({"raw_value": {**SHARES, "3": {"in_service": "80%", "retired": "0.82"}}}, "value.3/in_service",
         "数值：“3/in_service”一栏：“80%”不符合要求：比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）"),
        ({"raw_value": {**SHARES, "2": "0.85"}}, "value.2", "数值：“2”一栏：应按人员状态 in_service、retired分列填写"),
        ({"raw_value": {**SHARES, "1": {"in_service": "0.9"}}}, "value.1",
         "数值：“1”一栏：缺少“retired”一栏（应按人员状态 in_service、retired分列）"),
        ({"raw_value": "0.9"}, "value", "数值：应按医院等级 1、2、3分列填写"),
        ({"parameter": "inpatient.deductible_factor", "raw_value": {"2": "0.5"}}, "value",
         "数值：缺少“1”一栏（应按起始住院次数（整数，须含 1）分列）"),
        # issue 22.14: "²" passed str.isdigit() and int() refused it in English
        ({"parameter": "inpatient.deductible_factor", "raw_value": {"1": "1", "²": "0.5"}}, "value",
         "数值：不认识“²”一栏（应按起始住院次数（整数，须含 1）分列）"),
        ({"parameter": "contribution.retirees_exempt", "raw_value": "1"}, "value", "数值：应为“是”或“否”"),
        ({"region": "shandong"}, "region", "城市：没有“shandong”这个城市代码"),
        ({"parameter": "outpatient.share", "raw_value": {"1": "0.9", "2": "0.8", "3": "0.7"}}, "start",
         "开始日期：2024年1月1日起烟政字〔2023〕109号 二(三)1已规定此项（烟台市），本地录入只能填写文件未规定的期间"),
        ({"parameter": "outpatient.retiree_extra_share", "raw_value": "0.05", "start": date(2023, 1, 1)}, "start",
         "开始日期：2024年1月1日起烟政字〔2023〕109号 二(三)1已规定此项（烟台市），本地录入只能填写文件未规定的期间"),
    ],
)
def test_rejections_name_the_field_in_chinese(policy: Policy, changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        _make(policy, **changes)
    assert caught.value.field == field
    assert str(caught.value) == f"本地录入有误：{message}"


@pytest.mark.parametrize(
    ("start", "end", "clash"),
    [
        (date(2024, 12, 31), None, True),
        (date(2023, 1, 1), date(2024, 1, 1), True),
        (date(2023, 1, 1), None, True),
        (date(2023, 1, 1), date(2023, 12, 31), False),
        (date(2025, 1, 1), None, False),
    ],
)
def test_overlapping_periods_for_the_same_parameter_and_city(
    policy: Policy, start: date, end: date | None, clash: bool
) -> None:
    kept = _make(policy, end=date(2024, 12, 31))
    other_city = _make(policy, region="jinan")
    other_parameter = _make(policy, parameter="inpatient.fund_yearly_limit", raw_value="400000")
    existing = [kept, other_city, other_parameter]
    if not clash:
        assert _make(policy, start=start, end=end, existing=existing).start == start
        return
    with pytest.raises(InputError) as caught:
        _make(policy, start=start, end=end, existing=existing)
    assert caught.value.field == "start"
    assert caught.value.problem == "与已录入的2024年1月1日至2024年12月31日的同一参数日期重叠"


def test_round_trip_keeps_the_written_form(home: Path, policy: Policy) -> None:
    figures = [
        _make(policy, raw_value={**SHARES, "3": {"in_service": "0.80", "retired": "0.820"}}),
        _make(policy, parameter="wage.province_average_monthly", raw_value="7215.50", end=date(2024, 12, 31), note=""),
        _make(policy, parameter="contribution.retirees_exempt", raw_value="是"),
    ]
    save_local_figures(figures)
    assert local_figures_path() == home / "data" / "local-figures.json"
    stored = json.loads(local_figures_path().read_text(encoding="utf-8"))
    assert stored["figures"][0]["value"] == {**SHARES, "3": {"in_service": "0.80", "retired": "0.820"}}
    assert stored["figures"][1] == {"parameter": "wage.province_average_monthly", "region": "yantai",
                                    "start": "2024-01-01", "end": "2024-12-31", "value": "7215.50", "note": ""}
    assert stored["figures"][2]["value"] is True
    assert load_local_figures(policy) == (figures, None)
    assert figures[1].value is not None and nested_value(figures[1].value) == "7215.50"


def test_no_file_is_an_empty_list(home: Path, policy: Policy) -> None:
    assert load_local_figures(policy) == ([], None)


def test_saving_overlapping_figures_is_refused_and_writes_nothing(home: Path, policy: Policy) -> None:
    first = _make(policy)
    second = _make(policy, start=date(2025, 1, 1))
    with pytest.raises(InputError) as caught:
        save_local_figures([first, second])
    assert caught.value.problem == "2025年1月1日起与2024年1月1日起日期重叠"
    assert not local_figures_path().exists()


@pytest.mark.parametrize(
    "content",
    [b"{\"figures\": [", b"[]", b"{\"version\": 1}", b"{\"figures\": {}}", b"\xff\xfe\x00", b"[" * 100_000],
    ids=["not-json", "list", "no-figures", "figures-not-a-list", "not-utf8", "nested-too-deep"],
)
def test_a_damaged_file_is_set_aside(home: Path, policy: Policy, content: bytes) -> None:
    local_figures_path().write_bytes(content)
    figures, message = load_local_figures(policy)
    assert figures == []
    moved = list((home / "data").glob("local-figures.damaged-*.json"))
    assert len(moved) == 1 and moved[0].read_bytes() == content
    assert message == f"本地录入数据文件已损坏，已移至 {moved[0]}；现从空白开始"


def test_a_bad_record_is_skipped_and_named(home: Path, policy: Policy) -> None:
    good = _make(policy)
    save_local_figures([good])
    stored = json.loads(local_figures_path().read_text(encoding="utf-8"))
    bad_rate = {**stored["figures"][0], "region": "jinan", "value": {**SHARES, "2": {"in_service": "85%", "retired": "0.9"}}}
    bad_date = {**stored["figures"][0], "region": "jining", "start": "2024-13-01"}
    overlapping = {**stored["figures"][0], "start": "2024-06-01"}
    stored["figures"] += [bad_rate, "junk", bad_date, overlapping]
    text = json.dumps(stored, ensure_ascii=False)
    local_figures_path().write_text(text, encoding="utf-8")

    figures, message = load_local_figures(policy)
    assert figures == [good]
    copies = list((home / "data").glob("local-figures.damaged-*.json"))
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == text  # saving [good] later loses nothing
    assert message == (
        f"以下本地录入数据有误，已跳过（原文件已另存为 {copies[0]}）："
        "第2条（济南市·住院统筹基金支付比例，2024-01-01起）：“2/in_service”一栏：“85%”不符合要求："
        "比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）；"
        "第3条（格式不对）：不是一条录入记录；"
        "第4条（济宁市·住院统筹基金支付比例，2024-13-01起）：“2024-13-01”不是有效日期（没有这一天）；"
        "第5条（烟台市·住院统筹基金支付比例，2024-06-01起）：与已录入的2024年1月1日起的同一参数日期重叠"
    )
    assert local_figures_path().read_text(encoding="utf-8") == text


def test_a_loaded_figure_is_used_and_marked_local(home: Path, policy: Policy) -> None:
    save_local_figures([_make(policy), _make(policy, parameter="inpatient.fund_yearly_limit", raw_value="400000")])
    figures, _ = load_local_figures(policy)
    request = Request.model_validate({
        "city": "yantai", "on": "2024-06-01",
        "person": {"employment": "enterprise", "retired": False, "sex": "male", "age": 40},
        "visits": [{"kind": "inpatient", "tier": 3, "in_scope": "10000", "out_of_scope": "0", "self_pay_first": "0"}],
    })
    without = calculate(request, policy)
    with_local = calculate(request, policy, figures)
    assert without.visits is not None and with_local.visits is not None
    assert not any(line.local for line in without.visits[0].lines)
    assert without.visits[0].fund_pays is None
    assert with_local.visits[0].fund_pays == Decimal("7360.00")  # (10000 − 800) × 80%
    # 个人负担 rests on the fund's payment, so on the local share too (issue 21.4)
    assert [line.key for line in with_local.visits[0].lines if line.local] == ["share", "fund", "person"]


def test_a_month_count_too_large_for_a_date_is_refused_not_raised() -> None:
    """Issue 14: benefits.start_offset_months = "99999999" was saved and then raised ValueError in the window."""
    from yibao.rules import bundled_policy
    from yibao.state.local_figures import LocalFigureError, make_local_figure

    with pytest.raises(LocalFigureError, match="月数应为 0 到 1200 之间的整数"):
        make_local_figure(bundled_policy(), parameter="benefits.start_offset_months", region="yantai",
                          start=date(2024, 1, 1), end=None, raw_value="99999999")


def test_a_share_saved_by_tier_alone_loads_for_in_service_and_retired(home: Path, policy: Policy) -> None:
    """Saved before the inpatient share had a second key: the same share applied to both, and still does."""
    record = {"parameter": "inpatient.share", "region": "yantai", "start": "2024-01-01", "end": None,
              "value": {"1": "0.9", "2": "0.85", "3": "0.8"}, "note": ""}
    local_figures_path().parent.mkdir(parents=True, exist_ok=True)
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [record]}), encoding="utf-8")
    figures, message = load_local_figures(policy)
    assert message is None
    assert figures[0].value == {f"{t}/{s}": Decimal(v) for t, v in (("1", "0.9"), ("2", "0.85"), ("3", "0.8"))
                                for s in ("in_service", "retired")}
