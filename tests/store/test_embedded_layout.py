"""The embedded store refuses a file written with another layout instead of misreading it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bo_graph.exc import StoreError
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.embedded.schema import SCHEMA_VERSION


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
