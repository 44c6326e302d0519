"""本市不设此项: a pack or a clerk says the city has no such layer (a local figure whose value is null).

Only for the parameters the catalogue marks ``may_be_absent`` (the engine pays nothing for a layer that is
not_offered). The made-up example pack (docs/example-figures-pack.json) gives Weifang's outpatient rules; here
its 大额 outpatient limit is declared absent instead of 1000, and Yantai's inpatient 大额 share likewise.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pack_helpers import YANTAI_YEAR, cli, example

from yibao.rules import Policy, Request, Result, bundled_policy, calculate
from yibao.rules.compare import compare
from yibao.rules.inventory import changes_between, parameters_in_force
from yibao.rules.policy import LocalFigure, ParameterSpec
from yibao.sheet import build_content, plain_text
from yibao.sheet.html import sheet_html
from yibao.state.local_figures import (
    LocalFigureError,
    load_local_figures,
    local_figures_path,
    make_local_figure,
    save_local_figures,
)
from yibao.state.packs import PackError, pack_data, parse_pack, read_pack, summary

OUTPATIENT_LIMIT = "outpatient.supplement_yearly_limit"
INPATIENT_SHARE = "inpatient.supplement_share"
ABSENT_LABEL = "普通门诊超统筹限额部分大额补助年度最高支付额"
# Weifang, in service: deductible 300/500/700, shares 70/60/50%, fund's limit 2000, yearly maximum 3000 (made up).
WEIFANG = {
    "city": "weifang", "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": False, "sex": "female", "age": 35},
    "visits": [{"kind": "outpatient", "tier": 2, "in_scope": "1500"}, {"kind": "outpatient", "tier": 3, "in_scope": "4000"}],
}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()



def weifang_pack() -> dict[str, Any]:
    """The example's Weifang outpatient records, the 大额 outpatient limit declared absent."""
    data = example()
    data["documents"] = [d for d in data["documents"] if d["id"] == "outpatient"]
    data["figures"] = [f for f in data["figures"] if f["region"] == "weifang"]
    next(f for f in data["figures"] if f["parameter"] == OUTPATIENT_LIMIT).update(value=None, note="本市不设")
    return data


def yantai_pack(*, keep_layer_figures: bool = True) -> dict[str, Any]:
    """The example's Yantai inpatient records, the 大额 inpatient share declared absent."""
    data = example()
    data["documents"] = [d for d in data["documents"] if d["id"] == "inpatient"]
    layer = ("inpatient.supplement_deductible", "inpatient.supplement_yearly_limit")
    data["figures"] = [f for f in data["figures"]
                       if f["region"] == "yantai" and (keep_layer_figures or f["parameter"] not in layer)]
    next(f for f in data["figures"] if f["parameter"] == INPATIENT_SHARE).update(value=None)
    return data


def weifang_result(policy: Policy) -> Result:
    return calculate(Request.model_validate(WEIFANG), policy, parse_pack(policy, weifang_pack()).figures)



# ---------------------------------------------------------------- the catalogue


def test_the_catalogue_marks_the_layers_the_engine_can_leave_out(policy: Policy) -> None:
    marked = {name for name, spec in policy.catalogue.items() if spec.may_be_absent}
    assert marked == {OUTPATIENT_LIMIT, INPATIENT_SHARE}


def test_a_flag_parameter_cannot_be_marked(policy: Policy) -> None:
    with pytest.raises(ValueError, match="may_be_absent"):
        ParameterSpec(label="x", unit="flag", may_be_absent=True)


# ---------------------------------------------------------------- computing


def test_weifang_without_the_outpatient_layer_the_person_pays_what_the_fund_does_not(policy: Policy) -> None:
    """二级 1500: deductible 500, (1500 − 500) × 60% = 600 by the fund, the person 900.
    三级 4000: 200 of the 700 deductible left, (4000 − 200) × 50% = 1900, the fund only 2000 − 600 = 1400 (its yearly
    limit); the 500 above it would go to the 大额补助, which Weifang does not have: 0.00, the person 4000 − 1400 = 2600.
    Year: fund 2000, 大额 0, person 3500 of 5500 (36.36% reimbursed)."""
    result = weifang_result(policy)
    assert result.visits is not None and result.year_totals is not None
    assert [(v.deductible, v.fund_pays, v.supplement_pays, v.person_pays) for v in result.visits] == [
        (Decimal(500), Decimal(600), Decimal(0), Decimal(900)), (Decimal(200), Decimal(1400), Decimal(0), Decimal(2600))]
    totals = result.year_totals
    assert (totals.fund_pays, totals.supplement_pays, totals.person_pays) == (Decimal(2000), Decimal(0), Decimal(3500))
    assert totals.reimbursement_rate == Decimal("0.3636")
    assert result.missing == []
    supplement = next(line for line in result.visits[1].lines if line.key == "supplement")
    assert supplement.figure == "0.00"
    assert supplement.formula == "超统筹基金限额部分 500.00：本市此时不设大额补助门诊支付（不设此项），不支付"
    assert supplement.local
    assert [s.text() for s in supplement.sources] == ["示例医保发〔2024〕2号 三（本地录入）"]  # limit and yearly maximum


def test_yantai_without_the_inpatient_layer_pays_nothing_above_the_fund(policy: Policy) -> None:
    """The third stay: the fund pays 2852.50 and reaches its 60000 (worked in tests/state/test_packs.py); the burden
    left after the fund would be the 大额补助's (109号 二(三)3); without the layer it pays 0.00 on every stay and the
    person 32000 − 23360 = 8640, 40000 − 33787.50 = 6212.50, 20000 + 1000 − 2852.50 = 18147.50.
    The layer's deductible and limit are not needed then: a pack without them completes the year as well."""
    for keep in (True, False):
        figures = parse_pack(policy, yantai_pack(keep_layer_figures=keep)).figures
        result = calculate(Request.model_validate(YANTAI_YEAR), policy, figures)
        assert result.visits is not None and result.missing == []
        assert [(v.fund_pays, v.supplement_pays, v.person_pays) for v in result.visits] == [
            (Decimal("23360.00"), Decimal(0), Decimal("8640.00")), (Decimal("33787.50"), Decimal(0), Decimal("6212.50")),
            (Decimal("2852.50"), Decimal(0), Decimal("18147.50"))]
        supplement = next(line for line in result.visits[2].lines if line.key == "supplement")
        assert supplement.formula == "本市此时不设住院大额补助支付（不设此项），不支付"
        assert supplement.local
        first = next(line for line in result.visits[0].lines if line.key == "supplement")
        assert first.formula == "本市此时不设住院大额补助支付（不设此项），不支付"


def test_without_the_local_figure_the_layer_stays_unknown(policy: Policy) -> None:
    result = calculate(Request.model_validate(WEIFANG), policy)
    assert result.year_totals is not None and result.year_totals.person_pays is None


# ---------------------------------------------------------------- packs


def test_check_says_the_layer_is_absent_and_the_result_complete(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "weifang.json"
    pack.write_text(json.dumps(weifang_pack(), ensure_ascii=False), encoding="utf-8")
    code, out, err = cli(capsys, "figures", "check", str(pack))
    assert code == 0, err
    lines = out.splitlines()
    assert f"{ABSENT_LABEL}（不设此项）（6项）" in lines[2]
    assert "  普通门诊：可算出统筹基金、大额补助和个人负担" in lines


def test_summary_counts_the_inpatient_layer_complete_without_its_other_figures(policy: Policy) -> None:
    pack = parse_pack(policy, yantai_pack(keep_layer_figures=False))
    assert "  住院：可算出统筹基金、大额补助和个人负担" in summary(policy, pack)


def test_null_for_a_parameter_not_marked_is_refused_naming_record_and_field(policy: Policy) -> None:
    data = weifang_pack()
    data["figures"][3]["value"] = None  # outpatient.yearly_max
    with pytest.raises(PackError) as caught:
        parse_pack(policy, data)
    assert str(caught.value) == (
        "数据包有误：第4条（潍坊市·普通门诊统筹年度最高支付限额，2024年1月1日起）数值：“普通门诊统筹年度最高支付限额”须填写数值，"
        "不能写为本市不设此项（可写为不设此项的只有：普通门诊超统筹限额部分大额补助年度最高支付额、住院大额补助支付比例（按个人负担分段））")
    assert caught.value.field == "figures[3].value"


def test_export_then_import_gives_the_same_figures_and_writes_null(policy: Policy, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "weifang.json"
    pack.write_text(json.dumps(weifang_pack(), ensure_ascii=False), encoding="utf-8")
    assert cli(capsys, "figures", "import", str(pack))[0] == 0
    imported, message = load_local_figures(policy)
    assert message is None and imported == list(read_pack(policy, pack).figures)
    absent = next(f for f in imported if f.parameter == OUTPATIENT_LIMIT)
    assert absent.value is None and absent.source is not None and absent.source.clause == "三"
    stored = json.loads(local_figures_path().read_text(encoding="utf-8"))
    assert next(r for r in stored["figures"] if r["parameter"] == OUTPATIENT_LIMIT)["value"] is None

    exported = tmp_path / "exported.json"
    assert cli(capsys, "figures", "export", str(exported))[0] == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert next(r for r in data["figures"] if r["parameter"] == OUTPATIENT_LIMIT)["value"] is None
    assert list(read_pack(policy, exported).figures) == imported
    assert list(parse_pack(policy, pack_data(imported, "某服务大厅", date(2024, 3, 1))).figures) == imported


# ---------------------------------------------------------------- by hand


def _typed(policy: Policy, parameter: str, raw_value: object) -> LocalFigure:
    return make_local_figure(policy, parameter=parameter, region="weifang", start=date(2024, 1, 1), end=None,
                             raw_value=raw_value, note="市局电话通知：不设")


def test_typed_by_hand_saved_as_null_and_read_back(policy: Policy) -> None:
    figure = _typed(policy, OUTPATIENT_LIMIT, None)
    assert figure.value is None and figure.source is None
    save_local_figures([figure])
    stored = json.loads(local_figures_path().read_text(encoding="utf-8"))
    assert stored["figures"][0]["value"] is None
    assert load_local_figures(policy) == ([figure], None)
    found = policy.snapshot("weifang", date(2024, 6, 1), [figure]).get(OUTPATIENT_LIMIT)
    assert found is not None and found.entry.status == "not_offered" and found.local and found.value is None


def test_null_by_hand_for_a_parameter_not_marked_is_refused(policy: Policy) -> None:
    with pytest.raises(LocalFigureError) as caught:
        _typed(policy, "outpatient.yearly_max", None)
    assert caught.value.field == "value"
    assert str(caught.value).startswith("本地录入有误：数值：“普通门诊统筹年度最高支付限额”须填写数值，不能写为本市不设此项")


def test_a_saved_record_without_a_value_is_skipped_not_taken_as_absent(policy: Policy) -> None:
    record = {"parameter": OUTPATIENT_LIMIT, "region": "weifang", "start": "2024-01-01", "end": None, "note": ""}
    local_figures_path().parent.mkdir(parents=True, exist_ok=True)
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [record]}), encoding="utf-8")
    figures, message = load_local_figures(policy)
    assert figures == [] and message is not None and "缺少数值" in message


def test_a_null_in_the_saved_file_for_a_parameter_not_marked_is_skipped(policy: Policy) -> None:
    record = {"parameter": "outpatient.yearly_max", "region": "weifang", "start": "2024-01-01", "end": None,
              "value": None, "note": ""}
    local_figures_path().parent.mkdir(parents=True, exist_ok=True)
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [record]}), encoding="utf-8")
    figures, message = load_local_figures(policy)
    assert figures == [] and message is not None and "不能写为本市不设此项" in message


# ---------------------------------------------------------------- where it is shown


def test_the_policy_view_lists_it_as_absent_and_local(policy: Policy) -> None:
    figures = parse_pack(policy, weifang_pack()).figures
    row = next(r for r in parameters_in_force(policy, "weifang", date(2024, 6, 1), figures) if r.parameter == OUTPATIENT_LIMIT)
    assert (row.value_text, row.status, row.clause) == ("不设此项", "本地录入", "三")
    assert row.document.startswith("本地录入：示例医保发〔2024〕2号")
    assert row.note == "本市不设"


def test_changes_between_dates_name_it(policy: Policy) -> None:
    figures = parse_pack(policy, weifang_pack()).figures
    change = next(c for c in changes_between(policy, "weifang", date(2023, 12, 31), date(2024, 1, 1), figures)
                  if c.parameter == OUTPATIENT_LIMIT)
    assert (change.before, change.after) == ("文件未规定", "不设此项（本地录入）")


def test_compare_across_the_local_figure_does_not_crash(policy: Policy) -> None:
    figures = parse_pack(policy, weifang_pack()).figures
    comparison = compare(Request.model_validate(WEIFANG), date(2023, 6, 1), policy, figures)
    change = next(c for c in comparison.changes if c.parameter == OUTPATIENT_LIMIT)
    assert "不设此项（本地录入）" in (change.before, change.after)


def test_the_sheet_prints_it_marked_local(policy: Policy) -> None:
    request = Request.model_validate(WEIFANG)
    result = weifang_result(policy)
    text = plain_text(request, result)
    line = next(line for line in text.splitlines() if "不设大额补助门诊支付" in line)
    assert "不设此项" in line and "[本地录入]" in line and "依据：2号 三（本地录入）" in line
    assert "  2号：示例医保发〔2024〕2号" in text  # the short number spelled out in the list of documents
    # the second visit's line and the year's total; the first visit reached no limit: its 0.00 is left out as usual
    assert [row.split()[1] for row in text.splitlines() if row.startswith("    大额医疗费用补助支付")] == ["0.00", "0.00"]
    assert "大额补助按统筹基金相同的支付比例继续支付" not in text  # a reading on how the layer pays: no layer, no reading
    assert "2号 三（<b>本地录入</b>）" in sheet_html(build_content(request, result))  # marked where its 依据 is
