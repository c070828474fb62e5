"""The names of a party's earlier versions in its search fields, on Neo4j
(:mod:`bo_graph.store.former_names`): at the end of an import, for the parties it wrote."""

from __future__ import annotations

from typing import LiteralString

from neo4j import ManagedTransaction

from bo_graph.store.former_names import version_names
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.fulltext import search_text
from bo_graph.store.neo4j_store.writer import lock_and_read_seq
from bo_graph.store.serial import with_names

WRITTEN_WITH_VERSIONS: LiteralString = """
MATCH (p:Party) WHERE p.seq > $since AND EXISTS { MATCH (:NodeVersion {node_id: p.id}) }
CALL (p) {
    MATCH (v:NodeVersion {node_id: p.id}) RETURN collect(v.details) AS payloads
}
RETURN p.id AS id, p.kind AS kind, coalesce(p.names_fold, '') AS names, payloads
"""
"""Parties written after ``$since`` that have versions, with each version's payload."""
SET_SEARCH_NAMES: LiteralString = """
UNWIND $rows AS row
MATCH (p:Party {id: row.id})
SET p.names_fold = row.names, p.search_text = row.text
"""


def add_former_names(connection: Connection, since: int) -> None:
    """Each party written after ``since`` that has earlier versions is found by their names."""
    connection.write(lambda tx: _add_former_names(tx, since))


def _add_former_names(tx: ManagedTransaction, since: int) -> None:
    lock_and_read_seq(tx)
    rows = []
    for record in tx.run(WRITTEN_WITH_VERSIONS, since=since):
        names = str(record["names"])
        searched = with_names(names, version_names(record["kind"], record["payloads"]))
        if searched != names:
            text = search_text(searched.split(" | "))
            rows.append({"id": record["id"], "names": searched, "text": text})
    if rows:
        tx.run(SET_SEARCH_NAMES, rows=rows).consume()
