"""GLEIF quarantine reasons name the field, what was expected and what was found; a record of
an XML file is placed at the line where it starts (and by its ordinal in the file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bo_graph.exc import SourceError
from bo_graph.store.embedded import EmbeddedStore
from loaders import gleif
from tests.helpers import import_files
from tests.loaders.loader_helpers import rejected, statements

LEI_XML = """<?xml version="1.0" encoding="UTF-8"?>
<lei:LEIData xmlns:lei="http://www.gleif.org/data/schema/leidata/2016">
<lei:LEIHeader><lei:ContentDate>2023-06-05T08:20:51Z</lei:ContentDate></lei:LEIHeader>
<lei:LEIRecords>
<lei:LEIRecord>
  <lei:LEI>001GPB6A9XPE8XJICC14</lei:LEI>
  <lei:Entity><lei:LegalName>Good Co</lei:LegalName>
  <lei:EntityCreationDate>2012-13-45T00:00:00Z</lei:EntityCreationDate></lei:Entity>
</lei:LEIRecord>
<lei:LEIRecord><lei:LEI>001GPB6A9XPE8XJICC15</lei:LEI>
  <lei:Entity><lei:LegalName>Other Co</lei:LegalName></lei:Entity>
  <lei:Registration><lei:LastUpdateDate>18/05/2023</lei:LastUpdateDate></lei:Registration>
</lei:LEIRecord>
<lei:LEIRecord><lei:LEI>001GPB6A9XPE8XJICC16</lei:LEI>
  <lei:Entity><lei:LegalName>Fine Co</lei:LegalName></lei:Entity></lei:LEIRecord>
</lei:LEIRecords></lei:LEIData>
"""


def test_xml_quarantine_names_the_field_and_the_line_of_the_record(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(LEI_XML)
    items = list(gleif.read(path))
    creation, update = rejected(items)
    assert (creation.position, update.position) == (5, 10)
    assert creation.reason == (
        "GLEIF record 1: Entity.EntityCreationDate: expected an ISO date, "
        "found '2012-13-45T00:00:00Z'"
    )
    assert update.reason == (
        "GLEIF record 2: Registration.LastUpdateDate: expected an ISO date, found '18/05/2023'"
    )
    (fine,) = statements(items)
    assert fine.provenance.position == 14
    assert fine.provenance.publication_date == "2023-06-05"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    try:
        report = import_files(store, [path], tmp_path / "q.jsonl")
    finally:
        store.close()
    assert (report.accounting.read, report.accounting.loaded, report.accounting.quarantined) == (
        3,
        1,
        2,
    )
    assert report.accounting.balanced
    lines = (tmp_path / "q.jsonl").read_text().splitlines()
    assert [json.loads(line)["line"] for line in lines] == [5, 10]


def test_records_on_one_line_are_told_apart_by_their_ordinal(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text("".join(line.strip() for line in LEI_XML.splitlines()))
    reasons = [(r.position, r.reason.split(":")[0]) for r in rejected(gleif.read(path))]
    assert reasons == [(1, "GLEIF record 1"), (1, "GLEIF record 2")]


def test_relationship_fields_are_named_with_their_path(tmp_path: Path) -> None:
    node = {"NodeID": "001GPB6A9XPE8XJICC14"}
    period = {"PeriodType": "RELATIONSHIP_PERIOD", "StartDate": "yesterday"}
    relationship = {"StartNode": node, "EndNode": {"NodeID": "5493001Z012YSB2A0K51"}}
    records = [
        {"Relationship": {**relationship, "RelationshipType": "OWNS"}},
        {"Relationship": {**relationship, "EndNode": {"NodeID": "X"}}},
        {
            "Relationship": {
                **relationship,
                "RelationshipType": "IS_DIRECTLY_CONSOLIDATED_BY",
                "RelationshipPeriods": {"RelationshipPeriod": [period]},
            }
        },
    ]
    path = tmp_path / "rr.json"
    path.write_text(json.dumps(records))
    owns, end, start = (r.reason for r in rejected(gleif.read(path)))
    assert owns.startswith("GLEIF: Relationship.RelationshipType: expected one of ")
    assert "IS_DIRECTLY_CONSOLIDATED_BY" in owns and owns.endswith("found unknown code 'OWNS'")
    assert end == "GLEIF: Relationship.EndNode.NodeID: expected a 20-character LEI, found 'X'"
    assert start == (
        "GLEIF: Relationship.RelationshipPeriods.RelationshipPeriod.StartDate: "
        "expected an ISO date, found 'yesterday'"
    )


def test_invalid_xml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "lei.xml"
    path.write_text(LEI_XML.replace("</lei:LEIRecord>\n<lei:LEIRecord><lei:LEI>", "<<", 1))
    with pytest.raises(
        SourceError,
        match=r"lei.xml: line 9: invalid XML: not well-formed \(invalid token\) \(column 2\)$",
    ):
        list(gleif.read(path))
