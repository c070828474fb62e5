"""A first import into an empty store builds its secondary indexes once, at the end; whatever
way the import ends, the store is left with every index, and later imports keep them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import pytest

import loaders
from bo_graph.ingest.pipeline import run_import
from bo_graph.model.statement import Statement
from bo_graph.store.base import WriteResult
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.embedded.schema import DEFERRABLE_INDEXES, INDEXES_DEFERRED, defer_indexes
from tests.factory import entity, owns, person
from tests.helpers import import_files

SECONDARY = {name for name, _ in DEFERRABLE_INDEXES}


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'").fetchall()
    return {name for (name,) in rows}


def _register(path: Path, companies: int) -> Path:
    lines = []
    for i in range(companies):
        lines.append(entity(f"c{i}", f"Company {i}", number=f"{i:08d}"))
        lines.append(person(f"p{i}", f"Person {i}"))
        lines.append(owns(f"r{i}", f"p{i}", f"c{i}", {"exact": 60}))
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    return path


class IndexWatchingStore(EmbeddedStore):
    """Records which secondary indexes exist while each batch is written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.seen: list[set[str]] = []

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        result = super().write_batch(statements)
        rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        self.seen.append({name for (name,) in rows} & SECONDARY)
        return result


def test_a_first_import_writes_without_secondary_indexes_and_ends_with_all(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.sqlite"
    store = IndexWatchingStore(path)
    report = import_files(store, [_register(tmp_path / "r.jsonl", 20)], tmp_path / "q.jsonl")
    assert report.accounting.loaded == 60
    assert store.seen and all(not seen for seen in store.seen)
    store.close()
    assert _indexes(path) >= SECONDARY
    with sqlite3.connect(path) as conn:
        assert (
            conn.execute("SELECT 1 FROM meta WHERE key = ?", (INDEXES_DEFERRED,)).fetchone() is None
        )
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM edges WHERE subject = 'c1'"
        ).fetchall()
    assert "edges_subject" in str(plan)


def test_answers_after_a_first_import_match_an_import_into_a_used_store(tmp_path: Path) -> None:
    data = _register(tmp_path / "r.jsonl", 30)
    fresh = EmbeddedStore(tmp_path / "fresh.sqlite")
    import_files(fresh, [data], tmp_path / "q1.jsonl")
    used = EmbeddedStore(tmp_path / "used.sqlite")
    import_files(used, [_register(tmp_path / "other.jsonl", 1)], tmp_path / "q2.jsonl")
    import_files(used, [data], tmp_path / "q3.jsonl")
    for subject in ("c0", "c17", "c29"):
        assert [e.interested_party for e in fresh.owners_of(subject)] == [
            e.interested_party for e in used.owners_of(subject)
        ]
    assert [n.id for n in fresh.search("Company 17")] == [n.id for n in used.search("Company 17")]
    fresh.close()
    used.close()


def test_a_later_import_keeps_the_indexes_while_it_writes(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    first = EmbeddedStore(path)
    import_files(first, [_register(tmp_path / "a.jsonl", 5)], tmp_path / "q1.jsonl")
    first.close()
    second = IndexWatchingStore(path)
    import_files(second, [_register(tmp_path / "b.jsonl", 8)], tmp_path / "q2.jsonl")
    second.close()
    assert second.seen and all(seen == SECONDARY for seen in second.seen)


class FailingStore(EmbeddedStore):
    """The disk fills up on the second batch."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.batches = 0

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        self.batches += 1
        if self.batches == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return super().write_batch(statements)


def test_a_first_import_that_fails_still_leaves_every_index(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    store = FailingStore(path)
    with pytest.raises(sqlite3.OperationalError):
        run_import(
            store,
            [_register(tmp_path / "r.jsonl", 10)],
            lambda p, progress: loaders.read(p, "auto"),
            quarantine_path=tmp_path / "q.jsonl",
            batch_size=6,
        )
    store.close()
    assert _indexes(path) >= SECONDARY
    reopened = EmbeddedStore(path, readonly=True)
    assert reopened.get_node("c0") is not None
    reopened.close()


def test_a_store_left_by_a_killed_first_import_gets_its_indexes_when_next_opened(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.sqlite"
    EmbeddedStore(path).close()
    with sqlite3.connect(path, isolation_level=None) as conn:  # what a killed import leaves
        conn.execute("BEGIN")
        defer_indexes(conn)
        conn.execute("COMMIT")
    assert not SECONDARY & _indexes(path)
    EmbeddedStore(path).close()
    assert _indexes(path) >= SECONDARY
