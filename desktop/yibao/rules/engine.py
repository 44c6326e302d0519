"""calculate(): one request in, one result out: the only entry point the front ends use."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from yibao.rules.contribution import contribution
from yibao.rules.coverage import coverage
from yibao.rules.errors import InputError
from yibao.rules.fund import adjustment_fund
from yibao.rules.models import DocumentRef, NotComputedRef, Person, ReadingRef, Request, Result, SourceRef, YearToDate
from yibao.rules.policy import LocalFigure, Policy, Reading, load_policy
from yibao.rules.retirement import retirement_check
from yibao.rules.trace import Trace
from yibao.rules.visits import settle_year, year_totals
from yibao.vocabulary import EMPLOYMENT_NAMES
from yibao.wording import LOCAL_MARK


@cache
def bundled_policy() -> Policy:
    """The policy files shipped with the app, loaded and validated once."""
    return load_policy()


def calculate(request: Request, policy: Policy | None = None, local: Iterable[LocalFigure] = ()) -> Result:
    policy = policy or bundled_policy()
    region = policy.regions.get(request.city)
    if region is None or region.parent is None:
        codes = "、".join(r.code for r in policy.cities())
        raise InputError("city", f"没有“{request.city}”这个城市代码，可用：{codes}")
    retired = request.person.retired if request.person is not None else None
    snapshot = policy.snapshot(request.city, request.on, local, retired)
    if not snapshot.has_any_rule():
        raise InputError("on", f"{region.name}在 {request.on} 没有所收录文件中施行的规定")
    trace = Trace(snapshot)
    result = Result(city=region.code, city_name=region.name, on=request.on)
    if request.retirement is not None:  # first: a retiree's premium depends on whether the years are met
        result.retirement = retirement_check(trace, _person(request), request.retirement)
    if request.contribution is not None:
        _check_option(request)
        result.contribution = contribution(trace, _person(request), request.contribution, result.retirement)
    if request.visits is not None:
        visits = settle_year(trace, _person(request), request.visits, request.year_to_date or YearToDate())
        result.visits = visits
        result.year_totals = year_totals(visits)
    if request.enrolment is not None:
        result.coverage = coverage(trace, _person(request), request.enrolment, request.contribution, result.retirement)
    if request.fund is not None:
        result.fund = adjustment_fund(trace, request.fund)
    result.missing = list(trace.missing.values())
    result.needs_input = list(trace.needs_input.values())
    result.notes = trace.notes
    _cite(result, policy, [policy.documents[d].number for d in trace.cited if d in policy.documents])
    _cite_packs(result, snapshot.local)
    return result


def _cite_packs(result: Result, local: Iterable[LocalFigure]) -> None:
    """A bureau's document that a figure used here came from (a figures pack) is cited too, marked 本地录入."""
    used = {s.document for sources, _ids in _resting(result) for s in sources if s.local}
    packs = {f.source.number: f.source for f in local if f.source is not None and f.source.number in used}
    result.documents += [
        DocumentRef(id=f"{LOCAL_MARK}:{number}", number=number, title=source.title, issuer=f"{source.issuer}；{LOCAL_MARK}")
        for number, source in packs.items()
    ]


def rests_on_local(result: Result) -> bool:
    """Whether a figure of the result rests on a local figure (本地录入)."""
    return any(s.local for sources, _ids in _resting(result) for s in sources)


def _check_option(request: Request) -> None:
    """A way of paying chosen for someone who has no choice is refused, not ignored."""
    person, given = request.person, request.contribution
    if person is not None and given is not None and given.flexible_option is not None and person.employment != "flexible":
        who = EMPLOYMENT_NAMES[person.employment]
        raise InputError("contribution.flexible_option", f"只适用于灵活就业人员，{who}不选缴费方式")


def _person(request: Request) -> Person:
    if request.person is None:
        raise InputError("person", "必须填写参保人信息（就业类型、性别、年龄）")
    return request.person


def _resting(result: Result) -> Iterator[tuple[tuple[SourceRef, ...], tuple[str, ...]]]:
    """The sources and reading ids of every figure of the result."""
    sections = [result.contribution, result.retirement, result.fund, *(result.visits or ())]
    for section in sections:
        if section is not None:
            for line in section.lines:
                yield line.sources, line.readings
    if result.coverage is not None:
        for item in result.coverage.items:
            yield item.sources, item.readings


def _cite(result: Result, policy: Policy, noted: list[str]) -> None:
    """Fill the readings, the documents and what is not computed, from what the figures rest on (and the
    documents ``noted`` by transition notes and figures not given)."""
    reading_ids: dict[str, None] = {}
    numbers: dict[str, None] = {}
    for sources, ids in _resting(result):
        reading_ids.update(dict.fromkeys(ids))
        numbers.update(dict.fromkeys(s.document for s in sources if not s.local))
    readings = [policy.readings[rid] for rid in reading_ids]
    own = {region.code for region in policy.chain(result.city)}
    result.readings = [_reading_ref(policy, result, own, r) for r in readings]
    sections = [name for name in ("contribution", "visits", "retirement", "coverage") if getattr(result, name)]
    snapshot = policy.snapshot(result.city, result.on)
    extra = {n.id: n for section in sections for n in snapshot.not_computed(section)}
    result.not_computed = [NotComputedRef(id=n.id, document=n.document.number, clause=n.clause, text=n.text)
                           for n in extra.values()]
    numbers.update(dict.fromkeys(noted))
    numbers.update(dict.fromkeys(r.document.number for r in readings))
    numbers.update(dict.fromkeys(n.document.number for n in extra.values()))
    by_number = {d.number: (code, d) for code, d in policy.documents.items()}
    result.documents = [
        DocumentRef(id=by_number[n][0], number=n, title=by_number[n][1].title, issuer=by_number[n][1].issuer)
        for n in numbers if n in by_number
    ]


def _reading_ref(policy: Policy, result: Result, own: set[str], reading: Reading) -> ReadingRef:
    """The reading as the result states it; read from another city's document (none of ``own``, the regions whose
    rules the case's city follows, cites it), it says whose reading the figures follow."""
    cited_by = policy.document_regions.get(reading.document.number, ())
    lender = None if not cited_by or own.intersection(cited_by) else policy.regions[cited_by[0]].name
    text = reading.reading if lender is None else (
        f"所收录的文件中{result.city_name}无此规定，按{lender}文件的理解计算：{reading.reading}")
    return ReadingRef(id=reading.id, document=reading.document.number, clause=reading.clause, words=reading.words,
                      reading=text, alternative=reading.alternative, borrowed_from=lender)
