"""Policy parameters: dated values with their source, region by region.

The value in force for a city on a date is the one with the latest start on or
before that date among the city's and the province's values; on a tie the
city's wins. Within one region, a value is superseded by the region's next
value and ends at its own ``end`` or its document's expiry, whichever is
earlier. Files are validated completely before anything is used.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from yibao.resources import resource_path
from yibao.wording import NOT_STATED, cn_date

Unit = Literal["rate", "yuan", "yuan_per_month", "yuan_per_year", "months", "flag", "multiple"]
Dimension = Literal["tier", "sex", "status", "age_from", "stay_from"]
Status = Literal["in_force", "not_offered", "not_stated"]
Value = Decimal | bool | dict[str, Decimal]

FIXED_KEYS: dict[str, frozenset[str]] = {
    "tier": frozenset({"1", "2", "3"}),
    "sex": frozenset({"male", "female"}),
    "status": frozenset({"in_service", "retired"}),
}
# Threshold dimensions: keys are whole numbers; the lowest must cover everyone.
LOWEST_KEY = {"age_from": "0", "stay_from": "1"}

LOCAL_DOCUMENT = "local"


class PolicyError(Exception):
    """A policy file is damaged or inconsistent; names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"政策文件 {file} 有误：{key}：{problem}")
        self.file = file
        self.key = key


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Clause(_Strict):
    document: str
    clause: str


class Document(_Strict):
    number: str
    title: str
    issuer: str
    issued: date | None
    expires: date | None = None
    file: str
    clauses: dict[str, str]


class ParameterSpec(_Strict):
    label: str
    unit: Unit
    by: Dimension | None = None


class PhaseIn(_Strict):
    until: date
    source: Clause


class EntryFile(_Strict):
    start: date
    end: date | None = None
    value: bool | str | dict[str, str] | None
    status: Status = "in_force"
    source: Clause
    note: str | None = None
    phase_in: PhaseIn | None = None
    phase_in_until: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EntryFile:
        if self.end is not None and self.end < self.start:
            raise ValueError("end 早于 start")
        if (self.value is None) != (self.status != "in_force"):
            raise ValueError("value 为 null 时 status 须为 not_offered 或 not_stated，反之亦然")
        return self


class RegionFile(_Strict):
    code: str
    name: str
    parent: str | None = None
    note: str | None = None
    parameters: dict[str, list[EntryFile]]


@dataclass(frozen=True)
class Entry:
    """One dated value of one parameter in one region, ready to use."""

    parameter: str
    region: str
    start: date
    end: date | None  # last day in force, after the document's expiry is applied
    value: Value | None
    status: Status
    source: Clause
    note: str | None
    phase_in: PhaseIn | None
    phase_in_until: date | None

    def in_force_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    parent: str | None
    note: str | None
    entries: Mapping[str, tuple[Entry, ...]]  # by parameter, in start order

    def current(self, parameter: str, on: date) -> Entry | None:
        """The region's own entry in force on the date, if any."""
        latest = None
        for entry in self.entries.get(parameter, ()):
            if entry.start > on:
                break
            latest = entry
        return latest if latest is not None and latest.in_force_on(on) else None


@dataclass(frozen=True)
class LocalFigure:
    """A figure the documents leave open, entered by staff for a city and period."""

    parameter: str
    region: str
    start: date
    end: date | None
    value: Value
    note: str = ""


@dataclass(frozen=True)
class Resolved:
    """The value of one parameter for one city on one date, with where it comes from."""

    parameter: str
    spec: ParameterSpec
    entry: Entry
    region: Region
    document: Document | None  # None for a local figure
    phase_note: str | None = None

    @property
    def value(self) -> Value | None:
        return self.entry.value

    @property
    def local(self) -> bool:
        return self.document is None


@dataclass
class Policy:
    documents: Mapping[str, Document]
    catalogue: Mapping[str, ParameterSpec]
    regions: Mapping[str, Region]
    province: str

    def cities(self) -> list[Region]:
        return [r for r in self.regions.values() if r.parent is not None]

    def snapshot(self, city: str, on: date, local: Iterable[LocalFigure] = ()) -> Snapshot:
        return Snapshot(self, self.regions[city], on, tuple(local))


@dataclass
class Snapshot:
    """The parameters as they stood for one city on one date (OpenFisca's ``parameters(date)``)."""

    policy: Policy
    city: Region
    on: date
    local: tuple[LocalFigure, ...] = ()
    _cache: dict[str, Resolved | None] = field(default_factory=dict)

    def get(self, parameter: str) -> Resolved | None:
        if parameter not in self._cache:
            self._cache[parameter] = self._resolve(parameter)
        return self._cache[parameter]

    def has_any_rule(self) -> bool:
        return any(self._from_documents(name) is not None for name in self.policy.catalogue)

    def _resolve(self, parameter: str) -> Resolved | None:
        found = self._from_documents(parameter)
        if found is not None and found.entry.status != "not_stated":
            return found
        return self._from_local(parameter) or found

    def _from_documents(self, parameter: str) -> Resolved | None:
        spec = self.policy.catalogue[parameter]
        province = self.policy.regions[self.policy.province]
        city_entry = self.city.current(parameter, self.on) if self.city is not province else None
        prov_entry = province.current(parameter, self.on)
        if city_entry is not None and (prov_entry is None or city_entry.start >= prov_entry.start):
            return Resolved(parameter, spec, city_entry, self.city, self._document(city_entry))
        if prov_entry is None:
            return None
        note = None
        if (
            self.city is not province
            and prov_entry.phase_in_until is not None
            and self.on < prov_entry.phase_in_until
        ):
            note = (
                f"省规定允许各市过渡至{cn_date(prov_entry.phase_in_until)}；"
                f"{self.city.name}的过渡安排{NOT_STATED}，按省规定计算"
            )
        return Resolved(parameter, spec, prov_entry, province, self._document(prov_entry), note)

    def _from_local(self, parameter: str) -> Resolved | None:
        spec = self.policy.catalogue[parameter]
        for figure in self.local:
            if (
                figure.parameter == parameter
                and figure.region == self.city.code
                and figure.start <= self.on
                and (figure.end is None or self.on <= figure.end)
            ):
                entry = Entry(
                    parameter, figure.region, figure.start, figure.end, figure.value, "in_force",
                    Clause(document=LOCAL_DOCUMENT, clause="本地录入"), figure.note or None, None, None,
                )
                return Resolved(parameter, spec, entry, self.city, None)
        return None

    def _document(self, entry: Entry) -> Document:
        return self.policy.documents[entry.source.document]


# ---------------------------------------------------------------- loading


def convert_value(raw: bool | str | dict[str, str], spec: ParameterSpec) -> Value:
    """Turn a value as written in a file (or typed by staff) into its typed form.

    Raises ValueError with a Chinese message when the value does not fit the parameter.
    """
    if spec.unit == "flag":
        if not isinstance(raw, bool) or spec.by is not None:
            raise ValueError("应为 true 或 false")
        return raw
    if spec.by is None:
        if not isinstance(raw, str):
            raise ValueError("应为写成字符串的数字，如 \"0.08\"")
        return _decimal(raw, spec)
    if not isinstance(raw, dict):
        raise ValueError(f"应为按 {spec.by} 分列的对象")
    expected = FIXED_KEYS.get(spec.by)
    if expected is not None and set(raw) != expected:
        raise ValueError(f"分列的键应为 {sorted(expected)}")
    if expected is None:
        if not all(k.isdigit() for k in raw) or LOWEST_KEY[spec.by] not in raw:
            raise ValueError(f"分列的键应为整数，且须含 {LOWEST_KEY[spec.by]}")
        raw = dict(sorted(raw.items(), key=lambda kv: int(kv[0])))
    return {k: _decimal(v, spec) for k, v in raw.items()}


def _decimal(text: object, spec: ParameterSpec) -> Decimal:
    if not isinstance(text, str):
        raise ValueError("应为写成字符串的数字")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字") from None
    if not number.is_finite() or number < 0:
        raise ValueError(f"“{text}”不是非负数")
    if spec.unit == "rate" and number > 1:
        raise ValueError(f"比例 {text} 大于 1")
    return number


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(path.name, "(文件)", f"无法读取：{exc}") from None
    except json.JSONDecodeError as exc:
        raise PolicyError(path.name, f"第{exc.lineno}行第{exc.colno}列", "不是有效的 JSON") from None


def _first_error(exc: ValidationError) -> tuple[str, str]:
    err = exc.errors()[0]
    key = ".".join(str(p) for p in err["loc"]) or "(顶层)"
    return key, err["msg"]


def _validated(model: type[BaseModel], data: Any, file: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(file, *_first_error(exc)) from None


def _build_region(
    file: str, data: RegionFile, catalogue: Mapping[str, ParameterSpec], documents: Mapping[str, Document]
) -> Region:
    entries: dict[str, tuple[Entry, ...]] = {}
    for name, raw_entries in data.parameters.items():
        if name not in catalogue:
            raise PolicyError(file, f"parameters.{name}", "参数目录中没有这个参数")
        built: list[Entry] = []
        for i, raw in enumerate(raw_entries):
            key = f"parameters.{name}[{i}]"
            cited = [("source", raw.source)] + ([("phase_in.source", raw.phase_in.source)] if raw.phase_in else [])
            for where, clause in cited:
                doc = documents.get(clause.document)
                if doc is None:
                    raise PolicyError(file, f"{key}.{where}.document", f"未知文件“{clause.document}”")
                if clause.clause not in doc.clauses:
                    raise PolicyError(file, f"{key}.{where}.clause", f"{doc.number}中没有条款“{clause.clause}”")
            value = None
            if raw.value is not None:
                try:
                    value = convert_value(raw.value, catalogue[name])
                except ValueError as exc:
                    raise PolicyError(file, f"{key}.value", str(exc)) from None
            expires = documents[raw.source.document].expires
            end = raw.end if expires is None or (raw.end is not None and raw.end <= expires) else expires
            if raw.phase_in is not None and (end is None or end >= raw.phase_in.until):
                raise PolicyError(file, f"{key}.end", "过渡期取值须在 phase_in.until 之前结束")
            if raw.start > (end or raw.start):
                raise PolicyError(file, f"{key}.start", "开始日期晚于所依据文件的失效日期")
            if built and raw.start <= built[-1].start:
                raise PolicyError(file, f"{key}.start", "开始日期须晚于上一个取值")
            if built and built[-1].end is not None and raw.start <= built[-1].end:
                raise PolicyError(file, f"{key}.start", f"与上一个取值（止于{built[-1].end}）日期重叠")
            built.append(
                Entry(name, data.code, raw.start, end, value, raw.status, raw.source, raw.note,
                      raw.phase_in, raw.phase_in_until)
            )
        entries[name] = tuple(built)
    return Region(data.code, data.name, data.parent, data.note, entries)


def load_policy(folder: Path | None = None) -> Policy:
    """Load and validate every policy file; raise PolicyError on the first problem found."""
    folder = folder or resource_path("policy")
    docs_raw = _read_json(folder / "documents.json")
    documents = {
        code: _validated(Document, d, f"documents.json:{code}")
        for code, d in _as_mapping(docs_raw, "documents.json").items()
    }
    cat_raw = _read_json(folder / "parameters.json")
    catalogue = {
        name: _validated(ParameterSpec, s, f"parameters.json:{name}")
        for name, s in _as_mapping(cat_raw, "parameters.json").items()
    }
    regions: dict[str, Region] = {}
    for path in sorted((folder / "regions").glob("*.json")):
        data: RegionFile = _validated(RegionFile, _read_json(path), path.name)
        if data.code != path.stem:
            raise PolicyError(path.name, "code", f"“{data.code}”与文件名不符")
        regions[data.code] = _build_region(path.name, data, catalogue, documents)
    provinces = [r.code for r in regions.values() if r.parent is None]
    if len(provinces) != 1:
        raise PolicyError("regions/", "parent", "须有且只有一个省级文件（无 parent）")
    for region in regions.values():
        if region.parent is not None and region.parent != provinces[0]:
            raise PolicyError(f"{region.code}.json", "parent", f"上级“{region.parent}”不是省级文件")
        if region.parent is not None and any(e.phase_in_until for es in region.entries.values() for e in es):
            raise PolicyError(f"{region.code}.json", "phase_in_until", "只有省级文件可以规定过渡期限")
    return Policy(documents, catalogue, regions, provinces[0])


def _as_mapping(data: Any, file: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PolicyError(file, "(顶层)", "应为 JSON 对象")
    return data
