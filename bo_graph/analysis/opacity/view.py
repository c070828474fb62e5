"""The subject's upward chain as the rules see it: parties, edges in effect, and layers.

A :class:`ChainView` is built by one bounded, breadth-first walk up from the subject, either from
a store subgraph (``flags``) or from a scan's in-memory index (``scan``); both give the same
view, so a rule answers the same in both. ``depth`` is each party's distance in relationships
from the subject; ``via`` is the edge through which the walk first reached a party, so
``path()`` gives a shortest chain down to the subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bo_graph.analysis.opacity.facts import PartyFact, effective_edge, effective_on, party_fact
from bo_graph.model.codes import MANAGEMENT_INTERESTS
from bo_graph.model.graph import Edge, Subgraph, When
from bo_graph.model.service import is_service_control

DEFAULT_MAX_DEPTH = 30
DEFAULT_MAX_NODES = 2000


@dataclass
class ChainView:
    subject: str
    when: When
    parties: dict[str, PartyFact] = field(default_factory=dict)
    into: dict[str, list[Edge]] = field(default_factory=dict)
    """Edges in effect whose subject is the key (its owners, controllers and officers)."""
    depth: dict[str, int] = field(default_factory=dict)
    via: dict[str, Edge] = field(default_factory=dict)
    truncated: dict[str, int] = field(default_factory=dict)
    officers: set[str] = field(default_factory=set)
    """Parties reached only as officers (board, senior managing official) or service providers
    (an intermediary) of a chain member: the walk does not go above them, and they are not part
    of the ownership chain."""
    _from: dict[str, list[Edge]] | None = None
    _tops: list[str] | None = None

    @property
    def edges(self) -> list[Edge]:
        return [e for edges in self.into.values() for e in edges]

    @property
    def upstream(self) -> list[str]:
        """Every party reached above the subject, nearest first (officers included)."""
        return [p for p in self.depth if p != self.subject]

    @property
    def chain(self) -> list[str]:
        """The subject and the parties of its ownership and control chain, nearest first."""
        return [p for p in self.depth if p not in self.officers]

    def edges_from(self, node_id: str) -> list[Edge]:
        """Edges of the view whose interested party is ``node_id``."""
        if self._from is None:
            self._from = {}
            for edge in self.edges:
                self._from.setdefault(edge.interested_party, []).append(edge)
        return self._from.get(node_id, [])

    def party(self, node_id: str) -> PartyFact | None:
        return self.parties.get(node_id)

    def name(self, node_id: str) -> str:
        fact = self.parties.get(node_id)
        return fact.name if fact is not None else node_id

    def owners_of(self, node_id: str) -> list[Edge]:
        return self.into.get(node_id, [])

    def path(self, node_id: str) -> list[Edge]:
        """A shortest chain of edges from ``node_id`` down to the subject (first edge first)."""
        out: list[Edge] = []
        current = node_id
        while current != self.subject and current in self.via:
            edge = self.via[current]
            out.append(edge)
            current = edge.subject
        return out

    def layers_on_path(self, node_id: str) -> list[str]:
        """The parties from the subject up to ``node_id``: ``[subject, …, node_id]``."""
        return [self.subject, *reversed([e.interested_party for e in self.path(node_id)])]

    def tops(self) -> list[str]:
        """Chain parties with no recorded owner or controller above them (where a chain ends):
        officers do not count as owners. A party that a relationship names but whose record is
        not in the store (:meth:`missing`) is one: the chain cannot be followed past it."""
        if self._tops is None:
            self._tops = [
                p
                for p in self.chain
                if p not in self.truncated and all(is_management(e) for e in self.into.get(p, ()))
            ]
        return self._tops

    def missing(self, node_id: str) -> bool:
        """Whether ``node_id`` was reached through a relationship that names it but its record
        is not in the store (not imported, or not stated at ``--known-at``)."""
        return node_id in self.depth and node_id not in self.parties


def is_management(edge: Edge) -> bool:
    """Only board or senior-management interests, or services (an ICIJ intermediary, the law
    firm that had the company registered: :func:`~bo_graph.model.service.is_service_control`):
    an officer or a service provider, not an owner or controller."""
    return bool(edge.interests) and all(
        i.type in MANAGEMENT_INTERESTS or is_service_control(i) for i in edge.interests
    )


def walk_up(
    subject: str,
    when: When,
    parties: Callable[[Iterable[str]], Mapping[str, PartyFact]],
    owners: Callable[[str], Sequence[Edge]],
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
    management: Callable[[Edge], bool] | None = None,
) -> ChainView:
    """Breadth-first from ``subject`` over ``owners`` (edges into a node), each node once;
    ``management`` says whether an edge is an officer's only (default :func:`is_management`)."""
    view = ChainView(subject, when)
    view.depth[subject] = 0
    frontier = [subject]
    level = 0
    while frontier:
        next_frontier: list[str] = []
        for node in frontier:
            edges = [e for e in owners(node) if not e.closed]  # sorted by id by the caller
            if level >= max_depth:
                if edges:
                    view.truncated[node] = len(edges)
                continue
            _expand(view, node, edges, level, max_nodes, next_frontier, management or is_management)
        level += 1
        frontier = next_frontier
    view.parties.update(parties(list(view.depth)))
    return view


def _expand(
    view: ChainView,
    node: str,
    edges: Sequence[Edge],
    level: int,
    max_nodes: int,
    out: list[str],
    management: Callable[[Edge], bool],
) -> None:
    kept: list[Edge] = []
    for edge in edges:
        holder = edge.interested_party
        officer = management(edge)
        if holder not in view.depth:
            if len(view.depth) >= max_nodes:
                view.truncated[node] = view.truncated.get(node, 0) + 1
                continue
            view.depth[holder] = level + 1
            view.via[holder] = edge
            if officer:
                view.officers.add(holder)
            else:
                out.append(holder)
        elif holder in view.officers and not officer:
            view.officers.discard(holder)
            view.depth[holder] = level + 1
            view.via[holder] = edge
            out.append(holder)
        kept.append(edge)
    if kept:
        view.into[node] = kept


def view_from_subgraph(subgraph: Subgraph, subject: str, when: When) -> ChainView:
    """The view of a subgraph expanded upwards from ``subject`` by the store."""
    into: dict[str, list[Edge]] = {}
    on = effective_on(when)
    for edge in sorted(subgraph.edges.values(), key=lambda e: e.id):
        into.setdefault(edge.subject, []).append(effective_edge(edge, on))
    facts = {nid: party_fact(node) for nid, node in subgraph.nodes.items()}
    view = walk_up(
        subject,
        when,
        lambda ids: {i: facts[i] for i in ids if i in facts},
        lambda node: into.get(node, ()),
        max_depth=10**6,
        max_nodes=10**9,
    )
    for node, count in subgraph.truncated.items():
        view.truncated[node] = view.truncated.get(node, 0) + count
    return view
