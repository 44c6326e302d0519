"""One way to write each figure: money, rates, months, dates, 文件未规定 and field names come from ``yibao.wording``."""

from __future__ import annotations

import ast
import errno
import os
import re
import subprocess
import sys
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from chinese_messages import english_in
from pydantic import BaseModel

import yibao
from yibao.cli import main
from yibao.wording import (
    FIELD_LABELS,
    NOT_STATED,
    change_words,
    cn_date,
    cn_month,
    describe_os_error,
    fen_number,
    money,
    money_or_not_stated,
    months,
    percent,
    rate_of,
    to_fen,
    yuan,
)

PACKAGE = Path(yibao.__file__).parent
WORDING = PACKAGE / "wording.py"

# Writing money or a rate by hand: two-decimal or thousands formats, rounding, ×100 for a percentage,
# a hand-made ¥, the other words for "not in the documents", a hand-made Chinese date.
HAND_FORMATTING = {
    "a fixed-decimal format": re.compile(r"""\{[^{}]*:[,_]?\.\d+f\}|:,\.?\d*f\}|format\([^)]*["'],?\.\d+f["']"""),
    "rounding": re.compile(r"\.quantize\(|ROUND_HALF_UP"),
    "×100 for a percentage": re.compile(r"\*\s*100\b(?!0)"),
    "a hand-made ¥": re.compile(r"¥\{"),
    "another word for 文件未规定": re.compile(r"文件未载明|所收录的政策文件未规定|未载于所收录的文件|所收录的文件未规定"),
    "a hand-made Chinese date": re.compile(r"%Y年|\.year\}年\{"),
}
# The one place outside wording.py where a figure is written by hand, and why.
ALLOWED = {("ui/app.py", "a fixed-decimal format")}  # seconds in the frozen app's smoke-test line, not money


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != WORDING)


def test_no_module_but_wording_writes_money_rates_or_dates_by_hand() -> None:
    offenders = []
    for path in _modules():
        name = path.relative_to(PACKAGE).as_posix()
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for what, pattern in HAND_FORMATTING.items():
                if pattern.search(text) and (name, what) not in ALLOWED:
                    offenders.append(f"{name}:{number} {what}: {text.strip()}")
    assert offenders == []


def test_policy_notes_and_readings_use_the_same_words() -> None:
    """The notes and readings beside the policy files reach the screen and the paper: 文件未规定 there too."""
    policy = PACKAGE.parents[1] / "resources" / "policy"
    pattern = HAND_FORMATTING["another word for 文件未规定"]
    offenders = [f"{path.name}: {line.strip()[:60]}" for path in sorted(policy.rglob("*.json"))
                 for line in path.read_text(encoding="utf-8").splitlines() if pattern.search(line)]
    assert offenders == []


def test_the_grep_catches_what_it_looks_for() -> None:
    """The patterns above find the habits this issue removed (a test that cannot fail is a defect)."""
    samples = {
        "a fixed-decimal format": 'f"{amount:.2f}"',
        "rounding": 'x.quantize(Decimal("0.01"))',
        "×100 for a percentage": 'f"{rate * 100}%"',
        "a hand-made ¥": 'f"¥{amount}"',
        "another word for 文件未规定": '"文件未载明"',
        "a hand-made Chinese date": 'f"{d.year}年{d.month}月"',
    }
    for what, sample in samples.items():
        assert HAND_FORMATTING[what].search(sample), what


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in typing.get_args(annotation) for model in _models_in(arg)]


def _request_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append(path)
        for inner in _models_in(field.annotation):
            paths += _request_fields(inner, f"{path}.")
    return paths


def test_every_request_field_has_one_chinese_name() -> None:
    from yibao.rules.models import Request

    fields = _request_fields(Request)
    assert {"on", "visits.in_scope", "retirement.last_monthly_base", "fund.city_share_ratio"} <= set(fields)
    assert [f for f in fields if f not in FIELD_LABELS] == []
    assert FIELD_LABELS["on"] == "适用日期"  # as the person panel labels it
    assert FIELD_LABELS["fund.last_year_premium_income"] == "上年度统筹基金保险费收入"  # 烟政字〔2023〕109号 二(四)


def _leaf_labels() -> set[str]:
    """Names of the request fields one types into (not the section names, which double as tab titles)."""
    return {text for path, text in FIELD_LABELS.items()
            if ("." in path or path in ("city", "on")) and not path.startswith("local_figure.")}


def test_field_names_are_written_only_in_the_label_table() -> None:
    """No module spells a field's name itself: the window, the sheet and the messages all read FIELD_LABELS."""
    labels = _leaf_labels()
    offenders = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                bare = re.sub(r"(（元）)?\(&\w\)$", "", node.value)
                if bare in labels:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.value!r}")
    assert offenders == []


def test_the_window_shows_the_labels_of_the_table(qtbot: object) -> None:
    from yibao.ui.person import PersonPanel

    panel = PersonPanel([("yantai", "烟台市")])
    assert panel.on.accessibleName() == FIELD_LABELS["on"]
    assert panel.retired.accessibleName() == FIELD_LABELS["person.retired"]


def test_an_input_error_names_the_field_as_the_window_labels_it() -> None:
    from yibao.rules import Request, calculate
    from yibao.rules.errors import InputError

    with pytest.raises(InputError) as caught:
        calculate(Request.model_validate({"city": "yantai", "on": "2010-01-01"}))
    assert "适用日期" in str(caught.value)


def test_wording_loads_without_pydantic_or_qt() -> None:
    code = "import sys, yibao.wording; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'PySide6')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("amount", "table", "sentence"),
    [
        (Decimal("3055"), "3,055.00", "¥3,055.00"),
        (Decimal("0.005"), "0.01", "¥0.01"),  # half-up to the fen
        (Decimal("1234567.891"), "1,234,567.89", "¥1,234,567.89"),
        (Decimal("600"), "600.00", "¥600.00"),
    ],
)
def test_money_has_two_decimals_and_thousands_separators(amount: Decimal, table: str, sentence: str) -> None:
    assert money(amount) == table
    assert yuan(amount) == sentence
    assert fen_number(amount) == table.replace(",", "")  # the JSON contract stays machine-readable


def test_a_figure_the_documents_do_not_give() -> None:
    assert yuan(None) == NOT_STATED == money_or_not_stated(None) == "文件未规定"


@pytest.mark.parametrize(
    ("rate", "text"),
    [(Decimal("0.6"), "60%"), (Decimal("0.5764"), "57.64%"), (Decimal("0.073"), "7.3%"), (Decimal("0.0200"), "2%")],
)
def test_rates_are_percentages_with_the_decimals_they_need(rate: Decimal, text: str) -> None:
    assert percent(rate) == text


def test_a_computed_rate_is_kept_to_a_hundredth_of_a_percent() -> None:
    assert rate_of(Decimal("3055"), Decimal("5300")) == Decimal("0.5764")  # 57.641…% → 57.64%
    assert to_fen(Decimal("2.345")) == Decimal("2.35")


def test_months_and_dates() -> None:
    assert months(8) == "8个月"
    assert months(36) == "36个月（3年）"
    assert months(280) == "280个月（23年4个月）"
    assert cn_date(date(2026, 1, 1)) == "2026年1月1日"
    assert cn_month(date(2025, 3, 1)) == "2025年3月"


@pytest.mark.parametrize("code", sorted(errno.errorcode), ids=lambda code: errno.errorcode[code])
def test_every_file_problem_is_said_in_chinese(code: int) -> None:
    """Issue 22.14: an errno without a Chinese line gave the system's English (“系统错误 36：File name too long”), as
    did the short write on a closed pipe (“short write”)."""
    said = describe_os_error(OSError(code, os.strerror(code)))
    assert re.search("[\u4e00-\u9fff]", said) and english_in(said) is None, said


def test_a_file_name_too_long_is_one_chinese_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["calc", str(tmp_path / ("长" * 200 + ".json"))])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "文件名或路径太长" in err and english_in(err) is None, err


@pytest.mark.parametrize(("before", "after", "words"), [
    ("800元", "600元", "由800元降至600元"),
    ("6.3%", "7%", "由6.3%升至7%"),
    ("9%", "9%", "仍为9%"),
    ("文件未规定", "5%", "由文件未规定变为5%"),
    ("不设此项", "1500元", "新设为1500元（此前不设此项）"),
    ("1500元", "不设此项", "不再设立（此前为1500元）"),
    ("不设此项", "不设此项", "仍为不设此项"),
])
def test_how_a_rule_moved_reads(before: str, after: str, words: str) -> None:
    """A layer set up or given up is said so (issue 21.8/21.10: 「由不设此项变为1500元」 read as a value)."""
    assert change_words(before, after) == words
