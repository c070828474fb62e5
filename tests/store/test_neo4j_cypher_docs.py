"""The Cypher an FIU analyst copies from docs/neo4j.md runs on a real server and answers: every
example, on the sample case and the Shell records of three registers (joined into one node)."""

from __future__ import annotations

import re
from pathlib import Path

from neo4j import GraphDatabase

from bo_graph.settings import load_settings
from bo_graph.store import open_store
from tests.cli.test_cli_identity import SHELL_FTM, SHELL_LEI, SHELL_PSC
from tests.conftest import SAMPLES, _clear_neo4j
from tests.helpers import import_files

DOCS = Path(__file__).parents[2] / "docs" / "neo4j.md"
ADMINISTRATION = ("CREATE USER", "GRANT ")
"""Examples that change the server's users (Enterprise edition): not run here."""
MAY_BE_EMPTY = ("PendingEdge",)
"""Examples that list what is left to settle: nothing, in a consistent import."""


def examples() -> list[str]:
    blocks = re.findall(r"```cypher\n(.*?)```", DOCS.read_text(), flags=re.S)
    queries = [q.strip() for block in blocks for q in block.split(";") if q.strip()]
    return [q for q in queries if not q.startswith(ADMINISTRATION)]


def test_every_cypher_example_of_the_docs_runs_and_answers(neo4j_uri: str, tmp_path: Path) -> None:
    _clear_neo4j(neo4j_uri)
    store = open_store(load_settings(env={}, store=neo4j_uri))
    try:
        files = [*sorted(SAMPLES.glob("*.jsonl")), SHELL_LEI, SHELL_PSC, SHELL_FTM]
        import_files(store, files, tmp_path / "q.jsonl")
    finally:
        store.close()
    queries = examples()
    assert len(queries) >= 8
    with GraphDatabase.driver(neo4j_uri, auth=None) as driver:
        for query in queries:
            records, _, _ = driver.execute_query(query, database_="neo4j")
            if not any(word in query for word in MAY_BE_EMPTY):
                assert records, f"no answer from:\n{query}"
            if "XI-LEI:21380068P1DRHMJ8KU70" in query:
                assert [r["id"] for r in records] == ["GB-COH-4366849"]
