"""The baseline for the Neo4j import ratio: one transaction per statement, as a first script would
write it (a MERGE of the party or of the relationship, committed on its own)."""

from __future__ import annotations

import time
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
from neo4j import GraphDatabase

PARTY = "MERGE (p:NaiveParty {id: $id}) SET p.name = $name, p.raw = $raw"
HOLDS = (
    "MERGE (s:NaiveParty {id: $subject}) MERGE (o:NaiveParty {id: $party}) "
    "MERGE (o)-[h:NAIVE_HOLDS {id: $id}]->(s) SET h.raw = $raw"
)


def _params(statement: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    details = statement.get("recordDetails") or {}
    raw = orjson.dumps(statement).decode()
    if statement.get("recordType") == "relationship":
        party = details.get("interestedParty")
        return HOLDS, {
            "id": statement["recordId"],
            "subject": str(details.get("subject")),
            "party": party if isinstance(party, str) else f"unspecified:{statement['recordId']}",
            "raw": raw,
        }
    name = details.get("name") or "".join(
        n.get("fullName", "") for n in details.get("names", [])[:1]
    )
    return PARTY, {"id": statement["recordId"], "name": name, "raw": raw}


def naive_import(data: Path, uri: str, statements: int) -> dict[str, Any]:
    """Import the first ``statements`` statements one transaction each; statements per second."""
    with GraphDatabase.driver(uri, auth=None) as driver, data.open("rb") as handle:
        driver.execute_query("CREATE INDEX naive_party IF NOT EXISTS FOR (p:NaiveParty) ON (p.id)")
        started = time.perf_counter()
        count = 0
        with driver.session() as session:
            for line in islice(handle, statements):
                query, params = _params(orjson.loads(line))
                session.execute_write(lambda tx, q=query, p=params: tx.run(q, p).consume())
                count += 1
        seconds = time.perf_counter() - started
        with driver.session() as session:  # CALL IN TRANSACTIONS needs auto-commit
            cleanup = "MATCH (n:NaiveParty) CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
            session.run(cleanup).consume()
    return {
        "statements": count,
        "seconds": round(seconds, 2),
        "statements_per_second": round(count / seconds),
    }
