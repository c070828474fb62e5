"""A date property of an FtM entity that is not a date is not dropped without trace: the
record is loaded without it, with a warning naming the entity, the property and the value."""

from __future__ import annotations

import json
from pathlib import Path

from bo_graph.model.records import PersonDetails, RelationshipDetails
from bo_graph.store.embedded import EmbeddedStore
from loaders import ftm
from tests.helpers import import_files
from tests.loaders.loader_helpers import by_record, kinds, warned

ENTITIES = [
    {"id": "co-1", "schema": "Company", "properties": {"name": ["Zeta LLC"]}},
    {"id": "p-1", "schema": "Person", "properties": {"name": ["Olga"], "birthDate": "yesterday"}},
    {
        "id": "own-1",
        "schema": "Ownership",
        "properties": {
            "owner": ["p-1"],
            "asset": ["co-1"],
            "startDate": ["2024-13-45"],
            "endDate": ["2030/01/01"],
        },
    },
    {"id": "p-2", "schema": "Person", "properties": {"name": ["Ivan"], "birthDate": ["1970-05"]}},
]


def _write(tmp_path: Path) -> Path:
    path = tmp_path / "entities.ftm.json"
    path.write_text("\n".join(json.dumps(e) for e in ENTITIES) + "\n")
    return path


def test_invalid_dates_are_warned_and_the_records_loaded(tmp_path: Path) -> None:
    items = list(ftm.read(_write(tmp_path)))
    assert kinds(items) == {"Statement": 4, "Warned": 2}
    person, ownership = warned(items)
    assert (person.position, ownership.position) == (2, 3)
    assert person.warnings == (
        "entity 'p-1' (Person) birthDate: expected a date (YYYY, YYYY-MM or YYYY-MM-DD), "
        "found 'yesterday': left out, the record is loaded without it",
    )
    start, end = ownership.warnings
    assert start.startswith("entity 'own-1' (Ownership) startDate: expected a date")
    assert start.endswith("found '2024-13-45': left out, the record is loaded without it")
    assert end.endswith("found '2030/01/01': read as '2030'")
    records = by_record(items)
    olga = records["ftm:p-1"][0].details
    assert isinstance(olga, PersonDetails) and olga.birth_date is None
    edge = records["ftm:own-1"][0].details
    assert isinstance(edge, RelationshipDetails)
    assert (edge.interests[0].start_date, edge.interests[0].end_date) == (None, "2030")


def test_import_counts_balance_and_warnings_are_written(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, [_write(tmp_path)], tmp_path / "q.jsonl")
    finally:
        store.close()
    counts = report.accounting
    assert (counts.read, counts.loaded, counts.quarantined, counts.warned) == (4, 4, 0, 2)
    assert counts.balanced
    lines = (tmp_path / "q.warnings.jsonl").read_text().splitlines()
    written = [json.loads(line) for line in lines]
    assert [w["line"] for w in written] == [2, 3]
    assert "found 'yesterday'" in written[0]["warnings"][0]
