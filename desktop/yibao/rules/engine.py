"""calculate(): one request in, one result out: the only entry point the front ends use."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from yibao.rules.contribution import contribution
from yibao.rules.coverage import coverage
from yibao.rules.errors import InputError
from yibao.rules.fund import adjustment_fund
from yibao.rules.models import EMPLOYMENT_NAMES, Person, Request, Result, YearToDate
from yibao.rules.policy import LocalFigure, Policy, load_policy
from yibao.rules.retirement import retirement_check
from yibao.rules.trace import Trace
from yibao.rules.visits import settle_year, year_totals


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
    snapshot = policy.snapshot(request.city, request.on, local)
    if not snapshot.has_any_rule():
        raise InputError("on", f"{region.name}在 {request.on} 没有所收录文件中施行的规定")
    trace = Trace(snapshot)
    result = Result(city=region.code, city_name=region.name, on=request.on)
    if request.contribution is not None:
        _check_option(request)
        result.contribution = contribution(trace, _person(request), request.contribution)
    if request.visits is not None:
        visits = settle_year(trace, _person(request), request.visits, request.year_to_date or YearToDate())
        result.visits = visits
        result.year_totals = year_totals(visits)
    if request.retirement is not None:
        result.retirement = retirement_check(trace, _person(request), request.retirement)
    if request.enrolment is not None:
        result.coverage = coverage(trace, _person(request), request.enrolment, request.contribution, result.retirement)
    if request.fund is not None:
        result.fund = adjustment_fund(trace, request.fund)
    result.missing = list(trace.missing.values())
    result.notes = trace.notes
    return result


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
