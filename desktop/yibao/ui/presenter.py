"""The window's state without Qt: the case as typed in, the request, result, problem and staleness out.

The widgets write every edit here (``set``, the visit methods) and draw what the signals carry; nothing is
read back from a widget. The presenter also holds what the views derive from the case: whether it was saved
since the last edit, the visit chosen for the tier comparison (settled at each tier once, in a cache), and
the 政策前后对比 comparison the sheet prints. Qt is not imported, so the state can be tested without a
display; pydantic and the rules core are imported only when the first figure is computed (the window's
session is made after its first paint).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from yibao.rules import Request, Result
    from yibao.rules.compare import Comparison
    from yibao.rules.models import Visit
    from yibao.session import Session
    from yibao.sheet.tiers import TierSheet
    from yibao.ui.tiers import Curves, TierCache, TierVariants

Compute = Callable[["Request"], "Result"]

DEFAULTS: dict[str, Any] = {
    "person.employment": "enterprise", "person.retired": False, "person.sex": "male", "person.age": 40,
    "contribution.monthly_base": "", "contribution.flexible_option": None,
    "enrolment.first_contribution_month": "", "enrolment.first_enrolment": True,
    "year_to_date.given": False,
    "retirement.paid_months": "", "retirement.deemed_months": "", "retirement.last_monthly_base": "",
    "retirement.never_enrolled": False, "retirement.last_month_pension": "", "retirement.minimum_base": "",
}
YTD_COUNTS = ("inpatient_stays",)  # the other year-to-date figures (YearToDate's fields) are amounts
VISIT_AMOUNTS = ("in_scope", "out_of_scope", "self_pay_first")
MAX_MONTHS, MAX_STAYS = 1200, 366


class Signal:
    """A plain-Python signal: the presenter stays free of Qt and testable without a QApplication."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., None]] = []

    def connect(self, slot: Callable[..., None]) -> None:
        self._slots.append(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)


@dataclass(frozen=True)
class VisitRow:
    """One visit as typed: amounts are text until the case is computed."""

    kind: str = "outpatient"
    tier: int = 3
    in_scope: str = ""
    out_of_scope: str = ""
    self_pay_first: str = ""


@dataclass(frozen=True)
class Problem:
    """Why the case cannot be computed: the field (a request path such as ``visits[2].in_scope``) and a message."""

    field: str
    message: str


class CaseProblem(Exception):
    def __init__(self, field: str, label: str, problem: str) -> None:
        super().__init__(f"{label}：{problem}")
        self.field = field


class Presenter:
    """The case, and what the rules core made of it; ``computed``, ``failed`` and ``stale_changed`` say so."""

    def __init__(self, city: str, on: date) -> None:
        self.values: dict[str, Any] = {"city": city, "on": on, **DEFAULTS}  # year_to_date.*: blank until typed
        self.visits: list[VisitRow] = []
        # The visit just added, the last row, until the clerk leaves it: left blank so far, it is not yet an error
        # (必须填写 and the whole year greyed before anything was typed); it is not computed either.
        self.new_visit: int | None = None
        self.session: Session | None = None
        self.compute: Compute | None = None
        self.request: Request | None = None
        self.result: Result | None = None
        self.problem: Problem | None = None
        self.stale = False
        self.dirty = False  # edited since the last save to the history (Ctrl+N and closing ask first)
        self.chosen_visit = -1  # the visits table's row the tier comparison settles (-1: none chosen, the first)
        self.comparison: Comparison | None = None  # 政策前后对比, while its tab shows it; printed from there
        self._tiers: TierCache | None = None
        self.computed = Signal()  # (result)
        self.failed = Signal()  # (problem)
        self.stale_changed = Signal()  # (bool)
        self.loaded = Signal()  # the whole case replaced: the view writes every field again
        self._batch = 0
        self._pending = False

    def start(self, session: Session) -> None:
        """Compute through ``session`` from now on, and compute the case."""
        self.session = session
        self.compute = session.compute
        self.recompute()

    def figures_changed(self) -> None:
        """The session's local figures changed: the same case, the same visit may settle differently."""
        self._tiers = None
        self.recompute()

    # ------------------------------------------------------------ input

    def set(self, path: str, value: Any) -> None:
        """One field edited."""
        if self.values.get(path) == value:
            return
        self.values[path] = value
        self.dirty = True
        self.recompute()

    def add_visit(self, kind: str) -> int:
        self.visits.append(VisitRow(kind=kind))
        self.new_visit = len(self.visits) - 1
        self.dirty = True
        self.recompute()
        return len(self.visits) - 1

    def leave_visit(self, row: int) -> None:
        """The clerk left visit ``row`` (another row, another field): a new visit left blank is now an error."""
        if row == self.new_visit:
            self.new_visit = None
            self.recompute()

    def add_visits(self, visits: Sequence[Visit]) -> None:
        """Visits pasted or imported, after the others."""
        self.visits.extend(map(_row_of, visits))
        self.dirty = True
        self.recompute()

    def set_visit(self, row: int, **changes: Any) -> None:
        updated = replace(self.visits[row], **changes)
        if updated == self.visits[row]:
            return
        self.visits[row] = updated
        self.dirty = True
        self.recompute()

    def remove_visit(self, row: int) -> None:
        del self.visits[row]
        self.new_visit = None
        self.dirty = True
        self.recompute()

    def move_visit(self, row: int, step: int) -> bool:
        target = row + step
        if not (0 <= row < len(self.visits) and 0 <= target < len(self.visits)):
            return False
        self.visits[row], self.visits[target] = self.visits[target], self.visits[row]
        self.new_visit = None  # moved: no longer the last row, and left
        self.dirty = True
        self.recompute()
        return True

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Many edits at once (a case loaded, a new case): computed once, at the end."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if not self._batch and self._pending:
                self.recompute()

    def load(self, request: Request | None, city: str, on: date) -> None:
        """Replace the case: a request reopened from the history, or None for a new case."""
        values: dict[str, Any] = {"city": city, "on": on, **DEFAULTS}
        visits: list[VisitRow] = []
        if request is not None:
            values.update(_values_of(request))
            visits = [_row_of(visit) for visit in request.visits or []]
        with self.batch():
            self.values = values
            self.visits = visits
            self.chosen_visit = -1
            self.new_visit = None
            self.loaded.emit()
            self.recompute()
        self.dirty = False

    def choose_visit(self, row: int) -> None:
        self.chosen_visit = row

    def saved(self) -> None:
        """The case as it stands was recorded in the history."""
        self.dirty = False

    @property
    def unsaved(self) -> bool:
        """Edited since the last save, with figures worth keeping (a new case or closing asks first)."""
        return self.dirty and self.request is not None

    # ------------------------------------------------------------ output

    def _on(self) -> date:
        """The date the rules apply, as typed (CaseProblem if it cannot be read)."""
        from yibao.rules.inputs import parse_typed_date

        on = self.values["on"]
        return on if isinstance(on, date) else _parsed("on", _label("on"), partial(parse_typed_date, str(on)))

    @property
    def rules_date(self) -> date:
        """The date typed, or while it cannot be read the date of the figures shown (else today)."""
        try:
            return self._on()
        except CaseProblem:
            return self.request.on if self.request is not None else date.today()

    @property
    def flexible(self) -> bool:
        return bool(self.values["person.employment"] == "flexible")

    def request_data(self) -> dict[str, Any]:
        """The case as request data; CaseProblem names the first field that cannot be read."""
        from yibao.rules.inputs import normalise, parse_month

        v = self.values
        retired = bool(v["person.retired"])
        data: dict[str, Any] = {
            "city": v["city"], "on": self._on().isoformat(),
            "person": {"employment": v["person.employment"], "retired": retired, "sex": v["person.sex"],
                       "age": v["person.age"]},
        }
        base = _amount(v, "contribution.monthly_base")
        if base is not None or retired:
            section: dict[str, Any] = {"monthly_base": None if base is None else str(base)}
            if self.flexible:
                section["flexible_option"] = v["contribution.flexible_option"]
            data["contribution"] = section
        month_text = v["enrolment.first_contribution_month"]
        month = None
        if normalise(month_text):
            month = _parsed("enrolment.first_contribution_month", _label("enrolment.first_contribution_month"),
                            lambda: parse_month(month_text))
        data["enrolment"] = {"first_contribution_month": month,
                             "first_enrolment": bool(v["enrolment.first_enrolment"]) if self.flexible else True}
        visits = self.visits
        if self.new_visit is not None and not normalise(self.visits[self.new_visit].in_scope):
            visits = self.visits[:self.new_visit]  # not yet left, nothing typed: not computed, not an error
        if visits:
            data["visits"] = [self._visit_data(row, visit) for row, visit in enumerate(visits)]
            if v["year_to_date.given"]:
                from yibao.rules.models import YearToDate

                ytd: dict[str, Any] = {}
                for key in YearToDate.model_fields:
                    path = f"year_to_date.{key}"
                    value = _count(v, path, MAX_STAYS, "次") if key in YTD_COUNTS else _amount(v, path)
                    if value is not None:
                        ytd[key] = value if key in YTD_COUNTS else str(value)
                data["year_to_date"] = ytd
        paid = _count(v, "retirement.paid_months", MAX_MONTHS, "个月")
        deemed = _count(v, "retirement.deemed_months", MAX_MONTHS, "个月")
        amounts = {key: _amount(v, path) for key, path in (("last_monthly_base", "retirement.last_monthly_base"),
                                                            ("last_month_pension", "retirement.last_month_pension"),
                                                            ("minimum_base", "retirement.minimum_base"))}
        if paid is not None:
            data["retirement"] = {"paid_months": paid, "deemed_months": deemed or 0,
                                  "never_enrolled": bool(v["retirement.never_enrolled"]),
                                  **{key: None if value is None else str(value) for key, value in amounts.items()}}
        return data

    @staticmethod
    def _visit_data(row: int, visit: VisitRow) -> dict[str, Any]:
        from yibao.rules.inputs import normalise, parse_amount

        data: dict[str, Any] = {"kind": visit.kind, "tier": visit.tier}
        for key in VISIT_AMOUNTS:
            text = getattr(visit, key)
            name = f"第{row + 1}条就诊·{_label('visits.' + key)}"
            if not normalise(text):
                if key == "in_scope":
                    raise CaseProblem(f"visits[{row}].{key}", name, "必须填写")
                data[key] = "0"
                continue
            data[key] = str(_parsed(f"visits[{row}].{key}", name, partial(parse_amount, text)))
        return data

    def recompute(self) -> None:
        """Compute the case now, or once the current batch ends; a failure leaves the last figures, marked stale."""
        if self._batch or self.compute is None:
            self._pending = True
            return
        self._pending = False
        from yibao.rules import InputError
        from yibao.rules.requests import request_from_data

        try:
            request = request_from_data(self.request_data())
            result = self.compute(request)
        except CaseProblem as exc:
            self._fail(Problem(exc.field, str(exc)))
            return
        except InputError as exc:
            if exc.field == "contribution.flexible_option" and self.values["contribution.flexible_option"]:
                self.values["contribution.flexible_option"] = None  # another city or date may not offer it
                self.recompute()
                return
            self._fail(Problem(exc.field, exc.shown()))
            return
        self.request, self.result, self.problem = request, result, None
        self._set_stale(False)
        self.computed.emit(result)

    def tier_variants(self) -> tuple[TierVariants | None, Curves | None]:
        """The chosen visit (else the first) settled at each tier, and its share curves; (None, None) without
        visits. Kept while the visit and the year before it stay as they are. InputError passes up."""
        from yibao.ui.tiers import TierCache

        assert self.request is not None and self.result is not None
        if self._tiers is None:
            self._tiers = TierCache(lambda request: self._compute(request))
        row = 0 if self.chosen_visit < 0 and self.request.visits else self.chosen_visit
        variants = self._tiers.variants(self.request, self.result, row)
        return variants, None if variants is None else self._tiers.curves(variants)

    def tier_sheet(self) -> TierSheet | None:
        """The tier comparison as the sheet prints it (the figures on screen); None without a visit, or when the
        visit cannot be settled now."""
        from yibao.rules import InputError
        from yibao.sheet.tiers import TierSheet

        try:
            variants, _ = self.tier_variants()
        except InputError:
            return None
        return None if variants is None else TierSheet(variants.visit_index, variants.visit.tier, variants.settled)

    def compare(self, first: date, second: date) -> Comparison:
        """The case under the rules in force on ``first`` and on ``second``, kept for the sheet. InputError passes up."""
        assert self.session is not None and self.request is not None
        self.comparison = None
        self.comparison = self.session.compare(self.request.model_copy(update={"on": second}), first)
        return self.comparison

    def forget_comparison(self) -> None:
        """The two dates cannot be compared (the same day, an input the rules refuse)."""
        self.comparison = None

    def _compute(self, request: Request) -> Result:
        assert self.compute is not None
        return self.compute(request)

    def cannot_compute(self, message: str) -> None:
        """Nothing can be computed at all (the policy data is damaged): said like any other problem."""
        self.compute = None
        self._fail(Problem("policy", message))

    def _fail(self, problem: Problem) -> None:
        self.problem = problem
        self._set_stale(True)
        self.failed.emit(problem)

    def _set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            self.stale_changed.emit(stale)


def _parsed(field: str, label: str, parse: Callable[[], Any]) -> Any:
    from yibao.rules.inputs import InputProblem

    try:
        return parse()
    except InputProblem as exc:
        raise CaseProblem(field, label, str(exc)) from None


def _label(path: str) -> str:
    """The field's Chinese name, as the window labels it (yibao.wording)."""
    from yibao.wording import FIELD_LABELS

    return FIELD_LABELS.get(path, path)


def _amount(values: dict[str, Any], path: str) -> Any:
    from yibao.rules.inputs import normalise, parse_amount

    text = values.get(path, "")
    if not normalise(text):
        return None
    return _parsed(path, _label(path), lambda: parse_amount(text))


def _count(values: dict[str, Any], path: str, maximum: int, unit: str) -> int | None:
    from yibao.rules.inputs import normalise, parse_whole

    text = values.get(path, "")
    if not normalise(text):
        return None
    return int(_parsed(path, _label(path), lambda: parse_whole(text, maximum=maximum, unit=unit)))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _optional(value: object) -> str:
    """An amount that may be left blank: zero shows as blank."""
    return "" if value in (None, 0) else str(value)


def _row_of(visit: Visit) -> VisitRow:
    """A visit as the table shows it typed: 1200.00, and blank for no amount out of scope or paid first."""
    return VisitRow(visit.kind, visit.tier, _text(visit.in_scope), _optional(visit.out_of_scope),
                    _optional(visit.self_pay_first))


def _values_of(request: Request) -> dict[str, Any]:
    """The fields of a saved request, as the form shows them."""
    values: dict[str, Any] = {}
    if request.person is not None:
        person = request.person
        values.update({"person.employment": person.employment, "person.retired": person.retired,
                       "person.sex": person.sex, "person.age": person.age})
    if request.contribution is not None:
        values["contribution.monthly_base"] = _text(request.contribution.monthly_base)
        values["contribution.flexible_option"] = request.contribution.flexible_option
    if request.enrolment is not None:
        values["enrolment.first_contribution_month"] = _text(request.enrolment.first_contribution_month)
        values["enrolment.first_enrolment"] = request.enrolment.first_enrolment
    if request.year_to_date is not None:
        values["year_to_date.given"] = True
        for field in type(request.year_to_date).model_fields:
            value = getattr(request.year_to_date, field)
            values[f"year_to_date.{field}"] = _optional(value)
    if request.retirement is not None:
        retirement = request.retirement
        values["retirement.paid_months"] = str(retirement.paid_months)
        values["retirement.deemed_months"] = str(retirement.deemed_months) if retirement.deemed_months else ""
        values["retirement.last_monthly_base"] = _text(retirement.last_monthly_base)
        values["retirement.never_enrolled"] = retirement.never_enrolled
        values["retirement.last_month_pension"] = _text(retirement.last_month_pension)
        values["retirement.minimum_base"] = _text(retirement.minimum_base)
    return values
