"""Shared fixtures.

- ``reference``: ../shared/reference_data (real published files). Missing folder: the test fails
  under CI=true (CI always has it) and is skipped elsewhere.
- ``store``: a fresh store of each backend the contract is run on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "reference_data"
SAMPLES = REPO / "sample_registers"


def need_reference() -> Path:
    if REFERENCE.is_dir():
        return REFERENCE
    message = f"{REFERENCE} is missing (the shared reference data sits beside the repo)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def reference() -> Path:
    return need_reference()


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One real local Neo4j for the whole test session. If it cannot start, the tests that
    need it fail (they never skip): CI must prove the real path."""
    from bo_graph.store.neo4j_server import start_server, stop_server

    home = tmp_path_factory.mktemp("neo4j-home")
    info = start_server(home, timeout=600)
    try:
        yield info.uri
    finally:
        stop_server(home)


def _clear_neo4j(uri: str) -> None:
    from neo4j import GraphDatabase

    with GraphDatabase.driver(uri, auth=None) as driver, driver.session() as session:
        # CALL { } IN TRANSACTIONS needs an auto-commit (implicit) transaction
        wipe = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        session.run(wipe).consume()


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """A fresh, empty store of each backend: the contract tests run on both."""
    if request.param == "embedded":
        graph: GraphStore = EmbeddedStore(tmp_path / "graph.sqlite")
    else:
        from bo_graph.settings import load_settings
        from bo_graph.store import open_store

        uri = request.getfixturevalue("neo4j_uri")
        _clear_neo4j(uri)
        graph = open_store(load_settings(env={}, store=uri))
    yield graph
    graph.close()


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    yield store
    store.close()
