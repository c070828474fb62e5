"""A company with no owners on a date because it did not exist then says so, rather than 'no
beneficial owner and no senior managing official identified' (a red flag it is not)."""

from __future__ import annotations

from pathlib import Path

from bo_graph.analysis import ubo_report
from bo_graph.model.graph import When
from bo_graph.store.embedded import EmbeddedStore
from tests.conftest import SAMPLES
from tests.helpers import import_files

NONE_FOUND = "no beneficial owner and no senior managing official identified"


def test_before_its_founding_and_after_its_dissolution(
    embedded: EmbeddedStore, tmp_path: Path
) -> None:
    import_files(embedded, [SAMPLES / "case-lakeshore.jsonl"], tmp_path / "q.jsonl")
    before = ubo_report(embedded, "ent-calder-bridge", when=When(as_of="2019-01-01"))
    assert not before.owners
    assert before.warnings == (
        "Calder Bridge Holdings Ltd was not founded yet on 2019-01-01 (founded 2019-12-30)",
    )
    after = ubo_report(embedded, "ent-greyfriars-holdings", when=When(as_of="2026-01-01"))
    assert "Greyfriars Holdings Ltd had been dissolved by 2026-01-01 (dissolved 2025-11-25)" in (
        after.warnings
    )
    assert NONE_FOUND not in after.warnings
