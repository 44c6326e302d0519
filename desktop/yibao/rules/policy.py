"""Policy parameters: dated values with their source, region by region.

Three levels: the nation (the Social Insurance Law), the province, the city. The
value in force for a city on a date is the one with the latest start on or before
that date among the city's, the province's and the nation's values; on a tie the
lower level wins (city, then province). Within one region, a value is superseded
by the region's next value and ends at its own ``end`` or its document's expiry,
whichever is earlier. Files are validated completely before anything is used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, StrictBool, ValidationError, model_validator

from yibao.json_text import JsonProblem, loads
from yibao.resources import resource_path
from yibao.rules.inputs import MAX_AMOUNT, MAX_MONTHS, InputProblem, ascii_digits, parse_file_date
from yibao.vocabulary import SEX_NAMES, STATUS_NAMES, TIER_NAMES
from yibao.wording import cn_date, describe_os_error, money

Unit = Literal["rate", "yuan", "yuan_per_month", "yuan_per_year", "months", "flag", "multiple", "text"]
Dimension = Literal["tier", "sex", "status", "age_from", "stay_from", "burden_from"]
# not_offered: the city has no such option or layer (e.g. no 大额补助 outpatient layer), stated by a document.
Status = Literal["in_force", "not_offered", "not_stated"]
NOT_OFFERED: Status = "not_offered"
# A value split by several dimensions is kept flat, its keys joined: {"1/in_service": …, "1/retired": …}.
Value = Decimal | bool | str | dict[str, Decimal]
KEY_SEPARATOR = "/"

# The keys of each fixed dimension, in display order, taken from the names declared once in the models.
FIXED_KEYS: dict[str, tuple[str, ...]] = {
    "tier": tuple(str(t) for t in TIER_NAMES),
    "sex": tuple(SEX_NAMES),
    "status": tuple(STATUS_NAMES),
}
# Threshold dimensions: keys are whole numbers; the lowest must cover everyone.
LOWEST_KEY = {"age_from": "0", "stay_from": "1", "burden_from": "0"}

LOCAL_DOCUMENT = "local"
MANIFEST = "manifest.json"  # every bundled file and its SHA-256 (python build_scripts/policy_manifest.py)


class PolicyError(Exception):
    """A policy file is damaged or inconsistent; names the file and the key."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        super().__init__(f"政策文件 {file} 有误：{key}：{problem}")
        self.file = file
        self.key = key


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _file_date(value: object) -> date:
    try:
        return parse_file_date(value)
    except InputProblem as exc:
        raise ValueError(str(exc)) from None


# A date in a policy file or a pack, read the one way: exactly "YYYY-MM-DD", years 1900–2100 (pydantic's own date
# would read 0 or "1704067200" as a Unix timestamp, "2024-01-01T00:00:00" as a date, and any year from 1 to 9999).
FileDate = Annotated[date, BeforeValidator(_file_date)]


class Clause(_Strict):
    document: str
    clause: str


class Document(_Strict):
    number: str
    title: str
    issuer: str
    issued: FileDate | None
    expires: FileDate | None = None
    file: str
    clauses: dict[str, str]


class ParameterSpec(_Strict):
    label: str
    unit: Unit
    by: Dimension | tuple[Dimension, ...] | None = None  # several dimensions: the value nests them in this order
    # The engine computes a city that does not have this layer (status not_offered: it pays nothing), so a local
    # figure or a pack may say 本市不设此项 (value null) for it. Only where the engine reads not_offered correctly.
    may_be_absent: StrictBool = False

    @property
    def dims(self) -> tuple[Dimension, ...]:
        if self.by is None:
            return ()
        return self.by if isinstance(self.by, tuple) else (self.by,)

    @model_validator(mode="after")
    def _distinct(self) -> ParameterSpec:
        if len(set(self.dims)) != len(self.dims) or (isinstance(self.by, tuple) and len(self.by) < 2):
            raise ValueError("by 须为一个分列维度，或两个以上互不相同的维度")
        if self.may_be_absent and self.unit in ("flag", "text"):
            raise ValueError("是/否或文字参数本身即可说明有无，不能标注 may_be_absent")
        return self


class PhaseIn(_Strict):
    until: FileDate
    source: Clause


class EntryFile(_Strict):
    start: FileDate
    end: FileDate | None = None
    value: Any  # checked against its parameter by convert_value (strictly: 1 is not true, 0.08 not "0.08")
    status: Status = "in_force"
    source: Clause
    note: str | None = None
    phase_in: PhaseIn | None = None
    phase_in_until: FileDate | None = None
    # 184号 三(二) lets a city phase in an employer rate only where it rises by more than this (written "0.005").
    phase_in_rise_over: Decimal | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EntryFile:
        if self.end is not None and self.end < self.start:
            raise ValueError("end 早于 start")
        if (self.value is None) != (self.status != "in_force"):
            raise ValueError("value 为 null 时 status 须为 not_offered 或 not_stated，反之亦然")
        if self.phase_in_rise_over is not None and (self.phase_in_until is None or not 0 <= self.phase_in_rise_over < 1):
            raise ValueError("phase_in_rise_over 须为 0 到 1 之间的比例，且只与 phase_in_until 一起使用")
        return self


class RegionFile(_Strict):
    code: str
    name: str
    pinyin: str | None = None  # the name's syllables, for finding the city by typing (烟台市: "yan tai" → yantai, yt)
    national: StrictBool = False  # the national law: below the province, above nothing
    parent: str | None = None
    note: str | None = None
    parameters: dict[str, list[EntryFile]]


class ReadingScope(_Strict):
    """Where a reading applies by itself: a figure of these parameters, for these cities, on these dates.

    ``transition``: only while the city takes the province's figure during the province's transition period.
    ``kept``: only while the city keeps its own figure during a transition the province allows (``phase_in``).
    ``province``: only where the figure is the province's own.
    ``retired``: only for retirees (true) or people in service (false).
    """

    parameters: list[str] | None = None
    cities: list[str] | None = None
    start: FileDate | None = None
    end: FileDate | None = None
    transition: StrictBool = False
    kept: StrictBool = False
    province: StrictBool = False
    retired: StrictBool | None = None


class ReadingFile(_Strict):
    document: str
    clause: str
    words: str  # the clause's own words, short
    reading: str  # the reading chosen
    alternative: str  # the other reading, and what it would change
    scope: ReadingScope | None = None  # None: the computation names the reading where it relies on it


class NotComputedFile(_Strict):
    document: str
    clause: str
    text: str  # what the documents say and the product does not compute
    cities: list[str]
    sections: list[Literal["contribution", "visits", "retirement", "coverage"]]


class ReadingsFile(_Strict):
    readings: dict[str, ReadingFile]
    not_computed: dict[str, NotComputedFile] = {}


@dataclass(frozen=True)
class Reading:
    """One reading of an unclear clause, as the product applies it."""

    id: str
    document: Document
    clause: str
    words: str
    reading: str
    alternative: str
    scope: ReadingScope | None


@dataclass(frozen=True)
class NotComputed:
    id: str
    document: Document
    clause: str
    text: str
    cities: frozenset[str]
    sections: frozenset[str]


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
    phase_in_rise_over: Decimal | None = None

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
class FigureSource:
    """Where a local figure comes from when a bureau's pack brought it: the issuer, the document, the clause."""

    issuer: str
    number: str  # the document's number, e.g. 烟医保发〔2024〕1号
    title: str
    issued: date | None
    clause: str


@dataclass(frozen=True)
class LocalFigure:
    """A figure the documents leave open, entered by staff (or imported from a pack) for a city and period."""

    parameter: str
    region: str
    start: date
    end: date | None
    value: Value | None  # None: 本市不设此项 (only for a parameter the catalogue marks may_be_absent)
    note: str = ""
    source: FigureSource | None = None  # None: typed in by hand, no document named


@dataclass(frozen=True)
class Resolved:
    """The value of one parameter for one city on one date, with where it comes from."""

    parameter: str
    spec: ParameterSpec
    entry: Entry
    region: Region
    document: Document | None  # None for a local figure
    phase_note: str | None = None
    local_source: FigureSource | None = None  # a local figure's pack document, if any
    readings: tuple[str, ...] = ()  # ids of the readings this figure rests on

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
    national: str | None = None
    readings: Mapping[str, Reading] = field(default_factory=dict)
    not_computed: Mapping[str, NotComputed] = field(default_factory=dict)

    def cities(self) -> list[Region]:
        return [r for r in self.regions.values() if r.parent is not None]

    @cached_property
    def document_regions(self) -> Mapping[str, tuple[str, ...]]:
        """Each document (by number) and the regions whose figures cite it: a city's own document, that city."""
        found: dict[str, dict[str, None]] = {}
        for region in self.regions.values():
            for entries in region.entries.values():
                for entry in entries:
                    found.setdefault(self.documents[entry.source.document].number, {})[region.code] = None
        return {number: tuple(codes) for number, codes in found.items()}

    def chain(self, city: str) -> tuple[Region, ...]:
        """The regions whose figures apply to a city, lowest level first: city, province, nation."""
        codes = dict.fromkeys(c for c in (city, self.province, self.national) if c is not None)
        return tuple(self.regions[c] for c in codes)

    def snapshot(
        self, city: str, on: date, local: Iterable[LocalFigure] = (), retired: bool | None = None
    ) -> Snapshot:
        return Snapshot(self, self.regions[city], on, tuple(local), retired)

    def newest_start(self) -> date:
        """The start date of the newest dated value in these files: how recent the policy data is."""
        return max(entry.start for region in self.regions.values() for entries in region.entries.values() for entry in entries)


@dataclass
class Snapshot:
    """The parameters as they stood for one city on one date (OpenFisca's ``parameters(date)``)."""

    policy: Policy
    city: Region
    on: date
    local: tuple[LocalFigure, ...] = ()
    retired: bool | None = None  # the person's status, for readings that apply to one status only
    _cache: dict[str, Resolved | None] = field(default_factory=dict)

    def get(self, parameter: str) -> Resolved | None:
        if parameter not in self._cache:
            self._cache[parameter] = self._resolve(parameter)
        return self._cache[parameter]

    def has_any_rule(self) -> bool:
        """Whether a provincial or city document is in force (the national articles alone give no figures)."""
        return any(
            found is not None and found.region.code != self.policy.national
            for found in (self._from_documents(name) for name in self.policy.catalogue)
        )

    def _resolve(self, parameter: str) -> Resolved | None:
        found = self._from_documents(parameter)
        if found is None or found.entry.status == "not_stated":
            found = self._from_local(parameter) or found
        if found is None or found.local:
            return found
        readings = tuple(r.id for r in self.policy.readings.values() if self._applies(r.scope, found))
        return replace(found, readings=readings) if readings else found

    def _applies(self, scope: ReadingScope | None, found: Resolved) -> bool:
        return (
            scope is not None
            and (scope.parameters is None or found.parameter in scope.parameters)
            and (scope.cities is None or self.city.code in scope.cities)
            and (scope.start is None or scope.start <= self.on)
            and (scope.end is None or self.on <= scope.end)
            and (not scope.transition or found.phase_note is not None)
            and (not scope.kept or found.entry.phase_in is not None)
            and (not scope.province or found.region.code == self.policy.province)
            and (scope.retired is None or scope.retired == self.retired)
        )

    def not_computed(self, section: str) -> list[NotComputed]:
        """What the documents say for this city that the product does not compute, for one result section."""
        return [n for n in self.policy.not_computed.values() if self.city.code in n.cities and section in n.sections]

    def _from_documents(self, parameter: str) -> Resolved | None:
        spec = self.policy.catalogue[parameter]
        chosen: tuple[Region, Entry] | None = None
        for region in self.policy.chain(self.city.code):  # lowest level first: it keeps a tie
            entry = region.current(parameter, self.on)
            if entry is not None and (chosen is None or entry.start > chosen[1].start):
                chosen = (region, entry)
        if chosen is None:
            return None
        region, entry = chosen
        note = None
        if (
            region is not self.city
            and entry.phase_in_until is not None
            and self.on < entry.phase_in_until
            and self._may_phase_in(parameter, entry)
        ):
            note = (
                f"省规定允许各市过渡至{cn_date(entry.phase_in_until)}；"
                f"所收录的文件中没有{self.city.name}此时的此项规定，按省规定计算"
            )
        return Resolved(parameter, spec, entry, region, self._document(entry), note)

    def _may_phase_in(self, parameter: str, entry: Entry) -> bool:
        """Whether 184号 三(二) lets this city phase the province's figure in: its own figure the day before
        differs (a rate: rises by more than ``phase_in_rise_over``); a figure the documents do not give may."""
        before = self.city.current(parameter, entry.start - timedelta(days=1))
        if before is None or before.value is None:
            return True
        if isinstance(entry.value, Decimal) and isinstance(before.value, Decimal) and entry.phase_in_rise_over is not None:
            return entry.value - before.value > entry.phase_in_rise_over
        return before.value != entry.value

    def _from_local(self, parameter: str) -> Resolved | None:
        spec = self.policy.catalogue[parameter]
        for figure in self.local:
            if (
                figure.parameter == parameter
                and figure.region == self.city.code
                and figure.start <= self.on
                and (figure.end is None or self.on <= figure.end)
            ):
                status: Status = "in_force" if figure.value is not None else NOT_OFFERED
                entry = Entry(
                    parameter, figure.region, figure.start, figure.end, figure.value, status,
                    Clause(document=LOCAL_DOCUMENT, clause="本地录入"), figure.note or None, None, None,
                )
                return Resolved(parameter, spec, entry, self.city, None, local_source=figure.source)
        return None

    def _document(self, entry: Entry) -> Document:
        return self.policy.documents[entry.source.document]


# ---------------------------------------------------------------- loading


def convert_value(raw: object, spec: ParameterSpec) -> Value:
    """Turn a value as written in a file (or typed by staff) into its typed form.

    A value split by several dimensions is written nested (``{"1": {"in_service": "0.9", "retired": "0.92"}}``)
    and kept flat with joined keys. Raises ValueError with a Chinese message when the value does not fit.
    """
    if spec.unit == "flag":
        if not isinstance(raw, bool) or spec.by is not None:
            raise ValueError("应为 true 或 false")
        return raw
    if spec.unit == "text":
        if not isinstance(raw, str) or not raw.strip() or spec.by is not None:
            raise ValueError("应为一段文字")
        return raw
    if not spec.dims:
        if not isinstance(raw, str):
            raise ValueError("应为写成字符串的数字，如 \"0.08\"")
        return _decimal(raw, spec)
    flat: dict[str, Decimal] = {}
    _flatten(raw, spec, spec.dims, (), flat)
    return flat


def _flatten(raw: object, spec: ParameterSpec, dims: tuple[Dimension, ...], path: tuple[str, ...],
             out: dict[str, Decimal]) -> None:
    where = f"“{KEY_SEPARATOR.join(path)}”一栏" if path else "数值"
    if not dims:
        if not isinstance(raw, str):
            raise ValueError(f"{where}应为写成字符串的数字")
        out[KEY_SEPARATOR.join(path)] = _decimal(raw, spec)
        return
    dim = dims[0]
    if not isinstance(raw, dict):
        raise ValueError(f"{where}应为按 {dim} 分列的对象")
    expected = FIXED_KEYS.get(dim)
    if expected is not None and set(raw) != set(expected):
        raise ValueError(f"{where}分列的键应为 {list(expected)}")
    if expected is None:
        if not all(isinstance(k, str) and ascii_digits(k) for k in raw) or LOWEST_KEY[dim] not in raw:
            raise ValueError(f"{where}分列的键应为整数，且须含 {LOWEST_KEY[dim]}")
        expected = tuple(sorted(raw, key=int))
    for key in expected:
        _flatten(raw[key], spec, dims[1:], (*path, key), out)


def nested_value(value: Value) -> bool | str | dict[str, Any]:
    """The value as written in a file: Decimal('0.85') → '0.85'; joined keys nest again."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    written: dict[str, Any] = {}
    for joined, number in value.items():
        *outer, last = joined.split(KEY_SEPARATOR)
        level = written
        for key in outer:
            level = level.setdefault(key, {})
        level[last] = str(number)
    return written


def written_value(value: Value | None) -> bool | str | dict[str, Any] | None:
    """A local figure's value as a file or pack writes it: None (本市不设此项) is written null."""
    return None if value is None else nested_value(value)


def narrow(spec: ParameterSpec, value: dict[str, Decimal], **fixed: str) -> dict[str, Decimal]:
    """The part of a split value for the given keys (a threshold dimension picks its band: age 72 → "70").

    The dimensions not given stay, joined in order; with every dimension given the result has the one key "".
    """
    dims = spec.dims
    bands: dict[int, str] = {}
    for i, dim in enumerate(dims):
        if dim in fixed and dim in LOWEST_KEY:
            keys = {k.split(KEY_SEPARATOR)[i] for k in value}
            bands[i] = max((k for k in keys if int(k) <= int(fixed[dim])), key=int)
        elif dim in fixed:
            bands[i] = fixed[dim]
    narrowed: dict[str, Decimal] = {}
    for joined, number in value.items():
        parts = joined.split(KEY_SEPARATOR)
        if all(parts[i] == key for i, key in bands.items()):
            narrowed[KEY_SEPARATOR.join(p for i, p in enumerate(parts) if i not in bands)] = number
    return narrowed


def _decimal(text: object, spec: ParameterSpec) -> Decimal:
    if not isinstance(text, str):
        raise ValueError("应为写成字符串的数字")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{text}”不是数字") from None
    if not number.is_finite() or number.is_signed():  # "-0" too: it would print -0.00
        raise ValueError(f"“{text}”不是非负数")
    if number > MAX_AMOUNT:  # the bound of every amount, typed or in a file: beyond it Decimal's 28 digits overflow
        raise ValueError(f"“{text}”大于 {money(MAX_AMOUNT)}，请检查是否多写了位数")
    if spec.unit == "rate" and number > 1:
        raise ValueError(f"比例 {text} 大于 1")
    if spec.unit == "months" and (number != number.to_integral_value() or number > MAX_MONTHS):
        raise ValueError(f"月数应为 0 到 {MAX_MONTHS} 之间的整数，“{text}”不是")  # 99999999 months overflow a date
    return number


def _read_json(path: Path) -> Any:
    try:
        return loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicyError(path.name, "(文件)", "缺少这个文件，请重新安装本软件") from None
    except UnicodeDecodeError:
        raise PolicyError(path.name, "(文件)", "不是 UTF-8 编码的文本") from None
    except OSError as exc:
        raise PolicyError(path.name, "(文件)", f"无法读取（{describe_os_error(exc)}）") from None
    except JsonProblem as exc:  # not JSON, a key given twice, a number over 4,300 digits, nesting too deep
        raise PolicyError(path.name, exc.where or "(文件)", exc.problem) from None


def policy_digest(content: bytes) -> str:
    """A policy file's SHA-256 as the manifest records it; line ends do not count (a Windows checkout writes CRLF)."""
    return hashlib.sha256(content.replace(b"\r\n", b"\n")).hexdigest()


def _read_manifest(folder: Path) -> dict[str, str]:
    """The manifest's files and their SHA-256, each file there: a deleted file is named before anything is loaded."""
    manifest = _read_json(folder / MANIFEST)
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not files or not all(isinstance(d, str) for d in files.values()):
        raise PolicyError(MANIFEST, "files", "应列出全部政策文件及其校验值，清单已被改动或损坏，请重新安装本软件")
    for relative in files:
        if not (folder / relative).is_file():
            raise PolicyError(Path(relative).name, "(文件)", "缺少这个文件，请重新安装本软件")
    return files


def _check_contents(folder: Path, listed: Mapping[str, str]) -> None:
    """Every policy file is listed and unchanged: a file edited after the build, or a stray file (a 17th city), is
    damage, never silently loaded. Checked after loading, so that a file that does not load says what is wrong in it."""
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*.json")} - {MANIFEST}
    for stray in sorted(present - set(listed)):
        raise PolicyError(Path(stray).name, "(文件)", f"不在 {MANIFEST} 的清单中，不是随本软件发布的政策文件；"
                                                      "请删除这个文件或重新安装本软件")
    for relative, digest in listed.items():
        try:
            content = (folder / relative).read_bytes()
        except OSError as exc:
            raise PolicyError(Path(relative).name, "(文件)", f"无法读取（{describe_os_error(exc)}）") from None
        if policy_digest(content) != digest:
            raise PolicyError(Path(relative).name, "(文件)",
                              f"内容与 {MANIFEST} 记录的校验值不符，文件已被改动或损坏，请重新安装本软件")


def _first_error(exc: ValidationError) -> tuple[str, str]:
    from yibao.rules.errors import reason_for

    err = exc.errors()[0]
    key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"]
                  if not str(p).startswith("function-")).lstrip(".") or "(顶层)"
    return key, reason_for(dict(err))


def _validated(model: type[BaseModel], data: Any, file: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise PolicyError(file, *_first_error(exc)) from None
    except RecursionError:
        raise PolicyError(file, "(文件)", "嵌套层数过多，不是政策数据") from None


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
                _cited(documents, file, f"{key}.{where}", clause.document, clause.clause)
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
                      raw.phase_in, raw.phase_in_until, raw.phase_in_rise_over)
            )
        entries[name] = tuple(built)
    return Region(data.code, data.name, data.parent, data.note, entries)


def load_policy(folder: Path | None = None) -> Policy:
    """Load and validate every policy file; raise PolicyError on the first problem found."""
    folder = folder or resource_path("policy")
    listed = _read_manifest(folder)
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
    nationals: list[str] = []
    for path in sorted((folder / "regions").glob("*.json")):
        data: RegionFile = _validated(RegionFile, _read_json(path), path.name)
        if data.code != path.stem:
            raise PolicyError(path.name, "code", f"“{data.code}”与文件名不符")
        regions[data.code] = _build_region(path.name, data, catalogue, documents)
        if data.national:
            if data.parent is not None:
                raise PolicyError(path.name, "parent", "国家级文件没有上级")
            nationals.append(data.code)
    provinces = [r.code for r in regions.values() if r.parent is None and r.code not in nationals]
    if len(provinces) != 1:
        raise PolicyError("regions/", "parent", "须有且只有一个省级文件（无 parent）")
    if len(nationals) > 1:
        raise PolicyError("regions/", "national", "最多只能有一个国家级文件")
    for region in regions.values():
        if region.parent is not None and region.parent != provinces[0]:
            raise PolicyError(f"{region.code}.json", "parent", f"上级“{region.parent}”不是省级文件")
        if region.code != provinces[0] and any(e.phase_in_until for es in region.entries.values() for e in es):
            raise PolicyError(f"{region.code}.json", "phase_in_until", "只有省级文件可以规定过渡期限")
    policy = Policy(documents, catalogue, regions, provinces[0], nationals[0] if nationals else None)
    readings_path = folder / "readings.json"
    if readings_path.exists():
        _load_readings(policy, _validated(ReadingsFile, _read_json(readings_path), "readings.json"))
    _check_contents(folder, listed)
    return policy


def _cited(documents: Mapping[str, Document], file: str, key: str, document: str, clause: str) -> Document:
    doc = documents.get(document)
    if doc is None:
        raise PolicyError(file, f"{key}.document", f"未知文件“{document}”")
    if clause not in doc.clauses:
        raise PolicyError(file, f"{key}.clause", f"{doc.number}中没有条款“{clause}”")
    return doc


def _load_readings(policy: Policy, data: ReadingsFile) -> None:
    """Readings and the list of what is not computed, checked against the documents, parameters and cities."""
    codes = {r.code for r in policy.cities()}
    readings = {}
    for rid, raw in data.readings.items():
        key = f"readings.{rid}"
        doc = _cited(policy.documents, "readings.json", key, raw.document, raw.clause)
        scope = raw.scope
        if scope is not None:
            unknown = [p for p in scope.parameters or () if p not in policy.catalogue]
            if unknown:
                raise PolicyError("readings.json", f"{key}.scope.parameters", f"参数目录中没有“{unknown[0]}”")
            strangers = [c for c in scope.cities or () if c not in codes]
            if strangers:
                raise PolicyError("readings.json", f"{key}.scope.cities", f"没有“{strangers[0]}”这个城市")
        readings[rid] = Reading(rid, doc, raw.clause, raw.words, raw.reading, raw.alternative, scope)
    not_computed = {}
    for nid, item in data.not_computed.items():
        key = f"not_computed.{nid}"
        doc = _cited(policy.documents, "readings.json", key, item.document, item.clause)
        strangers = [c for c in item.cities if c not in codes]
        if strangers:
            raise PolicyError("readings.json", f"{key}.cities", f"没有“{strangers[0]}”这个城市")
        not_computed[nid] = NotComputed(nid, doc, item.clause, item.text, frozenset(item.cities),
                                        frozenset(item.sections))
    policy.readings = readings
    policy.not_computed = not_computed


def _as_mapping(data: Any, file: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise PolicyError(file, "(顶层)", "应为 JSON 对象")
    return data
