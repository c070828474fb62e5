"""Case exports of real registers, checked as the BODS 0.4 validator reads them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from bo_graph.export import bods_json, gather_case
from bo_graph.model.loading import Rejected, Warned
from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files, read_all
from tests.ui.conftest import analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
VIZ = Path("icij-panama-papers-2016-linkurious") / "viz-data"


def test_the_bods_export_of_a_panama_papers_case_passes_the_04_checks(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """BARROW HILL LIMITED (BVI): its 'Sole signatory' relationship is dated 1999-11-29 and
    the parties are not dated, so the export (sorted by statement date) put the relationship
    first, before its subject and its interested party (lib-cove-bods
    `statement_serialisation`); and every converted statement's transformation annotation
    pointed at '/' (RFC 6901: the member named '' of the statement), not at the statement
    itself (''), which the validator reports as a pointer that does not resolve."""
    import_files(embedded, [reference / VIZ / "4b22977e.json"], tmp_path / "q.jsonl")
    path = tmp_path / "case.json"
    path.write_bytes(bods_json(gather_case(embedded, analyse(embedded, "icij:76642"), now=NOW)))
    statements = json.loads(path.read_bytes())
    seen: set[str] = set()
    for statement in statements:
        details = statement["recordDetails"]
        if statement["recordType"] == "relationship":
            parties = [details["subject"], details["interestedParty"]]
            named = {p for p in parties if isinstance(p, str)}  # an unspecified party is inline
            assert named <= seen, statement["recordId"]
        seen.add(statement["recordId"])
    items = read_all(path, validation="strict")
    assert not [i for i in items if isinstance(i, Rejected)]
    assert [w for i in items if isinstance(i, Warned) for w in i.warnings] == []
