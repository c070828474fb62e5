"""Catalogue A3: vehicle types that create opaque layers (items 14-19, 21)."""

from __future__ import annotations

from collections.abc import Iterator

from bo_graph.analysis.opacity.context import EdgeContext, NodeContext
from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.history import days_between, parse_day
from bo_graph.analysis.opacity.texts import (
    BEARER_WORDS,
    CORPORATE_OFFICER,
    FOUNDATION_WORDS,
    NO_BEARER,
    NOMINEE_WORDS,
    PARTNERSHIP_WORDS,
    TRUST_NATURE,
)
from bo_graph.analysis.opacity.view import is_management
from bo_graph.model.codes import (
    MANAGEMENT_INTERESTS,
    NOMINATION_INTERESTS,
    TRUST_INTERESTS,
    EntitySubtype,
    InterestType,
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
    notes = [f"{len(v)} {k.value}" for k, v in sorted(roles.items(), key=lambda kv: kv[0].value)]
    if corporate:
        notes.append(f"corporate trustee {', '.join(ctx.name(p) for p in corporate)}")
    if missing:
        notes.append("no beneficiary recorded")
    return ctx.on_node(
        ctx.fact.id,
        Severity.HIGH if corporate or missing else Severity.MEDIUM,
        f"{ctx.fact.name} is a {kind}: its beneficial owners are its founders, trustees, "
        f"protectors and beneficiaries, not shareholders" + "".join(f"; {n}" for n in notes),
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
                f"{fact.name}: {', '.join(typed + words)}",
            )


def _bearer_text(text: str) -> bool:
    return bool(BEARER_WORDS.search(text)) and not NO_BEARER.search(text)


def bearer_shares(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity:
        return
    for edge in ctx.owners:
        found = [i.details for i in edge.interests if i.details and _bearer_text(i.details)]
        if found:
            yield ctx.on_edge(
                edge,
                Severity.HIGH,
                f"the interest of {ctx.name(edge.interested_party)} in {fact.name} is recorded "
                f"as bearer shares: “{found[0]}”",
            )
    text = fact.name + " " + _record_text(ctx)
    match = BEARER_WORDS.search(text)
    if match and _bearer_text(text):
        yield ctx.on_node(
            fact.id,
            Severity.HIGH,
            f"{fact.name} is recorded as having issued bearer shares (“{match.group(0)}”)",
        )


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
    is_company = holder is not None and holder.is_entity and not holder.is_unknown_record
    if (roles and is_company) or words:
        yield ctx.on_edge(
            ctx.edge,
            Severity.MEDIUM,
            f"{ctx.name(ctx.edge.interested_party)}, a company, is "
            f"{', '.join(roles) or 'a corporate officer'} of {ctx.name(ctx.edge.subject)}: a "
            f"corporate officer stands between the company and the people who run it",
            values={"roles": roles},
        )


def _owners_since(ctx: NodeContext) -> tuple[list[Edge], str | None]:
    """The owner and controller edges of the node and the earliest start among them; ``None``
    when one of them has no start date."""
    owners = [e for e in ctx.owners if not is_management(e)]
    starts: list[str] = []
    for edge in owners:
        dated = [i.start_date for i in edge.interests if i.start_date]
        if not dated:
            return owners, None
        starts.append(min(dated))
    return owners, min(starts) if starts else None


def shelf_company(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_entity or not fact.founding_date or not fact.address_keys:
        return
    owners, since = _owners_since(ctx)
    founded, taken = parse_day(fact.founding_date), parse_day(since)
    if not owners or founded is None or taken is None:
        return
    gap = days_between(founded, taken)
    index = ctx.env.address_source()
    hub = max(index.entities.get(k, 0) for k in fact.address_keys)
    if gap < ctx.integer("months") * 30.4 or hub < ctx.integer("agent_address_min"):
        return
    yield ctx.on_node(
        fact.id,
        Severity.MEDIUM,
        f"{fact.name} was incorporated on {fact.founding_date} at an address shared by {hub} "
        f"companies, and its current owners took over only on {since} ({gap // 30} months "
        f"later): the signs of a shelf company",
        edges=owners,
        values={"months_to_takeover": gap // 30, "companies_at_address": hub},
    )
