"""One visit at tiers 1, 2 and 3, settled once and shared by the comparison table and the chart (no Qt here).

Both views need the chosen visit settled at each tier against the year as it stands before that visit. The
rules core reports the year's running totals after every visit (``VisitResult.year_after``), so the visit is
settled alone against them: three small calculations, whatever the number of visits before it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from yibao.rules import Request, Result
from yibao.rules.models import Visit, VisitResult, YearToDate
from yibao.vocabulary import TIER_NAMES
from yibao.wording import to_fen

TIERS = tuple(TIER_NAMES)
STEPS = 40  # the chart's resolution: a bend is located to within 1/40 of the axis
SPAN = Decimal("2.5")  # the x axis reaches about 2.5 × the current bill
SMALLEST_AXIS = Decimal("100")
FEN = Decimal("0.01")

Compute = Callable[[Request], Result]


@dataclass(frozen=True)
class TierVariants:
    """The chosen visit settled at each tier; ``base`` and ``index`` settle it again for other amounts."""

    visit_index: int
    visit: Visit
    settled: dict[int, VisitResult]
    base: Request
    index: int


@dataclass(frozen=True)
class Curve:
    tier: int
    current: Decimal | None  # the person's share of the visit as entered, at this tier; None: not given
    points: tuple[tuple[Decimal, Decimal], ...]  # (政策范围内, 个人负担); empty when the share is not given


@dataclass(frozen=True)
class Curves:
    visit: Visit
    axis_max: Decimal
    curves: tuple[Curve, ...]


def visit_at_tier(request: Request, visit_index: int, tier: int) -> Request:
    """The request up to the chosen visit, that visit moved to ``tier`` (the visits after it dropped)."""
    visits = list(request.visits or ())
    chosen = visits[visit_index].model_copy(update={"tier": tier})
    return request.model_copy(update={"visits": [*visits[:visit_index], chosen]})


def year_before(request: Request, result: Result, visit_index: int) -> YearToDate | None:
    """The year-to-date the chosen visit starts from, as the rules core left it after the visit before.

    None when a running total this visit needs is unknown (the documents do not give it): the caller then
    settles the earlier visits again with each variant.
    """
    ytd = request.year_to_date or YearToDate()
    if visit_index == 0:
        return ytd
    totals = (result.visits or [])[visit_index - 1].year_after
    if totals is None:
        return None
    kind = (request.visits or [])[visit_index].kind
    if any(getattr(totals, name) is None for name in type(totals).model_fields if name.startswith(kind)):
        return None  # a running total of this visit's kind is unknown
    # A running total of the other kind never enters this visit's settlement: keep it as entered when unknown.
    # model_copy, not a new model: the running totals may pass the limits an entered figure is held to.
    known = {name: value for name in type(totals).model_fields if (value := getattr(totals, name)) is not None}
    return ytd.model_copy(update=known)


def tier_variants(request: Request, result: Result, visit_index: int, compute: Compute) -> TierVariants | None:
    """The visit at ``visit_index`` settled at each tier; None when there is no such visit. InputError passes up."""
    return TierCache(compute).variants(request, result, visit_index)


class TierCache:
    """The last variants and curves, kept while the chosen visit and the year before it stay as they are.

    A keystroke elsewhere (the base, the age of a retiree's …) then settles nothing again and the views,
    given the very same objects, redraw nothing.
    """

    def __init__(self, compute: Compute) -> None:
        self.compute = compute
        self._variants: TierVariants | None = None
        self._curves: Curves | None = None

    def variants(self, request: Request, result: Result, visit_index: int) -> TierVariants | None:
        visits = request.visits or []
        if not 0 <= visit_index < len(visits):
            return None
        ytd = year_before(request, result, visit_index)
        if ytd is None:
            base, index = request, visit_index
        else:  # the visit alone against the year so far; the other sections play no part in its settlement
            base = request.model_copy(update={"visits": [visits[visit_index]], "year_to_date": ytd,
                                              "contribution": None, "retirement": None, "enrolment": None,
                                              "fund": None})
            index = 0
        last = self._variants
        if last is not None and (last.visit_index, last.index, last.base) == (visit_index, index, base):
            return last
        settled = {tier: _last_visit(self.compute(visit_at_tier(base, index, tier))) for tier in TIERS}
        self._variants = TierVariants(visit_index, visits[visit_index], settled, base, index)
        self._curves = None
        return self._variants

    def curves(self, variants: TierVariants) -> Curves:
        if self._curves is None or variants is not self._variants:
            self._curves = share_curves(variants, self.compute)
        return self._curves


def nice_ceiling(value: Decimal) -> Decimal:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ not below ``value`` (an axis that divides into 5 round ticks)."""
    value = max(value, SMALLEST_AXIS)
    power = Decimal(1).scaleb(value.adjusted())
    return next(m * power for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if m * power >= value)


def share_curves(variants: TierVariants, compute: Compute) -> Curves:
    """The person's share of the chosen visit for 政策范围内 from 0 to about 2.5 × its amount, at each tier.

    The share is piecewise linear in the amount (it bends where the deductible is met and where a yearly
    limit is reached), so the line is drawn through its bends: segments are halved only where the rules
    core's figure at the midpoint leaves the straight line. The other parts of the bill (先行自付,
    政策范围外) stay as entered; the person pays them in full.
    """
    visit = variants.visit
    axis_max = nice_ceiling(visit.in_scope * SPAN)
    curves = []
    for tier in TIERS:
        current = variants.settled[tier].person_pays
        points: tuple[tuple[Decimal, Decimal], ...] = ()
        if current is not None:
            at_tier = visit_at_tier(variants.base, variants.index, tier)

            def settle(x: Decimal, at_tier: Request = at_tier) -> VisitResult:
                return _last_visit(compute(_with_in_scope(at_tier, x)))

            points = _trace(settle, axis_max, visit.in_scope)
        curves.append(Curve(tier, current, points))
    return Curves(visit, axis_max, tuple(curves))


def _trace(settle: Callable[[Decimal], VisitResult], axis_max: Decimal,
           entered: Decimal) -> tuple[tuple[Decimal, Decimal], ...]:
    """(amount, share) through every bend of the share between 0 and ``axis_max``; empty if a share is unknown."""
    shares: dict[Decimal, Decimal | None] = {}

    def share(x: Decimal) -> Decimal | None:
        if x not in shares:
            shares[x] = settle(x).person_pays
        return shares[x]

    largest = settle(axis_max)
    shares[axis_max] = largest.person_pays
    xs = {Decimal("0.00"), to_fen(entered), axis_max}
    if largest.deductible is not None:  # at the largest amount the whole deductible counts: the first bend
        xs.add(largest.deductible)
    ordered = sorted(xs)
    resolution = axis_max / STEPS
    found: set[Decimal] = set(ordered)

    def refine(a: Decimal, b: Decimal, depth: int = 0) -> None:
        ya, yb = share(a), share(b)
        if ya is None or yb is None or b - a <= resolution or depth > 12:
            return
        middle = to_fen((a + b) / 2)
        ym = share(middle)
        if ym is None:
            return
        if abs(ym - (ya + (yb - ya) * (middle - a) / (b - a))) <= FEN:
            return
        found.add(middle)
        refine(a, middle, depth + 1)
        refine(middle, b, depth + 1)

    for a, b in itertools.pairwise(ordered):
        refine(a, b)
    points = [(x, share(x)) for x in sorted(found)]
    return tuple((x, y) for x, y in points if y is not None) if all(y is not None for _, y in points) else ()


def _with_in_scope(request: Request, in_scope: Decimal) -> Request:
    """The request with its last visit's 政策范围内 amount replaced."""
    visits = request.visits or []
    last = visits[-1].model_copy(update={"in_scope": in_scope})
    return request.model_copy(update={"visits": [*visits[:-1], last]})


def _last_visit(result: Result) -> VisitResult:
    return (result.visits or [])[-1]
