"""Visits read from a spreadsheet's rows, a CSV or XLSX file, and `yibao calc --visits` (issue 23): one reading, all
or nothing, a bad cell named by its row and column."""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from visit_rows_helpers import FUND_AND_SUPPLEMENT, PERSON, TASK_ONE, TASK_ONE_LIST, TASK_ONE_ROWS, tsv

from yibao.cli import main
from yibao.rules import Request, calculate
from yibao.rules.visit_rows import RowProblem, read_kind, read_tier, read_visit_rows, split_rows
from yibao.visit_files import read_visits_file


def year_of(visits: object) -> tuple[Decimal, Decimal]:
    result = calculate(Request.model_validate({**TASK_ONE, "visits": visits}))
    totals = result.year_totals
    assert totals is not None and totals.fund_pays is not None and totals.supplement_pays is not None
    assert totals.person_pays is not None
    return totals.fund_pays + totals.supplement_pays, totals.person_pays


def test_109号_二三1_task_one_pasted_as_three_rows_gives_the_hand_worked_year() -> None:
    """Three rows with no header, kind and tier written as people write them: fund + 大额 3,055.00, person 2,245.00
    (worked in tests/helpers/visit_rows_helpers.py)."""
    read = read_visit_rows(split_rows(tsv(TASK_ONE_ROWS)))
    assert [(v.kind, v.tier, v.in_scope) for v in read.visits] == [
        ("outpatient", 3, Decimal("1200")), ("outpatient", 3, Decimal("1800")), ("outpatient", 3, Decimal("2300"))]
    assert read.unused_columns == []
    assert year_of(read.visits) == (FUND_AND_SUPPLEMENT, PERSON)


def test_109号_二三1_a_settlement_list_with_chinese_headers_is_read_by_its_headers() -> None:
    read = read_visit_rows(split_rows(tsv(TASK_ONE_LIST)))
    assert read.unused_columns == ["就诊日期", "医院名称"]
    assert year_of(read.visits) == (FUND_AND_SUPPLEMENT, PERSON)


@pytest.mark.parametrize(("text", "tier"), [
    ("3", 3), ("３", 3), ("三级", 3), ("三甲", 3), ("三乙", 3), ("三级甲等", 3), ("三级医院", 3), ("3级", 3),
    ("二级", 2), ("二甲", 2), ("2", 2), ("一级", 1), ("一级及以下", 1), ("一级以下", 1), ("1", 1), (" 一级 ", 1)])
def test_tiers_as_people_write_them(text: str, tier: int) -> None:
    assert read_tier(text) == tier


@pytest.mark.parametrize(("text", "kind"), [
    ("门诊", "outpatient"), ("普通门诊", "outpatient"), ("门诊统筹", "outpatient"), ("outpatient", "outpatient"),
    ("住院", "inpatient"), ("Inpatient", "inpatient")])
def test_kinds_as_people_write_them(text: str, kind: str) -> None:
    assert read_kind(text) == kind


@pytest.mark.parametrize(("rows", "message"), [
    ([["门诊", "三级", "1200"], ["门诊", "四级", "100"]], "第2行第2列（医院等级）：“四级”不是医院等级"),
    ([["急诊", "3", "100"]], "第1行第1列（就诊类别）：“急诊”不是就诊类别（可写 门诊 或 住院）"),
    ([["门诊", "3", "1200"], [], ["门诊", "3", "12O0"]], "第3行第3列（政策范围内）：“12O0”不是数字金额"),
    ([["门诊", "3", ""]], "第1行第3列（政策范围内）：必须填写"),
    ([["门诊", "3", "100", "-5"]], "第1行第4列（政策范围外）：不能为负数"),
    ([["门诊", "3", "100", "0", "1.234"]], "第1行第5列（先行自付）：最多两位小数（分）"),
    ([["门诊", "3", "100", "0", "0", "x"]], "第1行有6列：没有表头时按"),
    ([["类别", "医院级别", "就诊日期"], ["门诊", "3", "2024-01-01"]], "第1行（表头）缺少“政策范围内”列"),
    ([["类别", "级别", "范围内", "政策范围内费用"]], "第1行：第3列和第4列都是“政策范围内”"),
    ([["类别", "级别", "范围内"]], "只有表头，没有就诊记录"),
    ([[], ["", ""]], "没有就诊记录"),
])
def test_a_bad_row_is_named_by_row_and_column(rows: list[list[str]], message: str) -> None:
    with pytest.raises(RowProblem) as refused:
        read_visit_rows(rows)
    assert str(refused.value).startswith(message)


def test_no_more_visits_than_the_case_has_room_for() -> None:
    with pytest.raises(RowProblem, match="共3条就诊记录，超过了可添加的2条"):
        read_visit_rows(TASK_ONE_ROWS, room=2)


@given(st.lists(st.lists(st.text(max_size=8), max_size=7), max_size=6))
def test_any_rows_give_visits_or_one_line_naming_where(rows: list[list[str]]) -> None:
    """Anything pasted: valid visits, or one Chinese line that names a row (never another exception)."""
    try:
        read = read_visit_rows(rows)
    except RowProblem as exc:
        assert str(exc).startswith(("第", "没有", "只有", "共")) and "\n" not in str(exc).strip("\n")
    else:
        assert 0 < len(read.visits) <= len(rows)


def test_a_quoted_cell_with_a_line_break_stays_one_cell() -> None:
    assert split_rows('门诊\t"三\n级"\t100\r\n') == [["门诊", "三\n级", "100"]]


# ------------------------------------------------------------ files


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def test_csv_as_excel_writes_it_on_a_chinese_windows(tmp_path: Path) -> None:
    """GBK (Excel's default 'CSV' on a Chinese Windows), and UTF-8 with its byte-order mark ('CSV UTF-8')."""
    text = "".join(",".join(f'"{cell}"' if "," in cell else cell for cell in row) + "\r\n" for row in TASK_ONE_LIST)
    for encoding in ("gb18030", "utf-8-sig"):
        path = tmp_path / f"visits-{encoding}.csv"
        path.write_bytes(text.encode(encoding))
        assert year_of(read_visits_file(path).visits) == (FUND_AND_SUPPLEMENT, PERSON)


def test_xlsx_with_numbers_text_and_a_date_column(tmp_path: Path) -> None:
    """Numbers as Excel keeps them (a formula's 1200.0000000000002 shown as 1200, 1800.0), a date column left out."""
    from datetime import datetime

    path = write_xlsx(tmp_path / "visits.xlsx", [
        TASK_ONE_LIST[0],
        [datetime(2024, 3, 2), "烟台山医院", "门诊", 3, 0.1 * 12000, None, None],
        [datetime(2024, 4, 18), "毓璜顶医院", "普通门诊", "三级", 1800.0, 0, 0],
        [datetime(2024, 5, 9), "烟台山医院", "门诊", "三甲", "2,300.00", None, 0],
    ])
    read = read_visits_file(path)
    assert read.unused_columns == ["就诊日期", "医院名称"]
    assert year_of(read.visits) == (FUND_AND_SUPPLEMENT, PERSON)


def test_a_bad_xlsx_cell_is_named_as_excel_numbers_it(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "visits.xlsx", [TASK_ONE_LIST[0], ["", "", "门诊", 3, 1200], ["", "", "门诊", 4, 10]])
    with pytest.raises(RowProblem, match=r"^第3行第4列（医院等级）：“4”不是医院等级"):
        read_visits_file(path)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("visits.xls", b"\xd0\xcf\x11\xe0", "visits.xls 不是 CSV 或 XLSX 文件（.xls 请在 Excel 中另存为 .xlsx 或 CSV）"),
    ("visits.xlsx", b"not a zip", "visits.xlsx 不是有效的 XLSX 文件"),
    ("visits.csv", b"\xff\xfe\x00\xd8", "visits.csv 不是 UTF-8 或 GBK 编码的文本"),
], ids=["xls", "not-zip", "not-text"])
def test_a_file_that_is_not_a_visits_table_is_refused_in_one_line(tmp_path: Path, name: str, content: bytes,
                                                                   message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RowProblem, match=f"^{message}"):
        read_visits_file(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=4))
def test_a_damaged_xlsx_is_refused_in_one_line_never_a_traceback(damage: list[tuple[int, int]], tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Found re-checking issue 22.8: bytes changed in a saved workbook (a bad copy, a cut download) gave zlib.error,
    EOFError, IndexError or NotImplementedError from the zip and XML readers: a traceback from ``calc --visits``."""
    path = write_xlsx(tmp_path / "visits.xlsx", TASK_ONE_LIST)
    content = bytearray(path.read_bytes())
    for where, byte in damage:
        content[where % len(content)] = byte
    path.write_bytes(bytes(content))
    request = tmp_path / "request.json"
    request.write_text(json.dumps(TASK_ONE), encoding="utf-8")
    code, out, err = run_calc(capsys, str(request), "--visits", str(path))
    assert code in (0, 2), err
    if code == 2:
        assert out == "" and err.startswith("输入有误：--visits：visits.xlsx：") and err.count("\n") == 1, err


def test_a_missing_file_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(RowProblem, match=r"^无法读取 gone\.csv"):
        read_visits_file(tmp_path / "gone.csv")


# ------------------------------------------------------------ yibao calc --visits


def run_calc(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["calc", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_calc_with_visits_beside_the_request_gives_the_hand_worked_year(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    request = tmp_path / "request.json"
    request.write_text(json.dumps(TASK_ONE), encoding="utf-8")
    visits = tmp_path / f"visits{suffix}"
    if suffix == ".csv":
        visits.write_text('门诊,三级,1200\n普通门诊,3,"1,800.00"\n门诊,三甲,２３００元\n', encoding="utf-8")
    else:
        write_xlsx(visits, [list(row) for row in TASK_ONE_ROWS])
    code, out, err = run_calc(capsys, str(request), "--visits", str(visits))
    assert (code, err) == (0, "")
    totals = json.loads(out)["year_totals"]
    assert (totals["fund_pays"], totals["supplement_pays"], totals["person_pays"]) == ("3055.00", "0.00", "2245.00")


def test_calc_adds_the_files_visits_after_the_requests_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The request's first visit (1,200.00) and the file's other two: the same year."""
    request = tmp_path / "request.json"
    request.write_text(json.dumps({**TASK_ONE, "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "1200"}]}),
                       encoding="utf-8")
    visits = tmp_path / "visits.csv"
    visits.write_text("普通门诊,3,1800\n门诊,三甲,2300\n", encoding="utf-8")
    code, out, _ = run_calc(capsys, str(request), "--visits", str(visits))
    assert code == 0
    assert [v["deductible"] for v in json.loads(out)["visits"]] == ["600.00", "0.00", "0.00"]
    assert json.loads(out)["year_totals"]["person_pays"] == "2245.00"


def test_calc_refuses_a_bad_visits_file_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = tmp_path / "request.json"
    request.write_text(json.dumps(TASK_ONE), encoding="utf-8")
    visits = tmp_path / "visits.csv"
    visits.write_text("门诊,三级,1200\n住院,五级,100\n", encoding="utf-8")
    code, out, err = run_calc(capsys, str(request), "--visits", str(visits))
    assert (code, out) == (2, "")
    assert err == ("输入有误：--visits：visits.csv：第2行第2列（医院等级）：“五级”不是医院等级"
                   "（可写 1、2、3，一级、二级、三级，或三甲、二乙这样的写法）\n")
