"""The scan's bulk read gives the same party facts as reading node by node, survives the trip
between processes unchanged, and leaves the garbage collector as it found it."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

from bo_graph.analysis.opacity import RULES, ScanSettings, configure, load_lists, scan_store
from bo_graph.analysis.opacity.facts import party_fact
from bo_graph.analysis.opacity.snapshot import build_snapshot
from bo_graph.model.graph import When
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS, load
from tests.analysis.opacity.test_backends import STATEMENTS


def _store(tmp_path: Path) -> EmbeddedStore:
    store = EmbeddedStore(tmp_path / "graph.sqlite")
    load(store, tmp_path, STATEMENTS)
    return store


def test_snapshot_facts_equal_the_per_node_facts(tmp_path: Path) -> None:
    store = _store(tmp_path)
    snapshot = build_snapshot(store, When())
    ids = list(snapshot.parties)
    one_by_one = {i: party_fact(node) for i, node in store.get_nodes(ids).items()}
    assert snapshot.parties == one_by_one
    store.close()


def test_snapshot_in_a_second_process_equals_one_process(tmp_path: Path) -> None:
    store = _store(tmp_path)
    path = tmp_path / "graph.sqlite"
    alone = build_snapshot(store, When())
    split = build_snapshot(store, When(), reopen=lambda: EmbeddedStore(path, readonly=True))
    assert split.parties == alone.parties
    assert split.subjects == alone.subjects
    store.close()


def test_party_facts_pickle_to_equal_facts(tmp_path: Path) -> None:
    store = _store(tmp_path)
    facts = list(build_snapshot(store, When()).parties.values())
    assert any(f.provenance is not None for f in facts)
    assert pickle.loads(pickle.dumps(facts)) == facts
    store.close()


def test_scan_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    store = _store(tmp_path)
    settings = ScanSettings(configure(RULES), load_lists(TEST_LISTS), When())
    frozen_before = gc.get_freeze_count()
    rows = list(scan_store(store, settings))
    assert rows and gc.isenabled()
    assert gc.get_freeze_count() == frozen_before
    store.close()
