"""The blocks a sheet is made of (sections of tables of rows, with totals): shared by the content, the before/after
section and the renderings, so none of them imports another for its shapes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Row:
    label: str
    figure: str
    formula: str = ""
    source: str = ""
    local: bool = False
    kind: Literal["line", "group"] = "line"  # a group row heads the lines of one visit


@dataclass(frozen=True)
class Table:
    title: str
    rows: tuple[Row, ...]
    headings: tuple[str, str, str, str] = ("项目", "金额/数值", "计算过程", "依据")


@dataclass(frozen=True)
class Total:
    label: str
    figure: str  # "1,260.00" or 文件未规定
    capitals: str  # 壹仟贰佰陆拾元整, or "" when unknown or not money
    note: str = ""  # shown in the capitals' place for a figure that is not money


@dataclass(frozen=True)
class Section:
    title: str
    tables: tuple[Table, ...]
    totals: tuple[Total, ...] = ()
    totals_title: str = "合计"
