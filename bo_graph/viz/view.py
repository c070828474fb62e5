"""The view model of a subject's ownership and control structure: what the graph draws.

:func:`build_view` turns a :class:`~bo_graph.model.graph.Subgraph` (expanded upwards from the
subject), the UBO report and the opacity marks into a :class:`GraphView`: parties with their
drawn kind, level and labels; relationships with their kind and labels; and the counts of what
is not drawn. Busy nodes show their ``max_owners`` most relevant owners and one "+N more" node
for the rest, until the node is listed in ``expanded``; relationships the store did not load
(depth or size limit) get a "+N not loaded" node. Nothing is dropped without a count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.results import OwnerResult, UboReport
from bo_graph.model.graph import Edge, Subgraph, When
from bo_graph.viz import text
from bo_graph.viz.kinds import EdgeKind, PartyKind, edge_kind, nominee_parties, party_kind
from bo_graph.viz.layout import levels, wrap_rows
from bo_graph.viz.marks import Mark, by_target

DEFAULT_MAX_OWNERS = 10
DEFAULT_ROW_WIDTH = 24
"""Parties per row of the drawing; a wider level is drawn as several rows."""
MORE_PREFIX = "more:"
NOT_LOADED_PREFIX = "not-loaded:"


@dataclass(frozen=True, slots=True)
class ViewNode:
    id: str
    label: str
    tooltip: str
    kind: PartyKind | None
    """``None`` for a placeholder ("+N more", "+N not loaded")."""
    level: int
    is_subject: bool = False
    marks: tuple[Mark, ...] = ()
    status: Verdict | None = None
    placeholder_for: str | None = None
    """For a placeholder: the party whose owners it stands for."""
    hidden: int = 0
    """For a placeholder: how many owners or relationships it stands for."""
    not_loaded: bool = False


@dataclass(frozen=True, slots=True)
class ViewEdge:
    id: str
    source: str
    """The interested party (drawn above)."""
    target: str
    """The subject of the relationship (drawn below)."""
    label: str
    tooltip: str
    kind: EdgeKind
    indirect: bool = False
    marks: tuple[Mark, ...] = ()
    parallel_index: int = 0
    """0 for the first relationship between two parties, 1, 2 ... for the others."""


@dataclass(frozen=True)
class GraphView:
    subject: str
    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    collapsed: Mapping[str, int] = field(default_factory=dict)
    """Party -> owners not drawn at it (expandable)."""
    not_loaded: Mapping[str, int] = field(default_factory=dict)
    """Party -> relationships the store did not follow (``Subgraph.truncated``)."""
    total_parties: int = 0
    total_relationships: int = 0
    hidden_parties: frozenset[str] = frozenset()

    @property
    def shown_parties(self) -> int:
        return sum(1 for n in self.nodes if n.kind is not None)

    @property
    def shown_relationships(self) -> int:
        return sum(1 for e in self.edges if not e.id.startswith((MORE_PREFIX, NOT_LOADED_PREFIX)))

    def summary(self) -> str:
        """One sentence with every count: what is drawn, collapsed and not loaded."""
        out = (
            f"The graph shows {self.shown_parties} of {self.total_parties} parties and "
            f"{self.shown_relationships} of {self.total_relationships} relationships loaded."
        )
        if self.collapsed:
            owners = sum(self.collapsed.values())
            out += (
                f" {owners} owner links are collapsed at {len(self.collapsed)} busy "
                f"node(s) (+N more); {len(self.hidden_parties)} parties are hidden as a result."
            )
        if self.not_loaded:
            out += (
                f" {sum(self.not_loaded.values())} relationships of {len(self.not_loaded)} "
                "node(s) were not loaded (depth or size limit)."
            )
        return out


@dataclass
class _Build:
    subgraph: Subgraph
    when: When
    max_owners: int
    expanded: Collection[str]
    owners: Mapping[str, OwnerResult]
    marks: Mapping[str, tuple[Mark, ...]]
    priority_edges: set[str]
    visible: set[str] = field(default_factory=set)
    edges: list[Edge] = field(default_factory=list)
    collapsed: dict[str, int] = field(default_factory=dict)


def build_view(
    subgraph: Subgraph,
    subject: str,
    *,
    when: When,
    report: UboReport | None = None,
    marks: Sequence[Mark] = (),
    expanded: Collection[str] = (),
    max_owners: int = DEFAULT_MAX_OWNERS,
    row_width: int = DEFAULT_ROW_WIDTH,
) -> GraphView:
    """The drawn view of ``subgraph`` around ``subject`` (see the module docs)."""
    owners = {o.party.id: o for o in report.owners} if report is not None else {}
    build = _Build(
        subgraph,
        when,
        max(1, max_owners),
        expanded,
        owners,
        by_target(marks),
        _priority_edges(report),
    )
    _walk(build, subject)
    links = [(e.interested_party, e.subject) for e in build.edges]
    level = wrap_rows(levels(subject, links), links, max(1, row_width))
    nodes = _party_nodes(build, subject, level)
    nodes += _placeholders(build, level)
    edges = _edges(build) + _placeholder_edges(build)
    return GraphView(
        subject=subject,
        nodes=tuple(nodes),
        edges=tuple(edges),
        collapsed=dict(build.collapsed),
        not_loaded={k: v for k, v in subgraph.truncated.items() if k in build.visible},
        total_parties=len(subgraph.nodes),
        total_relationships=len(subgraph.edges),
        hidden_parties=frozenset(set(subgraph.nodes) - build.visible),
    )


def _priority_edges(report: UboReport | None) -> set[str]:
    """Relationships on a path of a (possible) beneficial owner: kept when a node collapses."""
    if report is None:
        return set()
    out: set[str] = set()
    for owner in report.owners:
        if owner.beneficial_owner is Verdict.NO:
            continue
        out.update(step.edge for chain in owner.paths for step in chain.steps)
        out.update(edge for ground in owner.grounds for edge in ground.edges)
    return out


def _walk(build: _Build, subject: str) -> None:
    """Breadth-first from the subject upwards, keeping at most ``max_owners`` per busy node."""
    into: dict[str, list[Edge]] = defaultdict(list)
    for edge in sorted(build.subgraph.edges.values(), key=lambda e: e.id):
        into[edge.subject].append(edge)
    build.visible.add(subject)
    frontier = [subject]
    while frontier:
        nxt: list[str] = []
        for held in frontier:
            for edge in _kept_edges(build, held, into.get(held, [])):
                owner = edge.interested_party
                if owner not in build.subgraph.nodes:
                    continue  # a dangling reference: the store reports those on import
                build.edges.append(edge)
                if owner not in build.visible:
                    build.visible.add(owner)
                    nxt.append(owner)
        frontier = nxt


def _kept_edges(build: _Build, held: str, edges: list[Edge]) -> list[Edge]:
    by_owner: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        by_owner[edge.interested_party].append(edge)
    if len(by_owner) <= build.max_owners or held in build.expanded:
        return edges
    ranked = sorted(by_owner, key=lambda owner: _rank(build, by_owner[owner], owner))
    kept = ranked[: build.max_owners]
    build.collapsed[held] = len(ranked) - len(kept)
    return [e for owner in kept for e in by_owner[owner]]


def _rank(build: _Build, edges: list[Edge], owner: str) -> tuple[int, float, str]:
    important = any(e.id in build.priority_edges or e.id in build.marks for e in edges)
    important = important or owner in build.marks
    shares = [i.share.upper for e in edges for i in e.interests_in_effect(build.when) if i.share]
    node = build.subgraph.nodes.get(owner)
    return (0 if important else 1, -max(shares, default=0.0), node.name if node else owner)


def _party_nodes(build: _Build, subject: str, level: Mapping[str, int]) -> list[ViewNode]:
    nominees = nominee_parties(build.edges, build.when)
    out = []
    for node_id in sorted(build.visible, key=lambda n: (level.get(n, 0), n)):
        node = build.subgraph.nodes[node_id]
        owner = build.owners.get(node_id)
        marks = build.marks.get(node_id, ())
        out.append(
            ViewNode(
                id=node_id,
                label=text.node_label(node, owner, marks),
                tooltip=text.node_tooltip(node, owner, marks),
                kind=party_kind(node, nominees),
                level=level.get(node_id, 0),
                is_subject=node_id == subject,
                marks=marks,
                status=owner.beneficial_owner if owner else None,
            )
        )
    return out


def _placeholders(build: _Build, level: Mapping[str, int]) -> list[ViewNode]:
    out = []
    for held, count in sorted(build.collapsed.items()):
        out.append(
            ViewNode(
                id=MORE_PREFIX + held,
                label=f"+{count} more owners",
                tooltip=f"{count} more owners of {_name(build, held)} are collapsed here.\n"
                "Expand them with 'Expand a collapsed node' below the graph.",
                kind=None,
                level=level.get(held, 0) + 1,
                placeholder_for=held,
                hidden=count,
            )
        )
    for held, count in sorted(build.subgraph.truncated.items()):
        if held not in build.visible:
            continue
        out.append(
            ViewNode(
                id=NOT_LOADED_PREFIX + held,
                label=f"+{count} not loaded",
                tooltip=f"{count} relationships of {_name(build, held)} were not loaded: the "
                "store's depth or size limit was reached. Raise 'Parties loaded at most'.",
                kind=None,
                level=level.get(held, 0) + 1,
                placeholder_for=held,
                hidden=count,
                not_loaded=True,
            )
        )
    return out


def _name(build: _Build, node_id: str) -> str:
    node = build.subgraph.nodes.get(node_id)
    return text.clean(node.name) if node else node_id


def _edges(build: _Build) -> list[ViewEdge]:
    names = {n: _name(build, n) for n in build.visible}
    seen_pairs: dict[tuple[str, str], int] = defaultdict(int)
    out = []
    for edge in build.edges:
        pair = (edge.interested_party, edge.subject)
        interests = edge.interests_in_effect(build.when)
        marks = build.marks.get(edge.id, ())
        out.append(
            ViewEdge(
                id=edge.id,
                source=edge.interested_party,
                target=edge.subject,
                label=text.edge_label(edge, build.when),
                tooltip=text.edge_tooltip(edge, names, build.when, marks),
                kind=edge_kind(i.type for i in interests),
                indirect=bool(interests)
                and all(i.direct_or_indirect.value == "indirect" for i in interests),
                marks=marks,
                parallel_index=seen_pairs[pair],
            )
        )
        seen_pairs[pair] += 1
    return out


def _placeholder_edges(build: _Build) -> list[ViewEdge]:
    out = []
    for prefix, table in (
        (MORE_PREFIX, build.collapsed),
        (NOT_LOADED_PREFIX, build.subgraph.truncated),
    ):
        for held in sorted(table):
            if held not in build.visible:
                continue
            out.append(
                ViewEdge(
                    id=prefix + held,
                    source=prefix + held,
                    target=held,
                    label="",
                    tooltip="",
                    kind=EdgeKind.UNKNOWN,
                )
            )
    return out
