"""Name and identifier search over the ``party_search`` full-text index.

The same three steps as the embedded store's ``search``: every word as a whole word or prefix,
in any order; then ``SCHEME:ID`` identifier matches; then, while fewer than ``limit`` were found,
misspellings: names sharing a word's first three letters (Lucene ranks them with fuzzy terms
such as ``alpah~1``), re-ranked by :func:`bo_graph.store.serial.rank_fuzzy` against the same
folded names as the embedded store, so both backends agree on what counts as similar.

A :class:`SearchFilter` (kind, jurisdiction) is a ``WHERE`` on each step's parties in the same
query (:mod:`bo_graph.store.neo4j_store.places`), before its ``LIMIT``: the full-text query then
goes without Lucene's own ``limit`` option, and stops at ``limit`` parties that match.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import LiteralString

from bo_graph.model.graph import Node
from bo_graph.store.base import identifier_in
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.fulltext import (
    FULLTEXT_INDEX,
    all_words_query,
    similar_words_query,
)
from bo_graph.store.neo4j_store.places import WANTED, filter_params
from bo_graph.store.search_filter import SearchFilter
from bo_graph.store.serial import rank_fuzzy, search_terms

FULLTEXT: LiteralString = (
    "CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node, score "
    "RETURN node.id AS id, node.names_fold AS names"
)
FULLTEXT_WANTED: LiteralString = (
    "CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score "
    "WHERE " + WANTED + " "
    "RETURN node.id AS id, node.names_fold AS names LIMIT $limit"
)
""":data:`FULLTEXT` narrowed: the procedure yields its hits best first, the ``WHERE`` keeps the
parties :data:`~bo_graph.store.neo4j_store.places.WANTED` admits, the ``LIMIT`` counts those."""
ADMITTED: LiteralString = (
    "UNWIND $ids AS id MATCH (node:Party {id: id}) WHERE " + WANTED + " RETURN node.id AS id"
)
"""Of the parties ``$ids``, those the filter admits."""
SIMILAR_CANDIDATES = 500
"""Candidates re-ranked per misspelt search (as many as the embedded store takes)."""

FindByIdentifier = Callable[[str, str], list[Node]]


def search_ids(
    connection: Connection,
    text: str,
    limit: int,
    find_by_identifier: FindByIdentifier,
    wanted: SearchFilter,
) -> list[str]:
    """Ids of the best matches for ``text`` that ``wanted`` admits, best first, at most
    ``limit``."""
    found: dict[str, None] = {}
    words = all_words_query(text)
    if words is not None:
        for record in _fulltext(connection, words, limit, wanted):
            found[record[0]] = None
    named = identifier_in(text)
    if named is not None:
        ids = [node.id for node in find_by_identifier(*named)]
        found.update(dict.fromkeys(_admitted(connection, ids, wanted)))
    folded = search_terms(text)  # as the embedded store ranks
    if len(found) < limit and len(folded) >= 3:
        for node_id in similar_ids(connection, folded, limit, wanted):
            found.setdefault(node_id, None)
    return list(found)[:limit]


def similar_ids(connection: Connection, folded: str, limit: int, wanted: SearchFilter) -> list[str]:
    """Parties whose folded names look like ``folded``, best first."""
    query = similar_words_query(folded)
    if query is None:
        return []
    candidates = _fulltext(connection, query, SIMILAR_CANDIDATES, wanted)
    return rank_fuzzy(folded, candidates, limit)


def _fulltext(
    connection: Connection, query: str, limit: int, wanted: SearchFilter
) -> list[tuple[str, str]]:
    if wanted.active:
        narrowed = filter_params(wanted)
        records = connection.read(
            FULLTEXT_WANTED, index=FULLTEXT_INDEX, query=query, limit=limit, **narrowed
        )
    else:
        records = connection.read(FULLTEXT, index=FULLTEXT_INDEX, query=query, limit=limit)
    return [(record["id"], record["names"] or "") for record in records]


def _admitted(connection: Connection, ids: list[str], wanted: SearchFilter) -> list[str]:
    """``ids`` less the parties ``wanted`` does not admit, in their order."""
    if not wanted.active or not ids:
        return ids
    admitted = {r["id"] for r in connection.read(ADMITTED, ids=ids, **filter_params(wanted))}
    return [i for i in ids if i in admitted]
