"""Reads parameters for a calculation and records what each figure rests on.

Every read goes through a Trace: a figure the documents do not give is
recorded as missing (never guessed), a transition is recorded as a note, and
each result line carries the sources it was computed from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from functools import cache

from yibao.rules.models import Line, LineUnit, Missing, NeedsInput, SourceRef
from yibao.rules.policy import Resolved, Snapshot, narrow
from yibao.wording import LOCAL_MARK, NOT_STATED, cn_date, money, months, percent, to_fen


class Trace:
    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.missing: dict[str, Missing] = {}
        self.needs_input: dict[str, NeedsInput] = {}
        self.notes: list[str] = []
        self.cited: dict[str, None] = {}  # document ids named by notes and missing figures, beside the lines' sources

    def read(self, parameter: str) -> Resolved | None:
        """The parameter in force, or None (recorded as missing) when no figure is given.

        A value the city does not offer (status not_offered) is returned as it is:
        the caller decides what "not offered" means there.
        """
        found = self.snapshot.get(parameter)
        if found is None:
            spec = self.snapshot.policy.catalogue[parameter]
            self.need(parameter, spec.label, NOT_STATED)
            return None
        if found.entry.status == "not_stated":  # its note says why; a transition note would add nothing
            self.cited.setdefault(found.entry.source.document)
            self.need(parameter, found.spec.label, found.entry.note or NOT_STATED)
            return None
        self._note_transition(found)
        return found

    def number(self, parameter: str, key: str | None = None) -> tuple[Decimal | None, Resolved | None]:
        """A numeric value (or one column of a split value) with where it comes from."""
        found = self.read(parameter)
        if found is None or found.value is None:
            return None, found or self.snapshot.get(parameter)
        value = found.value
        if key is None:
            assert isinstance(value, Decimal), parameter
            return value, found
        assert isinstance(value, dict) and len(found.spec.dims) == 1, parameter
        return narrow(found.spec, value, **{found.spec.dims[0]: key})[""], found

    def table(self, parameter: str, **fixed: str) -> tuple[dict[str, Decimal] | None, Resolved | None]:
        """A split value with where it comes from; ``fixed`` narrows it (``status="retired"``) to the rest."""
        found = self.read(parameter)
        if found is None or not isinstance(found.value, dict):
            return None, found or self.snapshot.get(parameter)
        return (narrow(found.spec, found.value, **fixed) if fixed else found.value), found

    def need(self, parameter: str, label: str, reason: str) -> None:
        self.missing.setdefault(parameter, Missing(parameter=parameter, label=label, reason=reason))

    def ask(self, field: str, label: str, reason: str) -> None:
        """A request field the user has not filled and a figure needs (not a gap in the documents)."""
        self.needs_input.setdefault(field, NeedsInput(field=field, label=label, reason=reason))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def _note_transition(self, found: Resolved) -> None:
        if found.phase_note:
            self.cited.setdefault(found.entry.source.document)
            self.note(f"{found.spec.label}：{found.phase_note}")
        phase_in = found.entry.phase_in
        if phase_in is not None and found.entry.end is not None:
            self.cited.setdefault(phase_in.source.document)
            doc = self.snapshot.policy.documents[phase_in.source.document]
            switch = found.entry.end + timedelta(days=1)
            self.note(
                f"{found.spec.label}：过渡期内沿用{found.region.name}原规定至{cn_date(found.entry.end)}，"
                f"{cn_date(switch)}起按省规定（{doc.number} {phase_in.source.clause}）"
            )


def source_of(found: Resolved) -> SourceRef:
    if found.document is None:
        pack = found.local_source
        if pack is not None:
            return _source(pack.number, pack.clause, found.region.name, True)
        return _source(LOCAL_MARK, "", found.region.name, True)
    return _source(found.document.number, found.entry.source.clause, found.region.name, False)


@cache
def _source(document: str, clause: str, region: str, local: bool) -> SourceRef:
    return SourceRef(document=document, clause=clause, region=region, local=local)


_FIGURE: dict[str, Callable[[Decimal], str]] = {"yuan": money, "rate": percent, "months": lambda n: months(int(n))}


def line(
    key: str,
    label: str,
    amount: Decimal | None,
    formula: str,
    *found: Resolved | None,
    note: str | None = None,
    unit: LineUnit = "yuan",
    readings: tuple[str, ...] = (),
) -> Line:
    """A result line; it rests on the readings its figures rest on, and on ``readings`` the computation names."""
    sources = tuple(dict.fromkeys(source_of(f) for f in found if f is not None))
    rests_on = tuple(dict.fromkeys((*readings, *(r for f in found if f is not None for r in f.readings))))
    figure = None if amount is None else _FIGURE[unit](amount)
    value = None if amount is None else (to_fen(amount) if unit == "yuan" else amount)
    return Line(key, label, amount if unit == "yuan" else None, figure, formula, sources, note, value, unit, rests_on)


def threshold_value(bands: dict[str, Decimal], key: str) -> Decimal:
    """The band whose threshold is the largest one at or below ``key`` (age 72 → band "70")."""
    chosen = None
    for threshold, value in bands.items():
        if int(threshold) <= int(key):
            chosen = value
    assert chosen is not None, (bands, key)
    return chosen
