"""Simple paths (chains of relationships) from upstream parties down to a subject.

The UBO report lists, for each party, the simple paths by which it reaches the subject and each
path's contribution (the product of its shares, M1). On an acyclic graph the contributions of a
party's ownership paths add up to its integrated share; with cycles the integrated share also
counts the walks around them. Enumeration is a bounded depth-first search: at most
``per_party`` paths are kept per party (the largest contributions first), and the total count is
reported, marked incomplete if the overall ``budget`` of steps ran out. Never silent.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from bo_graph.analysis.interval import FULL, Interval, total
from bo_graph.analysis.network import Link, LinkBasis, OwnershipNetwork
from bo_graph.analysis.results import Chain, Party, Step

IDENTITY = Interval.exact(FULL)


def step_index(network: OwnershipNetwork) -> dict[str, list[Step]]:
    """``subject -> steps into it``: every edge that carries a share, votes or a role."""
    shares: dict[str, list[Interval]] = defaultdict(list)
    labels: dict[str, list[str]] = defaultdict(list)
    ends: dict[str, tuple[str, str]] = {}
    for link in network.ownership:
        shares[link.edge_id].append(link.share)
        labels[link.edge_id].append(_basis_label(link))
        ends[link.edge_id] = (link.owner, link.subject)
    for link in network.voting:
        if link.basis is LinkBasis.VOTING_RIGHTS:
            labels[link.edge_id].append("votingRights")
            ends[link.edge_id] = (link.owner, link.subject)
    for role in network.roles:
        suffix = " (declared indirect)" if role.declared_indirect else ""
        labels[role.edge_id].append(role.role.value + suffix)
        ends[role.edge_id] = (role.holder, role.subject)
    index: dict[str, list[Step]] = defaultdict(list)
    for edge_id in sorted(ends):
        holder, subject = ends[edge_id]
        share = total(shares[edge_id]).clamped() if shares.get(edge_id) else None
        step = Step(
            edge_id,
            Party.of(holder, network.nodes.get(holder)),
            Party.of(subject, network.nodes.get(subject)),
            ", ".join(dict.fromkeys(labels[edge_id])),
            share,
        )
        index[subject].append(step)
    return index


def _basis_label(link: Link) -> str:
    if link.basis is LinkBasis.DECLARED_INDIRECT:
        return "shareholding (declared indirect)"
    if link.basis is LinkBasis.UNKNOWN_INTEREST:
        return "interest of unknown type"
    if link.basis is LinkBasis.NOMINATOR:
        return "nominator"
    return link.basis.value


@dataclass
class ChainListing:
    """The paths kept for one party, how many there were, and whether the count is complete."""

    chains: list[Chain] = field(default_factory=list)
    total: int = 0
    complete: bool = True


@dataclass
class _Collector:
    per_party: int
    heaps: dict[str, list[tuple[float, int, Chain]]] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    counter: Iterator[int] = field(default_factory=itertools.count)

    def add(self, party: str, chain: Chain) -> None:
        self.totals[party] += 1
        key = chain.share.hi if chain.share is not None else -1.0
        heap = self.heaps.setdefault(party, [])
        item = (key, -next(self.counter), chain)
        if len(heap) < self.per_party:
            heapq.heappush(heap, item)
        elif item[:2] > heap[0][:2]:
            heapq.heapreplace(heap, item)

    def listings(self, complete: bool) -> dict[str, ChainListing]:
        out: dict[str, ChainListing] = {}
        for party, count in self.totals.items():
            ranked = sorted(self.heaps.get(party, []), key=lambda item: item[:2], reverse=True)
            out[party] = ChainListing([item[2] for item in ranked], count, complete)
        return out


def chains_to(
    steps_into: Mapping[str, Sequence[Step]],
    target: str,
    *,
    per_party: int = 20,
    budget: int = 200_000,
) -> dict[str, ChainListing]:
    """Every simple path into ``target`` (DFS upward), grouped by the party it starts from."""
    return _enumerate(steps_into, target, upward=True, per_party=per_party, budget=budget)


def chains_from(
    steps_from: Mapping[str, Sequence[Step]],
    source: str,
    *,
    per_party: int = 20,
    budget: int = 200_000,
) -> dict[str, ChainListing]:
    """Every simple path out of ``source`` (DFS downward), grouped by the party it ends at."""
    return _enumerate(steps_from, source, upward=False, per_party=per_party, budget=budget)


def reversed_index(steps_into: Mapping[str, Sequence[Step]]) -> dict[str, list[Step]]:
    """``holder -> steps out of it`` from ``subject -> steps into it``."""
    out: dict[str, list[Step]] = defaultdict(list)
    for steps in steps_into.values():
        for step in steps:
            out[step.holder.id].append(step)
    return out


def _enumerate(
    index: Mapping[str, Sequence[Step]],
    start: str,
    *,
    upward: bool,
    per_party: int,
    budget: int,
) -> dict[str, ChainListing]:
    """Iterative DFS over simple paths from ``start``; each path is recorded for its far end."""
    collector = _Collector(per_party)
    stack: list[tuple[str, Iterator[Step]]] = [(start, iter(index.get(start, ())))]
    path: list[Step] = []
    products: list[Interval | None] = [IDENTITY]
    on_path = {start}
    visits = 0
    complete = True
    while stack:
        node, pending = stack[-1]
        step = next(pending, None)
        if step is None:
            stack.pop()
            on_path.discard(node)
            if path:
                path.pop()
                products.pop()
            continue
        far = step.holder.id if upward else step.subject.id
        if far in on_path:
            continue
        visits += 1
        if visits > budget:
            complete = False
            break
        products.append(_times(products[-1], step.share))
        path.append(step)
        on_path.add(far)
        steps = tuple(reversed(path)) if upward else tuple(path)
        collector.add(far, Chain(steps, products[-1]))
        stack.append((far, iter(index.get(far, ()))))
    return collector.listings(complete)


def _times(left: Interval | None, right: Interval | None) -> Interval | None:
    if left is None or right is None:
        return None
    return left.times(right)


def simple_path_sum(links: Sequence[Link], target: str, *, upper: bool = False) -> dict[str, float]:
    """M1: for every party, the sum over simple ownership paths into ``target`` of the product
    of the shares (fractions), at the lower or upper bounds. Exponential: for small graphs."""
    into: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for link in links:
        value = link.share.hi if upper else link.share.lo
        into[link.subject].append((link.owner, value / FULL))
    sums: dict[str, float] = defaultdict(float)
    stack: list[tuple[str, float, frozenset[str]]] = [(target, 1.0, frozenset({target}))]
    while stack:
        node, product, on_path = stack.pop()
        for owner, weight in into.get(node, ()):
            if owner not in on_path:
                sums[owner] += product * weight
                stack.append((owner, product * weight, on_path | {owner}))
    return dict(sums)
