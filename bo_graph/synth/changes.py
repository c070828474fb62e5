"""Changes over time: each company gets at most one later change, decided when it is created.

A change happens on an effective day (interest ``endDate``/``startDate``) and is filed a few
days or weeks later (``statementDate``). At most one change per company keeps every share total
consistent in both clocks: shares only move from one holder to another on the same day, and
the filing that lowers a holding always comes before the one that raises another.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bo_graph.synth import records
from bo_graph.synth.calendar import REGISTER_END
from bo_graph.synth.context import Context, Link
from bo_graph.synth.parties import Company
from bo_graph.synth.records import Holding

Json = dict[str, Any]

MIN_DELAY = 60
"""Days between a company's first filing and the earliest change."""
MAX_DELAY = 3 * 365
"""Days between a company's first filing and the latest change (keeps the queue short)."""
MAX_FILING_LAG = 45

# Cumulative chances of each kind of change, per company.
RECONFIRM = 0.045
DILUTE = 0.080
SELL = 0.110
SELL_TO_PARTNER = 0.125
RESIGN = 0.140
MOVE_OFFICE = 0.150
BECOME_PEP = 0.003
"""Chance, per new person, of becoming politically exposed later."""


def plan_company_change(ctx: Context, company: Company, links: list[Link]) -> None:
    """Maybe schedule one later change to ``company`` or to its relationships."""
    draw = ctx.rng.random()
    if draw >= MOVE_OFFICE or (days := _change_days(ctx)) is None:
        return
    effective, filed = days
    if draw < RECONFIRM:
        if links:
            ctx.history.schedule(filed, _reconfirm, ctx, links)
    elif draw < SELL_TO_PARTNER:
        _plan_transfer(ctx, draw, links, effective, filed)
    elif draw < RESIGN:
        boards = [link for link in links if link.holding is None and isinstance(link.party, str)]
        if boards:
            ctx.history.schedule(filed, _close, ctx, ctx.rng.choice(boards), effective)
    elif company.details["jurisdiction"]["code"] == "GB":
        ctx.history.schedule(filed, _move_office, ctx, company)


def _change_days(ctx: Context) -> tuple[int, int] | None:
    """The effective and filing days of a change to a company first filed today, if any fit
    before the register ends."""
    earliest = ctx.day + MIN_DELAY
    latest = min(ctx.day + MAX_DELAY, REGISTER_END - MAX_FILING_LAG)
    if earliest >= latest:
        return None
    effective = earliest + int(ctx.rng.random() * (latest - earliest))
    return effective, effective + int(ctx.rng.random() * MAX_FILING_LAG)


def _plan_transfer(ctx: Context, draw: float, links: list[Link], effective: int,
                   filed: int) -> None:  # fmt: skip
    """Shares move on ``effective``: part to another person, all to another person, or all to
    a fellow holder."""
    rng = ctx.rng
    holdings = [link for link in links if link.holding is not None]
    if draw < DILUTE and holdings:
        _plan_dilution(ctx, rng.choice(holdings), links, effective, filed)
    elif draw < SELL and (personal := [link for link in holdings if _by_person(link)]):
        _plan_sale(ctx, rng.choice(personal), links, effective, filed)
    elif draw >= SELL and len(holdings) > 1:
        seller, partner = rng.sample(holdings, 2)
        ctx.history.schedule(filed, _sell_to_partner, ctx, seller, partner, effective)


def plan_pep(ctx: Context, person_id: str, details: Json) -> None:
    """Maybe schedule a later filing in which the person has become politically exposed."""
    if ctx.rng.random() >= BECOME_PEP or "politicalExposure" in details:
        return
    if ctx.day + MIN_DELAY >= REGISTER_END:
        return
    filed = ctx.day + MIN_DELAY + int(ctx.rng.random() * (REGISTER_END - ctx.day - MIN_DELAY))
    ctx.history.schedule(filed, _become_pep, ctx, person_id, details)


def _plan_dilution(ctx: Context, seller: Link, links: list[Link], effective: int,
                   filed: int) -> None:  # fmt: skip
    holding = seller.holding
    assert holding is not None
    if holding.share < 10:
        return
    buyer = ctx.parties.existing_person(_parties(links))
    if buyer is None:
        return
    sold = 1 + int(ctx.rng.random() * (holding.share - 5))
    ctx.history.schedule(filed, _dilute, ctx, seller, buyer, sold, effective)


def _plan_sale(ctx: Context, seller: Link, links: list[Link], effective: int, filed: int) -> None:
    buyer = ctx.parties.existing_person(_parties(links))
    if buyer is not None:
        ctx.history.schedule(filed, _sell, ctx, seller, buyer, effective)


def _by_person(link: Link) -> bool:
    return link.holding is not None and link.holding.by_person


def _parties(links: list[Link]) -> set[str]:
    return {link.party for link in links if isinstance(link.party, str)}


# -- actions, run when the clock reaches the filing day --


def _reconfirm(day: int, ctx: Context, links: list[Link]) -> None:
    for link in links:
        ctx.file(link, "updated", day)


def _dilute(day: int, ctx: Context, seller: Link, buyer: str, sold: int, effective: int) -> None:
    holding = seller.holding
    assert holding is not None
    ctx.file(seller, "updated", day, interests=_changed(holding, holding.share - sold, effective))
    _file_new_holding(
        ctx,
        seller.subject,
        buyer,
        replace(holding, share=sold, start=effective, by_person=True, director=False),
        day,
    )


def _sell(day: int, ctx: Context, seller: Link, buyer: str, effective: int) -> None:
    holding = seller.holding
    assert holding is not None
    ctx.file(seller, "closed", day, interests=seller.interests(end=effective))
    _file_new_holding(
        ctx,
        seller.subject,
        buyer,
        replace(holding, start=effective, by_person=True, director=False),
        day,
    )


def _sell_to_partner(day: int, ctx: Context, seller: Link, partner: Link, effective: int) -> None:
    sold, kept = seller.holding, partner.holding
    assert sold is not None and kept is not None
    ctx.file(seller, "closed", day, interests=seller.interests(end=effective))
    ctx.file(partner, "updated", day, interests=_changed(kept, kept.share + sold.share, effective))


def _close(day: int, ctx: Context, link: Link, effective: int) -> None:
    ctx.file(link, "closed", day, interests=link.interests(end=effective))


def _move_office(day: int, ctx: Context, company: Company) -> None:
    moved = {**company.details, "addresses": [ctx.parties.new_registered_address()]}
    ctx.emitter.emit("entity", "updated", company.record_id, company.record_id, day, moved)


def _become_pep(day: int, ctx: Context, person_id: str, details: Json) -> None:
    updated = ctx.parties.politically_exposed(details, day - int(ctx.rng.random() * 200))
    ctx.stats.peps += 1
    ctx.emitter.emit("person", "updated", person_id, person_id, day, updated)


def _changed(holding: Holding, share: int, effective: int) -> list[Json]:
    """Interests of a holding whose share changes on ``effective``: the old share ends, the
    new one starts; a board seat carries on."""
    out = holding.share_interests(end=effective)
    out += replace(holding, share=share, start=effective).share_interests()
    if holding.director:
        out.append(records.role_interest("boardMember", holding.start, "Director"))
    return out


def _file_new_holding(ctx: Context, subject: str, party: str, holding: Holding, day: int) -> None:
    link = Link(ctx.parties.relationship_id(), subject, party, holding)
    ctx.file(link, "new", day)
