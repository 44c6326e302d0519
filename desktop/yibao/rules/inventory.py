"""The policy basis as a list: every parameter for a city on a date, what it is and what it rests on.

Pure functions over the loaded policy, for the 政策依据 view and the local-figures form:
which figures are in force, which changed between two dates, and which the documents leave open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from yibao.rules.policy import KEY_SEPARATOR, FigureSource, LocalFigure, ParameterSpec, Policy, Resolved, Value
from yibao.rules.trace import source_of
from yibao.vocabulary import SEX_NAMES, STATUS_NAMES, TIER_NAMES
from yibao.wording import ABSENT_MARK, NOT_STATED, cn_date, percent, plain

IN_FORCE = "施行中"
TRANSITION = "过渡期"
LOCAL = "本地录入"
NOT_OFFERED = ABSENT_MARK
ABSENT_NOTE = NOT_STATED

GROUPS = {
    "contribution": "缴费",
    "wage": "缴费基数",
    "personal_account": "个人账户",
    "flexible": "灵活就业",
    "supplementary": "大额补助",
    "outpatient": "门诊",
    "inpatient": "住院",
    "retirement": "退休年限",
    "fund": "调剂金",
    "coverage": "生育",
    "benefits": "待遇享受",
}
_UNIT_SUFFIX = {"yuan": "元", "yuan_per_month": "元/月", "yuan_per_year": "元/年", "multiple": "倍"}


@dataclass(frozen=True)
class ParameterRow:
    parameter: str
    label: str
    group: str
    value_text: str
    region_name: str
    document: str  # number and title; "" when absent; 本地录入 for a local figure
    clause: str
    start: date | None
    end: date | None  # last day this figure applies to the city, when known
    status: str  # 施行中 | 过渡期 | 文件未规定 | 本地录入
    note: str


@dataclass(frozen=True)
class ParameterChange:
    parameter: str
    label: str
    before: str
    after: str
    before_source: str
    after_source: str


def group_of(parameter: str) -> str:
    prefix = parameter.split(".", 1)[0]
    return GROUPS.get(prefix, prefix)


def key_label(spec: ParameterSpec, key: str, keys: Sequence[str] = ()) -> str:
    """The Chinese name of one cell of a split value (二级·退休); thresholds read as ranges up to the next key."""
    parts = key.split(KEY_SEPARATOR)
    labels = []
    for i, (dim, part) in enumerate(zip(spec.dims, parts, strict=True)):
        labels.append(_dimension_label(dim, part, [k.split(KEY_SEPARATOR)[i] for k in keys]))
    return "·".join(labels)


def _dimension_label(dim: str, key: str, keys: Sequence[str]) -> str:
    if dim == "tier":
        return TIER_NAMES[int(key)]
    if dim == "sex":
        return SEX_NAMES[key]
    if dim == "status":
        return STATUS_NAMES[key]
    later = [int(k) for k in keys if int(k) > int(key)]
    upper = min(later) if later else None
    if dim == "age_from":
        if upper is None:
            return f"{key}周岁及以上" if key != "0" else "各年龄"
        return f"{upper}周岁以下" if key == "0" else f"{key}至{upper - 1}周岁"
    if dim == "burden_from":  # the burden past the 大额 deductible, in yuan
        if upper is None:
            return "不分段" if key == "0" else f"{key}元以上"
        return f"{upper}元以下" if key == "0" else f"{key}至{upper}元"
    if upper is None:
        return f"第{key}次及以上"
    return f"第{key}次" if upper == int(key) + 1 else f"第{key}至{upper - 1}次"


def figure_text(spec: ParameterSpec, number: Decimal) -> str:
    """One figure with its unit: 8.5%, 500元, 10元/月, 360个月（30年）."""
    if spec.unit == "rate":
        return percent(number)
    if spec.unit == "months":
        years = f"（{plain(number / 12)}年）" if number >= 12 and number % 12 == 0 else ""
        return f"{plain(number)}个月{years}"
    return f"{plain(number)}{_UNIT_SUFFIX.get(spec.unit, '')}"


def value_text(spec: ParameterSpec, value: Value | None) -> str:
    """A whole value as read aloud: tables spelled out key by key; None (a layer the city does not have) 不设此项."""
    if value is None:
        return NOT_OFFERED
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return figure_text(spec, value)
    keys = list(value)
    return "；".join(f"{key_label(spec, k, keys)} {figure_text(spec, v)}" for k, v in value.items())


def parameters_in_force(
    policy: Policy, city: str, on: date, local: Sequence[LocalFigure] = (), *, ends: bool = True
) -> list[ParameterRow]:
    """Every parameter of the catalogue for the city on the date, grouped, in catalogue order within a group.

    ``ends=False`` leaves each row's ``end`` unset, which saves looking ahead when only the figures are wanted."""
    snapshot = policy.snapshot(city, on, local)
    groups = list(dict.fromkeys(group_of(name) for name in policy.catalogue))
    rows = []
    for name, spec in sorted(policy.catalogue.items(), key=lambda item: groups.index(group_of(item[0]))):
        found = snapshot.get(name)
        if found is None:
            rows.append(ParameterRow(name, spec.label, group_of(name), NOT_STATED, "", "", "", None, None,
                                     NOT_STATED, ABSENT_NOTE))
            continue
        rows.append(_row(policy, city, on, local, found, ends))
    return rows


def _row(
    policy: Policy, city: str, on: date, local: Sequence[LocalFigure], found: Resolved, ends: bool = True
) -> ParameterRow:
    entry = found.entry
    notes = [n for n in (found.phase_note, _phase_text(policy, found), entry.note) if n]
    pack = found.local_source
    if found.document is None:
        status, document = LOCAL, LOCAL if pack is None else f"{LOCAL}：{pack_document_text(pack)}"
    else:
        document = f"{found.document.number}《{found.document.title}》"
        status = TRANSITION if entry.phase_in is not None else IN_FORCE
    if entry.status == "not_stated":
        status, text = NOT_STATED, NOT_STATED
    elif entry.value is None:
        text = NOT_OFFERED
    else:
        text = value_text(found.spec, entry.value)
    clause = entry.source.clause if found.document is not None else pack.clause if pack is not None else ""
    return ParameterRow(found.parameter, found.spec.label, group_of(found.parameter), text, found.region.name,
                        document, clause, entry.start, _last_day(policy, city, on, local, found) if ends else None, status,
                        "；".join(dict.fromkeys(notes)))


def pack_document_text(pack: FigureSource) -> str:
    """A pack's document as cited where a figure is listed: 烟医保发〔2024〕1号《…》（烟台市医疗保障局）."""
    number = f"{pack.number}《{pack.title}》" if pack.number else f"《{pack.title}》"
    return f"{number}（{pack.issuer}）"


def _phase_text(policy: Policy, found: Resolved) -> str | None:
    phase_in = found.entry.phase_in
    if phase_in is None or found.entry.end is None:
        return None
    number = policy.documents[phase_in.source.document].number
    switch = found.entry.end + timedelta(days=1)
    return f"过渡期至{cn_date(found.entry.end)}，{cn_date(switch)}起按省规定（{number} {phase_in.source.clause}）"


def _last_day(
    policy: Policy, city: str, on: date, local: Sequence[LocalFigure], found: Resolved
) -> date | None:
    """The day before the first later date on which another figure (or none) applies, if any."""
    name = found.parameter
    entries = [e for region in policy.chain(city) for e in region.entries.get(name, ())]
    moments = {e.start for e in entries} | {e.end + timedelta(days=1) for e in entries if e.end is not None}
    for figure in local:
        if figure.parameter == name and figure.region == city:
            moments.add(figure.start)
            if figure.end is not None:
                moments.add(figure.end + timedelta(days=1))
    for moment in sorted(m for m in moments if m > on):
        later = policy.snapshot(city, moment, local).get(name)
        if later is None or later.entry != found.entry:
            return moment - timedelta(days=1)
    return None


def changes_between(
    policy: Policy, city: str, first: date, second: date, local: Sequence[LocalFigure] = ()
) -> list[ParameterChange]:
    """Parameters whose figure, status or basis differs between the two dates (not those given on neither)."""
    before_snapshot = policy.snapshot(city, first, local)
    after_snapshot = policy.snapshot(city, second, local)
    before_rows = parameters_in_force(policy, city, first, local, ends=False)
    after_rows = parameters_in_force(policy, city, second, local, ends=False)
    changes = []
    for before, after in zip(before_rows, after_rows, strict=True):
        before_source = _source_text(before_snapshot.get(before.parameter))
        after_source = _source_text(after_snapshot.get(after.parameter))
        if before.status == after.status == NOT_STATED:
            continue
        if (before.value_text, before.status, before_source) != (after.value_text, after.status, after_source):
            changes.append(ParameterChange(before.parameter, before.label, _with_status(before),
                                           _with_status(after), before_source, after_source))
    return changes


def last_change(policy: Policy, city: str, on: date, local: Sequence[LocalFigure] = ()) -> date | None:
    """The latest day on or before ``on`` when something in force for the city changed (a value starting or
    ending, a phase-in running out), so the 政策依据 view can open on the change that matters, e.g. 2024-01-01."""
    days: set[date] = set()
    for region in policy.chain(city):
        for entries in region.entries.values():
            for entry in entries:
                days.add(entry.start)
                if entry.end is not None:
                    days.add(entry.end + timedelta(days=1))
                if entry.phase_in_until is not None:
                    days.add(entry.phase_in_until)
    for day in sorted((d for d in days if d <= on), reverse=True):
        if changes_between(policy, city, day - timedelta(days=1), day, local):
            return day
    return None


def _source_text(found: Resolved | None) -> str:
    return "" if found is None else source_of(found).text()


def _with_status(row: ParameterRow) -> str:
    if row.status in (TRANSITION, LOCAL):
        return f"{row.value_text}（{row.status}）"
    return row.value_text


def open_parameters(policy: Policy, city: str, on: date) -> list[str]:
    """Parameters the documents leave open for the city on the date: the ones staff may enter locally."""
    snapshot = policy.snapshot(city, on)
    open_names = []
    for name in policy.catalogue:
        found = snapshot.get(name)
        if found is None or found.entry.status == "not_stated":
            open_names.append(name)
    return open_names
