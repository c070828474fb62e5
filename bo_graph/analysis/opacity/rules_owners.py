"""Catalogue A1: the ultimate owner is missing, unknown or withheld (items 1-6)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date

from bo_graph.analysis.opacity.context import EdgeContext, NodeContext, SubjectContext
from bo_graph.analysis.opacity.facts import PartyFact
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.history import parse_day
from bo_graph.analysis.opacity.texts import (
    GLEIF_EXCEPTIONS,
    PSC_STATEMENTS,
    SUPER_SECURE,
    codes_in,
    strongest,
)
from bo_graph.analysis.opacity.view import is_management
from bo_graph.model.codes import EntityType, InterestType, UnspecifiedReason, humanise
from bo_graph.model.graph import Edge

EXEMPT_REASONS = frozenset(
    {UnspecifiedReason.INTERESTED_PARTY_EXEMPT, UnspecifiedReason.SUBJECT_EXEMPT}
)
REASON_SEVERITY = {
    UnspecifiedReason.SUBJECT_UNABLE_TO_CONFIRM: Severity.HIGH,
    UnspecifiedReason.INTERESTED_PARTY_NOT_PROVIDED: Severity.HIGH,
    UnspecifiedReason.NO_BENEFICIAL_OWNERS: Severity.MEDIUM,
    UnspecifiedReason.UNKNOWN: Severity.MEDIUM,
    UnspecifiedReason.UNKNOWN_TO_PUBLISHER: Severity.MEDIUM,
}
PSC_EXEMPTIONS = (
    "psc-exempt-as-trading-on-regulated-market",
    "psc-exempt-as-shares-admitted-on-market",
    "psc-exempt-as-trading-on-uk-regulated-market",
    "disclosure-transparency-rules-chapter-five-applies",
)
UNKNOWN_TYPES = frozenset({None, InterestType.UNKNOWN_INTEREST, InterestType.UNPUBLISHED_INTEREST})
NOT_DARK = frozenset({EntityType.STATE, EntityType.STATE_BODY})
NAMED = 3


def party_text(ctx: NodeContext) -> str:
    """What the register says about a party: its description and its interests' details."""
    details = [i.details for e in ctx.holdings for i in e.interests if i.details]
    return " ".join([ctx.fact.text, *details])


def held(ctx: NodeContext, edges: Sequence[Edge] | None = None) -> str:
    """The companies a party holds interests in, by name (the first few)."""
    names = sorted({ctx.name(e.subject) for e in (ctx.holdings if edges is None else edges)})
    more = f" and {len(names) - NAMED} more" if len(names) > NAMED else ""
    return (", ".join(names[:NAMED]) + more) or "no recorded company"


def _quote(text: str) -> str:
    return f": “{text.strip()}”" if text.strip() else ""


def _carries_code(text: str) -> bool:
    return any(
        codes_in(text, table)
        for table in (PSC_STATEMENTS, GLEIF_EXCEPTIONS, SUPER_SECURE, PSC_EXEMPTIONS)
    )


def lawful_party(fact: PartyFact) -> bool:
    """A party withheld lawfully by its reason, unless it carries a GLEIF reporting exception:
    OPQ-GLEIF-EXCEPTION reports those, with the exception's own severity."""
    return fact.reason in EXEMPT_REASONS and not codes_in(fact.text, GLEIF_EXCEPTIONS)


def _gleif_coded(ctx: NodeContext) -> bool:
    return bool(codes_in(party_text(ctx), GLEIF_EXCEPTIONS))


def _is_dark_party(ctx: NodeContext) -> bool:
    return ctx.fact.is_unspecified or ctx.fact.is_unknown_record


def unspecified_owner(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_unspecified or fact.reason is None or fact.reason in EXEMPT_REASONS:
        return
    if _carries_code(party_text(ctx)):
        return
    yield ctx.on_node(
        fact.id,
        REASON_SEVERITY.get(fact.reason, Severity.MEDIUM),
        f"the register names an owner of {held(ctx)} without identifying it "
        f"(BODS unspecified reason {fact.reason.value}){_quote(fact.text)}",
        edges=ctx.holdings,
        values={"reason": fact.reason.value, "description": fact.text},
    )


def unknown_owner(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_unknown_record or fact.reason in EXEMPT_REASONS:
        return
    anonymous = "anonymous" in fact.subkind
    yield ctx.on_node(
        fact.id,
        Severity.MEDIUM if anonymous else Severity.HIGH,
        f"{fact.name} is recorded as an {humanise(fact.subkind)}: a party of {held(ctx)} whose "
        f"identity is not known{_quote(fact.text)}",
        edges=ctx.holdings,
        values={"type": fact.subkind, "reason": fact.reason.value if fact.reason else None},
    )


def no_natural_person(ctx: SubjectContext) -> Iterator[Flag]:
    view = ctx.view
    for top in view.tops():
        fact = view.party(top)
        if fact is None or not fact.is_entity or fact.is_unknown_record or fact.listed:
            continue
        if fact.entity_type in NOT_DARK or not live_on(fact, ctx.env.analysis_date):
            continue
        if top == view.subject:
            if ctx.flag_on("include_subject"):
                yield ctx.on_subject(
                    Severity.MEDIUM,
                    f"no owner or controller of {fact.name} is recorded: no natural person is "
                    f"identified as its beneficial owner",
                    edges=view.owners_of(top),
                )
            continue
        last = view.edges_from(top)
        yield ctx.on_node(
            top,
            Severity.HIGH,
            f"the chain ends at {fact.name} ({fact.jurisdiction or 'jurisdiction unknown'}), "
            f"which has no recorded owner or controller: no natural person is identified "
            f"beyond this layer (last visible link to "
            f"{', '.join(sorted({view.name(e.subject) for e in last}))})",
            edges=last,
            values={"layer": view.depth.get(top, 0)},
        )


def missing_record(ctx: SubjectContext) -> Iterator[Flag]:
    """A chain end that a relationship names but whose record is not in the store: nothing is
    known of it (not even whether it is a person), so the chain cannot be followed past it.
    OPQ-NO-NATURAL-PERSON leaves such a party to this rule."""
    view = ctx.view
    for top in view.tops():
        if not view.missing(top):
            continue
        last = view.edges_from(top)
        held = ", ".join(sorted({view.name(e.subject) for e in last}))
        kinds = sorted({humanise(i.type.value) for e in last for i in e.interests if i.type})
        how = f" ({', '.join(kinds)})" if kinds else ""
        names = "a relationship names" if len(last) == 1 else f"{len(last)} relationships name"
        dated = " on the date analysed" if view.when.effective_date else ""
        yield ctx.on_node(
            top,
            Severity.MEDIUM,
            f"the chain ends at {top}, which {names} as owner or controller of {held}{how} but "
            f"whose record is not in the store{dated} (not imported, or not published by the "
            f"register): who it is is unknown, and no natural person is identified beyond "
            f"this layer",
            edges=last,
            values={"layer": view.depth.get(top, 0), "named_by": [e.id for e in last]},
        )


def live_on(fact: PartyFact, on: date) -> bool:
    """Founded (if a date is known) and not dissolved on ``on``: a company that does not exist
    then has no owners to hide."""
    founded, dissolved = parse_day(fact.founding_date), parse_day(fact.dissolution_date)
    return (founded is None or founded <= on) and (dissolved is None or dissolved > on)


def _register_codes(
    ctx: NodeContext, table: Mapping[str, Severity], explain: Callable[[list[str]], str], key: str
) -> Iterator[Flag]:
    """A dark party whose register text carries codes of ``table`` (PSC statements, GLEIF
    reporting exceptions): one flag, as strong as its strongest code."""
    codes = codes_in(party_text(ctx), table) if _is_dark_party(ctx) else []
    if codes:
        yield ctx.on_node(
            ctx.fact.id,
            strongest(codes, table),
            f"{held(ctx)} {explain(codes)}",
            edges=ctx.holdings,
            values={key: codes},
        )


def psc_statement(ctx: NodeContext) -> Iterator[Flag]:
    return _register_codes(
        ctx,
        PSC_STATEMENTS,
        lambda codes: (
            f"filed the register statement {', '.join(codes)}: no person with "
            "significant control (beneficial owner) is identified"
        ),
        "statements",
    )


def gleif_exception(ctx: NodeContext) -> Iterator[Flag]:
    return _register_codes(
        ctx,
        GLEIF_EXCEPTIONS,
        lambda codes: (
            f"reported a GLEIF parent-reporting exception ({', '.join(codes)}) "
            "instead of naming its parent"
        ),
        "exceptions",
    )


def smo_fallback(ctx: EdgeContext) -> Iterator[Flag]:
    smo = [i for i in ctx.edge.interests if i.type is InterestType.SENIOR_MANAGING_OFFICIAL]
    if not smo or not any(_as_fallback(ctx, i.beneficial_ownership_or_control) for i in smo):
        return
    yield ctx.on_edge(
        ctx.edge,
        Severity.MEDIUM,
        f"{ctx.name(ctx.edge.interested_party)} is registered as senior managing official "
        f"of {ctx.name(ctx.edge.subject)}: the fallback used when no beneficial owner is "
        f"identified",
    )


def _as_fallback(ctx: EdgeContext, beneficial: bool | None) -> bool:
    """A senior managing official stands in for the beneficial owner when the register says
    so (``beneficialOwnershipOrControl`` true); when it does not say, only when no natural
    person owns or controls the company otherwise. A leak's or a sanctions list's 'president'
    or 'general director' (``beneficialOwnershipOrControl`` false or unstated, next to named
    owners) is an officer, not a fallback."""
    if beneficial is not None:
        return beneficial
    for edge in ctx.env.owners_of(ctx.edge.subject):
        holder = ctx.env.fact_of(edge.interested_party)
        named = holder is not None and holder.is_known_person
        if named and edge.id != ctx.edge.id and not is_management(edge):
            return False
    return True


def protected_party(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not _is_dark_party(ctx) or _gleif_coded(ctx):
        return
    codes = codes_in(party_text(ctx), SUPER_SECURE)
    if fact.reason is not UnspecifiedReason.INTERESTED_PARTY_EXEMPT and not codes:
        return
    how = f"protected ({', '.join(codes)})" if codes else "exempt from disclosure"
    yield ctx.on_node(
        fact.id,
        Severity.LOW,
        f"the identity of a party of {held(ctx)} is withheld: {how}. Lawful "
        f"opacity{_quote(fact.text)}",
        edges=ctx.holdings,
        values={"codes": codes},
    )


def exempt_subject(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if fact.is_unspecified and not _gleif_coded(ctx):
        codes = codes_in(party_text(ctx), PSC_EXEMPTIONS)
        if fact.reason is UnspecifiedReason.SUBJECT_EXEMPT or codes:
            named = f" ({', '.join(codes)})" if codes else ""
            yield ctx.on_node(
                fact.id,
                Severity.LOW,
                f"{held(ctx)} is exempt from disclosing its beneficial owners{named}: the chain "
                f"above it is not visible. Lawful opacity",
                edges=ctx.holdings,
            )
    elif fact.listed and all(is_management(e) for e in ctx.owners):
        yield ctx.on_node(
            fact.id,
            Severity.LOW,
            f"{fact.name} is a publicly listed company whose owners are not recorded (listed "
            f"companies are exempt): the chain ends here. Lawful opacity",
        )


def _unknown_interests(ctx: EdgeContext) -> list[str]:
    edge = ctx.edge
    if not edge.interests:
        return ["no interest stated"]
    found = []
    for interest in edge.interests:
        if interest.type in UNKNOWN_TYPES:
            found.append(interest.type.value if interest.type else "interest of unstated type")
        elif interest.type is InterestType.SHAREHOLDING and interest.share is None:
            found.append("shareholding without a share")
    return found


def interest_unknown(ctx: EdgeContext) -> Iterator[Flag]:
    holder = ctx.holder
    if holder is not None and holder.is_unspecified:
        # The statement is about an undisclosed party, and the owner rules report it (as
        # concealment, or as lawful opacity with weight 0): its interest is part of that finding.
        return
    found = _unknown_interests(ctx)
    if found:
        yield ctx.on_edge(
            ctx.edge,
            Severity.LOW,
            f"the nature or size of the interest of {ctx.label} is not published: "
            f"{', '.join(humanise(f) for f in found)}",
            values={"missing": found},
        )
