"""Case exports of real registers, checked as the BODS 0.4 validator reads them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from bo_graph.export import bods_json, gather_case
from bo_graph.export.requests import requests_text
from bo_graph.model.loading import Rejected, Warned
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.public import PublicTier
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


def test_the_intermediary_is_asked_about_the_layer_that_is_missing(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """BARROW HILL LIMITED: the London law firm that had it registered is no layer of its
    ownership (no flag says the trail goes dark at the firm), but it holds the customer
    due-diligence records: the UK draft asks it about the layer that is missing, above the
    shareholder MOSSACK FONSECA & CO. (B.V.I.) LTD., and cites the 'registered' statement."""
    import_files(embedded, [reference / VIZ / "4b22977e.json"], tmp_path / "q.jsonl")
    text = requests_text(gather_case(embedded, analyse(embedded, "icij:76642"), now=NOW))
    uk = text[text.index("to the competent authority of UNITED KINGDOM (GB)") :]
    assert "above HOLMAN FENWICK WILLAN LLP" not in text
    assert (
        "- no recorded owner or controller, [0, 100]% of the subject, above MOSSACK FONSECA & CO. "
        "(B.V.I.) LTD.\n" in uk
    ), "the company's own name is not quoted as the party that is missing"
    assert (
        "- HOLMAN FENWICK WILLAN LLP, recorded for BARROW HILL LIMITED only as the intermediary "
        "that registered it (a service, not an owner): the customer due-diligence" in uk
    )
    assert "4b22977e.json, item 41 (statement icij-f7a82d9d9af8a26762ff768d7294493e614ecc41)" in uk
    assert "4b22977e.json, item 3 (statement icij-a1752b62af17f72bb90232181cc5353d2b7a0e68)" in uk


GLEIF_API = Path("gleif-api-gleif-rs") / "tests" / "data"
APPLE_ENERGY = "549300YX4S1LLSMK2627"


def test_a_company_joined_from_a_04_register_and_gleif_keeps_its_owner_on_reimport(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """APPLE ENERGY LLC from GLEIF (its record, its parent Apple Inc. and the relationship)
    joined by its LEI to an older BODS 0.4 register's record: the node's current record is
    GLEIF's, which the converted relationship names, but the export skipped it because the
    node had a 0.4 statement, so the relationship's subject was in no statement (a dangling
    reference on re-import) and Apple Inc. was no longer an owner."""
    register = tmp_path / "register.json"
    publication = {
        "publicationDate": "2020-01-02",
        "bodsVersion": "0.4",
        "publisher": {"name": "R"},
    }
    entity = {
        "isComponent": False,
        "entityType": {"type": "registeredEntity"},
        "name": "Apple Energy LLC",
        "identifiers": [{"scheme": "XI-LEI", "id": APPLE_ENERGY}],
    }
    register.write_text(json.dumps([{
        "statementId": "d" * 32, "declarationSubject": "de-apple-energy",
        "statementDate": "2020-01-01", "recordId": "de-apple-energy", "recordType": "entity",
        "recordStatus": "new", "recordDetails": entity, "publicationDetails": publication,
    }]))  # fmt: skip
    gleif = reference / GLEIF_API
    files = [
        register,
        gleif / "lei_records" / f"single_lei_record_{APPLE_ENERGY}.json",
        gleif / "lei_records" / f"direct-parent_{APPLE_ENERGY}.json",
        gleif / "relationships" / f"direct-parent-relationship_{APPLE_ENERGY}.json",
    ]
    import_files(embedded, files, tmp_path / "q.jsonl")
    first = analyse(embedded, "de-apple-energy")
    assert [o.party.name for o in first.report.owners] == ["Apple Inc."]
    exported = tmp_path / "case.json"
    exported.write_bytes(bods_json(gather_case(embedded, first, now=NOW)))
    records = {s["recordId"] for s in json.loads(exported.read_bytes())}
    assert f"XI-LEI-{APPLE_ENERGY}" in records and "de-apple-energy" in records
    again = EmbeddedStore(tmp_path / "again.sqlite")
    try:
        report = import_files(again, [exported], tmp_path / "q2.jsonl")
        assert report.accounting.quarantined == 0 and not report.dangling
        owners = analyse(again, "de-apple-energy").report.owners
        assert [(o.party.name, o.share) for o in owners] == [
            (o.party.name, o.share) for o in first.report.owners
        ]
    finally:
        again.close()


def test_a_case_known_at_a_day_exports_statements_of_that_day_and_reads_back(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """BARROW HILL LIMITED as the registers stood on 2020-01-01: its Panama Papers records
    carry no statement date, and the export dated each converted statement by the day of the
    export (2026-03-01), after the day the case was read on; the file read back answered
    'no statement about this record is dated on or before 2020-01-01' for the subject."""
    import_files(embedded, [reference / VIZ / "4b22977e.json"], tmp_path / "q.jsonl")
    known = analyse(embedded, "icij:76642", known_at=date(2020, 1, 1))
    exported = tmp_path / "case.json"
    exported.write_bytes(bods_json(gather_case(embedded, known, now=NOW)))
    statements = json.loads(exported.read_bytes())
    assert statements and max(s["statementDate"] for s in statements) <= "2020-01-01"
    assert any(
        a["description"].endswith("The source gives it no statement date.")
        for s in statements
        for a in s.get("annotations", [])
    )
    again = EmbeddedStore(tmp_path / "again.sqlite")
    try:
        import_files(again, [exported], tmp_path / "q2.jsonl")
        owners = analyse(again, "icij:76642", known_at=date(2020, 1, 1)).report.owners
        assert [(o.party.name, o.share) for o in owners] == [
            (o.party.name, o.share) for o in known.report.owners
        ]
    finally:
        again.close()


def test_a_public_export_has_no_empty_address_of_a_person(
    embedded: EmbeddedStore, tmp_path: Path, reference: Path
) -> None:
    """OpenSanctions' ZAKHAROV (FollowTheMoney) has two street addresses without a country and
    a country of residence: the public tier's BODS file gave him 'addresses': [{}, {}, {RU}],
    two empty objects that say only that addresses were withheld (a raw BODS person
    statement's redaction drops them)."""
    zala = reference / "ftm-opensanctions-yente/tests/fixtures/dataset/zala/entities.ftm.json"
    import_files(embedded, [zala], tmp_path / "q.jsonl")
    public = PublicTier(embedded)
    case = gather_case(public, analyse(public, "ftm:NK-abdzbEBkqyT29GyREbiURZ"), now=NOW)
    persons = {
        s["recordId"]: s["recordDetails"]
        for s in json.loads(bods_json(case))
        if s["recordType"] == "person"
    }
    zakharov = persons["ftm:NK-aU5ybkbRFJucf8YMwsJvDw"]
    assert zakharov["addresses"] == [{"country": {"name": "Russia", "code": "RU"}}]
    assert all(a for p in persons.values() for a in p.get("addresses", [])), persons
