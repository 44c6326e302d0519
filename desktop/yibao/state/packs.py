"""Figures packs: the local figures a city's bureau prepares once, as one JSON file every hall imports.

A pack is a header (``format: "yibao-figures"``, ``version``, ``issuer``, ``prepared``, ``documents``) and
``figures``, each naming a parameter, a city, a period, a value written as the policy files write values, and
the document (an id from the header) and clause it rests on. A value of ``null`` says the city has no such layer
(本市不设此项), allowed only for a parameter the catalogue marks ``may_be_absent``. Every figure passes the same
checks as a figure typed in by hand (only what the documents leave open; no overlap); a bad pack is refused whole, with one
Chinese line naming the record and the field.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from yibao.json_text import JsonProblem, loads
from yibao.rules import InputError, LocalFigure, Policy
from yibao.rules.errors import from_validation_error
from yibao.rules.inputs import ONE_LINE, has_control_characters
from yibao.rules.inventory import NOT_OFFERED, key_label
from yibao.rules.policy import FigureSource, FileDate, written_value
from yibao.state.atomic import WriteError, replace_checked
from yibao.state.local_figures import (
    load_local_figures,
    local_figures_path,
    make_local_figure,
    overlaps,
    period_text,
    save_local_figures,
)
from yibao.state.lock import locked
from yibao.wording import FIELD_LABELS, cn_date, describe_os_error

FORMAT = "yibao-figures"
VERSION = 1
NO_DOCUMENT = "本机录入，未注明文件"  # the document a hand-typed figure is exported under (its number left empty)

HEADER_LABELS = {
    "format": "格式标识",
    "version": "版本",
    "issuer": "发布单位",
    "prepared": "编制日期",
    "documents": "文件列表",
    "figures": "参数列表",
    "id": "编号",
    "number": "文号",
    "title": "标题",
    "issued": "印发日期",
}
FIGURE_LABELS = {key.removeprefix("local_figure."): text for key, text in FIELD_LABELS.items() if key.startswith("local_figure.")}
FIGURE_LABELS |= {"document": "依据文件", "clause": "条款"}


class PackError(InputError):
    """A pack refused: the message is one Chinese line naming the record and the field."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field, problem)
        self.args = (f"数据包有误：{problem}",)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _one_line(text: str) -> str:
    if has_control_characters(text):
        raise ValueError(ONE_LINE)
    return text


# A name shown on one line (an issuer, a document's number and title, a clause): a line break would split the lines of
# `figures check` and the cells of the 政策依据 table. A figure's note may run over lines.
OneLine = Annotated[str, AfterValidator(_one_line)]


def _version_number(value: object) -> object:
    """The version is a whole number: ``true`` (which Python counts as 1) and ``"1"`` are refused."""
    if type(value) is not int:
        raise ValueError(f"应为整数 {VERSION}（不带引号），不是 {json.dumps(value, ensure_ascii=False)[:40]}")
    return value


class PackDocument(_Strict):
    id: OneLine = Field(min_length=1)
    number: OneLine
    title: OneLine = Field(min_length=1)
    issued: FileDate | None
    issuer: OneLine | None = None  # only where it is not the pack's: an export of figures from several bureaus


class PackFigure(_Strict):
    parameter: OneLine
    region: OneLine
    start: FileDate
    end: FileDate | None = None
    value: Any
    document: OneLine
    clause: OneLine
    note: str = ""


class PackFile(_Strict):
    format: Literal["yibao-figures"]
    version: Annotated[Literal[1], BeforeValidator(_version_number)]
    issuer: OneLine = Field(min_length=1)
    prepared: FileDate
    documents: list[PackDocument] = Field(min_length=1)
    figures: list[PackFigure]


@dataclass(frozen=True)
class Pack:
    issuer: str
    prepared: date
    documents: tuple[PackDocument, ...]
    figures: tuple[LocalFigure, ...]


def read_pack(policy: Policy, path: Path) -> Pack:
    """Read and check a pack; raise PackError (an InputError) naming the record and field of the first problem."""
    try:
        data = loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PackError("(文件)", f"无法读取 {path}（{describe_os_error(exc)}）") from None
    except UnicodeDecodeError:
        raise PackError("(文件)", f"{path.name} 不是 UTF-8 编码的文本，不是数据包") from None
    except JsonProblem as exc:
        where = f"“{exc.where}”：" if exc.where else ""
        raise PackError(exc.where or "(文件)", f"{path.name} {where}{exc.problem}") from None
    return parse_pack(policy, data)


def parse_pack(policy: Policy, data: object) -> Pack:
    if not isinstance(data, dict):
        raise PackError("(顶层)", "数据包应为一个 JSON 对象")
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as exc:
        raise _schema_error(policy, data, exc) from None
    documents: dict[str, PackDocument] = {}
    for i, document in enumerate(pack.documents, start=1):
        if document.id in documents:
            raise PackError(f"documents[{i - 1}].id", f"第{i}个文件：编号“{document.id}”重复")
        documents[document.id] = document
    figures: list[LocalFigure] = []
    same_key: dict[tuple[str, str], list[LocalFigure]] = {}  # only these can overlap: the check stays linear
    for i, raw in enumerate(pack.figures, start=1):
        where = f"第{i}条（{_describe(policy, raw.region, raw.parameter, raw.start)}）"
        cited = documents.get(raw.document)
        if cited is None:
            known = "、".join(documents)
            raise PackError(f"figures[{i - 1}].document", f"{where}依据文件：文件列表中没有编号“{raw.document}”（有：{known}）")
        source = None if not cited.number else FigureSource(cited.issuer or pack.issuer, cited.number, cited.title,
                                                             cited.issued, raw.clause.strip())
        try:
            figure = make_local_figure(
                policy, parameter=raw.parameter, region=raw.region, start=raw.start, end=raw.end,
                raw_value=raw.value, note=raw.note, existing=same_key.get((raw.parameter, raw.region), ()),
                source=source,
            )
        except InputError as exc:
            base = exc.field.split(".")[0]
            raise PackError(f"figures[{i - 1}].{exc.field}", f"{where}{FIGURE_LABELS.get(base, base)}：{exc.problem}") from None
        figures.append(figure)
        same_key.setdefault((figure.parameter, figure.region), []).append(figure)
    _check_within(policy, figures)
    return Pack(pack.issuer, pack.prepared, tuple(pack.documents), tuple(figures))


# A part that may not exceed its whole, per city and overlapping period (109号 二(三)1: 年度最高支付限额……其中，
# 统筹基金最高支付限额为……).
WITHIN = (("outpatient.fund_yearly_limit", "outpatient.yearly_max"),)


def _check_within(policy: Policy, figures: Sequence[LocalFigure]) -> None:
    for part_name, whole_name in WITHIN:
        for i, part in enumerate(figures, start=1):
            if part.parameter != part_name:
                continue
            for whole in figures:
                if whole.parameter != whole_name or not overlaps(whole, replace(part, parameter=whole_name)):
                    continue
                assert isinstance(part.value, dict) and isinstance(whole.value, dict)
                over = [k for k, v in part.value.items() if v > whole.value.get(k, v)]
                if over:
                    spec = policy.catalogue[part_name]
                    raise PackError(f"figures[{i - 1}].value",
                                    f"第{i}条（{_describe(policy, part.region, part_name, part.start)}）数值：{spec.label}"
                                    f"大于同期的{policy.catalogue[whole_name].label}"
                                    f"（{'、'.join(key_label(spec, k, list(part.value)) for k in over)}）")


def _schema_error(policy: Policy, data: dict[str, Any], exc: ValidationError) -> PackError:
    err = exc.errors()[0]
    loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
    problem = from_validation_error(exc).problem
    if err["type"] in ("too_short", "string_too_short"):
        problem = "不能为空"
    elif err["type"] == "literal_error" and loc == ["format"]:
        problem = f"应为“{FORMAT}”，这不是本计算器的参数数据包"
    elif err["type"] == "literal_error" and loc == ["version"]:
        problem = f"本程序只认识第{VERSION}版数据包"
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(顶层)"
    if len(loc) >= 2 and loc[0] == "figures" and isinstance(loc[1], int):
        record = data["figures"][loc[1]]
        described = _describe(policy, *(str(record.get(k)) if isinstance(record, dict) else "?"
                                        for k in ("region", "parameter", "start")))
        field = FIGURE_LABELS.get(str(loc[2]), str(loc[2])) if len(loc) > 2 else "记录"
        return PackError(path, f"第{loc[1] + 1}条（{described}）{field}：{problem}")
    if len(loc) >= 2 and loc[0] == "documents" and isinstance(loc[1], int):
        field = HEADER_LABELS.get(str(loc[2]), str(loc[2])) if len(loc) > 2 else "记录"
        return PackError(path, f"第{loc[1] + 1}个文件{field}：{problem}")
    return PackError(path, f"{HEADER_LABELS.get(str(loc[0]), str(loc[0])) if loc else '数据包'}：{problem}")


def _describe(policy: Policy, region: object, parameter: object, start: object) -> str:
    city = policy.regions.get(str(region))
    spec = policy.catalogue.get(str(parameter))
    when = cn_date(start) if isinstance(start, date) else str(start)
    return f"{city.name if city else region}·{spec.label if spec else parameter}，{when}起"


# ---------------------------------------------------------------- merging and writing


def merge(policy: Policy, existing: Sequence[LocalFigure], incoming: Sequence[LocalFigure]) -> tuple[list[LocalFigure], int]:
    """The user's figures with the pack's added, and how many of the pack's were already there, identical.

    A pack figure overlapping a different figure already kept (same parameter and city) refuses the whole
    import: PackError, and nothing changes.
    """
    merged = list(existing)
    same = 0
    for i, figure in enumerate(incoming, start=1):
        if figure in existing:
            same += 1
            continue
        clash = next((kept for kept in existing if overlaps(kept, figure)), None)
        if clash is not None:
            described = _describe(policy, figure.region, figure.parameter, figure.start)
            raise PackError(f"figures[{i - 1}].start",
                            f"第{i}条（{described}）与已有的本地录入参数（{period_text(clash)}）日期重叠，"
                            "未导入任何数据；请先在“本地录入参数”中删除或修改已有的这一条")
        merged.append(figure)
    return merged, same


@dataclass(frozen=True)
class Imported:
    """What ``import_saved`` did: the hall's saved figures now, the pack's figures it added to them, how many of the
    pack's were there already, and the saved file's own problem (damaged, set aside) if it had one."""

    saved: list[LocalFigure]
    added: list[LocalFigure]
    same: int
    message: str | None


def import_saved(policy: Policy, pack: Pack) -> Imported:
    """Add a pack to the hall's saved local figures and save them at once, under their lock: the one way to import,
    for ``yibao figures import`` and the window's 导入数据包. An overlap refuses the whole pack (PackError); a write
    that fails raises WriteError naming the file; either way the saved figures stay as they were."""
    path = local_figures_path()
    try:
        with locked(path):  # read, merge and write with no other program in between
            kept, message = load_local_figures(policy)
            merged, same = merge(policy, kept, pack.figures)
            if len(merged) > len(kept):
                save_local_figures(merged)
    except OSError as exc:
        raise WriteError(exc.errno, f"本地录入参数未能保存到 {path}（{describe_os_error(exc)}），"
                                    "原有的本地录入参数未改动，未导入任何数据") from None
    return Imported(merged, merged[len(kept):], same, message)


def pack_data(figures: Sequence[LocalFigure], issuer: str, prepared: date) -> dict[str, Any]:
    """The figures as a pack; each distinct document becomes one header entry (d1, d2 …)."""
    keys: dict[tuple[str, str, str, date | None], str] = {}
    documents: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    for figure in figures:
        source = figure.source
        key = (source.issuer, source.number, source.title, source.issued) if source else (issuer, "", NO_DOCUMENT, None)
        if key not in keys:
            keys[key] = f"d{len(keys) + 1}"
            document = {"id": keys[key], "number": key[1], "title": key[2], "issued": key[3].isoformat() if key[3] else None}
            documents.append(document if key[0] == issuer else {**document, "issuer": key[0]})
        records.append({
            "parameter": figure.parameter, "region": figure.region, "start": figure.start.isoformat(),
            "end": figure.end.isoformat() if figure.end else None, "value": written_value(figure.value),
            "document": keys[key], "clause": source.clause if source else "", "note": figure.note,
        })
    return {"format": FORMAT, "version": VERSION, "issuer": issuer, "prepared": prepared.isoformat(),
            "documents": documents, "figures": records}


def write_pack(path: Path, figures: Sequence[LocalFigure], issuer: str, prepared: date) -> None:
    """Write the pack as any document the user saves (replace_checked); WriteError in Chinese naming the file."""
    data = (json.dumps(pack_data(figures, issuer, prepared), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    replace_checked(path, lambda temp: temp.write_bytes(data), lambda temp: temp.stat().st_size == len(data))


def default_issuer(figures: Sequence[LocalFigure]) -> str:
    """The pack's issuer when exporting: the one issuer the figures came from, else who exported them."""
    issuers = {f.source.issuer for f in figures if f.source is not None}
    if len(issuers) == 1 and all(f.source is not None for f in figures):
        return issuers.pop()
    return "本机导出的本地录入参数"


# ---------------------------------------------------------------- what a pack completes

# The results a pack can complete: the parameter groups each needs, what it then gives, and sample cases that need
# every figure of the result (in service and retired, every tier, every employment type).
PERSONS = [{"employment": e, "retired": r, "sex": x, "age": 65 if r else 40}
           for e in ("enterprise", "public_institution", "flexible") for r in (False, True) for x in ("male", "female")
           if not (r and e == "flexible")]
RESULTS: dict[str, tuple[tuple[str, ...], str]] = {
    "普通门诊": (("outpatient",), "可算出统筹基金、大额补助和个人负担"),
    "住院": (("inpatient",), "可算出统筹基金、大额补助和个人负担"),
    "缴费测算": (("contribution", "personal_account", "flexible", "wage", "supplementary"), "可算出各项缴费和个人账户划入"),
    "退休缴费年限": (("retirement",), "可判断是否达到最低缴费年限"),
    "保障范围与待遇开始时间": (("coverage", "benefits"), "可说明各项待遇和开始时间"),
}


def summary(policy: Policy, pack: Pack, progress: Callable[[int, int], None] | None = None) -> list[str]:
    """What ``yibao figures check`` prints: the header, then per city and period the figures and, for each result
    they feed, whether the pack completes it (sample cases needing every figure of that result leave none unknown).

    Linear in the pack: each sample case gets only the figures in force for its city on its day (looked up by
    bisection). ``progress(done, total)`` is told after each city and period."""
    lines = [f"数据包：{pack.issuer}，编制于{cn_date(pack.prepared)}，{len(pack.documents)}个文件，{len(pack.figures)}条参数"]
    for document in pack.documents:
        issued = f"，{cn_date(document.issued)}印发" if document.issued else ""
        lines.append(f"  文件 {document.id}：{document.number or '（无文号）'}《{document.title}》{issued}")
    groups: dict[tuple[str, date, date | None], list[LocalFigure]] = {}
    for figure in pack.figures:
        groups.setdefault((figure.region, figure.start, figure.end), []).append(figure)
    in_force = _InForce(pack.figures)
    for done, ((region, start, end), figures) in enumerate(groups.items(), start=1):
        period = f"{cn_date(start)}至{cn_date(end)}" if end else f"{cn_date(start)}起"
        labels = "、".join(policy.catalogue[f.parameter].label + (f"（{NOT_OFFERED}）" if f.value is None else "")
                          for f in figures)
        lines.append(f"{policy.regions[region].name} {period}：{labels}（{len(figures)}项）")
        for name, (prefixes, _) in RESULTS.items():
            if any(f.parameter.split(".")[0] in prefixes for f in figures):
                lines.append(_completes(policy, region, start, name, in_force.on(region, start)))
        if progress is not None:
            progress(done, len(groups))
    return lines


class _InForce:
    """The figures of each city and parameter sorted by start: at most one is in force on a day (they never overlap)."""

    def __init__(self, figures: Sequence[LocalFigure]) -> None:
        self._by: dict[str, dict[str, list[LocalFigure]]] = {}
        for figure in sorted(figures, key=lambda f: f.start):
            self._by.setdefault(figure.region, {}).setdefault(figure.parameter, []).append(figure)
        self._starts = {region: {name: [f.start for f in listed] for name, listed in parameters.items()}
                        for region, parameters in self._by.items()}

    def on(self, region: str, day: date) -> list[LocalFigure]:
        found = []
        for name, listed in self._by.get(region, {}).items():
            i = bisect_right(self._starts[region][name], day) - 1
            end = listed[i].end if i >= 0 else day
            if i >= 0 and (end is None or day <= end):
                found.append(listed[i])
        return found


# A case a result's sample leaves out that needs a figure more: a stay with 个人先行自付 costs needs the city's word on
# whether the 大额 layer takes them (109号 二(三)3 says so for Yantai; 184号 三(三) leaves it to each city).
ALSO_NEEDED = {"住院": "有个人先行自付费用的住院"}


def _completes(policy: Policy, city: str, on: date, result: str, figures: Sequence[LocalFigure]) -> str:
    """One line of ``figures check``: whether the figures complete the result, and what a case needing more lacks."""
    prefixes, gives = RESULTS[result]
    still = _still_missing(policy, city, on, result, prefixes, figures)
    said = f"  {result}：{gives}" if not still else f"  {result}：仍缺 {'、'.join(still)}"
    case = ALSO_NEEDED.get(result)
    if case is not None:
        more = [m for m in _still_missing(policy, city, on, case, prefixes, figures) if m not in still]
        if more:
            said += f"；{case}{'另' if still else '仍'}缺 {'、'.join(more)}"
    return said


def _still_missing(
    policy: Policy, city: str, on: date, sample: str, prefixes: tuple[str, ...], figures: Sequence[LocalFigure]
) -> list[str]:
    from yibao.rules import Request, calculate
    from yibao.vocabulary import TIER_NAMES

    samples: dict[str, dict[str, Any]] = {
        "普通门诊": {"visits": [{"kind": "outpatient", "tier": t, "in_scope": "1000"} for t in TIER_NAMES]},
        "住院": {"visits": [{"kind": "inpatient", "tier": t, "in_scope": "1000"} for t in TIER_NAMES]},
        ALSO_NEEDED["住院"]: {"visits": [{"kind": "inpatient", "tier": t, "in_scope": "1000", "self_pay_first": "100"}
                                       for t in TIER_NAMES]},
        "缴费测算": {"contribution": {"monthly_base": "6000"}},
        "退休缴费年限": {"retirement": {"paid_months": 300, "last_monthly_base": "6000"}},
        "保障范围与待遇开始时间": {"enrolment": {"first_contribution_month": f"{on:%Y-%m}"}},
    }
    section = samples[sample]
    missing: dict[str, str] = {}
    for person in PERSONS:
        try:
            found = calculate(Request.model_validate({"city": city, "on": on.isoformat(), "person": person, **section}),
                              policy, figures)
        except InputError:  # a sample the city's rules refuse (a way of paying it does not offer): not needed
            continue
        for item in found.missing:
            if item.parameter.split(".")[0] in prefixes:
                missing.setdefault(item.parameter, item.label)
    return list(missing.values())
