"""Exports of a case whose register text is hostile: control characters, spreadsheet formulas,
markup, very long and non-ASCII names."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import networkx as nx
import pytest

from bo_graph.export import CaseData, case_tables, csv_zip, gather_case, graphml_bytes
from bo_graph.export.csv_tables import COLUMNS
from bo_graph.store.base import GraphStore
from bo_graph.store.embedded import EmbeddedStore
from tests.helpers import import_files
from tests.ui.conftest import analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FORMULA = "=cmd|' /C calc'!A0"
BELL_NAME = "Ørsted 北京 Holding\x07 ApS"
LONG_NAME = ("Very Long Holdings " * 300).strip()
REGISTER = '=HYPERLINK("http://example.invalid") register'


def _statement(number: int, record: str, kind: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "statementId": f"00000000-0000-4000-8000-{number:012d}",
        "declarationSubject": "ent-subject",
        "statementDate": "2024-01-01",
        "recordId": record,
        "recordType": kind,
        "recordStatus": "new",
        "recordDetails": {"isComponent": False, **details},
        "publicationDetails": {
            "publicationDate": "2024-01-02",
            "bodsVersion": "0.4",
            "publisher": {"name": "test"},
        },
        "source": {"type": ["officialRegister"], "description": REGISTER},
    }


def _entity(number: int, record: str, name: str) -> dict[str, Any]:
    details = {"entityType": {"type": "registeredEntity"}, "name": name}
    return _statement(number, record, "entity", details)


def _holds(number: int, record: str, owner: str, held: str, share: float) -> dict[str, Any]:
    interest = {"type": "shareholding", "share": {"exact": share}, "details": "+SUM(1,2)"}
    details = {"subject": held, "interestedParty": owner, "interests": [interest]}
    return _statement(number, record, "relationship", details)


HOSTILE = [
    _entity(1, "ent-subject", "<script>alert(1)</script> Ltd"),
    _statement(
        2,
        "per-formula",
        "person",
        {"personType": "knownPerson", "names": [{"type": "legal", "fullName": FORMULA}]},
    ),
    _entity(3, "ent-long", LONG_NAME),
    _entity(4, "ent-bell", BELL_NAME),
    _holds(5, "rel-formula", "per-formula", "ent-subject", 40),
    _holds(6, "rel-long", "ent-long", "ent-subject", 60),
    _holds(7, "rel-bell", "ent-bell", "ent-long", 100),
    _entity(8, "ent-alone", "Lonely Co (no owner recorded)"),
    _entity(9, "ent-haunted", "Haunted Ltd"),
    _holds(10, "rel-ghost", "ent-ghost", "ent-haunted", 30),  # ent-ghost: no record anywhere
]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(s, ensure_ascii=False) for s in HOSTILE) + "\n")
    store = EmbeddedStore(folder / "graph.sqlite")
    report = import_files(store, [path], folder / "q.jsonl")
    assert report.accounting.quarantined == 0
    yield store
    store.close()


@pytest.fixture(scope="module")
def hostile(hostile_store: GraphStore) -> CaseData:
    return gather_case(hostile_store, analyse(hostile_store, "ent-subject"), now=NOW)


def _table(case: CaseData, name: str) -> list[dict[str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(case)))
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def test_graphml_of_a_name_with_a_control_character_is_well_formed(hostile: CaseData) -> None:
    """A bell character in a register name made the whole GraphML file unreadable; the name now
    reads as in the CSV tables."""
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(hostile)), force_multigraph=True)
    assert graph.nodes["ent-bell"]["name"] == "Ørsted 北京 Holding ApS"
    parties = {row["id"]: row["name"] for row in _table(hostile, "parties.csv")}
    for party in ("ent-bell", "ent-long", "ent-subject"):
        assert graph.nodes[party]["name"] == parties[party]
    assert graph.nodes["ent-long"]["name"] == LONG_NAME


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_inert(hostile: CaseData) -> None:
    """A register name or free text starting with '=', '+', '-' or '@' is opened as a formula by
    spreadsheets (CSV injection); each such cell now starts with a quote and reads as text."""
    parties = {row["id"]: row for row in _table(hostile, "parties.csv")}
    assert parties["per-formula"]["name"] == "'" + FORMULA
    assert parties["per-formula"]["register"] == "'" + REGISTER
    relationships = {row["id"]: row for row in _table(hostile, "relationships.csv")}
    assert relationships["rel-formula"]["interested_party"] == "'" + FORMULA
    owners = {row["id"]: row for row in _table(hostile, "owners.csv")}
    assert owners["per-formula"]["owner"] == "'" + FORMULA
    assert owners["per-formula"]["share_min"] == "40.0", "numbers stay numbers"
    cells = [
        v
        for name in ("owners.csv", "parties.csv", "relationships.csv", "sources.csv")
        for row in _table(hostile, name)
        for v in row.values()
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]


def test_a_subject_with_no_owner_exports_every_table_with_its_header(
    hostile_store: GraphStore,
) -> None:
    """owners.csv and relationships.csv of a company with no recorded owner were empty files
    (not even a header), which spreadsheets and scripts cannot tell from a broken export."""
    alone = gather_case(hostile_store, analyse(hostile_store, "ent-alone"), now=NOW)
    archive = zipfile.ZipFile(io.BytesIO(csv_zip(alone)))
    for name, columns in COLUMNS.items():
        lines = archive.read(f"{name}.csv").decode("utf-8-sig").splitlines()
        assert lines[0].split(",") == list(columns), name
    assert len(_table(alone, "owners.csv")) == len(_table(alone, "relationships.csv")) == 0
    [dark] = _table(alone, "dark_layers.csv")
    assert (dark["why"], dark["stops_at"]) == (
        "no recorded owner or controller",
        "Lonely Co (no owner recorded)",
    )


def test_the_table_headers_are_the_columns_of_the_rows(hostile: CaseData) -> None:
    for name, rows in case_tables(hostile).items():
        assert rows, name
        assert list(COLUMNS[name]) == list(rows[0]), name


def test_graphml_keeps_a_relationship_whose_owner_has_no_record(hostile_store: GraphStore) -> None:
    """A relationship naming a party whose record is not in the store (a GLEIF relationship to
    an LEI not imported) was left out of the GraphML while the report and relationships.csv
    listed it; the party is now a node of kind 'missing' with its owner status."""
    haunted = gather_case(hostile_store, analyse(hostile_store, "ent-haunted"), now=NOW)
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(haunted)), force_multigraph=True)
    keys = {k for _, _, k in graph.edges(keys=True)}
    assert keys == {row["id"] for row in _table(haunted, "relationships.csv")} == {"rel-ghost"}
    ghost = graph.nodes["ent-ghost"]
    assert (ghost["kind"], ghost["name"]) == ("missing", "ent-ghost")
    owners = {row["id"]: row for row in _table(haunted, "owners.csv")}
    assert ghost["beneficial_owner"] == owners["ent-ghost"]["status"]
    assert ghost["effective_share_min"] == float(owners["ent-ghost"]["share_min"])
