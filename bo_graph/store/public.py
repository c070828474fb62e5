"""The public tier: a store read without the personal data the public may not see.

A deployment for the public (``BO_GRAPH_TIER=public``) opens every store through
:class:`PublicTier` (:func:`bo_graph.store.open_store`). Each person comes back as a public
register shows it (:mod:`bo_graph.model.privacy`): its month and year of birth but not the day,
each address's country but not the address, no personal identifiers (passport or national
numbers), no tax residencies; each person statement the same way
(:func:`~bo_graph.model.privacy.redact_bods`). No person is found by one of its identifiers, so
a lookup cannot confirm whose passport number it is. Names, nationalities, political exposure,
entities and relationships stay.

A raw statement in another format than BODS (a PSC, FollowTheMoney, ICIJ, GLEIF or CSV
record) is withheld: such a record holds personal data in fields no general rule can tell apart
(a PSC line's date of birth and home address; a bank-account row's holder and birth date,
even behind the account entity it makes). A BODS person statement keeps only the members its
schema defines; BODS annotations (free text) are dropped. A date of birth in any other form
than ``YYYY[-MM[-DD]]`` is withheld whole. Free text that registers publish (a description of
an unknown person, an interest's details) stays as published: serve the public tier from public
registers, not from leaks or intelligence.

Everything above the store (the analysis and its flags, exports, the CLI, the UI) sees only
what the store gives it, so nothing there can leak what it never read; a flag that rests on
withheld data (an exact date of birth, a shared home address) is simply not raised. The tier
only reads: an upload could otherwise confirm a guess (a statement equal to a stored one is a
duplicate, a different one a conflict), and the public does not write to the register.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from bo_graph.exc import ConfigError
from bo_graph.model.graph import CURRENT, Edge, Node, NodeKind, When
from bo_graph.model.privacy import redact, redact_bods
from bo_graph.model.statement import Statement
from bo_graph.store.base import (
    BulkWriter,
    DanglingRef,
    Direction,
    FinishResult,
    GraphStore,
    Link,
    StoreCounts,
    StoredStatement,
    WriteResult,
    identifier_in,
)
from bo_graph.store.walk import Reach

NOTICE = (
    "Public tier: personal data withheld (persons' identifiers, tax residencies, day of birth "
    "and addresses; month and year of birth and country shown)."
)
"""What the CLI and the UI say wherever the public tier is in force."""
READ_ONLY = "the public tier (BO_GRAPH_TIER=public) only reads: import with BO_GRAPH_TIER=authority"
WITHHELD = (
    "the {source_format} source record is withheld in the public tier (its fields may hold "
    "personal data); the party's or relationship's details show what is public"
)


def public_node(node: Node) -> Node:
    """``node`` as the public may see it: a person without its sensitive fields."""
    if node.kind is not NodeKind.PERSON:
        return node
    return dataclasses.replace(node, details=redact(node.details))


def _public_nodes(nodes: Iterable[Node]) -> list[Node]:
    return [public_node(n) for n in nodes]


class PublicTier(GraphStore):
    """Another store's graph, with personal data withheld from every read."""

    withholds_personal_data = True

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner
        self.uri = inner.uri

    # -- writes: refused (an upload could confirm a guess: a duplicate is not a conflict) -----
    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        raise ConfigError(READ_ONLY)

    def open_bulk(self, batch_size: int) -> BulkWriter | None:
        raise ConfigError(READ_ONLY)

    def finish_import(self) -> FinishResult:
        raise ConfigError(READ_ONLY)

    # -- counts: unchanged ---------------------------------------------------------------------
    def counts(self, *, breakdown: bool = True) -> StoreCounts:
        return self.inner.counts(breakdown=breakdown)

    def dangling_references(self) -> list[DanglingRef]:
        return self.inner.dangling_references()

    def close(self) -> None:
        self.inner.close()

    # -- relationships hold no personal data --------------------------------------------------
    def get_edges(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Edge]:
        return self.inner.get_edges(ids, when)

    def edges_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Edge]:
        return self.inner.edges_of(ids, direction, when)

    def links_of(
        self, ids: Iterable[str], direction: Direction, when: When = CURRENT
    ) -> list[Link]:
        return self.inner.links_of(ids, direction, when)

    def iter_edges(self, when: When = CURRENT) -> Iterator[Edge]:
        return self.inner.iter_edges(when)

    # -- parties and statements: persons redacted ---------------------------------------------
    def get_nodes(self, ids: Iterable[str], when: When = CURRENT) -> dict[str, Node]:
        return {i: public_node(n) for i, n in self.inner.get_nodes(ids, when).items()}

    def reach(
        self,
        roots: Sequence[str],
        direction: Direction,
        *,
        max_depth: int = 30,
        max_nodes: int = 5000,
        when: When = CURRENT,
    ) -> Reach:
        found = self.inner.reach(
            roots, direction, max_depth=max_depth, max_nodes=max_nodes, when=when
        )
        nodes = {i: public_node(n) for i, n in found.nodes.items()}
        return Reach(nodes, found.edges)

    def find_by_identifier(self, scheme: str, value: str) -> list[Node]:
        """Entities only: a person's identifiers are personal data."""
        return [
            n for n in self.inner.find_by_identifier(scheme, value) if n.kind is not NodeKind.PERSON
        ]

    def find_by_record_id(self, record_id: str) -> list[Node]:
        return _public_nodes(self.inner.find_by_record_id(record_id))

    def find_by_name(self, name: str) -> list[Node]:
        return _public_nodes(self.inner.find_by_name(name))

    def search(
        self,
        text: str,
        limit: int = 20,
        *,
        kind: NodeKind | str | None = None,
        jurisdiction: str | None = None,
    ) -> list[Node]:
        """The inner search, less the persons it found by one of their identifiers (``SCHEME:ID``
        or ``SCHEME ID``, both of which it reads). A person's jurisdictions are its nationalities
        and countries of residence, which the public sees."""
        found = self.inner.search(text, limit, kind=kind, jurisdiction=jurisdiction)
        named = identifier_in(text)
        if named is not None:
            by_identifier = {n.id for n in self.inner.find_by_identifier(*named)}
            found = [n for n in found if n.kind is not NodeKind.PERSON or n.id not in by_identifier]
        return _public_nodes(found)

    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        return (public_node(n) for n in self.inner.iter_nodes(kind))

    def statements_for(self, uid: str) -> list[StoredStatement]:
        """BODS statements redacted; the source records of other formats withheld."""
        return [dataclasses.replace(s, raw=_public_raw(s)) for s in self.inner.statements_for(uid)]


def _public_raw(statement: StoredStatement) -> dict[str, Any]:
    source_format = statement.provenance.source_format
    if source_format.startswith("bods"):
        return redact_bods(statement.raw)
    return {"withheld": WITHHELD.format(source_format=source_format)}
