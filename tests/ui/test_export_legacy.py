"""A case read from BODS 0.2 exports as valid BODS 0.4 and imports back with the same owners."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bo_graph.export import bods_json, gather_case
from bo_graph.model.loading import Rejected
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.viz.subject import SubjectAnalysis
from tests.helpers import import_files, read_all
from tests.ui.conftest import analyse

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

LEGACY_CASE: list[dict[str, Any]] = [
    {
        "statementID": "1dc0e987-5c57-4a1c-b3ad-61353b66a9b7",
        "statementType": "entityStatement",
        "statementDate": "2017-11-18",
        "entityType": "registeredEntity",
        "name": "CHRINON LTD",
        "identifiers": [{"scheme": "GB-COH", "id": "07444723"}],
    },
    {
        "statementID": "019a93f1-e470-42e9-957b-03559861b2e2",
        "statementType": "personStatement",
        "statementDate": "2017-11-18",
        "personType": "knownPerson",
        "nationalities": [{"code": "GB"}],
        "names": [
            {"type": "individual", "fullName": "Christopher Taggart"},
            {"type": "alternative", "fullName": "Chris Taggart"},
        ],
    },
    {
        "statementID": "fbfd0547-d0c6-4a00-b559-5c5e91c34f5c",
        "statementType": "ownershipOrControlStatement",
        "statementDate": "2017-11-18",
        "subject": {"describedByEntityStatement": "1dc0e987-5c57-4a1c-b3ad-61353b66a9b7"},
        "interestedParty": {"describedByPersonStatement": "019a93f1-e470-42e9-957b-03559861b2e2"},
        "interests": [
            {"type": "shareholding", "beneficialOwnershipOrControl": True, "share": {"exact": 100}}
        ],
    },
]
"""BODS 0.2, as the standard's own example writes it: the 'individual' name type (0.4: 'legal')
and a nationality given by its code only (0.4 requires a name)."""


@dataclass
class RoundTrip:
    """A subject analysed, exported to BODS 0.4 and analysed again from the export alone."""

    first: SubjectAnalysis
    again: SubjectAnalysis
    exported: list[dict[str, Any]]

    def owners(self, analysis: SubjectAnalysis) -> list[tuple[str, Any, Any]]:
        return [(o.party.name, o.beneficial_owner, o.share) for o in analysis.report.owners]


def round_trip(source: Path, subject: str, tmp_path: Path) -> RoundTrip:
    """Import ``source``, export ``subject``'s case as BODS (valid 0.4: nothing rejected), import
    the export into a fresh store (nothing quarantined, no dangling reference), analyse both."""
    exported = tmp_path / "case.json"
    stores = [EmbeddedStore(tmp_path / "first.sqlite"), EmbeddedStore(tmp_path / "again.sqlite")]
    try:
        import_files(stores[0], [source], tmp_path / "q1.jsonl")
        first = analyse(stores[0], subject)
        exported.write_bytes(bods_json(gather_case(stores[0], first, now=NOW)))
        assert not [i for i in read_all(exported, validation="strict") if isinstance(i, Rejected)]
        report = import_files(stores[1], [exported], tmp_path / "q2.jsonl")
        assert report.accounting.quarantined == 0 and not report.dangling
        return RoundTrip(first, analyse(stores[1], subject), json.loads(exported.read_text()))
    finally:
        for store in stores:
            store.close()


def test_a_case_read_from_bods_02_exports_valid_04_with_the_same_owners(tmp_path: Path) -> None:
    """Persons read from BODS 0.1-0.3 (and from PSC, ICIJ, FtM and CSV registers, which use the
    same name type) were exported with codes 0.4 does not know: each was quarantined on re-import
    and its owner lost its verdict."""
    publication = {
        "publicationDate": "2018-02-13",
        "bodsVersion": "0.2",
        "publisher": {"name": "x"},
    }
    source = tmp_path / "legacy.json"
    source.write_text(json.dumps([{**s, "publicationDetails": publication} for s in LEGACY_CASE]))
    trip = round_trip(source, "CHRINON LTD", tmp_path)
    assert trip.owners(trip.again) == trip.owners(trip.first)
    assert trip.again.report.owners[0].party.name == "Christopher Taggart"


def test_the_standards_01_example_exports_valid_04_with_the_same_owner(
    reference: Path, tmp_path: Path
) -> None:
    """BODS 0.1's name types 'aka', 'alias' and 'nick' are 0.2's 'alternative': the 0.1
    example's 'Chris Taggart' (aka) was exported with the type, 0.4 refused the person on
    re-import and CHRINON LTD lost its beneficial owner (a dangling interested party)."""
    source = reference / "bods-data-standard/v0.1/examples/1-single-direct.json"
    trip = round_trip(source, "CHRINON LTD", tmp_path)
    names = [n for s in trip.exported for n in s["recordDetails"].get("names", [])]
    assert {"fullName": "Chris Taggart", "type": "alternative"} in names
    assert trip.owners(trip.again) == trip.owners(trip.first)
    assert trip.again.report.owners[0].party.name == "Christopher Taggart"


def test_an_open_ownership_register_export_exports_valid_04_with_the_same_owners(
    reference: Path, tmp_path: Path
) -> None:
    """The Open Ownership Register's 0.2 exports link each record as a relative '/entities/<id>'
    uri and type a person's address 'registered', which 0.4 refuses: the Slovak company
    LITOGRAF and its two partners were quarantined on re-import, leaving a case of dangling
    references and no owners. The relative uri is left out (the identifier's id holds it), the
    person's address is 'alternative' (not made a residence)."""
    source = reference / "bods-oo-register-bodsdata/bods-data-check-1.jsonl"
    trip = round_trip(source, "LITOGRAF s. r. o.", tmp_path)
    addresses = [
        a
        for s in trip.exported
        if s["recordType"] == "person"
        for a in s["recordDetails"]["addresses"]
    ]
    assert {a["type"] for a in addresses} == {"alternative"}
    assert trip.owners(trip.again) == trip.owners(trip.first)
    assert len(trip.owners(trip.again)) == 2
    assert [o.party.particulars for o in trip.again.report.owners] == [
        o.party.particulars for o in trip.first.report.owners
    ]
