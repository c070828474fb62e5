"""The embedded store refuses a file written with another layout instead of misreading it, and
keeps using a file of its own layout whatever page size it was created with."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

import loaders
from bo_graph.analysis import ubo_report
from bo_graph.exc import StoreError
from bo_graph.ingest.pipeline import run_import
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.embedded.schema import PAGE_SIZE, SCHEMA_VERSION
from tests.factory import entity, owns, person, write_jsonl


def test_a_store_of_another_layout_version_is_refused_with_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    EmbeddedStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError) as raised:
        EmbeddedStore(path)
    message = str(raised.value)
    assert str(path) in message
    assert f"expected store layout version {SCHEMA_VERSION}, found 0" in message


def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are not the droids" * 100)
    with pytest.raises(StoreError, match="expected a bo-graph embedded store"):
        EmbeddedStore(path, readonly=True)


def _import(store: EmbeddedStore, records: list[dict[str, Any]], path: Path) -> None:
    read = lambda file, progress: loaders.read(file, "auto", progress=progress)  # noqa: E731
    report = run_import(
        store, [write_jsonl(path, records)], read, quarantine_path=path.with_suffix(".q")
    )
    assert report.accounting.loaded == len(records)


def test_a_new_store_has_large_pages_and_one_made_with_small_pages_is_used_as_it_is(
    tmp_path: Path,
) -> None:
    """Stores are created with 16 KiB pages; a store file created before (4 KiB pages, SQLite's
    default) keeps its pages and is read and written as before."""
    new = EmbeddedStore(tmp_path / "new.sqlite")
    assert new.conn.execute("PRAGMA page_size").fetchone() == (PAGE_SIZE,)
    new.close()

    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:  # the file as earlier versions created it
        conn.execute("PRAGMA page_size=4096")
        conn.execute("PRAGMA journal_mode=WAL")
    first = [entity("e1", "Acme Ltd", number="01"), person("p1", "Ann Smith")]
    store = EmbeddedStore(path)
    _import(store, [*first, owns("r1", "p1", "e1", {"exact": 60})], tmp_path / "a.jsonl")
    store.close()
    store = EmbeddedStore(path)
    _import(store, [person("p2", "Bob Jones"), owns("r2", "p2", "e1", {"exact": 40})],
            tmp_path / "b.jsonl")  # fmt: skip
    assert store.conn.execute("PRAGMA page_size").fetchone() == (4096,)
    owners = {owner.party.id: owner for owner in ubo_report(store, "e1").owners}
    assert sorted(owners) == ["p1", "p2"]
    store.close()
