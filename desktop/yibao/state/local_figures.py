"""Figures the documents leave to the city (the province average wage, inpatient shares…), entered by staff.

Stored as JSON in data_dir()/local-figures.json, each value as written (``"0.85"``, ``{"1": "0.9", …}``, ``true``;
``null`` for 本市不设此项, allowed only for a parameter the catalogue marks ``may_be_absent``), and converted with
the same rules as the policy files when loaded.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from yibao.json_text import loads
from yibao.rules import InputError, LocalFigure, Policy
from yibao.rules.inputs import InputProblem, ascii_digits, parse_file_date
from yibao.rules.policy import (
    FIXED_KEYS,
    KEY_SEPARATOR,
    LOWEST_KEY,
    FigureSource,
    ParameterSpec,
    Resolved,
    Value,
    convert_value,
    written_value,
)
from yibao.state.atomic import copy_aside, set_aside_reported, write_text_atomic
from yibao.state.lock import locked
from yibao.state.paths import data_dir
from yibao.wording import FIELD_LABELS, cn_date, describe_os_error

FILE_NAME = "local-figures.json"
FORMAT_VERSION = 1

# What a value of each unit must look like, as the region files write it.
_FORMS = {
    "rate": (re.compile(r"(0(\.\d+)?|1(\.0+)?)"), "比例应写成 0 到 1 之间的小数，如 0.85 表示 85%（不带 %）"),
    "yuan": (re.compile(r"\d+(\.\d{1,2})?"), "金额应写成元，最多两位小数，如 3000 或 2500.50"),
    "yuan_per_month": (re.compile(r"\d+(\.\d{1,2})?"), "金额应写成每月多少元，最多两位小数，如 7215.50"),
    "yuan_per_year": (re.compile(r"\d+(\.\d{1,2})?"), "金额应写成每年多少元，最多两位小数，如 120"),
    "months": (re.compile(r"\d+"), "月数应写成整数，如 300"),
    "multiple": (re.compile(r"\d+(\.\d+)?"), "倍数应写成数字，如 1.5"),
}
_FLAGS = {"是": True, "否": False, "true": True, "false": False}
_DIMENSION_KEYS = {
    "tier": "医院等级 1、2、3",
    "sex": "性别 male、female",
    "status": "人员状态 in_service、retired",
    "age_from": "起始年龄（整数，须含 0）",
    "stay_from": "起始住院次数（整数，须含 1）",
    "burden_from": "分段起点（本年个人负担超过起付标准的金额，整数元，须含 0）",
}

log = logging.getLogger(__name__)


class LocalFigureError(InputError):
    """A bad local figure: ``field`` is a local_figure field of FIELD_LABELS (``value.<key>`` for one cell of a table)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        label = FIELD_LABELS.get(f"local_figure.{field.split('.')[0]}", field)
        self.args = (f"本地录入有误：{label}：{problem}",)


def local_figures_path() -> Path:
    return data_dir() / FILE_NAME


def make_local_figure(
    policy: Policy,
    *,
    parameter: str,
    region: str,
    start: date,
    end: date | None,
    raw_value: object,
    note: str = "",
    existing: Sequence[LocalFigure] = (),
    source: FigureSource | None = None,
) -> LocalFigure:
    """Check and build one local figure; raise LocalFigureError (an InputError) naming the field.

    Only a figure the documents leave open may be entered: a period in which a document states the parameter for
    the city is refused. ``existing`` are the figures already kept (without the one being edited): a period
    overlapping one of theirs for the same parameter and city is refused.
    """
    spec = policy.catalogue.get(parameter)
    if spec is None:
        raise LocalFigureError("parameter", f"参数目录中没有“{parameter}”")
    city = policy.regions.get(region)
    if city is None or city.parent is None:
        raise LocalFigureError("region", f"没有“{region}”这个城市代码")
    if end is not None and end < start:
        raise LocalFigureError("end", f"结束日期（{cn_date(end)}）早于开始日期（{cn_date(start)}）")
    value = None
    if raw_value is None:
        _check_may_be_absent(policy, spec)
    else:
        value = _convert(raw_value, spec)
    figure = LocalFigure(parameter, region, start, end, value, note.strip(), source)
    stated = stated_in_period(policy, parameter, region, start, end)
    if stated is not None:
        day, found = stated
        assert found.document is not None
        raise LocalFigureError("start", f"{cn_date(day)}起{found.document.number} {found.entry.source.clause}已规定此项"
                                        f"（{found.region.name}），本地录入只能填写文件未规定的期间")
    clash = next((other for other in existing if overlaps(figure, other)), None)
    if clash is not None:
        raise LocalFigureError("start", f"与已录入的{period_text(clash)}的同一参数日期重叠")
    return figure


def _check_may_be_absent(policy: Policy, spec: ParameterSpec) -> None:
    """A value of None says 本市不设此项: allowed only where the catalogue marks the parameter may_be_absent."""
    if not spec.may_be_absent:
        allowed = "、".join(s.label for s in policy.catalogue.values() if s.may_be_absent) or "无"
        raise LocalFigureError("value", f"“{spec.label}”须填写数值，不能写为本市不设此项"
                                        f"（可写为不设此项的只有：{allowed}）")


def stated_in_period(
    policy: Policy, parameter: str, city: str, start: date, end: date | None
) -> tuple[date, Resolved] | None:
    """The first day in the period on which a document states the parameter for the city, with that figure.

    The documents' answer changes only where an entry starts or ends, so those days (and ``start``) are enough.
    """
    days = {start}
    for region in (policy.regions[policy.province], policy.regions[city]):
        for entry in region.entries.get(parameter, ()):
            days.add(entry.start)
            if entry.end is not None:
                days.add(entry.end + timedelta(days=1))
    for day in sorted(d for d in days if start <= d and (end is None or d <= end)):
        found = policy.snapshot(city, day).get(parameter)
        if found is not None and found.entry.status != "not_stated":
            return day, found
    return None


def save_local_figures(figures: Sequence[LocalFigure]) -> None:
    """Write the figures atomically; raise LocalFigureError if two of them overlap (nothing is written then)."""
    for i, figure in enumerate(figures):
        for other in figures[:i]:
            if overlaps(figure, other):
                raise LocalFigureError("start", f"{period_text(figure)}与{period_text(other)}日期重叠")
    records = [_record(f) for f in figures]
    text = json.dumps({"version": FORMAT_VERSION, "figures": records}, ensure_ascii=False, indent=2)
    write_text_atomic(local_figures_path(), text + "\n")


def save_edits(policy: Policy, opened: Sequence[LocalFigure], edited: Sequence[LocalFigure]) -> list[LocalFigure]:
    """Save the list the 本地录入参数 dialog ends with, and return what is saved.

    ``opened`` is the list the dialog started from. If another program (``yibao figures import``, a second window)
    saved since, its figures are kept: the dialog's additions and deletions are applied to the file as it is now.
    An addition overlapping a figure saved meanwhile is refused (LocalFigureError, nothing written). Under the lock.
    """
    with locked(local_figures_path()):
        current, _message = load_local_figures(policy)
        if current == list(opened):
            merged = list(edited)
        else:
            added = [f for f in edited if f not in opened]
            merged = [f for f in current if f in edited or f not in opened]
            for figure in (f for f in added if f not in merged):
                clash = next((kept for kept in merged if overlaps(kept, figure)), None)
                if clash is not None:
                    what = f"{policy.regions[figure.region].name}·{policy.catalogue[figure.parameter].label}"
                    raise LocalFigureError("start", f"本对话框打开后，另一个程序（如命令行导入数据包）已保存了"
                                                    f"{what}{period_text(clash)}的一条，与您录入的{period_text(figure)}"
                                                    "的日期重叠；未保存。请修改或删除您的这一条后再按“确定”")
                merged.append(figure)
        save_local_figures(merged)
    return merged


def _record(figure: LocalFigure) -> dict[str, Any]:
    record: dict[str, Any] = {
        "parameter": figure.parameter,
        "region": figure.region,
        "start": figure.start.isoformat(),
        "end": figure.end.isoformat() if figure.end else None,
        "value": written_value(figure.value),
        "note": figure.note,
    }
    if figure.source is not None:
        record["source"] = {**asdict(figure.source), "issued": figure.source.issued and figure.source.issued.isoformat()}
    return record


def load_local_figures(policy: Policy) -> tuple[list[LocalFigure], str | None]:
    """The saved figures and a Chinese message if the file was damaged (set aside) or records were skipped."""
    path = local_figures_path()
    try:
        data = loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):  # none saved yet (or no folder to hold one)
        return [], None
    except ValueError:  # not UTF-8, not JSON (json_text.loads: a key twice, nested too deep…)
        return [], set_aside_reported(path, "本地录入数据文件", "现从空白开始")
    except OSError as exc:
        log.warning("cannot read %s: %s", path, exc)
        return [], f"无法读取本地录入数据 {path}（{describe_os_error(exc)}），本次不使用本地录入数据"
    records = data.get("figures") if isinstance(data, dict) else None
    if not isinstance(records, list):
        return [], set_aside_reported(path, "本地录入数据文件", "现从空白开始")
    figures: list[LocalFigure] = []
    same_key: dict[tuple[object, object], list[LocalFigure]] = {}  # only these can overlap: loading stays linear
    skipped: list[str] = []
    for i, record in enumerate(records, start=1):
        key = (record.get("parameter"), record.get("region")) if isinstance(record, dict) else None
        try:
            figure = _from_record(policy, record, same_key.get(key, ()) if key else ())
            figures.append(figure)
            same_key.setdefault((figure.parameter, figure.region), []).append(figure)
        except InputError as exc:
            skipped.append(f"第{i}条（{_describe(policy, record)}）：{exc.problem}")
    if not skipped:
        return figures, None
    log.warning("local figures skipped: %s", skipped)
    # The next save rewrites the file without the skipped records: keep the file as it was.
    try:
        kept = f"原文件已另存为 {copy_aside(path)}"
    except OSError as exc:
        kept = f"原文件无法另存（{describe_os_error(exc)}），下次保存本地录入数据时这些记录将不再保留"
    return figures, f"以下本地录入数据有误，已跳过（{kept}）：" + "；".join(skipped)


def _from_record(policy: Policy, record: object, earlier: Sequence[LocalFigure]) -> LocalFigure:
    if not isinstance(record, dict):
        raise LocalFigureError("value", "不是一条录入记录")
    parameter, region, note = record.get("parameter"), record.get("region"), record.get("note", "")
    if not isinstance(parameter, str):
        raise LocalFigureError("parameter", "缺少参数名")
    if not isinstance(region, str):
        raise LocalFigureError("region", "缺少城市代码")
    if not isinstance(note, str):
        raise LocalFigureError("note", "备注应为文字")
    if "value" not in record:
        raise LocalFigureError("value", "缺少数值")
    raw = record.get("value")
    if raw is not None and not isinstance(raw, str | bool | dict):
        raise LocalFigureError("value", "缺少数值或格式不对")
    spec = policy.catalogue.get(parameter)
    if spec is not None and isinstance(raw, dict):
        raw = _split_further(raw, spec.dims)
    end = record.get("end")
    return make_local_figure(
        policy,
        parameter=parameter,
        region=region,
        start=_date(record.get("start"), "start"),
        end=None if end is None else _date(end, "end"),
        raw_value=raw,
        note=note,
        existing=earlier,
        source=_source(record.get("source")),
    )


def _source(data: object) -> FigureSource | None:
    if data is None:
        return None
    texts = ("issuer", "number", "title", "clause")
    if not isinstance(data, dict) or set(data) != {*texts, "issued"} or not all(isinstance(data[k], str) for k in texts):
        raise LocalFigureError("source", "依据文件的记录格式不对")
    issued = data["issued"]
    return FigureSource(data["issuer"], data["number"], data["title"],
                        None if issued is None else _date(issued, "source"), data["clause"])


def _split_further(raw: dict[str, Any], dims: tuple[str, ...]) -> dict[str, Any]:
    """A figure saved before its parameter gained a second key (the inpatient share by tier, then by tier and in
    service / retired) meant the same figure for every value of the new key: it is spread over them on loading."""
    fixed = [FIXED_KEYS.get(d) for d in dims[1:]]
    if len(dims) < 2 or not all(isinstance(v, str) for v in raw.values()) or any(k is None for k in fixed):
        return raw

    def spread(value: str, keys: list[tuple[str, ...] | None]) -> Any:
        return value if not keys else {k: spread(value, keys[1:]) for k in keys[0] or ()}

    return {key: spread(value, fixed) for key, value in raw.items()}


def _date(text: object, field: str) -> date:
    try:
        return parse_file_date(text)
    except InputProblem as exc:
        raise LocalFigureError(field, str(exc)) from None


def _convert(raw: object, spec: ParameterSpec) -> Value:
    if spec.unit == "flag":
        flag = raw if isinstance(raw, bool) else _FLAGS.get(raw.strip()) if isinstance(raw, str) else None
        if flag is None:
            raise LocalFigureError("value", "应为“是”或“否”")
        return flag
    if isinstance(raw, str) and len(spec.dims) == 1 and spec.dims[0] in LOWEST_KEY:
        raw = {LOWEST_KEY[spec.dims[0]]: raw}  # one band for everyone: a 大额 share saved before it had segments
    if not spec.dims:
        if not isinstance(raw, str):
            raise LocalFigureError("value", "应为一个数字")
        _check_form(raw.strip(), spec, "value")
        cleaned: object = raw.strip()
    else:
        cleaned = _cleaned_table(raw, spec, spec.dims, ())
    try:
        return convert_value(cleaned, spec)
    except ValueError as exc:  # the checks above should leave nothing for it to refuse
        raise LocalFigureError("value", str(exc)) from None


def _cleaned_table(raw: object, spec: ParameterSpec, dims: tuple[str, ...], path: tuple[str, ...]) -> dict[str, object]:
    """A split value checked level by level: the keys of each dimension, then each cell's form."""
    joined = KEY_SEPARATOR.join(path)
    field, prefix = (f"value.{joined}", f"“{joined}”一栏：") if path else ("value", "")
    if not isinstance(raw, Mapping):
        raise LocalFigureError(field, f"{prefix}应按{_DIMENSION_KEYS[dims[0]]}分列填写")
    table = {str(k).strip(): v for k, v in raw.items()}
    _check_keys(table, dims[0], field, prefix)
    cleaned: dict[str, object] = {}
    for key, cell in table.items():
        here = (*path, key)
        if len(dims) > 1:
            cleaned[key] = _cleaned_table(cell, spec, dims[1:], here)
            continue
        joined = KEY_SEPARATOR.join(here)
        text = cell.strip() if isinstance(cell, str) else ""
        _check_form(text, spec, f"value.{joined}", f"“{joined}”一栏：")
        cleaned[key] = text
    return cleaned


def _check_keys(raw: Mapping[str, object], by: str, field: str = "value", prefix: str = "") -> None:
    expected = FIXED_KEYS.get(by)
    if expected is None:
        bad = [k for k in raw if not ascii_digits(k)]
        missing = [] if LOWEST_KEY[by] in raw else [LOWEST_KEY[by]]
    else:
        bad = sorted(set(raw) - set(expected))
        missing = [k for k in expected if k not in raw]
    if bad:
        raise LocalFigureError(field, f"{prefix}不认识“{'”“'.join(bad)}”一栏（应按{_DIMENSION_KEYS[by]}分列）")
    if missing:
        raise LocalFigureError(field, f"{prefix}缺少“{'”“'.join(missing)}”一栏（应按{_DIMENSION_KEYS[by]}分列）")


def _check_form(text: str, spec: ParameterSpec, field: str, prefix: str = "") -> None:
    pattern, expected = _FORMS[spec.unit]
    if not pattern.fullmatch(text):
        shown = f"“{text}”" if text else "空白"
        raise LocalFigureError(field, f"{prefix}{shown}不符合要求：{expected}")


def overlaps(a: LocalFigure, b: LocalFigure) -> bool:
    if a.parameter != b.parameter or a.region != b.region:
        return False
    return (a.end is None or b.start <= a.end) and (b.end is None or a.start <= b.end)


def period_text(figure: LocalFigure) -> str:
    until = f"至{cn_date(figure.end)}" if figure.end else "起"
    return f"{cn_date(figure.start)}{until}"


def _describe(policy: Policy, record: Any) -> str:
    if not isinstance(record, dict):
        return "格式不对"
    region = policy.regions.get(str(record.get("region")))
    spec = policy.catalogue.get(str(record.get("parameter")))
    city = region.name if region else str(record.get("region"))
    what = spec.label if spec else str(record.get("parameter"))
    return f"{city}·{what}，{record.get('start')}起"

