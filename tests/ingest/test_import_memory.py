"""A long import keeps its memory bounded: the cycle collector's pause does not keep garbage."""

from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import loaders
from bo_graph.ingest.pipeline import run_import
from bo_graph.model.statement import Statement
from bo_graph.store.base import WriteResult
from bo_graph.store.embedded import EmbeddedStore
from tests.factory import entity
from tests.helpers import import_files


class _Garbage:
    """A reference cycle holding 50,000 objects, like the ones a database driver makes per
    batch of queries (records, summaries, buffers)."""

    def __init__(self) -> None:
        self.me = self
        self.held = [[n] for n in range(50_000)]


class CycleMakingStore(EmbeddedStore):
    """An embedded store that leaves one unreachable reference cycle behind per batch."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.left_behind: list[weakref.ref[_Garbage]] = []
        self.most_alive = 0
        """The most cycles alive at once, seen while the import runs."""

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        self.left_behind.append(weakref.ref(_Garbage()))
        alive = sum(1 for ref in self.left_behind if ref() is not None)
        self.most_alive = max(self.most_alive, alive)
        return super().write_batch(statements)


def _many_records(path: Path, count: int) -> Path:
    lines = (json.dumps(entity(f"c{i}", f"Company {i}", number=f"{i:08d}")) for i in range(count))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_cycles_made_while_importing_are_collected_as_the_import_goes(tmp_path: Path) -> None:
    store = CycleMakingStore(tmp_path / "store.sqlite")
    data = _many_records(tmp_path / "many.jsonl", 120)

    def read(path: Path, progress: Any) -> Any:
        return loaders.read(path, "auto")

    report = run_import(store, [data], read, quarantine_path=tmp_path / "q.jsonl", batch_size=5)
    assert report.accounting.loaded == 120
    assert len(store.left_behind) == 24
    # a few batches' garbage at most (collected once it adds up), not the whole run's
    assert store.most_alive <= 8


def test_the_import_leaves_the_cycle_collector_as_it_found_it(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store.sqlite")
    data = _many_records(tmp_path / "few.jsonl", 3)
    assert gc.isenabled()
    import_files(store, [data], tmp_path / "q.jsonl")
    assert gc.isenabled()
    gc.disable()
    try:
        import_files(store, [data], tmp_path / "q2.jsonl")
        assert not gc.isenabled()
    finally:
        gc.enable()
