"""What an investigator sees of an FtM person (OpenSanctions and German party donations,
../shared/reference_data section 8): the countries the publisher associates with the person,
the country of birth, and how the public tier redacts them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.particulars import particulars, person_summary
from bo_graph.model.records import Address, Jurisdiction, PersonDetails
from bo_graph.store.embedded import EmbeddedStore
from bo_graph.store.public import PublicTier
from loaders import ftm
from tests.helpers import import_files
from tests.loaders.loader_helpers import FTM, by_record

ZALA = FTM / "zala" / "entities.ftm.json"
DONATIONS = FTM / "parteispenden" / "entities.ftm.json"
SVETLANA = "ftm:NK-DQ98GPMgdVH8DSZd8g9Xtc"  # country gb, ru; nationality ru; a London flat
ALEXANDER = "ftm:NK-aU5ybkbRFJucf8YMwsJvDw"  # birthCountry ru
DONOR = "ftm:f9c295f21b233ac878fbac4d271bb6fd13d7952a"  # Frau Lina Dachner: country de only
GB = Jurisdiction(name="United Kingdom", code="GB")
RU = Jurisdiction(name="Russia", code="RU")


@pytest.fixture
def store(reference: Path, tmp_path: Path) -> Any:
    store = EmbeddedStore(tmp_path / "g.sqlite")
    import_files(store, [ZALA, DONATIONS], tmp_path / "q.jsonl")
    yield store
    store.close()


def _rows(store: EmbeddedStore, ref: str) -> dict[str, str]:
    node = store.get_node(ref)
    assert node is not None
    return dict(particulars(node))


def test_a_persons_country_is_a_country_of_residence_not_a_nationality(
    store: EmbeddedStore,
) -> None:
    """FtM's ``country`` (the countries OpenSanctions associates with Svetlana Zakharova: she
    has a flat in London) is read as addresses of those countries; her nationality stays
    Russian, as FtM's ``nationality`` says."""
    rows = _rows(store, SVETLANA)
    assert rows["nationality"] == "Russia"
    assert rows["country of residence"] == "United Kingdom, Russia"
    assert _rows(store, DONOR)["country of residence"] == "Germany"
    node = store.get_node(SVETLANA)
    assert node is not None and "resident in United Kingdom, Russia" in person_summary(
        node.details  # type: ignore[arg-type]
    )
    assert [n.id for n in store.search("Zakharova", kind="person", jurisdiction="GB")] == [SVETLANA]


def test_the_country_is_in_the_bods_export(reference: Path) -> None:
    [statement] = by_record(ftm.read(ZALA))[SVETLANA]
    addresses = statement.bods_details["addresses"]
    assert {"country": {"name": "United Kingdom", "code": "GB"}} in addresses
    assert {"country": {"name": "Russia", "code": "RU"}} in addresses
    assert statement.bods_details["nationalities"] == [{"name": "Russia", "code": "RU"}]


def test_the_public_sees_the_countries_and_not_the_addresses(store: EmbeddedStore) -> None:
    """As a public register shows a country of residence: the London flat and the passport
    number are withheld, the countries are not."""
    node = PublicTier(store).get_node(SVETLANA)
    assert node is not None and isinstance(node.details, PersonDetails)
    assert set(node.details.addresses) == {Address(country=GB), Address(country=RU)}  # no empty one
    assert node.details.identifiers == ()
    assert "Marsham Street" not in str(node.details)
    lavrentiy = PublicTier(store).get_node("ftm:NK-hUAjuiA3vTKXF6v2X6MYnS")
    assert lavrentiy is not None and "089132114" not in str(lavrentiy.details)


def test_a_country_of_birth_without_a_place_of_birth(reference: Path, tmp_path: Path) -> None:
    """OpenSanctions gives Alexander Zakharov's ``birthCountry`` beside his ``birthPlace``
    texts; without the texts the place of birth is still Russia."""
    entities = [json.loads(line) for line in ZALA.read_text().splitlines()]
    [entity] = [e for e in entities if f"ftm:{e['id']}" == ALEXANDER]
    del entity["properties"]["birthPlace"]
    path = tmp_path / "entities.ftm.json"
    path.write_text(json.dumps(entity) + "\n")
    [statement] = by_record(ftm.read(path))[ALEXANDER]
    assert isinstance(statement.details, PersonDetails)
    assert statement.details.place_of_birth == Address(type="placeOfBirth", country=RU)
    assert statement.bods_details["placeOfBirth"] == {
        "type": "placeOfBirth",
        "country": {"name": "Russia", "code": "RU"},
    }


def test_a_persons_former_names_are_kept(store: EmbeddedStore) -> None:
    """Maria Osetrova was Maria Aleksandrovna Zakharova (FtM ``previousName``): a former name,
    as an entity's previous names are kept."""
    osetrova = "ftm:NK-2Tbri3s6GgNtAwsSXh4qpL"
    assert "Мария Александровна Захарова" in _rows(store, osetrova)["other names"]
    [statement] = by_record(ftm.read(ZALA))[osetrova]
    names = statement.bods_details["names"]
    assert {"fullName": "Maria Aleksandrovna Zakharova", "type": "former"} in names
