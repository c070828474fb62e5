"""Effective ownership as intervals (M2/M3 evaluated at the bounds, M9).

Integrated ownership is monotone non-decreasing in every share, so its range over share bands is
``[f(all lower bounds), f(all upper bounds)]``. An end of the result is open when an open bound
actually contributes to it: the bound's link ``i -> j`` lies on a positive walk from the party to
the target at that evaluation point (``d f / d w_ij = L_pi L_jt > 0``). Example (T16):
P ``(25, 50]`` of A, A ``(50, 75)`` of B gives P in B ``(12.5, 37.5)``.

The value reported for a party is the Vitali cycle-corrected share ``W~[i, t] / L_ii`` (M3): for
a party nobody owns (every natural person) it equals integrated ownership (M2); for an entity
inside a cycle it leaves out the walks that return to the entity, so it never exceeds 100% on
consistent data. Values are clamped to ``[0, 100]``; a value clamped down is reported in
:attr:`OwnershipEvaluation.exceeded` (it only happens with inconsistent data).

A component that diverges (spectral radius >= 1) only at the upper bounds, because wide bands
such as ``[0, 100]`` could close a loop, has no finite supremum: the upper end of every party on
or upstream of it is then 100% (the cap), so the interval stays sound.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from bo_graph.analysis.interval import FULL, TOLERANCE, Interval
from bo_graph.analysis.linear import (
    ColumnSolution,
    PreparedWeights,
    Weights,
    ancestors,
    is_closed_loop,
    prepare,
    solve_column,
    solve_prepared,
)
from bo_graph.analysis.network import Link


@dataclass(frozen=True, slots=True)
class Arc:
    """A link at one evaluation point: a fraction, and whether that bound is open."""

    owner: str
    subject: str
    weight: float
    open: bool


def arcs(links: Iterable[Link], *, upper: bool) -> list[Arc]:
    """The links at their upper or lower bounds."""
    out = []
    for link in links:
        value, is_open = (
            (link.share.hi, link.share.hi_open) if upper else (link.share.lo, link.share.lo_open)
        )
        out.append(Arc(link.owner, link.subject, value / FULL, is_open))
    return out


def summed_weights(items: Iterable[Arc]) -> dict[tuple[str, str], float]:
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for arc in items:
        if arc.owner != arc.subject:
            weights[(arc.owner, arc.subject)] += arc.weight
    return dict(weights)


@dataclass(frozen=True)
class BoundEvaluation:
    """One evaluation point: the column solution and the parties whose value is an open end."""

    solution: ColumnSolution
    open_parties: frozenset[str]
    weights: Weights
    unbounded: frozenset[str]
    """Parties on or upstream of a divergent component: their value is not finite here."""


class PreparedBound:
    """One evaluation point of a set of links, prepared once for the columns of any number of
    targets (:class:`OwnershipSolver`)."""

    def __init__(self, items: Sequence[Arc]) -> None:
        self.prepared: PreparedWeights = prepare(summed_weights(items))
        self.open_owners: dict[str, list[str]] = defaultdict(list)
        """``subject -> owners`` of the links whose bound here is open."""
        for arc in items:
            if arc.open:
                self.open_owners[arc.subject].append(arc.owner)

    def evaluate(self, target: str) -> BoundEvaluation:
        solution = solve_prepared(self.prepared, target)
        index = self.prepared.index
        upstream = solution.integrated
        sources = [o for subject in upstream for o in self.open_owners.get(subject, ())]
        open_parties = frozenset(ancestors(index, sources)) if sources else frozenset()
        members = [m for loop in solution.divergent for m in loop]
        unbounded = frozenset(ancestors(index, members)) if members else frozenset()
        return BoundEvaluation(solution, open_parties, self.prepared.weights, unbounded)


def evaluate_bound(items: Sequence[Arc], target: str) -> BoundEvaluation:
    return PreparedBound(items).evaluate(target)


def upper_end(evaluation: BoundEvaluation, party: str, value: float) -> tuple[float, bool]:
    """The upper end (percent) and whether it is open. Upstream of a component that diverges
    at the upper bounds the supremum is not finite, so the end is 100% (the cap)."""
    if party in evaluation.unbounded:
        return FULL, False
    return value, party in evaluation.open_parties


@dataclass(frozen=True)
class OwnershipEvaluation:
    """Effective shares (percent intervals) of every party upstream of ``target`` (column mode)
    or of ``target`` in everything downstream (row mode, for holdings)."""

    target: str
    shares: dict[str, Interval]
    divergent: tuple[frozenset[str], ...]
    closed_loops: tuple[frozenset[str], ...]
    """The divergent components with no outside owner (a subset of ``divergent``)."""
    exceeded: tuple[str, ...]
    uncorrected: frozenset[str] = frozenset()
    """Members of components too large to invert: their shares are M2, not cycle-corrected."""


class OwnershipSolver:
    """Effective shares in any target of one set of links. The weights, indexes and component
    order of both evaluation points are prepared once, so each target's column costs work in
    proportion to its own ancestors: a report that needs the column of every controlling entity
    upstream (the "owns a controlling entity" rule) no longer re-reads the whole network for
    each of them."""

    def __init__(self, links: Sequence[Link]) -> None:
        self.lower = PreparedBound(arcs(links, upper=False))
        self.upper = PreparedBound(arcs(links, upper=True))

    def ownership(self, target: str) -> OwnershipEvaluation:
        """Effective share of every upstream party in ``target``."""
        lower, upper = self.lower.evaluate(target), self.upper.evaluate(target)
        parties = (set(lower.solution.integrated) | set(upper.solution.integrated)) - {target}
        return _assemble(target, parties, lower, upper, lambda ev, p: ev.solution.corrected(p))


def evaluate_ownership(links: Sequence[Link], target: str) -> OwnershipEvaluation:
    """Effective share of every upstream party in ``target``."""
    return OwnershipSolver(links).ownership(target)


def evaluate_holdings(links: Sequence[Link], source: str) -> OwnershipEvaluation:
    """Effective share of ``source`` in every party downstream of it: a column of ``W^T``,
    corrected by the source's own return factor ``L_ss``."""
    flipped = [replace(link, owner=link.subject, subject=link.owner) for link in links]
    lower = evaluate_bound(arcs(flipped, upper=False), source)
    upper = evaluate_bound(arcs(flipped, upper=True), source)
    held = (set(lower.solution.integrated) | set(upper.solution.integrated)) - {source}

    def value(ev: BoundEvaluation, party: str) -> float:
        factor = ev.solution.return_factor.get(source, 1.0)
        return ev.solution.integrated.get(party, 0.0) / factor

    return _assemble(source, held, lower, upper, value)


def _assemble(
    target: str,
    parties: Iterable[str],
    lower: BoundEvaluation,
    upper: BoundEvaluation,
    value: Callable[[BoundEvaluation, str], float],
) -> OwnershipEvaluation:
    shares: dict[str, Interval] = {}
    exceeded: list[str] = []
    for party in sorted(parties):
        lo = value(lower, party) * FULL
        hi, hi_open = upper_end(upper, party, value(upper, party) * FULL)
        if hi > FULL + TOLERANCE or lo > FULL + TOLERANCE:
            exceeded.append(party)
        raw = Interval(min(lo, hi), max(lo, hi), party in lower.open_parties, hi_open)
        shares[party] = raw.clamped()
    divergent = _unique(lower.solution.divergent + upper.solution.divergent)
    closed = tuple(
        loop
        for loop in divergent
        if is_closed_loop(upper.weights, loop) or is_closed_loop(lower.weights, loop)
    )
    uncorrected = lower.solution.uncorrected | upper.solution.uncorrected
    return OwnershipEvaluation(target, shares, divergent, closed, tuple(exceeded), uncorrected)


def _unique(loops: Iterable[frozenset[str]]) -> tuple[frozenset[str], ...]:
    seen: list[frozenset[str]] = []
    for loop in loops:
        if loop not in seen:
            seen.append(loop)
    return tuple(sorted(seen, key=lambda s: sorted(s)))


def collapse(links: Sequence[Link], group: frozenset[str], head: str) -> list[Link]:
    """Treat ``group`` (a party and the entities it controls) as one holder ``head``: links
    out of the group become links of ``head``; links into the group are dropped, since the
    group's holdings already count in full (walks re-entering the group are cut)."""
    out: list[Link] = []
    for link in links:
        if link.subject in group:
            continue
        out.append(replace(link, owner=head) if link.owner in group else link)
    return out


def look_through_share(
    links: Sequence[Link],
    target: str,
    party: str,
    certain_group: frozenset[str],
    possible_group: frozenset[str],
) -> Interval:
    """Majority-control look-through (AMLR Art. 54, UK PSC majority stake): the share of
    ``party`` in ``target`` when every entity it controls passes its whole holding to it.
    Lower end: certainly-controlled entities at lower bounds; upper end: possibly-controlled
    entities at upper bounds."""
    low_group = (certain_group | {party}) - {target}
    high_group = (possible_group | {party}) - {target}
    lower = evaluate_bound(arcs(collapse(links, low_group, party), upper=False), target)
    upper = evaluate_bound(arcs(collapse(links, high_group, party), upper=True), target)
    lo = lower.solution.corrected(party) * FULL
    hi, hi_open = upper_end(upper, party, upper.solution.corrected(party) * FULL)
    return Interval(min(lo, hi), max(lo, hi), party in lower.open_parties, hi_open).clamped()


def integrated_values(links: Sequence[Link], target: str, *, upper: bool = False) -> ColumnSolution:
    """The raw column solution (M2 values and return factors) at one bound, for inspection."""
    return solve_column(summed_weights(arcs(links, upper=upper)), target)
