"""Catalogue A4: the jurisdiction of a node, joined with the dated lists (items 22-27).

An entity's place is its jurisdiction of registration; a person's are the countries of their
addresses and tax residencies. A rule whose list is not loaded raises no flag (``bo-graph rules``
and ``bo-graph lists`` show which lists are loaded). Every flag names the list and its date.
"""

from __future__ import annotations

from collections.abc import Iterator

from bo_graph.analysis.opacity.context import NodeContext, SubjectContext
from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Flag, ListUse, Severity
from bo_graph.analysis.opacity.jurisdictions import CPI, EU_TAX, FATF, FSI, JurisdictionList
from bo_graph.model.codes import EntityType

STATES = frozenset({EntityType.STATE, EntityType.STATE_BODY})
"""A state or state body has no owners for a register to record."""
ANNEXES = {
    "annex_i": "Annex I (non-cooperative jurisdictions)",
    "annex_ii": "Annex II (commitments to reform still being monitored)",
}
"""The EU list's ``value`` codes, in words."""
FATF_SEVERITY = {
    "call_for_action_countermeasures": Severity.HIGH,
    "call_for_action_enhanced_due_diligence": Severity.HIGH,
    "increased_monitoring": Severity.MEDIUM,
}


def places(fact: PartyFact | None) -> list[str]:
    if fact is None:
        return []
    if fact.is_entity:
        return [fact.jurisdiction] if fact.jurisdiction else []
    return list(fact.countries)


def _scored(
    fact: PartyFact | None, listing: JurisdictionList, column: str = "value"
) -> Iterator[tuple[str, float]]:
    for token in places(fact):
        found = listing.number(token, column)
        if found is not None:
            yield found


def secrecy(ctx: NodeContext) -> Iterator[Flag]:
    listing = ctx.env.list_of(FSI)
    if listing is None:
        return
    floor = ctx.number("min_score")
    for code, score in _scored(ctx.fact, listing):
        if score >= floor:
            yield ctx.on_node(
                ctx.fact.id,
                Severity.HIGH if score >= ctx.number("strong_score") else Severity.MEDIUM,
                f"{ctx.fact.name} is in {code}, secrecy score {score:.1f} in {listing.title} "
                f"({listing.dated}), at or above {floor:g}",
                values={"jurisdiction": code, "secrecy_score": round(score, 3)},
                lists=[listing.use],
            )


INDICATORS = {
    "si_2": ("trusts and foundations register", "has no {}register of trusts and foundations"),
    "si_3": ("recorded company ownership", "does not {}record who owns companies"),
    "si_6": ("public company ownership", "does not {}publish who owns companies"),
}
"""FSI 2022 indicator columns: their TJN names, and what a score at the floor says (``full``
when the score is below 100: the gap is partial)."""
RECORDING = frozenset({"si_2", "si_3"})
"""Indicators about what the register records (not what it publishes)."""


def ownership_secrecy(ctx: NodeContext) -> Iterator[Flag]:
    listing = ctx.env.list_of(FSI, column="si_3")
    fact = ctx.fact
    if listing is None or not fact.is_entity or fact.entity_type in STATES:
        return
    floor = ctx.number("min_score")
    columns = ("si_2",) if fact.is_arrangement else ("si_3", "si_6")
    worst = [
        (column, code, value)
        for column in columns
        for code, value in _scored(fact, listing, column)
        if value >= floor
    ]
    if worst:
        said = " and ".join(
            INDICATORS[c][1].format("" if v >= 100 else "fully " if c != "si_2" else "full ")
            for c, _, v in worst
        )
        named = ", ".join(
            f"indicator {c.removeprefix('si_')} ({INDICATORS[c][0]}) {v:g}" for c, _, v in worst
        )
        recording = [v for c, _, v in worst if c in RECORDING]
        severity = (
            Severity.LOW
            if not recording
            else Severity.HIGH
            if max(recording) >= 100
            else Severity.MEDIUM
        )
        yield ctx.on_node(
            fact.id,
            severity,
            f"{fact.name} is in {worst[0][1]}, which {said} (secrecy scores out of "
            f"100 in {listing.title}, {listing.dated}: {named})",
            values={c: v for c, _, v in worst},
            lists=[listing.use],
        )


def eu_noncooperative(ctx: NodeContext) -> Iterator[Flag]:
    listing = ctx.env.list_of(EU_TAX)
    if listing is None:
        return
    for token in places(ctx.fact):
        found = listing.row(token)
        if found is None:
            continue
        annex = found[1].get("value", "")
        if annex == "annex_ii" and not ctx.flag_on("include_annex_ii"):
            continue
        yield ctx.on_node(
            ctx.fact.id,
            Severity.HIGH if annex == "annex_i" else Severity.LOW,
            f"{ctx.fact.name} is in {found[0]}, on {ANNEXES.get(annex, annex)} of the "
            f"{listing.title} ({listing.dated})",
            values={"jurisdiction": found[0], "annex": annex},
            lists=[listing.use],
        )


def fatf(ctx: NodeContext) -> Iterator[Flag]:
    listing = ctx.env.list_of(FATF)
    if listing is None:
        return
    for token in places(ctx.fact):
        found = listing.row(token)
        if found is None:
            continue
        category = found[1].get("value", "")
        yield ctx.on_node(
            ctx.fact.id,
            FATF_SEVERITY.get(category, Severity.MEDIUM),
            f"{ctx.fact.name} is in {found[0]}, listed as {category.replace('_', ' ')} by the "
            f"FATF ({listing.dated})",
            values={"jurisdiction": found[0], "category": category},
            lists=[listing.use],
        )


def _flagged_by(ctx: NodeContext, token: str) -> list[ListUse]:
    used: list[ListUse] = []
    fsi = ctx.env.list_of(FSI)
    found = fsi.number(token) if fsi is not None else None
    if fsi is not None and found is not None and found[1] >= ctx.number("min_score"):
        used.append(fsi.use)
    for name in (EU_TAX, FATF):
        listing = ctx.env.list_of(name)
        if listing is not None and listing.row(token) is not None:
            used.append(listing.use)
    return used


def no_economic_link(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity or not fact.jurisdiction or not ctx.owners:
        return
    home = fact.jurisdiction
    related = list(dict.fromkeys(e.interested_party for e in ctx.owners))
    placed = [found for p in related if (found := places(ctx.env.fact_of(p)))]
    if home in fact.business_countries or not placed or any(home in p for p in placed):
        return
    used = _flagged_by(ctx, home)
    if used:
        yield ctx.on_node(
            fact.id,
            Severity.MEDIUM,
            f"{fact.name} is registered in {home}, a listed jurisdiction, but none of its "
            f"{_counted(len(placed), len(related))}, and no business address, is there: "
            f"no apparent economic link",
            edges=ctx.owners,
            values={"jurisdiction": home},
            lists=used,
        )


def _counted(placed: int, related: int) -> str:
    """The owners and officers compared: those whose country is known, and how many are not
    (an unidentified owner, a person without an address country: not evidence either way)."""
    if placed == related:
        return f"{placed} recorded owners or officers"
    return (
        f"{placed} recorded owners or officers whose country is known ({related - placed} more "
        f"with no country recorded)"
    )


def corruption(ctx: SubjectContext) -> Iterator[Flag]:
    listing = ctx.env.list_of(CPI)
    if listing is None:
        return
    view, ceiling = ctx.view, ctx.number("max_score")
    nodes = [view.subject] + [p for p in view.upstream if (f := view.party(p)) and f.pep]
    for node in nodes:
        for code, score in _scored(view.party(node), listing):
            if score >= ceiling:
                continue
            role = "the subject" if node == view.subject else "a politically exposed person"
            yield ctx.on_node(
                node,
                Severity.LOW,
                f"{view.name(node)} ({role}) is in {code}, CPI score {score:g} in "
                f"{listing.title} ({listing.dated}), below {ceiling:g}: high perceived corruption",
                values={"jurisdiction": code, "cpi_score": score},
                lists=[listing.use],
            )
