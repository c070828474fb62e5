"""Ownership structures, each filed in one go: a single company, a chain of holding companies,
a cross-holding pair and a closed loop. Each returns the number of companies it created.

Parties are always filed before the relationships that refer to them: chains are filed from
the top holding down to the operating company.
"""

from __future__ import annotations

import random

from bo_graph.synth.agents import pick_hub
from bo_graph.synth.changes import plan_company_change
from bo_graph.synth.context import Context, Link
from bo_graph.synth.owners import (
    board,
    nominee_owner,
    person_owners,
    split_shares,
    trust_owner,
    unknown_owner,
)  # fmt: skip
from bo_graph.synth.parties import IN_CYCLE, Company
from bo_graph.synth.records import Holding

TRADING_AT_HUB = 0.04
"""Chance that an operating company is registered at a formation agent's address."""
HOLDING_AT_HUB = 0.30
BANDED = 0.4
"""Chance that a company publishes PSC bands rather than exact shares."""
OWNER_COUNTS = (1,) * 62 + (2,) * 28 + (3,) * 10
MAX_DEPTH = 40
"""Most corporate layers above any company (reused parents can stack chains)."""
LONG_CHAIN = 0.006
"""Chance that a chain is deliberately long (10 to 25 layers)."""
OFFSHORE_CHAIN = 0.35
"""Chance that the upper layers of a chain are foreign companies in secrecy jurisdictions."""
UNABLE = "subjectUnableToConfirmOrIdentifyBeneficialOwner"

# Cumulative chances of the owners of a single company (the rest: natural persons only).
SINGLE_TRUST, SINGLE_NOMINEE, SINGLE_UNABLE, SINGLE_NONE, SINGLE_PARENT = (
    0.012, 0.027, 0.052, 0.057, 0.107)  # fmt: skip
# Cumulative chances of the owners at the top of a chain (the rest: unknown).
TOP_PERSONS, TOP_PARENT, TOP_TRUST, TOP_NOMINEE = 0.45, 0.57, 0.67, 0.75


def single_company(ctx: Context) -> int:
    hub = pick_hub(ctx, TRADING_AT_HUB)
    founded = ctx.founding_day()
    company = ctx.parties.domestic_company(ctx.day, founded, hub=hub)
    links = _single_owners(ctx, company, founded, hub)
    links += board(ctx, company.record_id, hub, founded)
    plan_company_change(ctx, company, links)
    return 1


def _single_owners(ctx: Context, company: Company, founded: int, hub: int | None) -> list[Link]:
    rng = ctx.rng
    draw = rng.random()
    banded = rng.random() < BANDED
    if draw < SINGLE_NOMINEE:
        share = 100 if rng.random() < 0.6 else 51 + int(rng.random() * 49)
        held = (trust_owner(ctx, company.record_id, share, founded, banded) if draw < SINGLE_TRUST
                else nominee_owner(ctx, company, share, founded, banded))  # fmt: skip
        return [held, *_minority(ctx, company, 100 - share, founded, banded)]
    if draw < SINGLE_UNABLE:
        return unknown_owner(ctx, company.record_id, UNABLE, hub)
    if draw < SINGLE_NONE:
        return unknown_owner(ctx, company.record_id, "noBeneficialOwners", hub)
    if draw < SINGLE_PARENT and (links := _existing_parent(ctx, company, founded, MAX_DEPTH - 1)):
        return links
    shares = split_shares(rng, OWNER_COUNTS[int(rng.random() * len(OWNER_COUNTS))])
    return person_owners(ctx, company.record_id, shares, founded, banded)


def _existing_parent(ctx: Context, company: Company, founded: int, room: int) -> list[Link]:
    """A company already in the register takes a majority stake (a group subsidiary)."""
    found = ctx.parties.existing_parent(company, room)
    if found is None:
        return []
    parent, depth = found
    ctx.parties.set_depth(company, depth + 1)
    share = 100 if ctx.rng.random() < 0.7 else 51 + int(ctx.rng.random() * 49)
    held = ctx.hold(company.record_id, parent, Holding(share, founded, by_person=False))
    return [held, *_minority(ctx, company, 100 - share, founded, False)]


def _minority(ctx: Context, company: Company, rest: int, start: int, banded: bool) -> list[Link]:
    if rest <= 0 or ctx.rng.random() < 0.4:
        return []
    return person_owners(ctx, company.record_id, [rest], start, banded)


def chain_depth(rng: random.Random) -> int:
    """Corporate layers above the operating company: mostly 1-3, a long tail to 25."""
    if rng.random() < LONG_CHAIN:
        return 10 + int(rng.random() * 16)
    depth = 1
    while depth < 9 and rng.random() < 0.5:
        depth += 1
    return depth


def corporate_chain(ctx: Context, budget: int) -> int:
    """An operating company under ``depth`` holding companies, filed top down. The upper
    layers may be offshore; the top is held by persons, a trust, a nominee, an existing
    company or nobody known."""
    rng = ctx.rng
    depth = max(1, min(chain_depth(rng), budget - 1))
    offshore_from = 1 + int(rng.random() * depth) if rng.random() < OFFSHORE_CHAIN else depth + 1
    banded = rng.random() < BANDED
    above: tuple[str, int, int] | None = None  # record id, depth, founding day
    for layer in range(depth, -1, -1):
        founded = ctx.founding_day()
        hub = None
        if layer >= offshore_from:
            company = ctx.parties.foreign_company(ctx.day, founded)
        else:
            hub = pick_hub(ctx, HOLDING_AT_HUB if layer else TRADING_AT_HUB)
            company = ctx.parties.domestic_company(ctx.day, founded, holding=layer > 0, hub=hub)
        if above is None:
            links = _top_owners(ctx, company, founded, layer >= offshore_from, depth)
        else:
            links = _held_by(ctx, company, above, founded, banded)
        if layer < offshore_from:
            links += board(ctx, company.record_id, hub, founded)
        plan_company_change(ctx, company, links)
        above = (company.record_id, ctx.parties.depth_of(company), founded)
    return depth + 1


def _held_by(ctx: Context, company: Company, parent: tuple[str, int, int], founded: int,
             banded: bool) -> list[Link]:  # fmt: skip
    parent_id, parent_depth, parent_founded = parent
    ctx.parties.set_depth(company, parent_depth + 1)
    share = 100 if ctx.rng.random() < 0.75 else 51 + int(ctx.rng.random() * 45)
    holding = Holding(share, max(founded, parent_founded), banded, by_person=False)
    held = ctx.hold(company.record_id, parent_id, holding)
    return [held, *_minority(ctx, company, 100 - share, holding.start, banded)]


def _top_owners(ctx: Context, company: Company, founded: int, foreign: bool,
                depth: int) -> list[Link]:  # fmt: skip
    rng = ctx.rng
    draw = rng.random()
    banded = rng.random() < BANDED
    if draw < TOP_PERSONS:
        return person_owners(ctx, company.record_id, split_shares(rng, 1 + (rng.random() < 0.35)),
                             founded, banded)  # fmt: skip
    room = MAX_DEPTH - depth - 1
    if draw < TOP_PARENT and (links := _existing_parent(ctx, company, founded, room)):
        return links
    if draw < TOP_TRUST:
        return [trust_owner(ctx, company.record_id, 100, founded, banded)]
    if draw < TOP_NOMINEE:
        return [nominee_owner(ctx, company, 100, founded, banded)]
    reason = "informationUnknownToPublisher" if foreign else UNABLE
    return unknown_owner(ctx, company.record_id, reason, None)


def cross_holding(ctx: Context) -> int:
    """Two companies holding part of each other, each with outside owners as well."""
    rng = ctx.rng
    founded = ctx.founding_day()
    first = ctx.parties.domestic_company(ctx.day, founded, holding=True)
    second = ctx.parties.domestic_company(ctx.day, founded)
    first_in_second = 20 + int(rng.random() * 30)
    second_in_first = 10 + int(rng.random() * 31)
    links_first = _outside_owners(ctx, first, 100 - second_in_first, founded)
    links_second = _outside_owners(ctx, second, 100 - first_in_second, founded)
    links_second.append(ctx.hold(second.record_id, first.record_id,
                                 Holding(first_in_second, founded, by_person=False)))  # fmt: skip
    links_first.append(ctx.hold(first.record_id, second.record_id,
                                Holding(second_in_first, founded, by_person=False)))  # fmt: skip
    for company in (first, second):
        ctx.parties.set_depth(company, IN_CYCLE)
    ctx.stats.cross_holdings += 1
    return 2


def _outside_owners(ctx: Context, company: Company, rest: int, founded: int) -> list[Link]:
    if rest > 25 and ctx.rng.random() < 0.5:
        half = rest // 2
        return person_owners(ctx, company.record_id, [rest - half, half], founded, False)
    return person_owners(ctx, company.record_id, [rest], founded, False)


def closed_loop(ctx: Context) -> int:
    """Two companies at a formation agent's address, each the sole owner of the other."""
    hub = pick_hub(ctx, 1.0)
    founded = ctx.day - int(ctx.rng.random() * 30)
    first = ctx.parties.domestic_company(ctx.day, founded, holding=True, hub=hub)
    second = ctx.parties.domestic_company(ctx.day, founded, holding=True, hub=hub)
    for subject, owner in ((first, second), (second, first)):
        ctx.hold(subject.record_id, owner.record_id, Holding(100, founded, by_person=False))
        board(ctx, subject.record_id, hub, founded)
        ctx.parties.set_depth(subject, IN_CYCLE)
    ctx.stats.closed_loops += 1
    return 2
