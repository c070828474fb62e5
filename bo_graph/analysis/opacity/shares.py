"""Effective ownership of the subject for the opacity rules, with the engine's conventions.

Ownership links are read from the view as the ownership engine reads them
(:mod:`bo_graph.analysis.network`): direct ``shareholding`` interests summed per relationship,
interests of unknown type as ``[0, 100]``, a nominee's holding attributed to the nominator (a
synthetic 100% link to the nomination arrangement), declared indirect interests used only when
none of their component relationships is present, and the direct shares into each subject
tightened (M9) with :func:`bo_graph.analysis.network.tighten`, which also reports subjects whose
shares add up to more than 100%.

Effective shares are integrated ownership (M2, Vitali-corrected in cycles), computed by the
engine's :func:`~bo_graph.analysis.effective.evaluate_ownership`. For an acyclic chain the same
value is the sum over paths of the products of the shares; ``fast=True`` (scan) computes it that
way, in one pass up the chain, and falls back to the engine when the chain has a cycle.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bo_graph.analysis.effective import evaluate_ownership
from bo_graph.analysis.interval import FULL, ZERO, Interval, total
from bo_graph.analysis.network import UNKNOWN_KIND, InconsistentSubject, Link, LinkBasis, tighten
from bo_graph.analysis.opacity.view import ChainView
from bo_graph.model.codes import DirectOrIndirect, EntitySubtype, InterestType
from bo_graph.model.graph import Edge, When
from bo_graph.model.records import Interest


@dataclass
class Ownership:
    """The subject's ownership as the rules use it."""

    links: tuple[Link, ...]
    raw: dict[str, Interval]
    """Effective share of each upstream party in the subject, before clamping."""
    inconsistent: tuple[InconsistentSubject, ...]
    engine: bool
    """Computed by the engine's solver (clamped already) rather than the fast pass."""
    _clamped: dict[str, Interval] = field(default_factory=dict)

    def share(self, party: str) -> Interval:
        """The effective share of ``party``, within [0, 100]; ``[0, 0]`` when it has none."""
        found = self._clamped.get(party)
        if found is None:
            value = self.raw.get(party, ZERO)
            found = self._clamped[party] = value if self.engine else value.clamped()
        return found

    def of_unknown_size(self, party: str, subject: str) -> bool:
        """Whether ``party``'s share of ``subject`` is of unknown size: none counted (the
        engine reads a holding whose size the register does not give as 0%), and a holding of
        unknown size on a chain of links from ``party`` to ``subject``."""
        if self.share(party).hi > 0:
            return False
        from_party = _linked(self.links, party, upward=False)
        to_subject = _linked(self.links, subject, upward=True)
        return any(
            link.unknown_share and link.owner in from_party and link.subject in to_subject
            for link in self.links
        )

    @property
    def holders(self) -> list[str]:
        """Parties with a share (possibly zero) in the subject."""
        return sorted(self.raw)


def ownership_of(view: ChainView, *, fast: bool = False) -> Ownership:
    links, bad = tighten(list(_links(view)), "shares")
    shares = _fast_shares(links, view.subject) if fast else None
    engine = shares is None
    if shares is None:
        shares = dict(evaluate_ownership(links, view.subject).shares)
    shares.pop(view.subject, None)
    return Ownership(tuple(links), shares, tuple(bad), engine)


def interests_of(edge: Edge, when: When) -> tuple[Interest, ...]:
    """The interests of ``edge`` (the views keep only those in effect at ``when``); a
    relationship that names no interest counts as one interest of unknown type, as in the
    engine."""
    if not edge.interests:
        return (Interest(type=None),)
    return edge.interests


def direct_links(edges: Sequence[Edge], when: When) -> list[Link]:
    """The ownership links of ``edges`` (nominees' holdings left out), before tightening."""
    present = {e.id for e in edges}
    out = []
    for edge in edges:
        interests = interests_of(edge, when)
        if any(i.type is InterestType.NOMINEE for i in interests):
            continue
        link = share_link(edge, interests, present)
        if link is not None:
            out.append(link)
    return out


def _links(view: ChainView) -> Iterable[Link]:
    present = {e.id for e in view.edges}
    nominators: dict[str, list[Edge]] = defaultdict(list)
    for edge in view.edges:
        interests = interests_of(edge, view.when)
        kinds = {i.type for i in interests}
        arrangement = view.party(edge.subject)
        if (
            InterestType.NOMINATOR in kinds
            and arrangement is not None
            and arrangement.subtype is EntitySubtype.NOMINATION
        ):
            nominators[edge.subject].append(edge)
        if InterestType.NOMINEE in kinds:
            continue
        link = share_link(edge, interests, present)
        if link is not None:
            yield link
    for arrangement_edges in nominators.values():
        share = Interval.exact(FULL) if len(arrangement_edges) == 1 else Interval.unknown()
        for edge in arrangement_edges:
            yield Link(
                edge.id,
                edge.interested_party,
                edge.subject,
                share,
                share,
                LinkBasis.NOMINATOR,
                len(arrangement_edges) > 1,
            )


def share_link(edge: Edge, interests: Sequence[Interest], present: set[str]) -> Link | None:
    """One link for the ownership interests of a relationship, summed, as the engine reads it:
    direct shareholding; else interests of unknown type; else, when none of its components is
    ``present``, a declared indirect shareholding."""
    direct = [i for i in interests if i.direct_or_indirect is not DirectOrIndirect.INDIRECT]
    basis = LinkBasis.SHAREHOLDING
    chosen = [i for i in direct if i.type is InterestType.SHAREHOLDING]
    if not chosen:
        chosen = [i for i in direct if i.type in UNKNOWN_KIND]
        basis = LinkBasis.UNKNOWN_INTEREST
    if not chosen and not any(c in present for c in edge.component_records):
        chosen = [
            i
            for i in interests
            if i.direct_or_indirect is DirectOrIndirect.INDIRECT
            and i.type is InterestType.SHAREHOLDING
        ]
        basis = LinkBasis.DECLARED_INDIRECT
    if not chosen:
        return None
    share = total([Interval.from_share(i.share) for i in chosen])
    if share.hi > FULL:
        share = Interval(min(share.lo, FULL), FULL, share.lo_open and share.lo < FULL, False)
    unknown = any(i.share is None for i in chosen)
    return Link(edge.id, edge.interested_party, edge.subject, share, share, basis, unknown)


def _fast_shares(links: Sequence[Link], target: str) -> dict[str, Interval] | None:
    """Sum over paths of share products, by a topological pass; ``None`` if there is a cycle."""
    into: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        if link.owner != link.subject:
            into[link.subject].append(link)
    reach = _reach(into, target)
    pending = {node: 0 for node in reach}
    for node in reach:
        for link in into.get(node, ()):
            pending[link.owner] += 1
    shares: dict[str, Interval] = {target: Interval.exact(FULL)}
    queue = deque([target])
    done = 0
    while queue:
        node = queue.popleft()
        done += 1
        for link in into.get(node, ()):
            part = link.share.times(shares[node])
            previous = shares.get(link.owner)
            shares[link.owner] = part if previous is None else previous.plus(part)
            pending[link.owner] -= 1
            if pending[link.owner] == 0:
                queue.append(link.owner)
    return shares if done == len(reach) else None


def _reach(into: dict[str, list[Link]], target: str) -> set[str]:
    seen = {target}
    stack = [target]
    while stack:
        for link in into.get(stack.pop(), ()):
            if link.owner not in seen:
                seen.add(link.owner)
                stack.append(link.owner)
    return seen


def _linked(links: Sequence[Link], start: str, *, upward: bool) -> set[str]:
    """``start`` and every party its links lead to: down to the subjects it holds, or
    ``upward`` to the owners that hold it."""
    step: dict[str, list[str]] = defaultdict(list)
    for link in links:
        here, there = (link.subject, link.owner) if upward else (link.owner, link.subject)
        step[here].append(there)
    seen, queue = {start}, deque([start])
    while queue:
        for nxt in step[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
