"""Neo4j keeps a record's only version as its current state (no version node); a record that
gets a second version, in the same batch or a later import, has every version as a node. Dated
reads must answer exactly as the embedded store does either way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.graph import When
from bo_graph.settings import load_settings
from bo_graph.store import open_store
from bo_graph.store.base import Direction, GraphStore
from bo_graph.store.embedded import EmbeddedStore
from tests.conftest import _clear_neo4j
from tests.factory import entity, owns, person
from tests.helpers import import_files

pytestmark = pytest.mark.neo4j

HIDDEN = {"reason": "interestedPartyHasNotProvidedInformation", "description": "Withheld"}
BATCHES: list[list[dict[str, Any]]] = [
    [
        entity("A", "Alpha", date="2020-01-01"),
        entity("B", "Beta", date="2020-01-01"),
        person("P", "Pat", date="2020-01-01"),
        owns("pa", "P", "A", {"exact": 40}, start="2020-01-01", date="2020-01-05"),
        owns("pb", "P", "B", {"exact": 10}, date="2020-01-05"),
        owns("ha", HIDDEN, "A", date="2020-01-05"),
        owns("late", "Q", "B", {"exact": 5}, date="2020-01-06"),  # Q arrives later
    ],
    [
        entity("A", "Alpha Renamed", date="2022-01-01", status="updated"),
        owns("pa", "P", "A", {"exact": 70}, start="2022-01-01", date="2022-02-01",
             status="updated"),
        owns("ha", {**HIDDEN, "description": "Still withheld"}, "A", date="2022-02-01",
             status="updated"),
        owns("late", "Q", "B", {"exact": 6}, date="2021-01-01", status="updated"),
        person("Q", "Quinn", date="2021-01-01"),
        owns("pb", "P", "B", {"exact": 10}, end="2023-01-01", date="2023-01-02",
             status="closed"),
        owns("pb", "P", "B", {"exact": 12}, date="2019-01-01", status="updated"),  # older
    ],
]  # fmt: skip

# (a root not known yet at ``known_at`` is left out: there the two backends' ``reach`` already
# disagreed on its edges before version nodes became optional)
WHENS = [When(), When(known_at="2021-06-01"), When(as_of="2021-06-01"), When(known_at="2020-01-05"),
         When(as_of="2024-01-01"), When(known_at="2022-03-01")]  # fmt: skip


def _answers(store: GraphStore) -> list[Any]:
    out: list[Any] = []
    for when in WHENS:
        nodes = store.get_nodes(["A", "B", "P", "Q"], when)
        out.append(sorted((n.id, n.name, n.closed) for n in nodes.values()))
        for direction in (Direction.UP, Direction.DOWN):
            edges = store.edges_of(["A", "B", "P", "Q"], direction, when)
            out.append([(e.id, e.subject, e.interested_party, e.closed) for e in edges])
            reach = store.reach(["A", "B"] if direction is Direction.UP else ["P"], direction,
                                when=when)  # fmt: skip
            if when.is_current:  # at a date Neo4j's one-query walk reaches a documented superset
                out.append(sorted(reach.nodes))
            out.append({k: sorted(e.id for e in v) for k, v in sorted(reach.edges.items()) if v})
        got = store.get_edges(["pa", "pb", "ha", "late"], when)
        out.append(sorted((e.id, e.closed, json.dumps(e.interests_in_effect(when), default=str))
                          for e in got.values()))  # fmt: skip
    return out


def _load(store: GraphStore, tmp_path: Path, batches: list[list[dict[str, Any]]]) -> None:
    for n, records in enumerate(batches):
        path = tmp_path / f"{n}.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
        import_files(store, [path], tmp_path / "q.jsonl")


def _version_nodes(uri: str) -> dict[str, list[str]]:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        nodes = [r["id"] for r in session.run("MATCH (v:NodeVersion) RETURN v.node_id AS id")]
        edges = [r["id"] for r in session.run("MATCH (v:EdgeVersion) RETURN v.edge_id AS id")]
    return {"nodes": sorted(nodes), "edges": sorted(edges)}


@pytest.mark.parametrize("together", [False, True], ids=["two-imports", "one-import"])
def test_dated_reads_match_the_embedded_store(
    neo4j_uri: str, tmp_path: Path, together: bool
) -> None:
    batches = [BATCHES[0] + BATCHES[1]] if together else BATCHES
    embedded = EmbeddedStore(tmp_path / "graph.sqlite")
    _load(embedded, tmp_path, batches)
    _clear_neo4j(neo4j_uri)
    neo4j = open_store(load_settings(env={}, store=neo4j_uri))
    try:
        _load(neo4j, tmp_path, batches)
        assert _answers(neo4j) == _answers(embedded)
        versions = _version_nodes(neo4j_uri)
    finally:
        neo4j.close()
        embedded.close()
    hidden = "unspecified:ha/interestedParty"
    # B and P have one version each: kept as the Party alone; A and the unspecified owner two
    assert versions["nodes"] == sorted(["A", "A", hidden, hidden])
    assert versions["edges"] == sorted(["pa"] * 2 + ["pb"] * 3 + ["ha"] * 2 + ["late"] * 2)


def test_a_single_version_store_gets_no_version_nodes(neo4j_uri: str, tmp_path: Path) -> None:
    _clear_neo4j(neo4j_uri)
    neo4j = open_store(load_settings(env={}, store=neo4j_uri))
    try:
        _load(neo4j, tmp_path, [BATCHES[0]])
        assert _version_nodes(neo4j_uri) == {"nodes": [], "edges": []}
        owners = neo4j.owners_of("A", When(known_at="2020-02-01"))
        assert sorted(e.id for e in owners) == ["ha", "pa"]
    finally:
        neo4j.close()


OLD_FORM = "MATCH (s:Statement {statement_id: $id}) REMOVE s.record SET s.raw = $old"
WITH_RECORD = (
    "MATCH (s:Statement) WHERE s.record_uid IN $uids AND s.record IS NOT NULL RETURN count(*) AS n"
)


def test_statements_stored_before_schema_version_3_read_as_before(
    neo4j_uri: str, tmp_path: Path
) -> None:
    """Up to schema version 2 a statement kept its record and provenance in one ``raw``
    property; a store written then must give the same evidence."""
    from neo4j import GraphDatabase

    from bo_graph.store.serial import provenance_to

    _clear_neo4j(neo4j_uri)
    neo4j = open_store(load_settings(env={}, store=neo4j_uri))
    try:
        _load(neo4j, tmp_path, BATCHES)
        now = {uid: neo4j.statements_for(uid) for uid in ("A", "pa", "pb", "Q")}
        assert [s.provenance.position for s in now["pb"]] == [7, 5, 6], "by statement date"
        with GraphDatabase.driver(neo4j_uri, auth=None) as driver, driver.session() as session:
            for statements in now.values():
                for s in statements:
                    old = json.dumps({"p": provenance_to(s.provenance), "raw": s.raw})
                    session.run(OLD_FORM, id=s.provenance.statement_id, old=old).consume()
            left = session.run(WITH_RECORD, uids=list(now)).single()
            assert left is not None and left["n"] == 0
        assert {uid: neo4j.statements_for(uid) for uid in now} == now
    finally:
        neo4j.close()
