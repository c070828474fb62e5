"""The Neo4j store when the server is not there, or goes away in the middle of an import.

Real servers, no mocks: the second test starts its own local Neo4j (not the session one) on a
temporary home and port, stops it while an import is running, starts it again on the same data
and port, and checks the re-run completes the import without storing anything twice.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import GraphDatabase

import loaders
from bo_graph.exc import BoGraphError, StoreError, StoreUnavailable
from bo_graph.ingest import ImportReport, run_import
from bo_graph.model.statement import Statement
from bo_graph.settings import load_settings
from bo_graph.store import open_store
from bo_graph.store.base import Direction, GraphStore
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.neo4j_server import free_port, start_server, stop_server
from tests.factory import entity, owns, person

pytestmark = [pytest.mark.neo4j, pytest.mark.timeout(900)]

START_TIMEOUT = 300.0
COMPANIES = 1500
STATEMENTS = 4 * COMPANIES
BATCH = 100
FAIL_WITHIN_SECONDS = 120.0


def test_a_server_that_is_down_raises_store_unavailable_naming_the_uri() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"  # nothing listens here
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(load_settings(env={}, store=uri))
    message = str(caught.value)
    assert caught.value.uri == uri and uri in message
    assert "bo-graph neo4j start" in message and "BO_GRAPH_STORE" in message
    assert time.monotonic() - started < 30, "a refused connection fails fast"


def test_a_read_only_store_reads_but_refuses_writes(neo4j_uri: str, tmp_path: Path) -> None:
    register = tmp_path / "one.jsonl"
    register.write_text(json.dumps(entity("RO", "Read Only Ltd")) + "\n")
    statements = [s for s in loaders.read(register, "auto") if isinstance(s, Statement)]
    store = open_store(load_settings(env={}, store=neo4j_uri), readonly=True)
    try:
        assert store.counts().statements >= 0 and store.get_node("RO") is None
        with pytest.raises(StoreError, match="read-only"):
            store.write_batch(statements)
        # The server enforces READ access mode too, not only bo-graph's own guard.
        with pytest.raises(StoreError, match="AccessMode"):
            store.connection.read("CREATE (:Probe)")  # type: ignore[attr-defined]
    finally:
        store.close()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Path]:
    """A home for a server of this test only; always stopped afterwards."""
    home = tmp_path / "neo4j-faults"
    yield home
    stop_server(home)


def generated_register(path: Path) -> Path:
    """Companies each owned by a person and by the next company (written before it exists)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(COMPANIES):
            records: list[dict[str, Any]] = [
                entity(f"C{i}", f"Company {i} Holdings Ltd", number=f"{i:08d}"),
                person(f"P{i}", f"Person {i} Example"),
                owns(f"po{i}", f"P{i}", f"C{i}", {"exact": 60}),
                owns(f"cc{i}", f"C{(i + 1) % COMPANIES}", f"C{i}", {"exact": 40}),
            ]
            out.writelines(json.dumps(r) + "\n" for r in records)
    return path


def import_register(store: GraphStore, path: Path, quarantine: Path) -> ImportReport:
    def read(file: Path, progress: object) -> Any:
        return loaders.read(file, "auto")

    return run_import(store, [path], read, quarantine_path=quarantine, batch_size=BATCH)


def stored_statements(uri: str) -> int:
    with GraphDatabase.driver(uri, auth=None) as driver:
        records, _, _ = driver.execute_query("MATCH (s:Statement) RETURN count(s) AS n")
        return int(records[0]["n"])


def import_in_background(store: GraphStore, path: Path, quarantine: Path,
                         outcome: dict[str, Any]) -> threading.Thread:  # fmt: skip
    def work() -> None:
        try:
            outcome["report"] = import_register(store, path, quarantine)
        except BoGraphError as error:
            outcome["error"] = error

    thread = threading.Thread(target=work, name="import", daemon=True)
    thread.start()
    return thread


def wait_for_first_batches(uri: str, thread: threading.Thread) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and thread.is_alive():
        stored = stored_statements(uri)
        if stored >= 3 * BATCH:
            return stored
        time.sleep(0.05)
    raise AssertionError("the import stored nothing (or finished) before the server was stopped")


def test_an_import_cut_off_by_a_stopped_server_fails_then_a_rerun_completes_it(
    own_server: Path, tmp_path: Path
) -> None:
    port = free_port()
    info = start_server(own_server, port=port, timeout=START_TIMEOUT)
    register = generated_register(tmp_path / "register.jsonl")
    store = open_store(load_settings(env={}, store=info.uri))

    outcome: dict[str, Any] = {}
    thread = import_in_background(store, register, tmp_path / "q1.jsonl", outcome)
    before_stop = wait_for_first_batches(info.uri, thread)
    stop_server(own_server)
    stopped_at = time.monotonic()
    thread.join(FAIL_WITHIN_SECONDS)
    assert not thread.is_alive(), f"the import hung for {FAIL_WITHIN_SECONDS:.0f} s after the stop"
    assert "report" not in outcome, f"the import finished before the stop ({before_stop} stored)"
    error = outcome["error"]
    assert isinstance(error, StoreUnavailable | StoreError), repr(error)
    assert info.uri in str(error)
    print(f"stopped after {before_stop} statements; failed {time.monotonic() - stopped_at:.1f} s "
          f"later with {type(error).__name__}: {error}")  # fmt: skip
    store.close()

    again = start_server(own_server, port=port, timeout=START_TIMEOUT)
    assert again.uri == info.uri
    store = open_store(load_settings(env={}, store=again.uri))
    try:
        report = import_register(store, register, tmp_path / "q2.jsonl")
        counts = store.counts()
        sample_owners = {f"C{i}": sorted(e.id for e in store.owners_of(f"C{i}")) for i in (0, 7)}
    finally:
        store.close()

    accounting = report.accounting
    assert accounting.balanced, accounting.line()
    assert (accounting.read, accounting.quarantined) == (STATEMENTS, 0)
    assert accounting.duplicates >= before_stop > 0 and accounting.loaded > 0
    assert report.dangling == []
    assert counts.statements == STATEMENTS, "nothing stored twice, nothing lost"

    reference = EmbeddedStore(tmp_path / "reference.sqlite")
    try:
        clean = import_register(reference, register, tmp_path / "q3.jsonl")
        assert clean.accounting.loaded == STATEMENTS
        assert counts == reference.counts()
        assert sample_owners == {
            c: sorted(e.id for e in reference.edges_of([c], Direction.UP)) for c in sample_owners
        }
    finally:
        reference.close()
