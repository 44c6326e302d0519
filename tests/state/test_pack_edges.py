"""Issue 22.4, 22.7, 22.8, 22.9, 22.14: packs at the edges. A number no amount can be, a key given twice, a lone
surrogate, a loose date or ``"version": true`` is refused by ``check``, ``import`` and ``calc --figures`` alike,
in one Chinese line naming the record and field (or the key), and nothing is written; a BOM (Notepad) is accepted."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pack_helpers import EXAMPLE, YANTAI_YEAR, cli

from yibao.rules import bundled_policy
from yibao.state.local_figures import local_figures_path, make_local_figure, save_local_figures

TEXT = EXAMPLE.read_text(encoding="utf-8")
FUND_LIMIT = '"value": "60000"'  # the second figure: Yantai's inpatient fund limit (yuan)
assert TEXT.count(FUND_LIMIT) == 1
HUGE = "1" + "0" * 30  # 31 digits: beyond Decimal's 28, where 0.01 rounding used to raise InvalidOperation
YANTAI_LIMIT = "第2条（烟台市·住院统筹基金年度最高支付限额，2024年1月1日起）"


def _figure_field(index: int, field: str, value: object) -> Callable[[str], str]:
    def change(text: str) -> str:
        data = json.loads(text)
        data["figures"][index][field] = value
        return json.dumps(data)  # ASCII: a lone surrogate is written \ud800, as a hand-made file could hold it
    return change


def _header(field: str, value: object) -> Callable[[str], str]:
    def change(text: str) -> str:
        return json.dumps({**json.loads(text), field: value})
    return change


EDGES: dict[str, tuple[Callable[[str], str], str]] = {
    "a 31-digit amount": (lambda t: t.replace(FUND_LIMIT, f'"value": "{HUGE}"'),
                          f"{YANTAI_LIMIT}数值：“{HUGE}”大于 100,000,000.00，请检查是否多写了位数"),
    "an amount of 1e+40": (lambda t: t.replace(FUND_LIMIT, '"value": "1e+40"'),
                           f"{YANTAI_LIMIT}数值：“1e+40”不符合要求：金额应写成元，最多两位小数，如 3000 或 2500.50"),
    "a 5000-digit number": (lambda t: t.replace('"version": 1', '"version": 1' + "0" * 5000),
                            "pack.json 含有过长的数字（超过 4300 位）"),
    "a key given twice": (lambda t: t.replace(FUND_LIMIT, f'{FUND_LIMIT}, "value": "1"'),
                          "pack.json “value”：出现了两次，只能写一次"),
    "a header key given twice": (lambda t: t.replace('"version": 1', '"version": 1, "version": 1'),
                                 "pack.json “version”：出现了两次，只能写一次"),
    "a lone surrogate in a clause": (_figure_field(1, "clause", "二\ud800"),
                                     "pack.json “figures[1].clause”：“二\\ud800”含有无效的字符（孤立的代理项），"
                                     "请重新输入这段文字"),
    "a lone surrogate in a document id": (_figure_field(1, "document", "\udcff"),
                                          "pack.json “figures[1].document”：“\\udcff”含有无效的字符（孤立的代理项），"
                                          "请重新输入这段文字"),
    "a Unix timestamp": (_figure_field(1, "start", 1704067200),
                         "第2条（烟台市·住院统筹基金年度最高支付限额，1704067200起）开始日期：1704067200不是有效日期"
                         "（应写成带引号的 YYYY-MM-DD，如 \"2024-06-01\"）"),
    "a date of 0": (_header("prepared", "0"),
                    "编制日期：“0”不是有效日期（应写成带引号的 YYYY-MM-DD，如 \"2024-06-01\"）"),
    "a time of day": (_header("prepared", "2024-03-01T00:00:00"),
                      "编制日期：“2024-03-01T00:00:00”不是有效日期（应写成带引号的 YYYY-MM-DD，如 \"2024-06-01\"）"),
    "the year 1800": (_figure_field(1, "start", "1800-01-01"),
                      "第2条（烟台市·住院统筹基金年度最高支付限额，1800-01-01起）开始日期：年份应在 1900 到 2100 之间"),
    "the year 9999": (_figure_field(1, "end", "9999-12-31"),
                      "第2条（烟台市·住院统筹基金年度最高支付限额，2024-01-01起）结束日期：年份应在 1900 到 2100 之间"),
    # 22.14: a segment key that str.isdigit() takes for a number and int() refuses in English ("invalid literal")
    "a segment written ²": (_figure_field(3, "value", {"0": "0.9", "²": "0.95"}),
                            "第4条（烟台市·住院大额补助支付比例（按个人负担分段），2024年1月1日起）数值：不认识“²”一栏"
                            "（应按分段起点（本年个人负担超过起付标准的金额，整数元，须含 0）分列）"),
    # a line break in a one-line name split `figures check`'s header and the 政策依据 table's cells
    "a line break in the issuer": (_header("issuer", "示例\n医疗保障局"), "发布单位：不能含有换行等控制字符"),
    "a tab in a clause": (_figure_field(1, "clause", "二\t(三)"),
                          "第2条（烟台市·住院统筹基金年度最高支付限额，2024-01-01起）条款：不能含有换行等控制字符"),
    "version true": (_header("version", True), "版本：应为整数 1（不带引号），不是 true"),
    "version \"1\"": (_header("version", "1"), "版本：应为整数 1（不带引号），不是 \"1\""),
}


@pytest.mark.parametrize("name", list(EDGES))
def test_a_pack_at_the_edge_is_refused_and_nothing_written(name: str, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    change, message = EDGES[name]
    pack = tmp_path / "pack.json"
    pack.write_text(change(TEXT), encoding="utf-8")
    request = tmp_path / "year.json"
    request.write_text(json.dumps(YANTAI_YEAR), encoding="utf-8")
    kept = make_local_figure(bundled_policy(), parameter="wage.province_average_monthly", region="jinan",
                             start=date(2023, 1, 1), end=None, raw_value="7000")
    save_local_figures([kept])
    saved = local_figures_path().read_bytes()
    for args in (("figures", "check", str(pack)), ("figures", "import", str(pack)),
                 ("calc", str(request), "--figures", str(pack))):
        code, out, err = cli(capsys, *args)
        assert (code, out, err) == (2, "", f"数据包有误：{message}\n"), args
    assert local_figures_path().read_bytes() == saved


def test_a_pack_saved_by_notepad_with_a_bom_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = tmp_path / "notepad.json"
    pack.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    code, out, err = cli(capsys, "figures", "import", str(pack))
    assert code == 0 and out.startswith("已从“示例医疗保障局") and "导入11条" in out, err


def test_a_saved_figure_beyond_every_bound_is_skipped_and_named() -> None:
    """Issue 22.4: a local-figures file edited by hand to a 31-digit wage (it crashed the window for flexible workers):
    the record is skipped with its message, the file kept aside, no InvalidOperation."""
    from yibao.state.local_figures import load_local_figures

    record = {"parameter": "wage.province_average_monthly", "region": "jinan", "start": "2024-01-01", "end": None,
              "value": HUGE, "note": ""}
    local_figures_path().parent.mkdir(parents=True, exist_ok=True)
    local_figures_path().write_text(json.dumps({"version": 1, "figures": [record]}), encoding="utf-8")
    figures, message = load_local_figures(bundled_policy())
    assert figures == [] and message is not None
    assert f"第1条（济南市·全省上年度全口径城镇单位就业人员月平均工资，2024-01-01起）：“{HUGE}”大于 100,000,000.00" in message
