"""From a :class:`~bo_graph.model.graph.Subgraph` to the links the ownership engine computes on.

Each relationship edge in effect at ``when`` is read once and split by what its interests say:

* **ownership links** (shareholding; interests of unknown type when no shareholding is given)
  carry a share interval; a missing share is ``[0, 100]`` and flagged ``unknown_share``;
* **voting links** carry the weight used for majority control: the ``votingRights`` share when
  given, else the shareholding; a party whose votes in a subject come in a relationship of
  their own (a row per interest) has those votes, its shares are not also counted as votes;
* **role links** carry interests without arithmetic: the control interests of AMLR Art. 53
  (board appointment, contracts, articles ...), trust roles, nominee/nominator roles, officers.
  A role link confers no control when it is a service (control by other means whose label
  names one, not declared beneficial: an ICIJ intermediary, the law firm or agent that had the
  company registered; :mod:`bo_graph.model.service`), or a natural person's control interest
  its source says is not beneficial ownership or control; an entity's "not beneficial" says
  nothing (in BODS an entity's interest never is: a GLEIF accounting parent still controls).

BODS indirect relationships: a primary relationship (``directOrIndirect: indirect`` with
``componentRecords``) is never counted on top of its components. When at least one component
relationship is in the subgraph the components carry the arithmetic and the primary is kept as
declared evidence (:class:`DeclaredIndirect`) for the declared-vs-computed check. When none is
available the declared indirect interest becomes a direct-equivalent link from the party to the
subject, labelled :attr:`LinkBasis.DECLARED_INDIRECT`.

Nominee arrangements are looked through: a nominator of a ``nomination`` arrangement gets a
synthetic 100% link to it (``[0, 100]`` each when several nominators share it); a nominee's
holdings in the arrangement are dropped, because the nominee holds them for the nominator.

Direct shares into one subject are then tightened (M9): ``u_i <- min(u_i, 100 - sum_{k!=i} l_k)``.
When the lower bounds already exceed 100% the subject is reported inconsistent and left alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from bo_graph.analysis.components import ComponentResolver
from bo_graph.analysis.interval import FULL, TOLERANCE, Interval, near, total
from bo_graph.model.codes import (
    CONTROL_INTERESTS,
    DirectOrIndirect,
    InterestType,
)
from bo_graph.model.graph import CURRENT, Edge, Node, Subgraph, When
from bo_graph.model.records import Interest
from bo_graph.model.service import is_service_control

UNKNOWN_KIND = frozenset({None, InterestType.UNKNOWN_INTEREST, InterestType.UNPUBLISHED_INTEREST})
"""Interest types that may hide a shareholding: counted as ownership of unknown share."""

ROLE_CONTROL = CONTROL_INTERESTS - {InterestType.VOTING_RIGHTS}
"""Control interests that confer control whatever their share (AMLR Art. 53)."""


class LinkBasis(StrEnum):
    """Why a link carries a share."""

    SHAREHOLDING = "shareholding"
    VOTING_RIGHTS = "votingRights"
    UNKNOWN_INTEREST = "unknownInterest"
    DECLARED_INDIRECT = "declaredIndirect"
    NOMINATOR = "nominator"


@dataclass(frozen=True, slots=True)
class Link:
    """``owner`` holds ``share`` percent of ``subject`` through relationship ``edge_id``."""

    edge_id: str
    owner: str
    subject: str
    share: Interval
    """After tightening (M9); used for the arithmetic."""
    declared: Interval
    """As the register gives it (``[0, 100]`` when no share is given)."""
    basis: LinkBasis
    unknown_share: bool = False

    @property
    def is_direct(self) -> bool:
        """Counts towards the subject's 100% of direct holdings."""
        return self.basis is not LinkBasis.DECLARED_INDIRECT


@dataclass(frozen=True, slots=True)
class RoleLink:
    """``holder`` has interest ``role`` in ``subject`` (no share arithmetic)."""

    edge_id: str
    holder: str
    subject: str
    role: InterestType
    declared_indirect: bool = False
    confers_control: bool = True
    """``False`` for a service (an ICIJ intermediary) and for a natural person's control
    interest its source says is not beneficial ownership or control: shown on paths, never
    control."""


@dataclass(frozen=True, slots=True)
class DeclaredIndirect:
    """A declared indirect share of ``owner`` in ``subject`` (a BODS primary relationship)."""

    edge_id: str
    owner: str
    subject: str
    declared: Interval
    components: tuple[str, ...]
    """Edge ids of the component relationships found in the subgraph."""
    missing: tuple[str, ...]
    """Component record ids listed by the primary but not found."""
    linked: bool
    """The components found link the owner to the subject."""

    @property
    def used_as_link(self) -> bool:
        """No chain of components: the declaration is used as a direct-equivalent link."""
        return not self.linked


@dataclass(frozen=True, slots=True)
class InconsistentSubject:
    """The lower bounds of the direct holdings in ``subject`` add up to more than 100%."""

    subject: str
    measure: str
    """``shares`` or ``votes``."""
    total: Interval
    """The sum of the declared shares (its lower end is above 100%)."""
    edges: tuple[str, ...]


@dataclass(frozen=True)
class OwnershipNetwork:
    """Everything the engine computes on, read once from a subgraph at one point in time."""

    nodes: Mapping[str, Node]
    edges: Mapping[str, Edge]
    when: When
    ownership: tuple[Link, ...]
    voting: tuple[Link, ...]
    roles: tuple[RoleLink, ...]
    declared: tuple[DeclaredIndirect, ...]
    inconsistent: tuple[InconsistentSubject, ...]

    def name(self, node_id: str) -> str:
        node = self.nodes.get(node_id)
        return node.name if node is not None else node_id

    def is_person(self, node_id: str) -> bool:
        node = self.nodes.get(node_id)
        return node is not None and node.is_natural_person

    def statement_ids(self, edge_id: str) -> tuple[str, ...]:
        edge = self.edges.get(edge_id)
        if edge is None or edge.provenance is None:
            return ()
        return (edge.provenance.statement_id,)


@dataclass
class _Parts:
    """The links read from one edge, before tightening."""

    ownership: list[Link]
    voting: list[Link]
    roles: list[RoleLink]
    declared: list[DeclaredIndirect]


def build_network(subgraph: Subgraph, when: When = CURRENT) -> OwnershipNetwork:
    """Read every open edge of ``subgraph`` at ``when`` into links, then tighten the shares."""
    parts = _Parts([], [], [], [])
    resolver = ComponentResolver(subgraph)
    for edge in sorted(subgraph.edges.values(), key=lambda e: e.id):
        if not edge.closed:
            holder = subgraph.nodes.get(edge.interested_party)
            person = holder is not None and holder.is_natural_person
            _read_edge(edge, when, resolver, parts, person)
    parts.ownership.extend(_nominator_links(subgraph.nodes, parts))
    ownership, bad_shares = tighten(parts.ownership, "shares")
    voting, bad_votes = tighten(_votes_apart(parts) + _nominator_votes(ownership), "votes")
    bad_votes = _own_vote_problems(bad_votes, voting)
    return OwnershipNetwork(
        nodes=subgraph.nodes,
        edges=subgraph.edges,
        when=when,
        ownership=tuple(ownership),
        voting=tuple(voting),
        roles=tuple(parts.roles),
        declared=tuple(parts.declared),
        inconsistent=tuple(bad_shares + bad_votes),
    )


def _votes_apart(parts: _Parts) -> list[Link]:
    """The voting links, less a party's shares copied as votes where its votes in the subject
    come in a relationship of their own (a register with a row per interest)."""
    owned = {link.edge_id for link in parts.ownership}
    votes = [link for link in parts.voting if link.basis is LinkBasis.VOTING_RIGHTS]
    apart = {(v.owner, v.subject) for v in votes if v.edge_id not in owned}
    copied = (LinkBasis.SHAREHOLDING, LinkBasis.UNKNOWN_INTEREST)
    return [v for v in parts.voting if v.basis not in copied or (v.owner, v.subject) not in apart]


def _read_edge(
    edge: Edge, when: When, resolver: ComponentResolver, parts: _Parts, person: bool
) -> None:
    interests = edge.interests_in_effect(when)
    if not edge.interests:
        interests = (Interest(type=None),)  # a relationship that says nothing: unknown
    if not interests:
        return
    is_nominee = any(i.type is InterestType.NOMINEE for i in interests)
    direct = [i for i in interests if i.direct_or_indirect is not DirectOrIndirect.INDIRECT]
    indirect = [i for i in interests if i.direct_or_indirect is DirectOrIndirect.INDIRECT]
    parts.roles.extend(_roles(edge, interests, person))
    if is_nominee:
        return  # a nominee holds for the nominator: no share of its own
    owned = _share_link(edge, direct, LinkBasis.SHAREHOLDING)
    if owned is not None:
        parts.ownership.append(owned)
    votes = _vote_link(edge, direct, owned)
    if votes is not None:
        parts.voting.append(votes)
    _read_indirect(edge, indirect, resolver, parts)


def _read_indirect(
    edge: Edge, indirect: list[Interest], resolver: ComponentResolver, parts: _Parts
) -> None:
    declared = _share_link(edge, indirect, LinkBasis.DECLARED_INDIRECT)
    votes = _vote_link(edge, indirect, declared)
    if declared is None and votes is None:
        return
    components, missing, linked = resolver.resolve(edge)
    if declared is not None:
        parts.declared.append(
            DeclaredIndirect(
                edge.id,
                edge.interested_party,
                edge.subject,
                declared.declared,
                components,
                missing,
                linked,
            )
        )
    if linked:
        return  # the components carry the arithmetic; the primary is evidence only
    if declared is not None:
        parts.ownership.append(declared)
    if votes is not None:
        parts.voting.append(replace(votes, basis=LinkBasis.DECLARED_INDIRECT))


def _share_link(edge: Edge, interests: list[Interest], basis: LinkBasis) -> Link | None:
    """One link for the ownership interests of ``interests`` (summed), or ``None``."""
    shares = [i for i in interests if i.type is InterestType.SHAREHOLDING]
    if not shares:
        shares = [i for i in interests if i.type in UNKNOWN_KIND]
        if basis is LinkBasis.SHAREHOLDING:
            basis = LinkBasis.UNKNOWN_INTEREST
    if not shares:
        return None
    declared = total([Interval.from_share(i.share) for i in shares])
    unknown = any(i.share is None for i in shares)
    share = _capped(declared)
    return Link(edge.id, edge.interested_party, edge.subject, share, share, basis, unknown)


def _vote_link(edge: Edge, interests: list[Interest], owned: Link | None) -> Link | None:
    votes = [i for i in interests if i.type is InterestType.VOTING_RIGHTS]
    if not votes:
        return owned
    share = _capped(total([Interval.from_share(i.share) for i in votes]))
    unknown = any(i.share is None for i in votes)
    return Link(
        edge.id, edge.interested_party, edge.subject, share, share, LinkBasis.VOTING_RIGHTS, unknown
    )


def _roles(edge: Edge, interests: tuple[Interest, ...], person: bool) -> list[RoleLink]:
    """The role links of one edge, one per interest type (``person``: the holder is a natural
    person, whose control interest declared not beneficial confers no control; a service
    confers none whoever holds it)."""
    roles: dict[InterestType, tuple[bool, bool]] = {}
    for interest in interests:
        kind = interest.type
        if kind is None or kind in UNKNOWN_KIND or kind is InterestType.SHAREHOLDING:
            continue
        if kind is InterestType.VOTING_RIGHTS:
            continue
        indirect = interest.direct_or_indirect is DirectOrIndirect.INDIRECT
        # a nominator's interest declared not beneficial (BODS 0.4's nomination example) still
        # controls: the nominator is the one behind the nominee, not a service provider
        declined = (
            person
            and interest.beneficial_ownership_or_control is False
            and kind is not InterestType.NOMINATOR
        )
        confers = not (declined or is_service_control(interest))
        was_indirect, did_confer = roles.get(kind, (True, False))
        roles[kind] = (was_indirect and indirect, did_confer or confers)
    return [
        RoleLink(edge.id, edge.interested_party, edge.subject, kind, indirect, confers)
        for kind, (indirect, confers) in sorted(roles.items(), key=lambda item: item[0].value)
    ]


def _capped(share: Interval) -> Interval:
    """A sum of several interests on one edge can pass 100: cap it (the subject check flags it)."""
    if share.hi <= FULL:
        return share
    return Interval(min(share.lo, FULL), FULL, share.lo_open and share.lo < FULL, False)


def _nominator_links(nodes: Mapping[str, Node], parts: _Parts) -> list[Link]:
    """A nominator holds what its nomination arrangement holds: a synthetic 100% link."""
    nominators: dict[str, list[RoleLink]] = defaultdict(list)
    for role in parts.roles:
        node = nodes.get(role.subject)
        if role.role is InterestType.NOMINATOR and node is not None and node.is_nomination:
            nominators[role.subject].append(role)
    with_share = {(link.edge_id, link.basis) for link in parts.ownership}
    links: list[Link] = []
    for roles in nominators.values():
        share = Interval.exact(FULL) if len(roles) == 1 else Interval.unknown()
        for role in roles:
            if (role.edge_id, LinkBasis.SHAREHOLDING) in with_share:
                continue
            links.append(
                Link(
                    role.edge_id,
                    role.holder,
                    role.subject,
                    share,
                    share,
                    LinkBasis.NOMINATOR,
                    unknown_share=len(roles) > 1,
                )
            )
    return links


def _own_vote_problems(
    problems: list[InconsistentSubject], voting: list[Link]
) -> list[InconsistentSubject]:
    """Votes copied from shares repeat the share problem: keep those with votingRights."""
    with_votes = {link.edge_id for link in voting if link.basis is LinkBasis.VOTING_RIGHTS}
    return [p for p in problems if with_votes.intersection(p.edges)]


def _nominator_votes(ownership: list[Link]) -> list[Link]:
    return [link for link in ownership if link.basis is LinkBasis.NOMINATOR]


def tighten(links: list[Link], measure: str) -> tuple[list[Link], list[InconsistentSubject]]:
    """M9 tightening of the direct links into each subject; flags subjects above 100%."""
    by_subject: dict[str, list[Link]] = defaultdict(list)
    out: list[Link] = []
    for link in links:
        (by_subject[link.subject] if link.is_direct else out).append(link)
    bad: list[InconsistentSubject] = []
    for subject, group in sorted(by_subject.items()):
        lower = sum(g.share.lo for g in group)
        lower_open = any(g.share.lo_open for g in group)
        if lower > FULL + TOLERANCE or (near(lower, FULL) and lower_open):
            edges = tuple(g.edge_id for g in group)
            sums = total([g.share for g in group])
            bad.append(InconsistentSubject(subject, measure, sums, edges))
            out.extend(group)
            continue
        out.extend(_tightened(group))
    return out, bad


def _tightened(group: list[Link]) -> list[Link]:
    result: list[Link] = []
    for index, link in enumerate(group):
        others = [g for i, g in enumerate(group) if i != index]
        cap = FULL - sum(g.share.lo for g in others)
        cap_open = any(g.share.lo_open for g in others)
        share = link.share
        tighter = cap < share.hi - TOLERANCE or (
            near(cap, share.hi) and cap_open and not share.hi_open
        )
        if tighter:
            hi = max(cap, share.lo)
            share = Interval(share.lo, hi, share.lo_open, cap_open and hi > share.lo)
        result.append(replace(link, share=share))
    return result
