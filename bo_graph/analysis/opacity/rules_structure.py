"""Catalogue A2: depth, breadth, cycles and thresholds (items 7-13)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bo_graph.analysis.interval import Interval, ThresholdRule, Verdict, total
from bo_graph.analysis.network import ROLE_CONTROL, tighten
from bo_graph.analysis.opacity.context import NodeContext, SubjectContext
from bo_graph.analysis.opacity.flags import Flag, Severity
from bo_graph.analysis.opacity.graphs import components
from bo_graph.analysis.opacity.shares import direct_links
from bo_graph.analysis.opacity.view import ChainView
from bo_graph.model.codes import InterestType, humanise
from bo_graph.model.graph import Edge

OWNERSHIP_LIKE = frozenset(
    {
        None,
        InterestType.SHAREHOLDING,
        InterestType.VOTING_RIGHTS,
        InterestType.UNKNOWN_INTEREST,
        InterestType.UNPUBLISHED_INTEREST,
    }
)


def _entity_layers(view: ChainView) -> dict[str, int]:
    """For each chain party, the entity layers on its shortest chain down to the subject
    (itself included when it is an entity: a chain that ends at an entity ends in that layer),
    in one pass in walk order."""
    counts = {view.subject: 0}
    officers = view.officers
    for party, edge in view.via.items():
        if party in officers:
            continue
        fact = view.party(party)
        below = counts.get(edge.subject, 0)
        counts[party] = below + (1 if fact is not None and fact.is_entity else 0)
    return counts


def chain_depth(ctx: SubjectContext) -> Iterator[Flag]:
    view = ctx.view
    counts = _entity_layers(view)
    deepest = max(counts, key=lambda p: (counts[p], -view.depth[p]))
    if counts[deepest] < ctx.integer("min_layers"):
        return
    layers = [
        n
        for n in view.layers_on_path(deepest)[1:]
        if (f := view.party(n)) is not None and f.is_entity
    ]
    strong = len(layers) >= ctx.integer("strong_layers")
    names = [view.name(n) for n in reversed(layers)]
    yield ctx.on_subject(
        Severity.HIGH if strong else Severity.MEDIUM,
        f"{len(layers)} corporate or arrangement layers between {view.name(view.subject)} and "
        f"the end of its longest chain: {' → '.join(names)}",
        edges=view.path(deepest),
        values={"layers": len(layers), "path": names},
    )


def jurisdiction_of(view: ChainView, node: str) -> str | None:
    fact = view.party(node)
    if fact is None:
        return None
    return fact.jurisdiction or (fact.countries[0] if fact.countries else None)


def _sequence(view: ChainView, party: str) -> list[str]:
    out: list[str] = []
    for node in view.layers_on_path(party):
        code = jurisdiction_of(view, node)
        if code and (not out or out[-1] != code):
            out.append(code)
    return out


def cross_border(ctx: SubjectContext) -> Iterator[Flag]:
    view = ctx.view
    home = jurisdiction_of(view, view.subject)
    best: tuple[bool, int, str, list[str]] = (False, 0, view.subject, [])
    for party in view.chain:
        sequence = _sequence(view, party)
        trip = home is not None and sequence.count(home) > 1 and ctx.flag_on("round_trip")
        candidate = (trip, len(set(sequence)), party, sequence)
        if candidate[:2] > best[:2]:
            best = candidate
    trip, count, party, sequence = best
    if count < ctx.integer("min_jurisdictions") and not trip:
        return
    text = f"the chain crosses {count} jurisdictions ({' → '.join(sequence)})"
    if trip:
        text += f" and returns to {home}, the subject's own jurisdiction (round-tripping)"
    yield ctx.on_subject(
        Severity.HIGH if trip else Severity.MEDIUM,
        text,
        edges=view.path(party),
        values={"jurisdictions": count, "sequence": sequence, "round_trip": trip},
    )


CIRCULAR_TEXT = {
    True: "(a closed loop: no owner outside the cycle); the share held round the cycle "
    "cannot be traced to a natural person",
    False: "(outside owners exist); integrated ownership traces what is held round the cycle "
    "back to the owners outside it, so the effective shares include it",
}
"""The end of an ``OPQ-CIRCULAR`` explanation, for a closed loop (``True``) or a cycle with
outside owners, whose holdings the effective shares (and ``identified_share``) include."""


def circular(ctx: SubjectContext) -> Iterator[Flag]:
    view = ctx.view
    for members in ctx.inputs.cycles:
        inside = [e for e in view.edges if e.subject in members and e.interested_party in members]
        closed = not any(
            e.subject in members and e.interested_party not in members for e in view.edges
        )
        names = ", ".join(sorted(view.name(m) for m in members))
        first = min(members, key=lambda m: (view.name(m), m))
        yield ctx.on_node(
            first,
            Severity.HIGH if closed else Severity.MEDIUM,
            f"circular ownership among {names} {CIRCULAR_TEXT[closed]}",
            edges=sorted(inside, key=lambda e: e.id),
            values={"members": sorted(members), "closed_loop": closed},
        )


def _verdict(ctx: SubjectContext, share: Interval) -> Verdict:
    return share.verdict(ctx.number("threshold"), ThresholdRule(ctx.text("rule")))


def below_threshold(ctx: SubjectContext) -> Iterator[Flag]:
    view, ownership = ctx.view, ctx.inputs.ownership
    threshold, margin = ctx.number("threshold"), ctx.number("margin")
    for party in view.chain:
        fact = view.party(party)
        if fact is None or not fact.is_person:
            continue
        share = ownership.share(party)
        if share.hi <= 0:
            continue
        if _verdict(ctx, share) is Verdict.NO and share.hi >= threshold - margin:
            yield ctx.on_node(
                party,
                Severity.MEDIUM,
                f"{fact.name} holds {share.label()} of {view.name(view.subject)}, just below "
                f"the {threshold:g}% threshold ({ctx.text('rule')}): not a beneficial owner by "
                f"ownership",
                edges=view.path(party),
                values={"share": share.to_json(), "threshold": threshold},
            )
    yield from _equal_split(ctx)


def _equal_split(ctx: SubjectContext) -> Iterator[Flag]:
    view = ctx.view
    if len(view.owners_of(view.subject)) < ctx.integer("min_equal_holders"):
        return
    ownership = ctx.inputs.ownership
    threshold, tolerance = ctx.number("threshold"), ctx.number("equal_split_tolerance")
    near = {
        link.edge_id
        for link in ownership.links
        if link.subject == view.subject
        and link.is_direct
        and max(abs(link.share.lo - threshold), abs(link.share.hi - threshold)) <= tolerance
    }
    if len(near) >= ctx.integer("min_equal_holders"):
        yield ctx.on_subject(
            Severity.MEDIUM,
            f"{len(near)} holders each hold about {threshold:g}% of {view.name(view.subject)}: "
            f"an equal split that keeps every holder at the threshold",
            edges=[e for e in view.owners_of(view.subject) if e.id in near],
            values={"holders": len(near)},
        )


def _shared_kinds(keys: dict[str, set[str]], group: set[str]) -> list[str]:
    """``surname`` and/or ``address``: the kinds of key at least two members share."""
    every = set().union(*(keys[m] for m in group))
    return sorted({k.split(":", 1)[0] for k in every if sum(k in keys[m] for m in group) >= 2})


def split_holding(ctx: SubjectContext) -> Iterator[Flag]:
    view, ownership = ctx.view, ctx.inputs.ownership
    keys: dict[str, set[str]] = {}
    for party in view.chain:
        fact = view.party(party)
        if fact is None or not fact.is_person:
            continue
        share = ownership.share(party)
        if share.hi <= 0:
            continue
        if _verdict(ctx, share) is Verdict.NO:  # known to be below: an unknown share may not be
            keys[party] = {f"surname:{fact.surname}"} if fact.surname else set()
            keys[party] |= {f"address:{k}" for k in fact.address_keys}
    for group in components(keys):
        combined = total([ownership.share(m) for m in sorted(group)])
        verdict = _verdict(ctx, combined)
        if len(group) < 2 or verdict is Verdict.NO:
            continue
        names = ", ".join(sorted(view.name(m) for m in group))
        above = "above" if verdict is Verdict.YES else "which may reach"
        yield ctx.on_subject(
            Severity.HIGH if verdict is Verdict.YES else Severity.MEDIUM,
            f"{names}, related by a shared surname or address, together hold "
            f"{combined.label()} of {view.name(view.subject)}, {above} the "
            f"{ctx.number('threshold'):g}% threshold no one of them reaches",
            edges=[e for m in sorted(group) for e in view.path(m)],
            more=[ctx.node_evidence(m) for m in sorted(group)],
            values={
                "members": sorted(group),
                "combined": combined.to_json(),
                "shared": _shared_kinds(keys, group),
            },
        )


def control_without_ownership(ctx: NodeContext) -> Iterator[Flag]:
    fact = ctx.fact
    if not fact.is_person:
        return
    if ctx.interests_held() & OWNERSHIP_LIKE:
        return
    for edge in ctx.holdings:
        held = _control(edge)
        if held:
            yield ctx.on_edge(
                edge,
                Severity.MEDIUM,
                f"{fact.name} controls {ctx.name(edge.subject)} ({', '.join(map(humanise, held))}) "
                f"without "
                f"holding shares or votes in any company",
                values={"interests": held},
            )


def _control(edge: Edge) -> list[str]:
    """The control interests of ``edge``, but those its source says are not beneficial
    ownership or control (an ICIJ intermediary, a GLEIF accounting parent)."""
    return sorted(
        i.type.value
        for i in edge.interests
        if i.type in ROLE_CONTROL and i.beneficial_ownership_or_control is not False
    )


def _lower_total(owners: Sequence[Edge]) -> float:
    return sum(
        i.share.lower
        for e in owners
        for i in e.interests
        if i.type is InterestType.SHAREHOLDING and i.share is not None
    )


def shares_inconsistent(ctx: NodeContext) -> Iterator[Flag]:
    owners = ctx.owners
    if len(owners) < 2 or _lower_total(owners) <= 100.0 + ctx.number("tolerance"):
        return
    _, problems = tighten(direct_links(owners, ctx.env.when), "shares")
    for problem in problems:
        if problem.total.lo <= 100.0 + ctx.number("tolerance"):
            continue
        wanted = set(problem.edges)
        yield ctx.on_node(
            ctx.fact.id,
            Severity.MEDIUM,
            f"the declared direct holdings in {ctx.fact.name} add up to "
            f"{problem.total.label()}, more than 100%",
            edges=sorted((e for e in owners if e.id in wanted), key=lambda e: e.id),
            values={"total": problem.total.to_json()},
        )
