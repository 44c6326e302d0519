"""The sheet's content and plain text: Qt-free, built from the result object only."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from yibao.rules import Request, Result
from yibao.sheet import DISCLAIMER, SheetHeader, build_content, plain_text
from yibao.sheet.html import sheet_html
from yibao.sheet.text import width


def test_importing_the_sheet_and_making_text_loads_no_qt() -> None:
    code = (
        "import sys, json\n"
        "from yibao.rules import Request, calculate\n"
        "import yibao.sheet\n"
        "from yibao.sheet import plain_text\n"
        "r = Request.model_validate({'city': 'yantai', 'on': '2024-06-01', 'person': {'employment': 'enterprise',"
        " 'sex': 'male', 'age': 40}, 'contribution': {'monthly_base': '6000'}})\n"
        "assert '480.00' in plain_text(r, calculate(r))\n"
        "qt = [m for m in sys.modules if m.startswith('PySide6') or m.startswith('shiboken')]\n"
        "assert not qt, qt\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_plain_text_has_the_hand_worked_figures_and_clauses(usual: tuple[Request, Result], header: SheetHeader) -> None:
    text = plain_text(*usual, header)
    # 烟政字〔2023〕109号 二(二)1: employer 8% and employee 2% of 6000
    assert "6,000.00 × 8% = 480.00" in text
    assert "6,000.00 × 2% = 120.00" in text
    # 二(三)1: tier 3 outpatient, deductible 600, in-service share 60%: (2000 − 600) × 60% = 840
    assert "(2,000.00 − 600.00) × 60% = 840.00" in text
    assert "依据：109号 二(三)1" in text  # the number in short, spelled out once in the list of documents:
    assert "  109号：烟政字〔2023〕109号《烟台市落实职工基本医疗保险省级统筹工作的实施方案》（烟台市人民政府）" in text
    assert "人民币捌佰肆拾元整" in text  # fund, year total
    assert "人民币壹仟贰佰陆拾元整" in text  # the person's share: 2100 − 840
    assert "人民币肆佰捌拾元整" in text
    assert DISCLAIMER in text
    assert "服务大厅：烟台市芝罘区医保服务大厅" in text and "窗口号：3" in text
    assert "打印时间：2024年6月1日 10:05" in text
    assert "参保地：烟台市" in text and "政策适用日期：2024年6月1日" in text


def test_plain_text_lines_up_the_figures(usual: tuple[Request, Result]) -> None:
    content = build_content(*usual)
    lines = plain_text(*usual).splitlines()
    rows = [(row.label, row.figure) for s in content.sections for t in s.tables for row in t.rows if row.kind == "line"]
    rows += [(total.label, total.figure) for s in content.sections for total in s.totals]
    ends = set()
    for label, figure in rows:
        line = next(line for line in lines if line.startswith(f"    {label} "))
        figure_at = line.index(figure, 4 + len(label))
        ends.add(width(line[: figure_at + len(figure)]))  # display columns, CJK counted double
    assert len(rows) > 20
    assert len(ends) == 1, ends


def test_blank_lines_for_hall_and_counter_when_unset(usual: tuple[Request, Result]) -> None:
    content = build_content(*usual, SheetHeader(printed_at=datetime(2024, 6, 1, 9, 0)))
    assert content.counter_line.startswith("服务大厅：____")
    assert "窗口号：____" in content.counter_line
    assert "打印时间：2024年6月1日 09:00" in content.subtitle


def test_documents_it_rests_on_with_number_and_title(usual: tuple[Request, Result]) -> None:
    content = build_content(*usual)
    docs = {d.number: d.title for d in content.documents}
    assert docs["烟政字〔2023〕109号"] == "烟台市落实职工基本医疗保险省级统筹工作的实施方案"
    assert docs["鲁政字〔2023〕184号"] == "山东省职工基本医疗保险省级统筹实施意见"  # cited in a transition note
    text = plain_text(*usual)
    assert "烟政字〔2023〕109号《烟台市落实职工基本医疗保险省级统筹工作的实施方案》" in text


def test_missing_figures_are_stated_not_guessed(usual: tuple[Request, Result]) -> None:
    request, result = usual
    assert result.missing, "the Yantai 2024 years check needs a figure the documents do not give"
    text = plain_text(request, result)
    assert "【文件未规定的数字（未予计算，不作估计）】" in text
    for missing in result.missing:
        assert f"{missing.label}：{missing.reason}" in text
    assert "最低缴费年限" in text and "文件未规定" in text


def test_locally_entered_figures_are_marked(with_local: tuple[Request, Result]) -> None:
    """A figure the hall entered for the sheet's own city is cited 本地录入 (the city is the sheet's), in bold on paper,
    where its 依据 is: the mark takes no line of its own under the figure."""
    request, result = with_local
    assert result.visits is not None
    assert any(line.local for line in result.visits[0].lines)
    text = plain_text(request, result)
    fund_line = next(line for line in text.splitlines() if line.startswith("    统筹基金支付") and "8,075.00" in line)
    assert "[本地录入]" in fund_line
    assert fund_line.endswith("依据：本地录入；109号 二(三)2")
    assert "不是所收录政策文件中的数字" in text
    html = sheet_html(build_content(request, result))
    assert "<b>本地录入</b><br/>109号 二(三)2" in html and "【本地录入】" not in html


def test_the_sheet_prints_the_result_it_is_given_and_computes_nothing(usual: tuple[Request, Result]) -> None:
    request, result = usual
    assert result.visits is not None and result.year_totals is not None and result.year_totals.fund_pays is not None
    lines = result.visits[0].lines
    at = next(i for i, line in enumerate(lines) if line.key != "bill")  # the bill's sum is in the visit's title row
    line = lines[at]
    altered_line = type(line)(line.key, line.label, line.amount, "7777.77", "手工改动的算式", line.sources, line.note)
    visit = result.visits[0].model_copy(update={"lines": [*lines[:at], altered_line, *lines[at + 1:]]})
    totals = result.year_totals.model_copy(update={"fund_pays": result.year_totals.fund_pays + 1})
    altered = result.model_copy(update={"visits": [visit], "year_totals": totals})
    text = plain_text(request, altered)
    assert "7777.77" in text and "手工改动的算式" in text
    assert "841.00" in text and "人民币捌佰肆拾壹元整" in text


def test_a_long_year_lists_every_visit(long_year: tuple[Request, Result]) -> None:
    text = plain_text(*long_year)
    for number in range(1, 31):
        assert f"第{number}次　" in text
    assert "2024年度合计（各次之和）" in text


def test_html_escapes_what_staff_type(usual: tuple[Request, Result]) -> None:
    html = sheet_html(build_content(*usual, SheetHeader("<b>大厅</b> & 窗口", "1")))
    assert "<b>大厅</b>" not in html  # the hall name is painted in the page header, never parsed as HTML
    content = build_content(*usual, SheetHeader("<b>大厅</b> & 窗口", "1"))
    assert "<b>大厅</b> & 窗口" in content.counter_line


def test_readings_printed_under_说明() -> None:
    """109号 二(三)1: a Yantai visit rests on the one-counter deductible reading; the sheet says it with the other reading."""
    from yibao.rules import Request, calculate
    from yibao.sheet.content import build_content

    request = Request.model_validate({
        "city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "male", "age": 40},
        "visits": [{"kind": "outpatient", "tier": 3, "in_scope": "2000"}]})
    content = build_content(request, calculate(request))
    reading = [n for n in content.notes if n.startswith("＊解读（")]
    assert len(reading) == 1 and "二(三)1" in reading[0] and "另一种理解" in reading[0]
    assert [d.number for d in content.documents] == ["烟政字〔2023〕109号"]


def test_figures_resting_on_a_reading_are_marked_解读_on_paper() -> None:
    """社会保险法 第二十七条: a Weifang retiree's 0.00 premium is starred (years not checked), the star explained."""
    from yibao.rules import Request, calculate
    from yibao.sheet.content import build_content

    request = Request.model_validate({
        "city": "weifang", "on": "2024-06-01", "person": {"employment": "enterprise", "retired": True, "sex": "male",
                                                          "age": 65},
        "contribution": {}})
    content = build_content(request, calculate(request))
    figures = [row.figure for section in content.sections for table in section.tables for row in table.rows]
    assert "0.00＊" in figures
    assert any(n.startswith(("＊解读（社会保险法", "＊解读（《社会保险法》")) for n in content.notes)


def test_totals_carry_the_figure_names_the_window_shows(usual: tuple[Request, Result]) -> None:
    """Paper and screen name each figure alike (yibao.wording.FIGURE_NAMES). The contribution totals are what is
    paid (烟台 109号 二(二)1, 3: 480.00 and 120.00 a month, the person's 36.00 a year); the funds' 10.00 + 30.00 and
    the 76.00 they make with the 36.00 stand in the lines above, where they add up."""
    from yibao.wording import FIGURE_NAMES

    content = build_content(*usual, header=SheetHeader())
    totals = {total.label: total.figure for section in content.sections for total in section.totals}
    assert set(totals) <= set(FIGURE_NAMES.values())
    contribution = next(section for section in content.sections if "缴费测算" in section.title)
    assert [(total.label, total.figure) for total in contribution.totals] == [
        ("单位缴费（每月）", "480.00"), ("个人缴费（每月）", "120.00"), ("大额/大病保险费：个人（每年）", "36.00")]
