"""BODS 0.1-0.3 as real registers exported it (../shared/reference_data sections 3, 4a, 4b):
the Open Ownership Register's Danish CVR and GB PSC exports, and its register fixtures."""

from __future__ import annotations

from pathlib import Path

from bo_graph.model.records import Address, EntityDetails, PersonDetails
from bo_graph.store.embedded import EmbeddedStore
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
