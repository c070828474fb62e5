"""BODS 0.1-0.3 as real registers exported it (../shared/reference_data sections 3, 4a, 4b):
the Open Ownership Register's Danish CVR and GB PSC exports, and its register fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bo_graph.model.bods04_out import details_to_bods
from bo_graph.model.records import Address, EntityDetails, PersonDetails
from bo_graph.store.embedded import EmbeddedStore
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.helpers import import_files

BODSDATA = REFERENCE / "bods-oo-register-bodsdata"
REAL = REFERENCE / "bods-visualisation-tool" / "prototype" / "src" / "fixtures" / "real.json"


def _addresses(store: EmbeddedStore, ref: str) -> tuple[Address, ...]:
    node = store.get_node(ref)
    assert node is not None, ref
    assert isinstance(node.details, PersonDetails | EntityDetails)
    return node.details.addresses


def test_an_address_country_code_of_a_legacy_export_is_kept(
    reference: Path, tmp_path: Path
) -> None:
    """0.1-0.3 give an address's country as a code string ("DK"); 0.4 as {name, code}."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(store, [BODSDATA / "test-bods-data-1.jsonl", REAL], tmp_path / "q.jsonl")
    assert report.accounting.balanced and report.accounting.quarantined == 0
    # Thomas Sandø Iversen, Danish CVR: "addresses": [{..., "country": "DK"}]
    (home,) = _addresses(store, "7922576959431956093")
    assert home.address == "Hareskovvej 31, 2, Brønshøj, 2700"
    assert home.country is not None
    assert (home.country.code, home.country.name) == ("DK", "Denmark")
    # AIMIA INC. (Canada), GB PSC via the Open Ownership Register: "country": "CA"
    (office,) = _addresses(store, "openownership-register-4464213138928640503")
    assert office.country is not None and office.country.code == "CA"
    assert office.country.name == "Canada"


def test_a_legacy_place_of_residence_becomes_a_residence_address(
    reference: Path, tmp_path: Path
) -> None:
    """0.1-0.3 persons carry ``placeOfResidence`` beside ``addresses``; 0.4 has no such field,
    so it is a residence address, not left behind."""
    path = REFERENCE / "oo-register-fixtures" / "spec" / "fixtures" / "files"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(store, [path / "bods_natural_person.json"], tmp_path / "q.jsonl")
    assert report.accounting.loaded == 1
    service, residence = _addresses(store, "019a93f1-e470-42e9-957b-03559861b2e2")
    assert service.type == "service" and service.postcode == "EX4 3PL"
    assert residence.type == "residence"
    assert residence.address == "Example House, Example Road, London, SW1A 1AA"
    assert residence.postcode == "SW1A 1AA"
    assert residence.country is not None and residence.country.code == "GB"


def test_a_founding_date_time_of_a_legacy_export_becomes_a_date(
    reference: Path, tmp_path: Path
) -> None:
    """0.4 wants a date; the Open Ownership Register's GLEIF export wrote a date-time."""
    store = EmbeddedStore(tmp_path / "g.sqlite")
    report = import_files(store, [BODSDATA / "bods-data-check-8.jsonl"], tmp_path / "q.jsonl")
    assert report.accounting.balanced
    # Fidelity Advisor Leveraged Company Stock Fund: "foundingDate": "2012-11-29T00:00:00.000Z"
    node = store.get_node("7239ce6e-d0c6-731a-30b5-b2157eb12419")
    assert node is not None and isinstance(node.details, EntityDetails)
    assert node.details.founding_date == "2012-11-29"


def _place_of_birth(store: EmbeddedStore, ref: str) -> Address | None:
    node = store.get_node(ref)
    assert node is not None and isinstance(node.details, PersonDetails), ref
    return node.details.place_of_birth


def test_a_legacy_place_of_birth_is_kept_apart_from_the_addresses(
    reference: Path, tmp_path: Path
) -> None:
    """0.1-0.3 give ``placeOfBirth`` with a country code, and allowed an address typed
    ``placeOfBirth`` among the addresses; 0.4 keeps it in ``placeOfBirth`` alone (an address of
    that type fails its schema), so it is read there and the BODS 0.4 export validates."""
    cove = REFERENCE / "lib-cove-bods" / "fixtures" / "0.1" / "basic_address_with_country_1.json"
    sources = REFERENCE / "bods-register-sources-bods" / "spec" / "fixtures"
    store = EmbeddedStore(tmp_path / "g.sqlite")
    files = [cove, sources / "person_statement.json"]
    report = import_files(store, files, tmp_path / "q.jsonl")
    assert report.accounting.quarantined == 0
    place = _place_of_birth(store, "019a93f1-e470-42e9-957b-03559861b2e2")
    assert place is not None and place.address == "Aston House, Cornwall Avenue, London"
    assert place.country is not None and place.country.code == "GB"
    # register-sources: placeOfBirth {"country": "FR"}, and the same address typed placeOfBirth
    # in "addresses", beside a placeOfResidence
    place = _place_of_birth(store, "ps1")
    assert place is not None and place.country is not None and place.country.code == "FR"
    assert [a.type for a in _addresses(store, "ps1")] == ["residence"]
    assert schema_errors(_as_bods04("ps1", store), "0.4") == []


def _as_bods04(ref: str, store: EmbeddedStore) -> dict[str, Any]:
    """The record as a BODS 0.4 export writes a record read from an older version."""
    node = store.get_node(ref)
    assert node is not None and isinstance(node.details, PersonDetails)
    return {
        "statementId": "0" * 32,
        "declarationSubject": ref,
        "statementDate": "2024-01-01",
        "recordId": ref,
        "recordType": "person",
        "recordStatus": "new",
        "recordDetails": details_to_bods(node.details),
        "publicationDetails": {
            "publicationDate": "2024-01-01",
            "bodsVersion": "0.4",
            "publisher": {"name": "test"},
        },
    }
