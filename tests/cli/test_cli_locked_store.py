"""A store another process holds locked: the command waits, then says the store is locked
(not that the file is no store), with exit code 1 and, with --json, a JSON error."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bo_graph.cli import main
from bo_graph.store.embedded import EmbeddedStore, schema


@pytest.fixture
def locked_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(str(path))
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta (key, value) VALUES ('held', '1')")
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 100)
    yield path
    holder.execute("ROLLBACK")
    holder.close()


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["bo-graph", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return int(stopped.value.code or 0)


def test_a_locked_store_is_named_as_locked(
    locked_store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_main(monkeypatch, "stats", "--store", str(locked_store), "--json")
    out, err = capsys.readouterr()
    assert code == 1
    message = " ".join(err.split())
    assert "found it locked" in message and "expected a bo-graph embedded store" not in message
    assert "Traceback" not in err
    assert json.loads(out)["error"]["type"] == "StoreError"
