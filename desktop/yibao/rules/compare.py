"""Before and after: one case under the rules of two dates, what changed for this person, and why.

The same request is computed on both dates (the visits are the same bills in each date's calendar
year; year-to-date figures apply to both). The differences are taken between the figures as shown
(to the fen), so they always agree with the two columns beside them. Each difference is traced to
the parameters that caused it by putting back, one at a time, a changed parameter's earlier value
into the later calculation: a parameter is a reason when that alone moves the figure. A figure no
change moves alone is traced to the smallest set found that moves it together, never to a change
that does not touch it. Where one
side has no figure in the documents, the comparison says so instead of giving a difference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from yibao.rules.engine import bundled_policy, calculate
from yibao.rules.errors import InputError
from yibao.rules.inventory import changes_between, figure_text, key_label
from yibao.rules.models import ReadingRef, Request, Result, SourceRef
from yibao.rules.options import FLEXIBLE_RATE
from yibao.rules.policy import KEY_SEPARATOR, LOWEST_KEY, LocalFigure, ParameterSpec, Policy, Resolved, Snapshot
from yibao.rules.trace import source_of, threshold_value
from yibao.vocabulary import OPTION_NAMES
from yibao.wording import (
    ABSENT_MARK,
    NOT_STATED,
    change_words,
    choices_text,
    cn_date,
    figure_name,
    months,
    percent,
    percentage_points,
    round_rate,
    to_fen,
    yuan,
)

NOT_OFFERED = ABSENT_MARK
NO_SUCH_WAY = "未设此方式"  # a figure of a way of paying the city does not offer on that date (not 文件未规定)
OPTION_OF_RATE = {parameter: option for option, parameter in FLEXIBLE_RATE.items()}

Kind = Literal["money", "months", "rate"]


@dataclass(frozen=True)
class Figure:
    """One figure of the result that is compared: where it sits, its name, and how it reads in a sentence."""

    section: Literal["contribution", "year_totals", "retirement", "fund"]
    path: tuple[str, ...]
    kind: Kind = "money"
    more: str = ""  # the headline's words for a rise ("多交"); "" keeps the figure out of the headline
    less: str = ""

    @property
    def key(self) -> str:
        return ".".join((self.section, *self.path))

    @property
    def label(self) -> str:
        return figure_name(self.key)


# Every scalar figure of the result's sections, in the order the result lists them
# (tests/rules/test_before_after.py checks that none is forgotten).
FIGURES: tuple[Figure, ...] = (
    Figure("contribution", ("employer_monthly",), more="单位每月多缴", less="单位每月少缴"),
    Figure("contribution", ("individual_monthly",), more="个人每月多交", less="个人每月少交"),
    Figure("contribution", ("personal_account_monthly",), more="每月划入个人账户增加", less="每月划入个人账户减少"),
    Figure("contribution", ("supplementary_yearly", "employer")),
    Figure("contribution", ("supplementary_yearly", "individual")),
    Figure("contribution", ("supplementary_yearly", "from_funds")),
    Figure("contribution", ("supplementary_yearly", "total"), more="大额/大病筹资每年增加", less="大额/大病筹资每年减少"),
    Figure("contribution", ("monthly_base",)),
    Figure("year_totals", ("bill",)),
    Figure("year_totals", ("deductible",)),
    Figure("year_totals", ("fund_pays",)),
    Figure("year_totals", ("supplement_pays",)),
    Figure("year_totals", ("person_pays",), more="您多付", less="您少付"),
    Figure("year_totals", ("reimbursement_rate",), "rate"),
    Figure("retirement", ("required_months",), "months"),
    Figure("retirement", ("counted_months",), "months"),
    Figure("retirement", ("shortfall_months",), "months", more="尚缺缴费年限增加", less="尚缺缴费年限减少"),
    Figure("retirement", ("makeup_amount",), more="一次性补缴多", less="一次性补缴少"),
    Figure("fund", ("remittance",)),
    Figure("fund", ("adjustment_fund_pays",)),
    Figure("fund", ("surplus_pays",)),
    Figure("fund", ("unfunded",)),
    Figure("fund", ("city_fund_pays",)),
    Figure("fund", ("district_finance_pays",)),
)
SECTION_NAMES = {"contribution": "缴费", "year_totals": "就医报销（全年合计）", "retirement": "退休缴费年限", "fund": "调剂金"}

Number = Decimal | int


class Change(BaseModel):
    """A parameter this case reads whose figure, status or basis differs between the two dates."""

    parameter: str
    label: str
    before: str
    after: str
    sources: list[str]


@dataclass(frozen=True)
class Reason:
    """A changed parameter that moves a figure (alone, or with the other reasons named), written for this person
    (their tier, sex, age)."""

    parameter: str
    text: str  # 起付标准（三级）由800元降至600元
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class Row:
    """One line of the side-by-side table: both figures as shown, and the difference or why there is none."""

    figure: Figure
    before: Number | None
    after: Number | None
    difference: Number | None
    before_text: str
    after_text: str
    difference_text: str
    reasons: tuple[Reason, ...] = ()
    waiting: bool = False  # a figure is unknown because a field is not filled in, not because the documents are silent

    @property
    def label(self) -> str:
        return self.figure.label

    @property
    def comparable(self) -> bool:
        return self.difference is not None


class Comparison(BaseModel):
    """The public contract of ``calc --compare-on``: before, after, changes, difference (and, for the front
    ends only, the rows of the side-by-side table and the headline sentence)."""

    before: Result
    after: Result
    changes: list[Change]
    difference: dict[str, dict[str, Any]]
    rows: list[Row] = Field(default_factory=list, exclude=True)
    headline: str = Field(default="", exclude=True)
    readings: list[ReadingRef] = Field(default_factory=list, exclude=True)  # of either date, each once
    rules_from: date | None = Field(default=None, exclude=True)  # the latest day one of these changes took effect

    def reasons(self) -> list[Reason]:
        """Every row's reasons, each once, in the order first given: the side-by-side table cites them by number."""
        return list({(r.parameter, r.text): r for row in self.rows for r in row.reasons}.values())

    def reason_numbers(self, row: Row) -> str:
        """A row's reasons as their numbers in ``reasons()`` (1、3), or "" for a row no change moves."""
        numbers = {(r.parameter, r.text): n for n, r in enumerate(self.reasons(), start=1)}
        return "、".join(str(n) for n in sorted(numbers[(r.parameter, r.text)] for r in row.reasons))

    def changes_moving_nothing(self) -> list[Change]:
        """The changes of the rules this case reads that move none of its figures (the reasons name the others)."""
        moving = {r.parameter for r in self.reasons()}
        return [c for c in self.changes if c.parameter not in moving]


def compare(request: Request, other: date, policy: Policy | None = None, local: Sequence[LocalFigure] = ()) -> Comparison:
    """The request computed on its own date and on ``other``; ``before`` is the earlier of the two."""
    policy = policy or bundled_policy()
    first, second = sorted((request.on, other))
    before = _side(request, first, policy, local)
    after = _side(request, second, policy, local)
    if before.result is None and after.result is None:
        own = before if first == request.on else after
        assert own.error is not None
        raise own.error
    changes = [c for c in changes_between(policy, request.city, first, second, local)
               if c.parameter in before.read | after.read]
    change_models = [Change(parameter=c.parameter, label=c.label, before=c.before, after=c.after,
                            sources=list(dict.fromkeys(s for s in (c.before_source, c.after_source) if s)))
                     for c in changes]
    sections = _sections(request)
    rows = [_row(f, before.result, after.result, first, second) for f in FIGURES if f.section in sections]
    if before.result is not None and after.result is not None:
        rows = _traced(rows, request, first, second, [c.parameter for c in changes], policy, local)
    rules_from = _took_effect(policy, request.city, first, second, [c.parameter for c in changes])
    comparison = Comparison(
        before=before.result or _empty(request, first, before.unavailable, policy),
        after=after.result or _empty(request, second, after.unavailable, policy),
        changes=change_models,
        difference=_difference(rows),
        rows=rows,
        rules_from=rules_from,
    )
    no_way = [side.error is not None and side.error.field == "contribution.flexible_option" for side in (before, after)]
    if any(no_way):  # the chosen way of paying is missing on one date: said so, not 文件未规定
        comparison.rows = [row if row.figure.section != "contribution" else replace(
            row, before_text=NO_SUCH_WAY if no_way[0] else row.before_text,
            after_text=NO_SUCH_WAY if no_way[1] else row.after_text) for row in comparison.rows]
    if any(no_way):
        assert request.contribution is not None and request.contribution.flexible_option is not None
        chosen = OPTION_NAMES[request.contribution.flexible_option]
        comparison.headline = (f"{(before if no_way[0] else after).unavailable}。"
                               f"按“{chosen}”无法比较这两个日期，可改选两个日期都有的缴费方式。")
    elif ways := _ways(request, comparison):  # each date its own default way: the ways said, not the difference
        others = [row for row in comparison.rows if row.figure.section != "contribution"]
        comparison.headline = ways + (_headline(comparison, "", others) if others else "")
    else:
        comparison.headline = _headline(comparison, before.unavailable or after.unavailable)
    comparison.readings = list({r.id: r for r in (*comparison.before.readings, *comparison.after.readings)}.values())
    return comparison


# ---------------------------------------------------------------- the two calculations


@dataclass
class _Side:
    result: Result | None
    read: set[str]
    unavailable: str = ""
    error: InputError | None = None


def _side(request: Request, on: date, policy: Policy, local: Sequence[LocalFigure]) -> _Side:
    """One date's calculation; an input the rules of that date cannot take (no rules in force, an option the city
    does not offer then) leaves the side unavailable with the reason, so the other side can still be shown."""
    case = _CasePolicy.of(policy)
    try:
        return _Side(calculate(request.model_copy(update={"on": on}), case, local), case.read)
    except InputError as exc:
        region = policy.regions.get(request.city)
        if exc.field == "on" and region is not None:
            return _Side(None, case.read, f"{region.name}在{cn_date(on)}没有所收录文件中施行的规定", exc)
        return _Side(None, case.read, f"{cn_date(on)}：{exc.problem}", exc)


def _empty(request: Request, on: date, why: str, policy: Policy) -> Result:
    """A result with no figures, for a date the documents do not cover: the reason is its note."""
    region = policy.regions[request.city]
    return Result(city=region.code, city_name=region.name, on=on, notes=[why])


@dataclass
class _CasePolicy(Policy):
    """The policy as one calculation sees it: records which parameters it reads, and can take some of
    them (``reverted``) as they stood on an earlier date."""

    read: set[str] = field(default_factory=set)
    earlier: date | None = None
    reverted: frozenset[str] = frozenset()

    @classmethod
    def of(cls, policy: Policy, earlier: date | None = None, reverted: frozenset[str] = frozenset()) -> _CasePolicy:
        return cls(policy.documents, policy.catalogue, policy.regions, policy.province, policy.national,
                   policy.readings, policy.not_computed, read=set(), earlier=earlier, reverted=reverted)

    def snapshot(  # type: ignore[override]
        self, city: str, on: date, local: Sequence[LocalFigure] = (), retired: bool | None = None
    ) -> Snapshot:
        return _CaseSnapshot(self, self.regions[city], on, tuple(local), retired)


@dataclass
class _CaseSnapshot(Snapshot):
    def get(self, parameter: str) -> Resolved | None:
        case = self.policy
        assert isinstance(case, _CasePolicy)
        case.read.add(parameter)
        if parameter in case.reverted and case.earlier is not None:
            return Snapshot(case, self.city, case.earlier, self.local, self.retired).get(parameter)
        return super().get(parameter)


# ---------------------------------------------------------------- figures and differences


def _sections(request: Request) -> set[str]:
    asked = {"contribution": request.contribution, "year_totals": request.visits, "retirement": request.retirement,
             "fund": request.fund}
    return {name for name, given in asked.items() if given is not None}


def _value(result: Result | None, figure: Figure) -> Number | None:
    """The figure as shown: money to the fen, the rate to four places, months whole."""
    data: Any = None if result is None else getattr(result, figure.section)
    for part in figure.path:
        if data is None:
            return None
        data = getattr(data, part)
    if data is None or isinstance(data, bool):
        return None
    if isinstance(data, int):
        return data
    return round_rate(Decimal(data)) if figure.kind == "rate" else to_fen(Decimal(data))


def figure_value_text(figure: Figure, value: Number | None) -> str:
    if value is None:
        return NOT_STATED
    if figure.kind == "months":
        return months(int(value))
    if figure.kind == "rate":
        return percent(Decimal(value))
    return yuan(Decimal(value))


def _size(number: Number) -> Number:
    return -number if number < 0 else number


def _difference_text(figure: Figure, difference: Number) -> str:
    if not difference:
        return "不变"
    sign = "+" if difference > 0 else "−"
    if figure.kind == "rate":
        return f"{sign}{percentage_points(abs(Decimal(difference)))}"
    return sign + figure_value_text(figure, _size(difference))


# The request fields whose absence leaves a section's figures unknown (``Result.needs_input``).
_INPUT_FIELDS = {"contribution": ("contribution", "enrolment"), "year_totals": ("visits", "year_to_date"),
                 "retirement": ("retirement",), "fund": ("fund",)}


def _row(figure: Figure, before: Result | None, after: Result | None, first: date, second: date) -> Row:
    old, new = _value(before, figure), _value(after, figure)
    if old is None or new is None:
        needed = [n.label for side in (before, after) if side is not None for n in side.needs_input
                  if n.field.startswith(_INPUT_FIELDS[figure.section])]
        if needed:
            waiting = f"需填写{needed[0]}"
            return Row(figure, old, new, None, figure_value_text(figure, old) if old is not None else waiting,
                       figure_value_text(figure, new) if new is not None else waiting, waiting, waiting=True)
        missing = "均未载明" if old is None and new is None else "无法比较"
        return Row(figure, old, new, None, figure_value_text(figure, old), figure_value_text(figure, new), missing)
    difference = new - old
    return Row(figure, old, new, difference, figure_value_text(figure, old), figure_value_text(figure, new),
               _difference_text(figure, difference))


def _difference(rows: Sequence[Row]) -> dict[str, dict[str, Any]]:
    """The JSON difference: after − before per figure, nested like the result; null where not comparable."""
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        place = out.setdefault(row.figure.section, {})
        for part in row.figure.path[:-1]:
            place = place.setdefault(part, {})
        place[row.figure.path[-1]] = row.difference
    return out


# ---------------------------------------------------------------- tracing differences to parameters


def _traced(
    rows: list[Row], request: Request, first: date, second: date, changed: list[str], policy: Policy,
    local: Sequence[LocalFigure],
) -> list[Row]:
    """Each row with the changed parameters that alone move it (the later calculation with one put back), or, where
    none does alone, the set of them that moves it together."""
    moved: dict[str, list[str]] = {row.figure.key: [] for row in rows}
    for section in dict.fromkeys(row.figure.section for row in rows):
        # Each section is traced on its own: a parameter put back is recomputed only where it is read.
        here = [row for row in rows if row.figure.section == section and not row.waiting
                and (row.difference != 0 if row.comparable else (row.before is None) != (row.after is None))]
        if not here:
            continue
        alone = _only(request, section).model_copy(update={"on": second})
        reading = _CasePolicy.of(policy)
        calculate(alone, reading, local)
        read = [p for p in changed if p in reading.read]
        moves = _mover(alone, first, policy, local)
        for row in here:
            moved[row.figure.key] = [p for p in read if moves(row, frozenset({p}))] or _together(row, read, moves)
    earlier = policy.snapshot(request.city, first, local)
    later = policy.snapshot(request.city, second, local)
    traced = []
    for row in rows:
        if row.difference == 0 and row.before is not None:
            traced.append(row)
            continue
        reasons = tuple(_reason(name, earlier.get(name), later.get(name), request, row.figure, policy)
                        for name in moved[row.figure.key])
        traced.append(Row(row.figure, row.before, row.after, row.difference, row.before_text, row.after_text,
                          row.difference_text, reasons, row.waiting))
    return traced


def _mover(
    alone: Request, first: date, policy: Policy, local: Sequence[LocalFigure],
) -> Callable[[Row, frozenset[str]], bool]:
    """Whether putting these parameters back together moves a row; each set is calculated once."""
    results: dict[frozenset[str], Result | None] = {}

    def moves(row: Row, put_back: frozenset[str]) -> bool:
        if put_back not in results:
            try:
                results[put_back] = calculate(alone, _CasePolicy.of(policy, first, put_back), local)
            except InputError:
                results[put_back] = None  # e.g. an option the earlier rules did not offer: these decide everything
        found = results[put_back]
        return _explains(row, None if found is None else _value(found, row.figure), found is None)

    return moves


def _together(row: Row, read: list[str], moves: Callable[[Row, frozenset[str]], bool]) -> list[str]:
    """The changes that move a row only together: all of them put back, less each one the rest can move it without
    (so a change that does not touch this row is never named); none if even all together leave it where it is."""
    together = list(read)
    if not moves(row, frozenset(together)):
        return []
    shrinking = True
    while shrinking:  # until every one left is needed: without it, the rest no longer move the row
        shrinking = False
        for parameter in list(together):
            rest = [p for p in together if p != parameter]
            if rest and moves(row, frozenset(rest)):
                together, shrinking = rest, True
    return together


def _took_effect(policy: Policy, city: str, first: date, second: date, parameters: Sequence[str]) -> date | None:
    """The latest day after ``first`` and on or before ``second`` on which one of these parameters changed
    (a value starting or ending, a document expiring, a phase-in running out): 按…起的规定."""
    days = set()
    for region in (policy.regions[policy.province], policy.regions[city]):
        for name in parameters:
            for entry in region.entries.get(name, ()):
                days.add(entry.start)
                if entry.end is not None:
                    days.add(entry.end + timedelta(days=1))
                if entry.phase_in_until is not None:
                    days.add(entry.phase_in_until)
    return max((d for d in days if first < d <= second), default=None)


def _only(request: Request, section: str) -> Request:
    """The request with only the inputs one section of the result is computed from."""
    keep = set(_SECTION_INPUTS[section])
    return request.model_copy(update={name: None for name in _ALL_INPUTS if name not in keep})


_SECTION_INPUTS = {"contribution": ("contribution",), "year_totals": ("visits", "year_to_date"),
                   "retirement": ("retirement",), "fund": ("fund",)}
_ALL_INPUTS = ("contribution", "visits", "year_to_date", "retirement", "enrolment", "fund")


def _explains(row: Row, put_back: Number | None, failed: bool) -> bool:
    """Whether putting one parameter back alone moves the later figure: towards no figure where the earlier
    date has none, towards a figure where the later date has none, otherwise to any other value."""
    if failed:
        return True
    if row.before is None and row.after is not None:
        return put_back is None
    if row.after is None:
        return put_back is not None
    return put_back != row.after


def _reason(
    parameter: str, old: Resolved | None, new: Resolved | None, request: Request, figure: Figure, policy: Policy,
) -> Reason:
    spec = policy.catalogue[parameter]
    label = _short_label(spec.label, figure)
    keys = _keys(parameter, spec, request, old, new)
    if keys:
        parts = [(key_label(spec, k, _all_keys(old, new)), _figure_at(spec, old, k), _figure_at(spec, new, k))
                 for k in keys]
        changed = [p for p in parts if p[1] != p[2]] or parts
        if len(changed) == 1:
            name, b, a = changed[0]
            text = f"{label}（{name}）{change_words(b, a)}"
        else:
            text = f"{label}：" + "、".join(f"{name}{change_words(b, a)}" for name, b, a in changed)
    else:
        text = f"{label}{change_words(_figure_at(spec, old, None), _figure_at(spec, new, None))}"
    option = OPTION_OF_RATE.get(parameter)
    if option is not None and old is not None and new is not None and old.entry.status != new.entry.status:
        text = _way_opened(OPTION_NAMES[option], old, new)
    expires = old.document.expires if old is not None and old.document is not None else None
    if old is not None and expires is not None and old.entry.end == expires:
        text += f"（原依据文件有效期至{cn_date(expires)}）"
    sources = tuple(dict.fromkeys(source_of(r) for r in (old, new) if r is not None))
    return Reason(parameter, text, sources)


def _way_opened(name: str, old: Resolved, new: Resolved) -> str:
    """A way of paying the city starts or stops offering, said as such (not 由不设此项变为7%):
    2026年1月1日起可选择不建立个人账户（按7%缴费）."""
    if new.entry.status == "in_force" and isinstance(new.value, Decimal):
        day = old.entry.end + timedelta(days=1) if old.entry.end is not None else new.entry.start
        return f"{cn_date(day)}起可选择{name}（按{percent(new.value)}缴费）"
    if old.entry.status == "in_force" and isinstance(old.value, Decimal):
        day = old.entry.end + timedelta(days=1) if old.entry.end is not None else new.entry.start
        return f"{cn_date(day)}起不再可选择{name}（此前按{percent(old.value)}缴费）"
    return f"{name}：{change_words(_figure_at(None, old, None), _figure_at(None, new, None))}"


def _short_label(label: str, figure: Figure) -> str:
    """The catalogue label without its closing remark, and without 普通门诊统筹 where the sentence is about visits."""
    label = re.sub(r"（[^（）]*）$", "", label)
    if figure.section == "year_totals":
        label = label.removeprefix("普通门诊统筹")
    return label


def _all_keys(old: Resolved | None, new: Resolved | None) -> list[str]:
    for found in (new, old):
        if found is not None and isinstance(found.value, dict):
            return list(found.value)
    return []


def _keys(parameter: str, spec: ParameterSpec, request: Request, old: Resolved | None, new: Resolved | None) -> list[str]:
    """The cells of a split parameter that apply to this person (their visits' tiers, status, sex, age), keys joined."""
    cells = [""]
    for index, dim in enumerate(spec.dims):
        keys = _dimension_keys(parameter, dim, [k.split(KEY_SEPARATOR)[index] for k in _all_keys(old, new)], request)
        cells = [KEY_SEPARATOR.join(filter(None, (cell, key))) for cell in cells for key in keys]
    return cells if spec.dims else []


def _dimension_keys(parameter: str, by: str, all_keys: list[str], request: Request) -> list[str]:
    person = request.person
    if by == "tier":
        kind = parameter.split(".", 1)[0]
        tiers = [str(v.tier) for v in request.visits or [] if v.kind == kind]
        return list(dict.fromkeys(tiers))
    if person is None:
        return []
    if by == "status":
        return ["retired" if person.retired else "in_service"]
    if by == "sex":
        return [person.sex]
    if by == "age_from":
        thresholds = [k for k in dict.fromkeys(all_keys) if int(k) <= person.age]
        return thresholds[-1:]
    return []


def _figure_at(spec: Any, found: Resolved | None, key: str | None) -> str:
    if found is None or found.entry.status == "not_stated":
        return NOT_STATED
    value = found.value
    if value is None:
        return NOT_OFFERED
    if isinstance(value, dict):
        if key is None:
            return "；".join(f"{key_label(spec, k, list(value))} {figure_text(spec, v)}" for k, v in value.items())
        chosen = threshold_value(value, key) if spec.by in LOWEST_KEY else value.get(key)
        return NOT_STATED if chosen is None else figure_text(spec, chosen)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str):
        return value
    return figure_text(spec, value)


# ---------------------------------------------------------------- the headline


def _headline(comparison: Comparison, unavailable: str, rows: Sequence[Row] | None = None) -> str:
    """What moved for this person (in ``rows``, by default all), each with its reasons, then what cannot be
    compared and why."""
    before, after = comparison.before, comparison.after
    rows = comparison.rows if rows is None else rows
    if unavailable:
        return f"{unavailable}，无法比较。"
    moved: list[str] = []
    missing: dict[tuple[str, date], list[Row]] = {}  # by section and the date without the figure
    for row in rows:
        if not row.figure.more or (row.comparable and not row.difference):
            continue
        if row.difference is not None:
            words = row.figure.more if row.difference > 0 else row.figure.less
            amount = figure_value_text(row.figure, _size(row.difference))
            both = f"，由{row.before_text}到{row.after_text}" if row.figure.kind == "months" else ""
            moved.append(f"{_visits_words(comparison, row)}{words} {amount}{both}{_because(row)}")
        elif not row.waiting and (row.before is not None or row.after is not None):
            missing.setdefault((row.figure.section, (before if row.before is None else after).on), []).append(row)
    not_comparable = []
    for (_, day), rows in missing.items():
        if len(rows) > 1:  # several figures of one section: named together, the table gives each reason
            labels = "、".join(row.label for row in rows)
            not_comparable.append(f"{cn_date(day)}{NOT_STATED}{_visits_words(comparison, rows[0])}{labels}，无法比较")
            continue
        row = rows[0]
        known, side = (row.after_text, after) if row.before is None else (row.before_text, before)
        not_comparable.append(f"{_visits_words(comparison, row)}{row.label}：{cn_date(day)}{NOT_STATED}，无法比较"
                              f"（{cn_date(side.on)}为{known}）{_because(row)}")
    sentences = []
    if moved:
        when = comparison.rules_from
        lead = f"按{cn_date(when)}起的规定，" if when is not None else f"按{cn_date(after.on)}的规定，"
        sentences.append(lead + "。".join(moved))
    sentences += not_comparable
    headline_rows = [r for r in rows if r.figure.more]
    if not sentences and headline_rows and all(r.before is None and r.after is None for r in headline_rows):
        return f"{cn_date(before.on)}和{cn_date(after.on)}所收录的文件均未载明这些数字，无法比较。"
    if not sentences:
        what = "、".join(SECTION_NAMES[s] for s in dict.fromkeys(r.figure.section for r in rows))
        changed = "所适用的规定有变化，但" if comparison.changes else ""
        return f"{cn_date(before.on)}与{cn_date(after.on)}相比，{changed}您的{what}测算结果没有变化。"
    return "。".join(sentences) + "。"


def _ways(request: Request, comparison: Comparison) -> str:
    """Where no way of paying was chosen and the two dates took different defaults: each date's ways side by side,
    with their rates (or the day a way starts), and that the table follows each date's default."""
    given = request.contribution
    before, after = comparison.before.contribution, comparison.after.contribution
    if given is None or given.flexible_option is not None or before is None or after is None:
        return ""
    if before.flexible_option == after.flexible_option:
        return ""
    sides = [f"{cn_date(side.on)}：{choices_text(shown.flexible_choices)}"
             for side, shown in ((comparison.after, after), (comparison.before, before))]
    return "。".join(sides) + "。未选择缴费方式，下表两个日期各按当时的默认方式计算。"


def reading_text(reading: ReadingRef) -> str:
    """One reading of an unclear clause as the comparison lists it."""
    return f"{reading.document} {reading.clause}：{reading.reading}"


def _because(row: Row) -> str:
    return "；原因：" + "，".join(r.text for r in row.reasons) if row.reasons else ""


def _visits_words(comparison: Comparison, row: Row) -> str:
    if row.figure.section != "year_totals":
        return ""
    kinds = {v.kind for v in comparison.after.visits or comparison.before.visits or []}
    word = {frozenset({"outpatient"}): "门诊", frozenset({"inpatient"}): "住院"}.get(frozenset(kinds), "就医")
    return f"这一年的{word}"
