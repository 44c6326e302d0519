"""The sheet's 政策前后对比 section (issue 15, 21.10): the same headline sentence as the window opening 测算结论, each
figure before and after with its reasons by number, the reasons spelled out once with their clauses by short number,
the readings of both dates once among the notes; ``sheet --compare-on`` prints it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

from sheet_helpers import pdftotext

from yibao.rules import Request, Result, calculate
from yibao.rules.compare import Comparison, compare
from yibao.sheet import build_content, plain_text
from yibao.sheet.before_after import MOVING_NOTHING, REASONS_TITLE

THREE_VISITS = {"city": "yantai", "on": "2024-06-01", "person": {"employment": "enterprise", "sex": "male", "age": 45},
                "visits": [{"kind": "outpatient", "tier": 3, "in_scope": amount} for amount in ("1000", "1500", "2000")]}
# 109号 二(三)1, worked by hand in tests/rules/cases/compare/before-after.json: the person pays 2465.00 in 2023
# and 2160.00 in 2024.
HEADLINE = ("按2024年1月1日起的规定，这一年的门诊您少付 ¥305.00；"
            "原因：起付标准（三级）由800元降至600元，在职职工支付比例（三级）由55%升至60%。")


def _case() -> tuple[Request, Result, Comparison]:
    request = Request.model_validate(THREE_VISITS)
    return request, calculate(request), compare(request, date(2023, 6, 1))


def test_section_holds_the_rows_and_the_reasons_once() -> None:
    request, result, comparison = _case()
    content = build_content(request, result, comparison=comparison)
    assert content.headlines[0].text == HEADLINE  # the comparison's conclusion first, then the year's
    section = content.sections[0]  # the comparison asked for leads the sheet
    assert section.title == "一、政策前后对比（2023年6月1日 → 2024年6月1日）"
    figures, reasons = section.tables
    assert figures.headings[2] == "2023年6月1日 → 2024年6月1日"
    person = next(r for r in figures.rows if r.label == "个人负担")
    assert (person.figure, person.formula, person.source) == ("−¥305.00", "¥2,465.00 → ¥2,160.00；原因见1、2", "")
    assert reasons.title == REASONS_TITLE
    assert [(r.label, r.formula, r.source) for r in reasons.rows[:2]] == [
        ("1", "起付标准（三级）由800元降至600元", "109号 二(三)1"),  # the number in short: the list spells it out
        ("2", "在职职工支付比例（三级）由55%升至60%", "109号 二(三)1")]
    assert reasons.rows[-1].label == MOVING_NOTHING and "（不影响本测算的数字）" in reasons.rows[-1].formula
    readings = [note for note in content.notes if "本计算器只用于2023年1月1日至12月31日" in note]
    assert len(readings) == 1 and "（109号 二(三)1）" in readings[0]  # the 2023 side's reading, once


def test_without_a_comparison_the_sheet_is_as_before() -> None:
    request, result, _ = _case()
    content = build_content(request, result)
    assert not any("政策前后对比" in s.title for s in content.sections)


def test_plain_text_carries_the_same_sentence() -> None:
    request, result, comparison = _case()
    text = plain_text(request, result, comparison=comparison)
    assert "【一、政策前后对比（2023年6月1日 → 2024年6月1日）】" in text
    assert HEADLINE in text


def test_a_document_cited_only_by_the_earlier_date_is_listed() -> None:
    """Jinan's document expired on 2024-09-30: an October sheet compared with September still names it."""
    request = Request.model_validate({"city": "jinan", "on": "2024-10-15",
                                      "person": {"employment": "enterprise", "sex": "male", "age": 40},
                                      "contribution": {"monthly_base": "6000"}})
    content = build_content(request, calculate(request), comparison=compare(request, date(2024, 9, 15)))
    titles = [d.title for d in content.documents]
    assert "关于基本医疗保险市级统筹的实施意见" in titles


def test_cli_sheet_compare_on_prints_the_section(tmp_path: Path) -> None:
    out = tmp_path / "compare.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "yibao", "sheet", "-", "--pdf", str(out), "--compare-on", "2023-06-01"],
                          input=json.dumps(THREE_VISITS), capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    flat = re.sub(r"\s+", "", pdftotext(out))
    assert "政策前后对比（2023年6月1日→2024年6月1日）" in flat
    assert "这一年的门诊您少付¥305.00" in flat
    assert "¥2,465.00→¥2,160.00；原因见1、2" in flat
