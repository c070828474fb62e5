"""The store contract: one write side, one read side, two sibling backends.

:class:`GraphStore` is implemented by the embedded store (:mod:`bo_graph.store.embedded`) and the
Neo4j store (:mod:`bo_graph.store.neo4j_store`); ``tests/store/test_contract.py`` runs the same
tests against both. Backends implement the abstract one-hop primitives; bounded, cycle-safe
expansion (the walk itself in :mod:`bo_graph.store.walk`) and reference resolution are written
once here, so both backends answer alike.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from bo_graph.exc import AmbiguousRef, NotFound
from bo_graph.model.graph import CURRENT, Edge, Node, NodeKind, Subgraph, When
from bo_graph.model.loading import Checked, Rejected
from bo_graph.model.records import Provenance, normalise_identifier
from bo_graph.model.statement import Statement
from bo_graph.store.identity import Merge
from bo_graph.store.walk import Direction as Direction
from bo_graph.store.walk import Reach, reach_hop_by_hop, walk_over


@dataclass(frozen=True)
class Conflict:
    """A statement the store refused: same statement id as a stored one, different content."""

    statement: Statement
    reason: str


@dataclass
class WriteResult:
    loaded: int = 0
    duplicates: int = 0
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(frozen=True)
class DanglingRef:
    """A relationship end that names a record the store does not hold."""

    edge_id: str
    role: str
    """``subject``, ``interestedParty`` or ``componentRecords``."""
    target: str
    provenance: Provenance | None


@dataclass
class FinishResult:
    """What the end of an import settled."""

    dangling: list[DanglingRef] = field(default_factory=list)
    """Relationship ends that still name no stored record."""
    joined: list[Merge] = field(default_factory=list)
    """Entity nodes joined because they share a register identifier (``store.identity``)."""
    loops: list[str] = field(default_factory=list)
    """Relationship records between records that were joined into one node: left out of the
    graph (a company holding itself), their statements kept."""


@dataclass(frozen=True)
class StoredStatement:
    """One statement as stored: its provenance and the original record."""

    provenance: Provenance
    record_uid: str
    raw: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Link:
    """A relationship as a path search explores it: its id and its two ends."""

    id: str
    subject: str
    interested_party: str

    @classmethod
    def of(cls, edge: Edge) -> Link:
        return cls(edge.id, edge.subject, edge.interested_party)


@dataclass
class StoreCounts:
    nodes_by_kind: dict[str, int] = field(default_factory=dict)
    edges_by_interest: dict[str, int] = field(default_factory=dict)
    statements: int = 0
    nodes: int = 0
    edges: int = 0
    sources: dict[str, int] = field(default_factory=dict)
    """Statements per source register or publisher."""


@dataclass
class BulkCount:
    loaded: int = 0
    duplicates: int = 0


@dataclass
class BulkResult:
    """What a bulk writer wrote: counts per file, and conflicts (a statement id already written
    with other content) to quarantine."""

    per_file: dict[str, BulkCount] = field(default_factory=dict)
    conflicts: list[tuple[str, Rejected]] = field(default_factory=list)
    """Each with the file whose counts it goes to."""
    profile: dict[str, float] = field(default_factory=dict)
    """Seconds per kind of work, for benchmarks."""


class BulkWriter(Protocol):
    """A backend's fast writer for a first import (see ``open_bulk``): checked records, and
    statements that replace none."""

    def add(self, item: Checked | Statement, file: str) -> None: ...

    def finish(self) -> BulkResult: ...

    def abandon(self) -> BulkResult | None:
        """The run failed or was interrupted: end the writer, keeping what the backend keeps of
        a failed run (its counts), or nothing (``None``)."""
        ...


class GraphStore(ABC):
    """A graph of parties and relationships with full statement history."""

    uri: str
    withholds_personal_data: bool = False
    """True for the public tier's view (:class:`bo_graph.store.public.PublicTier`): analyses
    that link natural persons across records refuse it."""

    # -- write side -------------------------------------------------------------------------
    @abstractmethod
    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        """Upsert statements in one transaction. Idempotent: a statement already stored with the
        same content is a duplicate; with different content it is a conflict."""

    def open_bulk(self, batch_size: int) -> BulkWriter | None:
        """A faster writer for the import about to start, if this backend has one for the store
        as it is; ``None`` (the default) means :meth:`write_batch` does the import."""
        return None

    @abstractmethod
    def finish_import(self) -> FinishResult:
        """Resolve references written in any order or in earlier runs, join the entities that
        share a register identifier (:mod:`bo_graph.store.identity`); return the joins made
        and the references still dangling. Safe to call any number of times."""

    # -- read side: primitives each backend implements --------------------------------------
    @abstractmethod
    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]: ...

    @abstractmethod
    def get_edges(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Edge]: ...

    @abstractmethod
    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]:
        """One hop: the edges in effect at ``when`` whose subject (UP) or interested party (DOWN)
        is one of ``ids``."""

    def links_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Link]:
        """:meth:`edges_of` reduced to ids and ends: the same edges in the same order. A backend
        may answer it without decoding each edge's interests (a path search through a
        formation agent's thousands of roles reads them all)."""
        return [Link.of(e) for e in self.edges_of(ids, direction, when)]

    @abstractmethod
    def find_by_identifier(self, scheme: str, value: str) -> list[Node]: ...

    @abstractmethod
    def find_by_record_id(self, record_id: str) -> list[Node]: ...

    @abstractmethod
    def find_by_name(self, name: str) -> list[Node]:
        """Nodes whose name equals ``name``, ignoring case and accents."""

    @abstractmethod
    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        kind: NodeKind | str | None = None,
        jurisdiction: str | None = None,
    ) -> list[Node]:
        """Fuzzy name or identifier search: tolerant of case, accents and word order. ``kind``
        (``person``, ``entity``, ``unspecified``) and ``jurisdiction`` (``VG``; ``US`` also
        finds ``US-DE``) narrow it in the store query, so ``limit`` counts matching parties
        only; the jurisdiction rule is :mod:`bo_graph.store.search_filter`'s. A value neither
        can take raises :class:`~bo_graph.exc.ConfigError`."""

    @abstractmethod
    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]: ...

    @abstractmethod
    def iter_edges(self, when: When = CURRENT) -> Iterator[Edge]: ...

    @abstractmethod
    def counts(self, *, breakdown: bool = True) -> StoreCounts:
        """Statements, nodes (by kind) and edges. ``breakdown`` adds edges per interest type and
        statements per source, which read every edge and statement; without it the totals
        come from indexes, in milliseconds at any size (a scan's progress, an emptiness
        check)."""

    @abstractmethod
    def statements_for(self, uid: str) -> list[StoredStatement]:
        """Every statement behind a node or edge, oldest first: the raw records."""

    @abstractmethod
    def dangling_references(self) -> list[DanglingRef]: ...

    @abstractmethod
    def close(self) -> None: ...

    # -- read side: written once for both backends ------------------------------------------
    def get_node(self, node_id: str, when: When = CURRENT) -> Node | None:
        return self.get_nodes([node_id], when).get(node_id)

    def owners_of(self, node_id: str, when: When = CURRENT) -> list[Edge]:
        return self.edges_of([node_id], Direction.UP, when)

    def holdings_of(self, node_id: str, when: When = CURRENT) -> list[Edge]:
        return self.edges_of([node_id], Direction.DOWN, when)

    def reach(
        self,
        roots: Sequence[str],
        direction: Direction,
        *,
        max_depth: int = 30,
        max_nodes: int = 5000,
        when: When = CURRENT,
    ) -> Reach:
        """Everything :meth:`expand` with the same arguments looks at: the nodes it reaches and,
        for each, its edges in ``direction`` in effect at ``when``. This default walks frontier
        by frontier (one ``edges_of`` and one ``get_nodes`` per level); a backend may fetch the
        same in fewer round trips, and may return more than the walk uses."""
        return reach_hop_by_hop(
            self, roots, direction, max_depth=max_depth, max_nodes=max_nodes, when=when
        )

    def expand(
        self,
        roots: Sequence[str],
        direction: Direction,
        *,
        max_depth: int = 30,
        max_nodes: int = 5000,
        when: When = CURRENT,
    ) -> Subgraph:
        """Breadth-first expansion over :meth:`reach`; each node expanded once, so cycles
        terminate. Nodes left unexpanded at a limit are listed in ``truncated`` with the number
        of edges not followed."""
        fetched = self.reach(roots, direction, max_depth=max_depth, max_nodes=max_nodes, when=when)
        return walk_over(fetched, roots, direction, max_depth=max_depth, max_nodes=max_nodes)

    def resolve_ref(self, ref: str) -> Node:
        """A node from a REF: internal id, ``SCHEME:ID`` identifier, source record id, or a
        unique exact name, in that order. Raises :class:`NotFound` or :class:`AmbiguousRef`."""
        node = self.get_node(ref)
        if node is not None:
            return node
        for candidates in self._ref_candidates(ref):
            unique = {n.id: n for n in candidates}
            if len(unique) == 1:
                return next(iter(unique.values()))
            if len(unique) > 1:
                raise AmbiguousRef(
                    ref, [f"{n.id}  {n.name} ({n.subkind})" for n in unique.values()]
                )
        named = self._named_only(ref)
        if named:
            raise NotFound(
                f"{ref!r}: {named} relationship(s) in effect today name this party, but its own "
                "record is not in the store ('not in the graph'): import the register file that "
                "holds it"
            )
        raise NotFound(f"{ref!r}: no node has this id, identifier, record id or exact name")

    def _named_only(self, ref: str) -> int:
        """How many relationships in effect name ``ref`` (or, for ``SCHEME:ID``, the record id
        ``SCHEME-ID`` the register loaders give) as a party whose record is not stored."""
        named = identifier_in(ref)
        ids = (
            [ref]
            if named is None
            else [ref, f"{named[0].upper()}-{normalise_identifier(named[1])}"]
        )
        return sum(len(self.links_of(ids, d)) for d in (Direction.UP, Direction.DOWN))

    def _ref_candidates(self, ref: str) -> Iterator[list[Node]]:
        named = identifier_in(ref)
        if named is not None:
            yield self.find_by_identifier(*named)
        yield self.find_by_record_id(ref)
        yield self.find_by_name(ref)


SCHEME_CODE = re.compile(r"[A-Za-z]{2}-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
"""An org-id scheme code (``GB-COH``, ``XI-LEI``, ``CY-DRCOR``): jurisdiction, dash, register."""


def identifier_in(text: str) -> tuple[str, str] | None:
    """The (scheme, id) a search text or REF names: ``SCHEME:ID``, or ``SCHEME ID`` as reports
    and particulars print it (``GB-COH 09471253``); ``None`` for anything else."""
    if ":" in text:
        scheme, _, value = text.partition(":")
        return scheme, value
    scheme, _, value = text.strip().partition(" ")
    return (scheme, value.strip()) if value.strip() and SCHEME_CODE.fullmatch(scheme) else None


def identifier_key(scheme: str, value: str) -> str:
    """The lookup key of an identifier: ``SCHEME:normalised id``."""
    return f"{scheme.strip().upper()}:{normalise_identifier(value)}"
