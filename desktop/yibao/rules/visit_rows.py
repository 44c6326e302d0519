"""Visits from rows of cells, as people keep them in a spreadsheet: pasted into the window, imported from a CSV or
XLSX file, or given to ``yibao calc --visits``. One reading for all three, all or nothing.

The columns are kind, tier, in scope, out of scope and 先行自付. A first row of Chinese headers (政策范围内费用(元),
医院级别…) says which column is which and columns it does not know (日期, 医院名称) are left out; without one the
cells are read in that order. Kind and tier are read as people write them (门诊, 住院; 三级, 3, 三甲, 一级及以下) and
amounts as the window's fields read them (``yibao.rules.inputs.parse_amount``). A cell that cannot be read is
named by its row and column, counted as the clerk sees them in the spreadsheet (the header row is row 1).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from yibao.rules.inputs import InputProblem, normalise, parse_amount
from yibao.rules.models import MAX_VISITS, Visit
from yibao.wording import FIELD_LABELS

COLUMNS = ("kind", "tier", "in_scope", "out_of_scope", "self_pay_first")
REQUIRED = COLUMNS[:3]
OPTIONAL_AMOUNTS = COLUMNS[3:]  # blank is 0
# Headers as hospitals' settlement lists and the 医保 app's export write them, besides the window's own labels.
OTHER_HEADERS: dict[str, tuple[str, ...]] = {
    "kind": ("就诊类型", "类别", "类型", "医疗类别", "门诊住院", "门诊/住院", "kind"),
    "tier": ("医院级别", "等级", "级别", "医疗机构等级", "医疗机构级别", "机构等级", "机构级别", "tier"),
    "in_scope": ("政策范围内费用", "政策内费用", "范围内费用", "范围内", "in_scope"),
    "out_of_scope": ("政策范围外费用", "政策外费用", "范围外费用", "范围外", "全自费", "自费", "out_of_scope"),
    "self_pay_first": ("先行自付费用", "个人先行自付", "乙类先行自付", "self_pay_first"),
}
_HEADERS = {word: column for column, words in OTHER_HEADERS.items()
            for word in (FIELD_LABELS[f"visits.{column}"], *words)}
_UNIT = re.compile(r"[(（]元[)）]$|元$")
KIND_WORDS = {"门诊": "outpatient", "普通门诊": "outpatient", "门诊统筹": "outpatient", "普通门诊统筹": "outpatient",
              "outpatient": "outpatient", "住院": "inpatient", "inpatient": "inpatient"}
_TIER_DIGITS = {"1": 1, "2": 2, "3": 3, "一": 1, "二": 2, "三": 3}
# 3, 3级, 三级, 三级甲等, 三甲, 三级医院; 一级及以下, 一级以下
_TIER = re.compile(r"([123一二三])(?:级)?(?:[甲乙丙](?:等)?)?(?:医院|医疗机构)?|([1一])级?(?:及以下|以下)")
KIND_HINT = "门诊 或 住院"
TIER_HINT = "1、2、3，一级、二级、三级，或三甲、二乙这样的写法"


class RowProblem(ValueError):
    """A row or cell that cannot be read; the message names it: 第3行第2列（医院等级）：……"""


@dataclass(frozen=True)
class VisitRows:
    """What the rows hold: the visits, and the headed columns that were left out (日期, 医院名称)."""

    visits: list[Visit]
    unused_columns: list[str]


def split_rows(text: str, delimiter: str = "\t") -> list[list[str]]:
    """Rows of cells from delimited text: a spreadsheet's copied cells (tabs) or a CSV file's text (commas).
    Cells a spreadsheet quoted (a line break inside a cell) come back as one cell."""
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=delimiter))


def read_visit_rows(rows: Sequence[Sequence[str]], *, room: int = MAX_VISITS) -> VisitRows:
    """The visits the rows hold, or RowProblem naming the first row and column that cannot be read; at most
    ``room`` visits (what the case has room for)."""
    # A line break or tab inside a cell (a quoted cell) is a space: a message quoting the cell stays one line.
    numbered = [(number, [" ".join(normalise(cell).split()) for cell in row]) for number, row in enumerate(rows, start=1)]
    numbered = [(number, cells) for number, cells in numbered if any(cells)]  # blank rows between visits
    if not numbered:
        raise RowProblem("没有就诊记录（表格是空的）")
    columns, unused = _columns(*numbered[0])
    if unused is not None:
        numbered = numbered[1:]
        if not numbered:
            raise RowProblem("只有表头，没有就诊记录")
    if len(numbered) > room:
        raise RowProblem(f"共{len(numbered)}条就诊记录，超过了可添加的{room}条（一年最多{MAX_VISITS}条）")
    visits = [_visit(number, cells, columns) for number, cells in numbered]
    return VisitRows(visits, unused or [])


def _columns(number: int, cells: list[str]) -> tuple[dict[str, int], list[str] | None]:
    """Which cell holds which field: by the headers if the first row has any (and the headed columns left out),
    else by position (and None)."""
    keys = [_HEADERS.get(_UNIT.sub("", cell.replace(" ", "").replace("　", "")).lower()) for cell in cells]
    if not any(keys):
        used = len(cells)
        while used and not cells[used - 1]:
            used -= 1
        if used > len(COLUMNS):
            names = "、".join(FIELD_LABELS[f"visits.{column}"] for column in COLUMNS)
            raise RowProblem(f"第{number}行有{used}列：没有表头时按 {names} 的顺序读，最多{len(COLUMNS)}列"
                             "（或在第一行写上表头）")
        return {column: index for index, column in enumerate(COLUMNS)}, None
    columns: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in columns:
            raise RowProblem(f"第{number}行：第{columns[key] + 1}列和第{index + 1}列都是“{FIELD_LABELS['visits.' + key]}”")
        columns[key] = index
    missing = [FIELD_LABELS[f"visits.{key}"] for key in REQUIRED if key not in columns]
    if missing:
        raise RowProblem(f"第{number}行（表头）缺少“{'”“'.join(missing)}”列")
    return columns, [cell for cell, key in zip(cells, keys, strict=True) if key is None and cell]


def _visit(number: int, cells: list[str], columns: dict[str, int]) -> Visit:
    values: dict[str, object] = {}
    for key, index in columns.items():
        text = cells[index] if index < len(cells) else ""
        where = f"第{number}行第{index + 1}列（{FIELD_LABELS['visits.' + key]}）"
        try:
            values[key] = _read(key, text)
        except InputProblem as exc:
            raise RowProblem(f"{where}：{exc}") from None
    return Visit.model_validate(values)


def _read(key: str, text: str) -> object:
    if key == "kind":
        return read_kind(text)
    if key == "tier":
        return read_tier(text)
    if not text and key in OPTIONAL_AMOUNTS:
        return Decimal(0)
    return parse_amount(text)


def read_kind(text: str) -> str:
    """'门诊' → 'outpatient', '住院' → 'inpatient'."""
    kind = KIND_WORDS.get(normalise(text).replace(" ", "").lower())
    if kind is None:
        raise InputProblem(f"“{text}”不是就诊类别（可写 {KIND_HINT}）" if text else "必须填写")
    return kind


def read_tier(text: str) -> int:
    """'三甲' → 3, '3' → 3, '一级及以下' → 1."""
    match = _TIER.fullmatch(normalise(text).replace(" ", ""))
    if match is None:
        raise InputProblem(f"“{text}”不是医院等级（可写 {TIER_HINT}）" if text else "必须填写")
    return _TIER_DIGITS[match[1] or match[2]]
