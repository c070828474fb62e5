"""A person's name parts as the register files them (given names, family name, patronymic) are
kept beside the full name and written back to BODS 0.4, so a request or a match can quote the
family name as filed instead of guessing it from the full name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bo_graph.model.bods04_out import details_to_bods
from bo_graph.model.records import Name, PersonDetails
from loaders import csv_register, read
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.loaders.loader_helpers import statements
from tests.loaders.test_bods04_of_registers import as_bods04

PSC = REFERENCE / "uk-psc-bods-uk-psc-pipeline" / "derived" / "psc-snapshot-sample.jsonl"
ZALA = REFERENCE / "ftm-opensanctions-yente/tests/fixtures/dataset/zala/entities.ftm.json"
BODS = REFERENCE / "bods-data-standard"


def persons(path: Path, fmt: str, **options: Path) -> dict[str, PersonDetails]:
    return {
        s.record_id: s.details
        for s in statements(read(path, fmt, **options))
        if isinstance(s.details, PersonDetails)
    }


def named(found: dict[str, PersonDetails], full_name: str) -> Name:
    [name] = [n for p in found.values() for n in p.names if n.full_name == full_name]
    return name


@pytest.mark.parametrize(
    ("example", "full_name", "given", "family"),
    [
        ("v0.4/examples/multiple-tax-residencies.json", "Logan Morton", "Logan", "Morton"),
        ("v0.1/examples/1-single-direct.json", "Christopher Taggart", "Christopher", "Taggart"),
    ],
)
def test_bods_name_parts_are_read_and_written_back(
    reference: Path, example: str, full_name: str, given: str, family: str
) -> None:
    found = persons(BODS / example, "bods")
    name = named(found, full_name)
    assert (name.given_name, name.family_name) == (given, family)
    [person] = [p for p in found.values() if name in p.names]
    [written] = [n for n in details_to_bods(person)["names"] if n["fullName"] == full_name]
    assert written["givenName"] == given and written["familyName"] == family


def test_psc_name_elements_become_the_name_parts_without_the_title(reference: Path) -> None:
    name = named(persons(PSC, "uk-psc"), "Mr Marc Anthony Feldman")
    assert name.given_name == "Marc Anthony", "forename and middle name"
    assert name.family_name == "Feldman"
    [statement] = [
        s
        for s in statements(read(PSC, "uk-psc"))
        if isinstance(s.details, PersonDetails) and name in s.details.names
    ]
    assert schema_errors(as_bods04(statement), "0.4") == []


def test_ftm_parts_go_to_the_names_they_are_parts_of(reference: Path) -> None:
    """OpenSanctions lists the Ukrainian form first and gives the parts in Russian only."""
    found = persons(ZALA, "ftm")
    russian = named(found, "КОНСТАНТИН ИГОРЕВИЧ АБАШКИН")
    assert (russian.given_name, russian.family_name, russian.patronymic_name) == (
        "КОНСТАНТИН",
        "АБАШКИН",
        "ИГОРЕВИЧ",
    )
    ukrainian = named(found, "Абашкін Костянтин Ігорьович")
    assert (ukrainian.given_name, ukrainian.family_name) == (None, None)


def test_ftm_parts_in_several_scripts_are_paired_by_name(reference: Path) -> None:
    """Osetrova has five first names and six last names, in Latin and Cyrillic letters: each
    name gets the ones it is made of, spelt as in it."""
    found = persons(ZALA, "ftm")
    latin = named(found, "Maria Aleksandrovna OSETROVA")
    assert (latin.given_name, latin.family_name) == ("Maria Aleksandrovna", "OSETROVA")
    cyrillic = named(found, "Мария Александровна Осетрова")
    assert (cyrillic.given_name, cyrillic.family_name) == ("Мария Александровна", "Осетрова")
    married = named(found, "Mariya ZAKHAROVA")
    assert (married.given_name, married.family_name) == ("Mariya", "ZAKHAROVA")


def test_a_csv_mapping_maps_given_and_family_names(tmp_path: Path) -> None:
    mapping = tmp_path / "people.yaml"
    mapping.write_text(
        "name: people\nsource: Register of people\nrecords:\n"
        "  - kind: person\n    id: '{id}'\n    given_name: '{first}'\n    family_name: '{last}'\n"
    )
    data = tmp_path / "people.csv"
    data.write_text("id,first,last\nP1,Ana Maria,Pop\n")
    [person] = statements(csv_register.read(data, mapping=mapping))
    assert isinstance(person.details, PersonDetails)
    [name] = person.details.names
    assert (name.full_name, name.given_name, name.family_name) == (
        "Ana Maria Pop",
        "Ana Maria",
        "Pop",
    )
