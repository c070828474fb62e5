"""Catalogue A3: vehicle types that create opaque layers (items 14-19, 21)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from bo_graph.analysis.opacity.context import EdgeContext, NodeContext
from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Evidence, Flag, Severity
from bo_graph.analysis.opacity.history import day, days_between, first_filing, parse_day
from bo_graph.analysis.opacity.rules_owners import UNKNOWN_TYPES
from bo_graph.analysis.opacity.texts import (
    BEARER_WORDS,
    CORPORATE_OFFICER,
    FOUNDATION_WORDS,
    NO_BEARER,
    NOMINEE_WORDS,
    PARTNERSHIP_WORDS,
    TRUST_NATURE,
)
from bo_graph.model.bearer import is_bearer_name
from bo_graph.model.codes import (
    MANAGEMENT_INTERESTS,
    NOMINATION_INTERESTS,
    TRUST_INTERESTS,
    EntitySubtype,
    InterestType,
    RecordStatus,
    humanise,
    role_words,
)
from bo_graph.model.graph import Edge

OFFICER_ROLES = MANAGEMENT_INTERESTS | {InterestType.TRUSTEE}


def _trust_roles(ctx: NodeContext) -> dict[InterestType, list[str]]:
    roles: dict[InterestType, list[str]] = {}
    for edge in ctx.owners:
        for interest in edge.interests:
            if interest.type in TRUST_INTERESTS:
                roles.setdefault(interest.type, []).append(edge.interested_party)
    return roles


def _vehicle_kind(fact: PartyFact) -> str | None:
    if fact.is_arrangement and fact.subtype is not EntitySubtype.NOMINATION:
        return "trust" if fact.subtype is EntitySubtype.TRUST else "legal arrangement"
    if not fact.is_entity:
        return None
    if FOUNDATION_WORDS.search(fact.name):
        return "foundation"
    if PARTNERSHIP_WORDS.search(fact.name):
        return "partnership"
    return None


OWNED_BY = {
    "trust": "its beneficial owners are its settlors, trustees, protectors and beneficiaries, "
    "not shareholders",
    "foundation": "its beneficial owners are its founders, board members and beneficiaries, "
    "not shareholders",
    "partnership": "its partners, not shareholders, own and control it",
    "legal arrangement": "its beneficial owners are the parties to the arrangement",
}
"""Who owns each kind of vehicle (catalogue items 14-16): a partnership or a joint holding has
no trustees or beneficiaries."""


def arrangement(ctx: NodeContext) -> Iterator[Flag]:
    roles = _trust_roles(ctx)
    kind = _vehicle_kind(ctx.fact) or ("trust" if roles else None)
    if kind is not None:
        yield _vehicle_flag(ctx, kind, roles)
    for edge in ctx.owners:
        natures = [i.details for i in edge.interests if TRUST_NATURE.search(i.details or "")]
        if natures:
            yield ctx.on_edge(
                edge,
                Severity.MEDIUM,
                f"{ctx.name(edge.interested_party)} holds its interest in {ctx.fact.name} "
                f"through a trust ({natures[0]})",
            )


def _vehicle_flag(ctx: NodeContext, kind: str, roles: dict[InterestType, list[str]]) -> Flag:
    corporate = [
        p
        for p in roles.get(InterestType.TRUSTEE, [])
        if (party := ctx.env.fact_of(p)) is not None and party.is_entity
    ]
    missing = kind == "trust" and InterestType.BENEFICIARY_OF_LEGAL_ARRANGEMENT not in roles
    notes = [
        f"{role_words(k.value)}: {len(v)}"
        for k, v in sorted(roles.items(), key=lambda kv: kv[0].value)
    ]
    if corporate:
        notes.append(f"corporate trustee {', '.join(ctx.name(p) for p in corporate)}")
    if missing:
        notes.append("no beneficiary recorded")
    return ctx.on_node(
        ctx.fact.id,
        Severity.HIGH if corporate or missing else Severity.MEDIUM,
        f"{ctx.fact.name} is a {kind}: {OWNED_BY[kind]}" + "".join(f"; {n}" for n in notes),
        edges=ctx.owners,
        values={"kind": kind, "corporate_trustees": corporate, "beneficiaries_missing": missing},
    )


def nominee(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if fact.subtype is EntitySubtype.NOMINATION:
        types = {i.type for e in ctx.owners for i in e.interests}
        unnamed = InterestType.NOMINATOR not in types
        yield ctx.on_node(
            fact.id,
            Severity.HIGH if unnamed else Severity.MEDIUM,
            f"{fact.name} is a nominee arrangement: the registered holder holds for someone "
            f"else" + ("; the nominator is not recorded" if unnamed else ""),
            edges=list(ctx.owners) + list(ctx.holdings),
            values={"nominator_recorded": not unnamed},
        )
        return
    for edge in ctx.owners:
        holder = ctx.env.fact_of(edge.interested_party)
        if holder is not None and holder.subtype is EntitySubtype.NOMINATION:
            continue
        interests = edge.interests
        typed = [i.type.value for i in interests if i.type in NOMINATION_INTERESTS]
        words = [i.details for i in interests if i.details and NOMINEE_WORDS.search(i.details)]
        if typed or words:
            yield ctx.on_edge(
                edge,
                Severity.MEDIUM,
                f"{ctx.name(edge.interested_party)} acts as or through a nominee in "
                f"{fact.name}: {', '.join([*map(humanise, typed), *words])}",
            )


def _bearer_text(text: str) -> bool:
    return bool(BEARER_WORDS.search(text)) and not NO_BEARER.search(text)


def bearer_shares(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity:
        return
    plain = []
    for edge in ctx.owners:
        found = [i.details for i in edge.interests if i.details and _bearer_text(i.details)]
        if not found:
            plain.append(edge)
            continue
        yield ctx.on_edge(
            edge,
            Severity.HIGH,
            f"the interest of {ctx.name(edge.interested_party)} in {fact.name} is recorded "
            f"as bearer shares: “{found[0]}”",
        )
    yield from _bearer_holders(ctx, plain)
    text = fact.name + " " + _record_text(ctx)
    match = BEARER_WORDS.search(text)
    if match and _bearer_text(text):
        yield ctx.on_node(
            fact.id,
            Severity.HIGH,
            f"{fact.name} is recorded as having issued bearer shares (“{match.group(0)}”)",
        )


BEARER_HELD = frozenset({InterestType.SHAREHOLDING, *UNKNOWN_TYPES})
"""Interests of a holder named as the bearer that mean bearer shares: shares, or an interest
of unknown kind (an office held by "THE BEARER" is not a share)."""


def _bearer_holders(ctx: NodeContext, edges: Iterable[Edge]) -> Iterator[Flag]:
    """One flag for the holders of shares (or of an unknown interest) whose whole name is the
    bearer's (:data:`bo_graph.model.bearer.BEARER_NAMES`), citing each holding and its holder."""
    found = []
    for edge in edges:
        holder = ctx.env.fact_of(edge.interested_party)
        types = {i.type for i in edge.interests} or {None}
        if holder is not None and types & BEARER_HELD and is_bearer_name(holder.name):
            found.append((edge, holder, InterestType.SHAREHOLDING in types))
    if not found:
        return
    names = "”, “".join(dict.fromkeys(h.name for _, h, _ in found))
    yield ctx.on_node(
        ctx.fact.id,
        Severity.HIGH,
        f"{ctx.fact.name} has {_holders_text([s for _, _, s in found])} recorded as the bearer "
        f"(“{names}”): bearer shares, owned by whoever holds the certificates",
        more=[x for e, h, _ in found for x in (ctx.edge_evidence(e), ctx.node_evidence(h.id))],
        values={"bearer_holders": sorted({h.id for _, h, _ in found})},
    )


def _holders_text(shares: list[bool]) -> str:
    """``2 shareholders and an owner of unknown interest``."""
    parts = []
    for count, one, many in (
        (shares.count(True), "a shareholder", "shareholders"),
        (shares.count(False), "an owner of unknown interest", "owners of unknown interest"),
    ):
        if count:
            parts.append(one if count == 1 else f"{count} {many}")
    return " and ".join(parts)


def _record_text(ctx: NodeContext) -> str:
    """Free text of the entity's latest statement (``entityType.details`` …), which the
    canonical model does not keep: read from the stored record when ``read_records`` is on."""
    history = ctx.env.history
    if history is None or not ctx.flag_on("read_records"):
        return ""
    statements = history.statements(ctx.fact.id)
    if not statements:
        return ""
    raw = statements[-1].raw
    return " ".join(_strings(raw.get("recordDetails", raw)))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, v in value.items() if key != "identifiers" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def corporate_officer(ctx: EdgeContext) -> Iterator[Flag]:
    holder, interests = ctx.holder, ctx.edge.interests
    roles = sorted(i.type.value for i in interests if i.type in OFFICER_ROLES)
    words = [i.details for i in interests if i.details and CORPORATE_OFFICER.search(i.details)]
    is_company = (
        holder is not None
        and holder.is_entity
        and not holder.is_arrangement  # a nomination's nominee director: OPQ-NOMINEE
        and not holder.is_unknown_record
    )
    if (roles and is_company) or words:
        yield ctx.on_edge(
            ctx.edge,
            Severity.MEDIUM,
            f"{ctx.name(ctx.edge.interested_party)}, a company, is "
            f"{', '.join(map(humanise, roles)) or 'a corporate officer'} of "
            f"{ctx.name(ctx.edge.subject)}: a "
            f"corporate officer stands between the company and the people who run it",
            values={"roles": roles},
        )


SHARE_INTERESTS = frozenset({InterestType.SHAREHOLDING, InterestType.VOTING_RIGHTS})
"""What makes a party an owner for the shelf rule: shares or votes, not an office or a right
to control (a controller appointed later is not a change of owners)."""
MAX_OWNER_CHANGES = 20
"""Changes of owners walked back from the current owners, at most."""


@dataclass
class _Takeover:
    """The first change of a company's owners: when, who took over, from whom."""

    on: date
    buyers: list[Edge]
    sellers: list[Edge] = field(default_factory=list)


def _holders(edges: Iterable[Edge], seen: set[str]) -> list[Edge]:
    return [
        e for e in edges if e.id not in seen and any(i.type in SHARE_INTERESTS for i in e.interests)
    ]


def _held_from(edge: Edge) -> date | None:
    """When ``edge``'s holder became an owner; ``None`` when a share or vote is undated."""
    starts = [parse_day(i.start_date) for i in edge.interests if i.type in SHARE_INTERESTS]
    dated = [d for d in starts if d is not None]
    return min(dated) if dated and len(dated) == len(starts) else None


def _takeover(ctx: NodeContext, founded: date) -> _Takeover | None:
    """The first change of owners after incorporation, found by walking back from the current
    owners through the owners in effect the day before each change, as far as the history
    goes. ``None`` when there was none, or when the first change came within ``months`` of
    incorporation (the company was not left on the shelf): an owner since incorporation, or
    an undated one, ends the walk."""
    minimum, history = ctx.integer("months") * 30.4, ctx.env.history
    seen: set[str] = set()
    owners = _holders(ctx.owners, seen)
    found: _Takeover | None = None
    for _ in range(MAX_OWNER_CHANGES):
        starts = [_held_from(e) for e in owners]
        if not owners or None in starts:
            return found
        taken = min(d for d in starts if d is not None)
        if taken <= founded:
            return found
        if days_between(founded, taken) < minimum:
            return None
        found = _Takeover(taken, [e for e, d in zip(owners, starts, strict=True) if d == taken])
        if history is None:
            return found
        seen.update(e.id for e in owners)
        before = (taken - timedelta(days=1)).isoformat()
        owners = _holders(history.edges_on(ctx.fact.id, before), seen)
        stayed = history.owners_on(ctx.fact.id, taken.isoformat())
        found.sellers = [e for e in owners if e.id not in stayed]
    return found


def _filing(ctx: NodeContext, edge: Edge, on: date) -> Evidence:
    """``edge`` as cited by the statement that filed its holding from ``on``."""
    history = ctx.env.history
    interest = next(
        (i for i in edge.interests if i.type in SHARE_INTERESTS and parse_day(i.start_date) == on),
        None,
    )
    if history is None or interest is None:
        return ctx.edge_evidence(edge)
    first = first_filing(history.statements(edge.id), interest)
    return ctx.cited(edge, first.provenance) if first else ctx.edge_evidence(edge)


def _ending(ctx: NodeContext, edge: Edge, on: date) -> Evidence:
    """``edge`` of a replaced owner as cited by the statement that ended its holding (closed
    it, or gave its interests an end date, on or after ``on``); as in effect before the change
    when none did."""
    history = ctx.env.history
    for statement in history.statements(edge.id) if history is not None else []:
        if day(statement.provenance.statement_date) < on.isoformat():
            continue
        raw = statement.raw
        details = raw.get("recordDetails", raw)
        items = details.get("interests") if isinstance(details, dict) else None
        ended = any(isinstance(i, dict) and i.get("endDate") for i in items or [])
        if ended or statement.provenance.record_status is RecordStatus.CLOSED:
            return ctx.cited(edge, statement.provenance)
    return ctx.edge_evidence(edge)


def _names(ctx: NodeContext, edges: list[Edge]) -> str:
    """The holders of ``edges``, named from the chain or, for past owners, from the store."""
    history, names = ctx.env.history, []
    for party in dict.fromkeys(e.interested_party for e in edges):
        known = ctx.env.fact_of(party)
        if known is not None:
            names.append(known.name)
        else:
            names.append(history.name(party) if history is not None else party)
    return ", ".join(names)


def shelf_company(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    founded = parse_day(fact.founding_date)
    if not fact.is_entity or founded is None or not fact.address_keys:
        return
    index = ctx.env.address_source()
    hub = max(index.entities.get(k, 0) for k in fact.address_keys)
    if hub < ctx.integer("agent_address_min"):
        return
    takeover = _takeover(ctx, founded)
    if takeover is None:
        return
    months = days_between(founded, takeover.on) // 30
    buyers = _names(ctx, takeover.buyers)
    sellers = _names(ctx, takeover.sellers)
    yield ctx.on_node(
        fact.id,
        Severity.MEDIUM,
        f"{fact.name} was incorporated on {fact.founding_date} at an address shared by {hub} "
        f"companies, and its owners first changed only on {takeover.on.isoformat()} "
        f"({months} months later), when {buyers} took over"
        + (f" from {sellers}" if sellers else "")
        + ": the signs of a shelf company",
        more=[_filing(ctx, e, takeover.on) for e in takeover.buyers]
        + [_ending(ctx, e, takeover.on) for e in takeover.sellers],
        values={
            "taken_over_on": takeover.on.isoformat(),
            "months_to_takeover": months,
            "companies_at_address": hub,
        },
    )
