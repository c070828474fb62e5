"""Control (M5, EU AMLR Art. 53) and sanctions propagation (M5b, OFAC 50% rule).

Control is the least fixpoint of ``controls(x, y)`` iff the votes held in ``y`` by ``x`` and the
entities ``x`` already controls add up to more than 50%, or one of them holds a control interest
in ``y`` that confers control whatever its share (board appointment, contracts, articles, legal
framework, other influence; a nominator controls its nomination arrangement). Votes are the
``votingRights`` share when given, else the shareholding.

With share bands the fixpoint is computed twice: at the lower bounds (certain control: the sum's
lower end is above 50%, or exactly 50% with an open end) and at the upper bounds (possible
control: the sum's upper end is above 50%).

OFAC: ``blocked(y)`` iff the shares held in ``y`` by blocked parties add up to 50% or more,
seeded from the listed parties; a blocked entity's holdings count in full (not multiplied).
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bo_graph.analysis.interval import TOLERANCE, Interval, Verdict, near
from bo_graph.analysis.network import ROLE_CONTROL, Link, OwnershipNetwork, RoleLink
from bo_graph.model.codes import InterestType

MAJORITY = 50.0
CONFERS_CONTROL = ROLE_CONTROL | {InterestType.NOMINATOR}
"""Role interests that give control of their subject outright."""


@dataclass(frozen=True, slots=True)
class ControlStep:
    """Why one entity is controlled: a majority of votes, or a control interest."""

    subject: str
    via: str
    """``majority`` or the interest type that confers control."""
    edges: tuple[str, ...]
    votes: float | None = None
    """The controlling group's votes in ``subject``, percent (majority only): the sum of the
    lower bounds of its shares, or of the upper bounds for possible control."""
    votes_text: str = ""
    """``votes`` as a reader should take it: ``"60%"``, ``"more than 50%"`` (a sum of bands
    with open lower ends) or ``"up to 75%"`` (possible control)."""


ControlMap = dict[str, ControlStep]


class ControlGraph:
    """Votes and control interests indexed by holder, for many fixpoints over one network."""

    def __init__(self, voting: Iterable[Link], roles: Iterable[RoleLink]) -> None:
        self._votes: dict[str, list[Link]] = defaultdict(list)
        self._roles: dict[str, list[RoleLink]] = defaultdict(list)
        for link in voting:
            self._votes[link.owner].append(link)
        for role in roles:
            if role.role in CONFERS_CONTROL and role.confers_control:
                self._roles[role.holder].append(role)
        self._cache: dict[tuple[str, bool], ControlMap] = {}

    @classmethod
    def of(cls, network: OwnershipNetwork) -> ControlGraph:
        return cls(network.voting, network.roles)

    def controlled(self, controller: str, *, upper: bool) -> ControlMap:
        """Everything ``controller`` controls (certainly: ``upper=False``; possibly: ``True``)."""
        key = (controller, upper)
        if key not in self._cache:
            self._cache[key] = self._fixpoint(controller, upper)
        return self._cache[key]

    def verdict(self, controller: str, subject: str) -> Verdict:
        if subject in self.controlled(controller, upper=False):
            return Verdict.YES
        if subject in self.controlled(controller, upper=True):
            return Verdict.POSSIBLE
        return Verdict.NO

    def _fixpoint(self, controller: str, upper: bool) -> ControlMap:
        controlled: ControlMap = {}
        sums: dict[str, float] = defaultdict(float)
        opens: dict[str, bool] = defaultdict(bool)
        seen_edges: dict[str, list[str]] = defaultdict(list)
        queue = deque([controller])
        while queue:
            holder = queue.popleft()
            for link in self._votes.get(holder, ()):
                target = link.subject
                if target == controller or target in controlled:
                    continue
                value, is_open = _bound(link.share, upper)
                sums[target] += value
                opens[target] = opens[target] or is_open
                seen_edges[target].append(link.edge_id)
                if _is_majority(sums[target], opens[target], upper):
                    edges = tuple(seen_edges[target])
                    text = _votes_text(sums[target], opens[target], upper)
                    controlled[target] = ControlStep(target, "majority", edges, sums[target], text)
                    queue.append(target)
            for role in self._roles.get(holder, ()):
                target = role.subject
                if target != controller and target not in controlled:
                    controlled[target] = ControlStep(target, role.role.value, (role.edge_id,))
                    queue.append(target)
        return controlled


def _bound(share: Interval, upper: bool) -> tuple[float, bool]:
    return (share.hi, share.hi_open) if upper else (share.lo, share.lo_open)


def _votes_text(votes: float, is_open: bool, upper: bool) -> str:
    if upper:
        return f"up to {votes:g}%"
    return f"more than {votes:g}%" if is_open else f"{votes:g}%"


def _is_majority(votes: float, is_open: bool, upper: bool) -> bool:
    if upper:
        return votes > MAJORITY + TOLERANCE
    return votes > MAJORITY + TOLERANCE or (near(votes, MAJORITY) and is_open)


def control_chain(
    controlled: Mapping[str, ControlStep], subject: str, holders: Mapping[str, str]
) -> list[ControlStep]:
    """The steps that lead to control of ``subject``, from the top of the chain down.

    ``holders`` maps an edge id to its interested party."""
    chain: list[ControlStep] = []
    seen: set[str] = set()
    queue = deque([subject])
    while queue:
        node = queue.popleft()
        step = controlled.get(node)
        if step is None or node in seen:
            continue
        seen.add(node)
        chain.append(step)
        queue.extend(holders[e] for e in step.edges if e in holders)
    chain.reverse()
    return chain


@dataclass(frozen=True, slots=True)
class BlockedParty:
    """One party's status under the OFAC 50% rule."""

    id: str
    name: str
    listed: bool
    blocked: Verdict
    blocked_owners_share: Interval
    """Aggregate share held by certainly-blocked (min) and possibly-blocked (max) owners."""
    edges: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "listed": self.listed,
            "blocked": self.blocked.json_value,
            "blocked_owners_share": self.blocked_owners_share.to_json(),
            "edges": list(self.edges),
        }


def ofac_fifty_percent(network: OwnershipNetwork, listed: Iterable[str]) -> list[BlockedParty]:
    """Every party blocked (or possibly blocked, or exposed below 50%) by the listed parties."""
    seeds = frozenset(listed)
    links = network.ownership
    certain = _propagate(links, seeds, upper=False)
    possible = _propagate(links, seeds, upper=True)
    low = _aggregate(links, certain, upper=False)
    high = _aggregate(links, possible, upper=True)
    parties: list[BlockedParty] = []
    for party in sorted(set(high) | seeds):
        verdict = (
            Verdict.YES
            if party in certain
            else (Verdict.POSSIBLE if party in possible else Verdict.NO)
        )
        lo, lo_open, edges_lo = low.get(party, (0.0, False, ()))
        hi, hi_open, edges_hi = high.get(party, (0.0, False, ()))
        share = Interval(min(lo, hi), hi, lo_open, hi_open).clamped()
        edges = tuple(sorted(set(edges_lo) | set(edges_hi)))
        parties.append(
            BlockedParty(party, network.name(party), party in seeds, verdict, share, edges)
        )
    return parties


def _propagate(links: Sequence[Link], seeds: frozenset[str], *, upper: bool) -> set[str]:
    holdings: dict[str, list[Link]] = defaultdict(list)
    for link in links:
        holdings[link.owner].append(link)
    blocked = set(seeds)
    sums: dict[str, float] = defaultdict(float)
    opens: dict[str, bool] = defaultdict(bool)
    queue = deque(sorted(seeds))
    while queue:
        holder = queue.popleft()
        for link in holdings.get(holder, ()):
            target = link.subject
            if target in blocked:
                continue
            value, is_open = _bound(link.share, upper)
            sums[target] += value
            opens[target] = opens[target] or is_open
            if _reaches_half(sums[target], opens[target], upper):
                blocked.add(target)
                queue.append(target)
    return blocked


def _reaches_half(share: float, is_open: bool, upper: bool) -> bool:
    if share > MAJORITY + TOLERANCE:
        return True
    if not near(share, MAJORITY):
        return False
    return not (upper and is_open)


def _aggregate(
    links: Sequence[Link], blocked: set[str], *, upper: bool
) -> dict[str, tuple[float, bool, tuple[str, ...]]]:
    out: dict[str, tuple[float, bool, tuple[str, ...]]] = {}
    for link in links:
        if link.owner not in blocked:
            continue
        value, is_open = _bound(link.share, upper)
        before = out.get(link.subject, (0.0, False, ()))
        out[link.subject] = (before[0] + value, before[1] or is_open, (*before[2], link.edge_id))
    return out
