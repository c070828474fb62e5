"""The PSC loader on a synthetic snapshot: every line accounted for, re-import is idempotent."""

from __future__ import annotations

from pathlib import Path

from bo_graph.store.embedded import EmbeddedStore
from loaders import uk_psc
from tests.loaders.loader_helpers import import_twice, kinds
from tests.loaders.psc_synth import write


def test_synthetic_snapshot_loads_and_reimports(tmp_path: Path) -> None:
    path = write(tmp_path / "persons-with-significant-control-snapshot-2025-01-31.txt", 3000)
    items = kinds(uk_psc.read(path))
    assert items["Rejected"] == 0 and items["Warned"] == 1  # the totals line
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        first, _ = import_twice(store, [path], tmp_path)
        assert first.accounting.quarantined == 0
        assert first.accounting.loaded + first.accounting.duplicates == items["Statement"]
        assert first.dangling == []
    finally:
        store.close()
