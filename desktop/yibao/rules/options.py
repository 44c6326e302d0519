"""A flexible worker's way of paying: which ways the city offers, and which one applies.

One decision, used by the contribution and the coverage summary alike, so the two never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from yibao.rules.policy import Resolved, Snapshot
from yibao.vocabulary import FlexibleOption, OptionStatus

# In the order the default is taken: where the city offers both and none is chosen, 不建立个人账户 applies
# (the province's basic way, 184号 三(二): "按7%缴纳…（不建立个人账户），也可按9%缴纳").
FLEXIBLE_OPTIONS: tuple[FlexibleOption, ...] = ("without_account", "with_account")
FLEXIBLE_RATE: dict[FlexibleOption, str] = {"without_account": "flexible.rate_without_account",
                                            "with_account": "flexible.rate_with_account"}


def flexible_options(snapshot: Snapshot) -> dict[FlexibleOption, Resolved]:
    """The ways the city offers on the date, with the rate of each."""
    return {shown.option: shown.found for shown in options_on(snapshot)
            if shown.status == "offered" and shown.found is not None}


def chosen_option(offered: dict[FlexibleOption, Resolved], chosen: FlexibleOption | None) -> FlexibleOption:
    """The way that applies: the one chosen, or else the first the city offers."""
    return chosen if chosen is not None else next(iter(offered))


@dataclass(frozen=True)
class OptionOnDate:
    """One way of paying as it stands on the date; where not offered, the first later day the city offers it
    (济宁 2019 三(二)1 sets 9% alone until 184号 三(二)'s two ways reach the city on 2026-01-01)."""

    option: FlexibleOption
    status: OptionStatus
    found: Resolved | None
    offered_from: date | None = None


def options_on(snapshot: Snapshot) -> list[OptionOnDate]:
    """Every way of paying, offered or not, in the order the default is taken."""
    shown = []
    for option in FLEXIBLE_OPTIONS:
        found = snapshot.get(FLEXIBLE_RATE[option])
        if found is not None and found.entry.status == "in_force":
            shown.append(OptionOnDate(option, "offered", found))
        elif found is not None and found.entry.status == "not_offered":
            shown.append(OptionOnDate(option, "not_offered", found, _first_offered(snapshot, FLEXIBLE_RATE[option])))
        else:
            shown.append(OptionOnDate(option, "not_stated", found))
    return shown


def _first_offered(snapshot: Snapshot, parameter: str) -> date | None:
    """The first day after the snapshot's on which the parameter is in force: each day a figure of it starts or
    ends, in the city's data, the province's or the local figures, is tried in turn."""
    policy, city = snapshot.policy, snapshot.city
    days = set()
    for region in (policy.regions[policy.province], city):
        for entry in region.entries.get(parameter, ()):
            days.add(entry.start)
            if entry.end is not None:
                days.add(entry.end + timedelta(days=1))
    days.update(f.start for f in snapshot.local if f.parameter == parameter and f.region == city.code)
    for day in sorted(d for d in days if d > snapshot.on):
        found = Snapshot(policy, city, day, snapshot.local, snapshot.retired).get(parameter)
        if found is not None and found.entry.status == "in_force":
            return day
    return None
