"""Both store backends give the same flags, and the scan can run in worker processes."""

from __future__ import annotations

from pathlib import Path

import orjson

from bo_graph.analysis.opacity import (
    RULES,
    ScanSettings,
    configure,
    load_lists,
    opacity_json,
    scan_store,
)
from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from tests.analysis.opacity.build import TEST_LISTS, ent, interest, load, owns, per, rel

S = "subject"
STATEMENTS = [
    ent(S, "Subject Ltd"),
    ent("t", "The Blue Settlement", kind="arrangement", subtype="trust"),
    ent("tc", "Trustee Co Ltd", jurisdiction="KY"),
    ent("n", "Nominee arrangement", kind="arrangement", subtype="nomination"),
    per("e", "Elena Vargas"),
    per("p", "Ann Smith"),
    owns("r1", "t", S, 70),
    rel("r2", "tc", "t", interest("trustee")),
    rel("r3", "p", "t", interest("settlor")),
    owns("r4", "n", S, 30),
    rel("r5", "e", "n", interest("nominee")),
    rel("r6", "p", "n", interest("nominator")),
]
EXPECTED = {
    ("OPQ-ARRANGEMENT", "t"),
    ("OPQ-CORPORATE-OFFICER", "r2"),
    ("OPQ-JUR-SECRECY", "tc"),
    ("OPQ-JUR-OWNERSHIP-SECRECY", "tc"),
    ("OPQ-NOMINEE", "n"),
    ("OPQ-NO-NATURAL-PERSON", "tc"),
    ("OPQ-CHAIN-DEPTH", S),
}


def test_both_backends_agree(store: GraphStore, tmp_path: Path) -> None:
    load(store, tmp_path, STATEMENTS)
    body = opacity_json(store, S, lists=load_lists(TEST_LISTS), params=["min_layers=2"])
    assert orjson.dumps(body)
    found = {(f["code"], f["target"]["id"]) for f in body["flags"]}
    assert found == EXPECTED


def test_scan_in_two_worker_processes_equals_one(tmp_path: Path) -> None:
    path = tmp_path / "graph.sqlite"
    store = EmbeddedStore(path)
    companies = [f"c{i}" for i in range(40)]
    holdings = [owns(f"o{c}", "t", c) for c in companies]
    load(store, tmp_path, STATEMENTS + [ent(c, f"Company {c}") for c in companies] + holdings)
    settings = ScanSettings(configure(RULES), load_lists(TEST_LISTS), When(), batch_size=7)
    one = list(scan_store(store, settings, workers=1))
    reopen = lambda: EmbeddedStore(path, readonly=True)  # noqa: E731
    two = list(scan_store(store, settings, workers=2, reopen=reopen))
    assert [r["subject"]["id"] for r in one] == [r["subject"]["id"] for r in two]
    assert orjson.dumps(one) == orjson.dumps(two)
    store.close()
