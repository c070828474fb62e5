"""Declared indirect shares against the shares computed from their components (T11-T13).

A BODS primary relationship declares a party's indirect share in a subject and lists the
component relationships it goes through. The engine computes the indirect share from the
components (integrated ownership minus the direct holding) and checks the declaration against it.
When a component share is unknown the declaration tells what it must be: with one unknown link
the implied share is found by bisection (the computed share is monotone in it); with several,
a declaration equal to the computed maximum (minimum) implies every unknown link is at its
maximum (minimum), e.g. BODS ``mutilple-indirect-ownership-2.json``: 60% declared, 40% + 20%
through B and C, so Person 1 must hold 100% of B and of C.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from bo_graph.analysis.interval import FULL, TOLERANCE, Interval, near
from bo_graph.analysis.linear import ancestors, owners_index, solve_column, transposed
from bo_graph.analysis.network import DeclaredIndirect, Link, OwnershipNetwork
from bo_graph.analysis.results import DeclaredCheck, ImpliedShare, Party

BISECTION_STEPS = 100
_Fn = Callable[[float], float]


def declared_checks(network: OwnershipNetwork, target: str) -> list[DeclaredCheck]:
    """One check per declared indirect share in ``target``."""
    return [
        _check(network, declared) for declared in network.declared if declared.subject == target
    ]


def _check(network: OwnershipNetwork, declared: DeclaredIndirect) -> DeclaredCheck:
    owner = Party.of(declared.owner, network.nodes.get(declared.owner))
    subject = Party.of(declared.subject, network.nodes.get(declared.subject))
    if declared.used_as_link:
        note = (
            "no component relationship is available: the declared indirect share is used as "
            "a direct-equivalent link"
        )
        if declared.components:
            note = (
                f"{len(declared.components)} component record(s) found, but they do not link "
                "the owner to the subject: the declared indirect share is used as a "
                "direct-equivalent link"
            )
        if declared.missing:
            note += f" (components not found: {', '.join(declared.missing)})"
        return DeclaredCheck(
            declared.edge_id,
            owner,
            subject,
            declared.declared,
            None,
            "used_as_direct_equivalent",
            (),
            note,
        )
    links = network.ownership
    computed = indirect_share(links, declared.owner, declared.subject)
    status = _status(declared.declared, computed)
    implied = implied_shares(links, declared, computed) if status == "consistent" else ()
    note = f"computed from {len(declared.components)} component record(s)"
    if declared.missing:
        note += f"; components not found: {', '.join(declared.missing)}"
    return DeclaredCheck(
        declared.edge_id, owner, subject, declared.declared, computed, status, implied, note
    )


def _status(declared: Interval, computed: Interval) -> str:
    if declared.lo > computed.hi + TOLERANCE:
        return "above_computed_maximum"
    if declared.hi < computed.lo - TOLERANCE:
        return "below_computed_minimum"
    return "consistent"


def indirect_share(links: Sequence[Link], owner: str, target: str) -> Interval:
    """The owner's integrated share in ``target`` minus its direct holding, as an interval."""
    lo = _indirect_at(links, owner, target, upper=False)
    hi = _indirect_at(links, owner, target, upper=True)
    return Interval(min(lo, hi), max(lo, hi)).clamped()


def _indirect_at(
    links: Sequence[Link],
    owner: str,
    target: str,
    *,
    upper: bool,
    fixed: Mapping[str, float] | None = None,
) -> float:
    weights: dict[tuple[str, str], float] = defaultdict(float)
    direct = 0.0
    for link in links:
        value = link.share.hi if upper else link.share.lo
        if fixed is not None and link.edge_id in fixed:
            value = fixed[link.edge_id]
        weights[(link.owner, link.subject)] += value / FULL
        if link.owner == owner and link.subject == target:
            direct += value / FULL
    solution = solve_column(weights, target)
    return (solution.integrated.get(owner, 0.0) - direct) * FULL


def implied_shares(
    links: Sequence[Link], declared: DeclaredIndirect, computed: Interval
) -> tuple[ImpliedShare, ...]:
    """What the unknown shares between the owner and the subject must be for the declaration."""
    unknown = _unknown_links_between(links, declared.owner, declared.subject)
    if len(unknown) == 1:
        return _solved(links, declared, unknown[0])
    if unknown and near(declared.declared.lo, computed.hi):
        return tuple(_at(link, link.share.hi) for link in unknown)
    if unknown and near(declared.declared.hi, computed.lo):
        return tuple(_at(link, link.share.lo) for link in unknown)
    return ()


def _at(link: Link, value: float) -> ImpliedShare:
    return ImpliedShare(link.edge_id, link.owner, link.subject, Interval.exact(value))


def _unknown_links_between(links: Sequence[Link], owner: str, target: str) -> list[Link]:
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for link in links:
        weights[(link.owner, link.subject)] += link.share.hi / FULL
    above_target = ancestors(owners_index(weights), [target])
    below_owner = ancestors(owners_index(transposed(weights)), [owner])
    return [
        link
        for link in links
        if link.unknown_share
        and link.owner in below_owner
        and link.subject in above_target
        and not (link.owner == owner and link.subject == target)
    ]


def _solved(
    links: Sequence[Link], declared: DeclaredIndirect, free: Link
) -> tuple[ImpliedShare, ...]:
    """The range of the free link's share for which the declaration fits (bisection)."""

    def value(share: float, upper: bool) -> float:
        fixed = {free.edge_id: share}
        return _indirect_at(links, declared.owner, declared.subject, upper=upper, fixed=fixed)

    low, high = free.share.lo, free.share.hi
    wanted_low, wanted_high = declared.declared.lo, declared.declared.hi
    if value(high, True) < wanted_low - TOLERANCE or value(low, False) > wanted_high + TOLERANCE:
        return ()
    smallest = _first_at_least(lambda s: value(s, True), wanted_low, low, high)
    largest = _last_at_most(lambda s: value(s, False), wanted_high, low, high)
    if smallest > largest + TOLERANCE:
        return ()
    share = Interval(smallest, max(smallest, largest)).clamped()
    return (ImpliedShare(free.edge_id, free.owner, free.subject, share),)


def _first_at_least(f: _Fn, wanted: float, low: float, high: float) -> float:
    if f(low) >= wanted - TOLERANCE:
        return low
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        low, high = (low, middle) if f(middle) >= wanted else (middle, high)
    return _snap(high)


def _last_at_most(f: _Fn, wanted: float, low: float, high: float) -> float:
    if f(high) <= wanted + TOLERANCE:
        return high
    for _ in range(BISECTION_STEPS):
        middle = (low + high) / 2
        low, high = (middle, high) if f(middle) <= wanted else (low, middle)
    return _snap(low)


def _snap(value: float) -> float:
    """Bisection ends within 1e-12 of the answer: round away the last bits."""
    return round(value, 10)
