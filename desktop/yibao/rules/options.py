"""A flexible worker's way of paying: which ways the city offers, and which one applies.

One decision, used by the contribution and the coverage summary alike, so the two never disagree.
"""

from __future__ import annotations

from yibao.rules.policy import Resolved, Snapshot
from yibao.vocabulary import FlexibleOption

# In the order the default is taken: where the city offers both and none is chosen, 不建立个人账户 applies
# (the province's basic way, 184号 三(二): "按7%缴纳…（不建立个人账户），也可按9%缴纳").
FLEXIBLE_OPTIONS: tuple[FlexibleOption, ...] = ("without_account", "with_account")
FLEXIBLE_RATE: dict[FlexibleOption, str] = {"without_account": "flexible.rate_without_account",
                                            "with_account": "flexible.rate_with_account"}


def flexible_options(snapshot: Snapshot) -> dict[FlexibleOption, Resolved]:
    """The ways the city offers on the date, with the rate of each."""
    offered: dict[FlexibleOption, Resolved] = {}
    for option in FLEXIBLE_OPTIONS:
        found = snapshot.get(FLEXIBLE_RATE[option])
        if found is not None and found.entry.status == "in_force":
            offered[option] = found
    return offered


def chosen_option(offered: dict[FlexibleOption, Resolved], chosen: FlexibleOption | None) -> FlexibleOption:
    """The way that applies: the one chosen, or else the first the city offers."""
    return chosen if chosen is not None else next(iter(offered))
