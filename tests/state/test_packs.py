"""Figures packs: a bureau's figures prepared once, checked, imported, exported and used for one run.

The example pack (docs/example-figures-pack.json) is made up and says so in its issuer and titles. Its Yantai
figures fill what 109号 二(三)3 leaves 另行制定 (inpatient shares, the fund's limit, the 大额 layer); the inpatient
deductibles stay Yantai's own (109号 二(三)2: 200 / 500 / 800, the second stay half, the third none). Weifang
has no city document at all: its outpatient figures come from the pack alone.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pack_helpers import EXAMPLE, YANTAI_YEAR, cli, example

from yibao.rules import Policy, Request, bundled_policy, calculate
from yibao.state.local_figures import load_local_figures, local_figures_path, make_local_figure, save_local_figures
from yibao.state.packs import PackError, parse_pack, read_pack

WEIFANG_YEAR = {
    "city": "weifang", "on": "2024-06-01",
    "person": {"employment": "enterprise", "retired": False, "sex": "female", "age": 35},
    "visits": [
        {"kind": "outpatient", "tier": 2, "in_scope": "1500"},
        {"kind": "outpatient", "tier": 3, "in_scope": "3000"},
        {"kind": "outpatient", "tier": 1, "in_scope": "2000"},
    ],
}


@pytest.fixture(scope="module")
def policy() -> Policy:
    return bundled_policy()


def parts(result: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(v["deductible"], v["fund_pays"], v["supplement_pays"], v["person_pays"]) for v in result["visits"]]


def test_the_example_says_it_is_made_up() -> None:
    data = example()
    assert "虚构" in data["issuer"] and all("示例" in d["title"] and "虚构" in d["title"] for d in data["documents"])


def test_calc_with_the_pack_completes_a_yantai_inpatient_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Three stays, the fund's 60000 crossed in the third (worked by hand in tests/rules/test_inpatient_layer.py):
    fund 23360 / 33787.50 / 2852.50; the 大额 (109号 二(三)3) takes the in-scope burden left after the fund and the
    先行自付: (30000 − 23360 − 1000) × 90% = 5076, (40000 − 33787.50) × 90% = 5591.25,
    (20000 − 2852.50 + 1000) × 90% = 16332.75; person 3564 / 621.25 / 1814.75."""
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    code, out, err = cli(capsys, "calc", str(request), "--figures", str(EXAMPLE))
    assert code == 0, err
    result = json.loads(out)
    assert parts(result) == [("800.00", "23360.00", "5076.00", "3564.00"), ("250.00", "33787.50", "5591.25", "621.25"),
                             ("0.00", "2852.50", "16332.75", "1814.75")]
    totals = result["year_totals"]
    assert (totals["fund_pays"], totals["supplement_pays"], totals["person_pays"]) == ("60000.00", "27000.00", "6000.00")
    assert result["missing"] == []
    supplement = next(line for line in result["visits"][2]["lines"] if line["key"] == "supplement")
    assert {(s["document"], s["clause"], s["local"]) for s in supplement["sources"]} == {
        ("示例医保发〔2024〕1号", "三", True), ("烟政字〔2023〕109号", "二(三)3", False)}  # 先行自付 counted: 二(三)3
    deductible = next(line for line in result["visits"][0]["lines"] if line["key"] == "deductible")
    assert [(s["document"], s["local"]) for s in deductible["sources"]] == [("烟政字〔2023〕109号", False)]
    assert not local_figures_path().exists()  # --figures is for this run only


def test_a_province_only_city_gets_its_outpatient_year(policy: Policy) -> None:
    """Weifang, in service, made-up figures: deductible 300/500/700, shares 70/60/50%, fund 2000, 大额 1000, max 3000.

    二级 1500: deductible 500, (1500 − 500) × 60% = 600. 三级 3000: 200 of 700 left, (3000 − 200) × 50% = 1400, the
    fund's 2000 reached. 一级 2000: deductible met, 2000 × 70% = 1400, all past the fund's limit: 大额 pays 1000.
    """
    figures = read_pack(policy, EXAMPLE).figures
    before = calculate(Request.model_validate(WEIFANG_YEAR), policy)
    assert before.year_totals is not None and before.year_totals.person_pays is None
    result = calculate(Request.model_validate(WEIFANG_YEAR), policy, figures)
    assert result.visits is not None and result.year_totals is not None
    assert [(v.fund_pays, v.supplement_pays, v.person_pays) for v in result.visits] == [
        (Decimal(600), Decimal(0), Decimal(900)), (Decimal(1400), Decimal(0), Decimal(1600)),
        (Decimal(0), Decimal(1000), Decimal(1000))]
    assert result.missing == []
    assert all(line.local for v in result.visits for line in v.lines if line.key in ("fund", "supplement"))


def test_check_prints_what_each_period_completes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "figures", "check", str(EXAMPLE))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "数据包：示例医疗保障局（演示用，非真实单位，数字均为虚构），编制于2024年1月5日，2个文件，11条参数"
    assert "烟台市 2024年1月1日起：住院统筹基金支付比例" in out and "（5项）" in out
    assert "  住院：可算出统筹基金、大额补助和个人负担" in lines
    assert "  普通门诊：可算出统筹基金、大额补助和个人负担" in lines


def test_check_says_what_is_still_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = example()
    data["figures"] = [f for f in data["figures"] if f["parameter"] != "inpatient.supplement_share"]
    pack = tmp_path / "part.json"
    pack.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out, _ = cli(capsys, "figures", "check", str(pack))
    assert "  住院：仍缺 住院大额补助支付比例（按个人负担分段）" in out.splitlines()


def _weifang_inpatient(flag: bool | None) -> dict[str, Any]:
    """The example's inpatient figures for Weifang (whose documents, like the province's, do not say whether the 大额
    layer takes 个人先行自付 costs), with the deductibles Yantai's documents give; the flag given only if not None."""
    data = example()
    data["figures"] = [{**f, "region": "weifang"} for f in data["figures"] if f["region"] == "yantai"]
    extra: dict[str, object] = {"inpatient.deductible": {"1": "200", "2": "500", "3": "800"},
                                "inpatient.deductible_factor": {"1": "1", "2": "0.5", "3": "0"}}
    if flag is not None:
        extra["inpatient.supplement_counts_self_pay_first"] = flag
    data["figures"] += [{**data["figures"][0], "parameter": name, "value": value} for name, value in extra.items()]
    return data


@pytest.mark.parametrize(("flag", "said"), [
    (None, "  住院：可算出统筹基金、大额补助和个人负担；有个人先行自付费用的住院仍缺 住院大额补助保障个人先行自付费用"),
    (True, "  住院：可算出统筹基金、大额补助和个人负担"),
    (False, "  住院：可算出统筹基金、大额补助和个人负担"),
])
def test_check_names_the_self_pay_first_flag_a_stay_with_such_costs_needs(
        flag: bool | None, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 19's leftover: a year was called complete for a city without the 先行自付 flag, though a stay with
    先行自付 there is not computable (109号 二(三)3 states it for Yantai only; 184号 三(三) leaves it open)."""
    pack = tmp_path / "weifang.json"
    pack.write_text(json.dumps(_weifang_inpatient(flag), ensure_ascii=False), encoding="utf-8")
    code, out, err = cli(capsys, "figures", "check", str(pack))
    assert code == 0, err
    assert [line for line in out.splitlines() if line.startswith("  住院：")] == [said]
    request = {**YANTAI_YEAR, "city": "weifang"}  # its third stay has 1,000 of 先行自付
    year = tmp_path / "year.json"
    year.write_text(json.dumps(request), encoding="utf-8")
    code, out, err = cli(capsys, "calc", str(year), "--figures", str(pack))
    missing = [item["parameter"] for item in json.loads(out)["missing"]]
    assert missing == ([] if flag is not None else ["inpatient.supplement_counts_self_pay_first"]), err


def test_check_names_what_a_stay_with_self_pay_first_needs_besides_the_rest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _weifang_inpatient(None)
    data["figures"] = [f for f in data["figures"] if f["parameter"] != "inpatient.deductible"]
    pack = tmp_path / "weifang.json"
    pack.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out, _ = cli(capsys, "figures", "check", str(pack))
    assert "  住院：仍缺 住院起付标准（第一次住院）；有个人先行自付费用的住院另缺 住院大额补助保障个人先行自付费用" in (
        out.splitlines())


def _damaged(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(example())
    change(data)
    return data


DAMAGED = {
    "not-a-pack": (lambda d: d.update(format="something-else"),
                   "格式标识：应为“yibao-figures”，这不是本计算器的参数数据包"),
    "newer-version": (lambda d: d.update(version=2), "版本：本程序只认识第1版数据包"),
    "no-issuer": (lambda d: d.pop("issuer"), "发布单位：必须填写"),
    "empty-issuer": (lambda d: d.update(issuer=""), "发布单位：不能为空"),
    "no-documents": (lambda d: d.update(documents=[]), "文件列表：不能为空"),
    "bad-document-date": (lambda d: d["documents"][1].update(issued="2024-02-30"),
                          "第2个文件印发日期：“2024-02-30”不是有效日期（没有这一天）"),
    "duplicate-document": (lambda d: d["documents"][1].update(id="inpatient"), "第2个文件：编号“inpatient”重复"),
    "unknown-document": (lambda d: d["figures"][1].update(document="d9"),
                         "第2条（烟台市·住院统筹基金年度最高支付限额，2024年1月1日起）依据文件：文件列表中没有编号“d9”"
                         "（有：inpatient、outpatient）"),
    "no-clause": (lambda d: d["figures"][0].pop("clause"), "第1条（烟台市·住院统筹基金支付比例，2024-01-01起）条款：必须填写"),
    "bad-rate": (lambda d: d["figures"][3].update(value="90%"),
                 "第4条（烟台市·住院大额补助支付比例（按个人负担分段），2024年1月1日起）数值：“0”一栏：“90%”不符合要求："
                 "比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）"),
    "missing-cell": (lambda d: d["figures"][0]["value"]["2"].pop("retired"),
                     "第1条（烟台市·住院统筹基金支付比例，2024年1月1日起）数值：“2”一栏：缺少“retired”一栏"
                     "（应按人员状态 in_service、retired分列）"),
    "unknown-city": (lambda d: d["figures"][5].update(region="beijing"),
                     "第6条（beijing·普通门诊统筹起付标准（年度），2024年1月1日起）城市：没有“beijing”这个城市代码"),
    "overrides-a-document": (lambda d: d["figures"].append({**d["figures"][6], "region": "yantai"}),
                             "第12条（烟台市·普通门诊统筹在职职工支付比例，2024年1月1日起）开始日期：2024年1月1日起"
                             "烟政字〔2023〕109号 二(三)1已规定此项（烟台市），本地录入只能填写文件未规定的期间"),
    "overlap-inside": (lambda d: d["figures"].append({**d["figures"][1], "start": "2024-07-01"}),
                       "第12条（烟台市·住院统筹基金年度最高支付限额，2024年7月1日起）开始日期：与已录入的2024年1月1日起的同一参数日期重叠"),
    "fund-limit-above-the-maximum": (lambda d: d["figures"][9].update(value={"in_service": "3500", "retired": "2500"}),
                                     "第10条（潍坊市·普通门诊统筹基金年度最高支付限额，2024年1月1日起）数值：普通门诊统筹基金年度最高支付限额"
                                     "大于同期的普通门诊统筹年度最高支付限额（在职）"),
    "end-before-start": (lambda d: d["figures"][2].update(end="2023-12-31"),
                         "第3条（烟台市·住院大额补助起付标准（年度），2024年1月1日起）结束日期："
                         "结束日期（2023年12月31日）早于开始日期（2024年1月1日）"),
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_a_damaged_pack_is_refused_naming_record_and_field(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: Policy
) -> None:
    change, message = DAMAGED[name]
    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(_damaged(change), ensure_ascii=False), encoding="utf-8")
    kept = make_local_figure(policy, parameter="wage.province_average_monthly", region="jinan",
                             start=date(2023, 1, 1), end=None, raw_value="7000")
    save_local_figures([kept])
    saved = local_figures_path().read_bytes()
    for action in ("check", "import"):
        code, out, err = cli(capsys, "figures", action, str(pack))
        assert code == 2 and out == ""
        assert err == f"数据包有误：{message}\n"
    assert local_figures_path().read_bytes() == saved  # nothing written


@pytest.mark.parametrize(("content", "message"), [
    (b"{\"format\": ", "pack.json 不是有效的 JSON（第1行第12列）"),
    (b"[1, 2]", "数据包应为一个 JSON 对象"),
    (b"\xff\xfe\x00", "pack.json 不是 UTF-8 编码的文本，不是数据包"),
], ids=["cut-short", "a-list", "not-utf8"])
def test_a_file_that_is_no_pack_is_refused(content: bytes, message: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "pack.json"
    pack.write_bytes(content)
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    code, _, err = cli(capsys, "calc", str(request), "--figures", str(pack))
    assert code == 2 and err.startswith(f"数据包有误：{message}") and err.count("\n") == 1


def test_import_refuses_an_overlap_with_the_users_figures_and_writes_nothing(
    policy: Policy, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = make_local_figure(policy, parameter="inpatient.fund_yearly_limit", region="yantai", start=date(2024, 1, 1),
                              end=None, raw_value="300000")
    save_local_figures([typed])
    saved = local_figures_path().read_bytes()
    code, _, err = cli(capsys, "figures", "import", str(EXAMPLE))
    assert code == 2
    assert err == ("数据包有误：第2条（烟台市·住院统筹基金年度最高支付限额，2024年1月1日起）与已有的本地录入参数"
                   "（2024年1月1日起）日期重叠，未导入任何数据；请先在“本地录入参数”中删除或修改已有的这一条\n")
    assert local_figures_path().read_bytes() == saved


def test_import_export_import_gives_the_same_figures(
    policy: Policy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "figures", "import", str(EXAMPLE))
    assert code == 0 and out.startswith("已从“示例医疗保障局（演示用，非真实单位，数字均为虚构）”的数据包导入11条本地录入参数")
    imported, message = load_local_figures(policy)
    assert message is None and imported == list(read_pack(policy, EXAMPLE).figures)
    assert imported[0].source is not None and imported[0].source.number == "示例医保发〔2024〕1号"

    code, out, _ = cli(capsys, "figures", "import", str(EXAMPLE))  # again: nothing new, nothing refused
    assert code == 0 and "导入0条本地录入参数，11条已有相同的" in out

    out_file = tmp_path / "exported.json"
    assert cli(capsys, "figures", "export", str(out_file))[0] == 0
    exported = read_pack(policy, out_file)
    assert exported.issuer == "示例医疗保障局（演示用，非真实单位，数字均为虚构）"
    assert list(exported.figures) == imported

    weifang = tmp_path / "weifang.json"
    assert cli(capsys, "figures", "export", str(weifang), "--city", "weifang")[0] == 0
    assert {f.region for f in read_pack(policy, weifang).figures} == {"weifang"}
    assert len(read_pack(policy, weifang).figures) == 6


def test_a_typed_figure_survives_export_and_import(policy: Policy, tmp_path: Path) -> None:
    """A figure typed in by hand names no document: it goes out under 本机录入，未注明文件 and comes back the same."""
    from yibao.state.packs import pack_data

    typed = make_local_figure(policy, parameter="inpatient.fund_yearly_limit", region="weihai", start=date(2024, 1, 1),
                              end=date(2024, 12, 31), raw_value="250000", note="市局电话通知")
    data = pack_data([typed], "威海市某医保服务大厅", date(2024, 3, 1))
    assert data["documents"] == [{"id": "d1", "number": "", "title": "本机录入，未注明文件", "issued": None}]
    assert list(parse_pack(policy, data).figures) == [typed]


def test_export_with_nothing_to_export_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "figures", "export", str(tmp_path / "x.json"))
    assert code == 2 and "没有可导出的本地录入参数" in err
    assert not (tmp_path / "x.json").exists()


def test_pack_error_is_an_input_error() -> None:
    assert issubclass(PackError, Exception) and PackError("x", "y").args == ("数据包有误：y",)


def test_figures_from_two_bureaus_keep_their_issuers(policy: Policy, tmp_path: Path) -> None:
    from yibao.state.packs import pack_data

    first = list(read_pack(policy, EXAMPLE).figures)
    data = example()
    data["issuer"] = "另一个示例医疗保障局（虚构）"
    data["documents"] = [{**d, "number": d["number"].replace("示例", "另例")} for d in data["documents"]]
    data["figures"] = [{**f, "region": "weihai"} for f in data["figures"] if f["region"] == "yantai"]
    second = list(parse_pack(policy, data).figures)
    exported = pack_data(first + second, "某服务大厅", date(2024, 5, 1))
    assert {d.get("issuer") for d in exported["documents"]} == {
        "示例医疗保障局（演示用，非真实单位，数字均为虚构）", "另一个示例医疗保障局（虚构）"}
    assert list(parse_pack(policy, exported).figures) == first + second


def test_sheet_with_the_pack_cites_its_document(tmp_path: Path) -> None:
    """sheet --figures: the pack's figures on paper, marked 本地录入, its document in the list of documents.

    In a child process, as a clerk runs it: the sheet command makes its own (offscreen) Qt application."""
    import subprocess
    import sys

    request = tmp_path / "year.json"
    request.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    pdf = tmp_path / "sheet.pdf"
    done = subprocess.run([sys.executable, "-m", "yibao", "sheet", str(request), "--figures", str(EXAMPLE), "--pdf",
                           str(pdf)], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert "¥6,000.00" in flat and "1号一、二（本" in flat  # the pack's clauses cited together, marked 本地录入
    assert "示例医保发〔2024〕1号《（示例，虚构）烟台市职工住院待遇标准的通知》" in flat
    assert not local_figures_path().exists()


def test_the_result_lists_the_pack_document(policy: Policy) -> None:
    result = calculate(Request.model_validate(YANTAI_YEAR), policy, read_pack(policy, EXAMPLE).figures)
    cited = {d.number: d for d in result.documents}
    assert cited["示例医保发〔2024〕1号"].issuer.endswith("；本地录入")
    assert "示例医保发〔2024〕2号" not in cited  # Weifang's outpatient document is not used for this case


def test_a_missing_pack_is_named_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "figures", "check", str(tmp_path / "none.json"))
    assert code == 2 and err.startswith(f"数据包有误：无法读取 {tmp_path / 'none.json'}（") and "No such" not in err


def test_check_names_other_results_a_pack_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A made-up province average wage for Weifang: contributions still lack what neither the documents nor the pack
    give for a retiree (the account credit) and the 大额 fee."""
    data = example()
    data["figures"] = [{"parameter": "wage.province_average_monthly", "region": "weifang", "start": "2024-01-01",
                        "end": "2024-12-31", "value": "7000", "document": "outpatient", "clause": "一"}]
    pack = tmp_path / "wage.json"
    pack.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, out, _ = cli(capsys, "figures", "check", str(pack))
    lines = out.splitlines()
    assert "潍坊市 2024年1月1日至2024年12月31日：全省上年度全口径城镇单位就业人员月平均工资（1项）" in lines
    assert any(line.startswith("  缴费测算：仍缺 ") and "退休人员个人账户每月划入额" in line for line in lines)
