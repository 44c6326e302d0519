"""The sheet prints the question on screen (issue 21 item 5): printed to PDF from each tab, the page opens with
that tab's figures. The case: Yantai, 2024-06-01, an enterprise employee of 40, base 6,000, one tier-3 outpatient
visit of 1,500 in scope (烟政字〔2023〕109号)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from sheet_helpers import pdftotext
from window_helpers import add_visit, open_window, set_case, type_into

from yibao.ui.main_window import MainWindow
from yibao.ui.pages import TAB_BEFORE_AFTER, TAB_COMPARE, TAB_CONTRIBUTION, TAB_RETIREMENT, TAB_VISITS


def printed_from(qtbot: QtBot, tmp_path: Path, tab: int) -> str:
    """The PDF's text, saved with the tab ``tab`` on screen (the words joined: pdftotext breaks lines anywhere)."""
    window = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    type_into(qtbot, window.contribution_tab.base, "6000")
    add_visit(window, "outpatient", 3, "1500")
    type_into(qtbot, window.retirement_tab.paid, "300")
    window.tabs.setCurrentIndex(tab)
    out = tmp_path / "sheet.pdf"
    window.output.save_pdf(str(out))
    return "".join(pdftotext(out).split())


def sections_of(text: str) -> list[str]:
    """The sections' titles in the order printed (一、… 二、…)."""
    marks = [(text.find(f"{n}、"), n) for n in "一二三四五"]
    return [text[i:i + 8] for i, _ in sorted(m for m in marks if m[0] >= 0)]


def test_109号_二三1_printed_from_医院级别对比_the_tier_comparison_leads(qtbot: QtBot, tmp_path: Path) -> None:
    """2024 outpatient, 二(三)1: 起付 200/400/600, paid 80%/70%/60%. 1,500 in scope:
    一级 (1500 − 200) × 80% = 1,040.00, the person 460.00, 1040 ÷ 1500 = 69.33%;
    二级 (1500 − 400) × 70% = 770.00, the person 730.00, 51.33%;
    三级 (1500 − 600) × 60% = 540.00, the person 960.00, 36%. Saving 960 − 460 = 500."""
    text = printed_from(qtbot, tmp_path, TAB_COMPARE)
    assert sections_of(text)[0].startswith("一、医院级别对比")
    assert "同样的费用在一级及以下医疗机构个人少付¥500.00（与三级医疗机构相比）" in text
    assert "一级及以下1,040.00；二级770.00；三级540.00" in text  # 统筹基金支付, side by side
    assert "一级及以下460.00；二级730.00；三级960.00" in text  # 个人负担
    assert "一级及以下200.00；二级400.00；三级600.00" in text  # 计入起付标准
    assert "一级及以下69.33%；二级51.33%；三级36%" in text
    assert "缴费测算" not in text  # the contributions are another tab's question
    conclusions = text[text.index("测算结论"):text.index("测算条件")]
    assert conclusions.startswith("测算结论同样的费用在一级及以下医疗机构个人少付¥500.00")  # the answer first
    assert "第1页，共1页" in text


def test_printed_from_就医报销_the_visits_alone(qtbot: QtBot, tmp_path: Path) -> None:
    text = printed_from(qtbot, tmp_path, TAB_VISITS)
    assert sections_of(text)[0].startswith("一、就医报销")
    assert "(1,500.00−600.00)×60%=540.00" in text and "医院级别对比" not in text and "缴费测算" not in text


def test_109号_二二1_printed_from_缴费测算_the_contributions(qtbot: QtBot, tmp_path: Path) -> None:
    """From 2024 the employer pays 8%: 6,000 × 8% = 480.00 a month, the employee 6,000 × 2% = 120.00."""
    text = printed_from(qtbot, tmp_path, TAB_CONTRIBUTION)
    assert sections_of(text)[0].startswith("一、缴费测算")
    assert "每月共缴¥600.00（单位¥480.00，个人¥120.00" in text in text
    assert "就医报销" not in text and "医院级别对比" not in text


def test_printed_from_退休缴费年限_the_years(qtbot: QtBot, tmp_path: Path) -> None:
    text = printed_from(qtbot, tmp_path, TAB_RETIREMENT)
    assert sections_of(text)[0].startswith("一、退休缴费年限")
    assert "300个月" in text and "就医报销" not in text and "缴费测算" not in text


def test_109号_二三1_printed_from_政策前后对比_the_comparison_leads(qtbot: QtBot, tmp_path: Path) -> None:
    """2023-12-31 against 2024-06-01, the one visit: 2023 起付 800, 55% → (1500 − 800) × 55% = 385.00 from the
    fund, the person 1,115.00; 2024: 540.00 and 960.00, so the person pays 155.00 less."""
    text = printed_from(qtbot, tmp_path, TAB_BEFORE_AFTER)
    assert sections_of(text)[0].startswith("一、政策前后对比")
    assert "少付¥155.00" in text and "1,115.00" in text and "960.00" in text
    # issue 21.10: the comparison's conclusion first, the comparison alone (each date's arithmetic is its tab's sheet),
    # its reasons once by short number, on one page (was two, opening with the year's sentence)
    conclusions = text[text.index("测算结论"):text.index("测算条件")]
    assert conclusions.startswith("测算结论按2024年1月1日起的规定，这一年的门诊您少付¥155.00；"
                                  "原因：起付标准（三级）由800元降至600元")
    assert "¥1,115.00→¥960.00；原因见" in text and "起付标准（三级）由800元降至600元在职职工支付比例" in text
    assert "109号二(三)1" in text and "烟政字〔2023〕109号二(三)1" not in text
    assert "二、" not in text and "第1页，共1页" in text
    assert "1次（门诊1、住院0）" in text and "6,000.00" in text  # the case compared, whole in 测算条件


def test_the_sections_dialog_names_the_comparison_that_opens_the_sheet(qtbot: QtBot) -> None:
    window: MainWindow = open_window(qtbot)
    set_case(window, "yantai", date(2024, 6, 1))
    add_visit(window, "outpatient", 3, "1500")
    window.tabs.setCurrentIndex(TAB_COMPARE)
    assert window.output.leading_title() == "医院级别对比"
    window.tabs.setCurrentIndex(TAB_VISITS)
    assert window.output.leading_title() is None
