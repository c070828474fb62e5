"""What a loader makes of another register's record is BODS 0.4: a case exported from a store
filled from UK PSC, ICIJ, FollowTheMoney or a mapped CSV register validates against the
official 0.4 schema (GLEIF: tests/loaders/test_gleif.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.records import PersonDetails
from bo_graph.model.statement import Statement
from loaders import read
from loaders.bods_schema import schema_errors
from tests.conftest import REFERENCE
from tests.loaders.loader_helpers import FIXTURES, MAPPINGS, statements

PSC = REFERENCE / "uk-psc-bods-uk-psc-pipeline" / "derived" / "psc-snapshot-sample.jsonl"
ZALA = REFERENCE / "ftm-opensanctions-yente" / "tests" / "fixtures" / "dataset" / "zala"
SOURCES = {
    "uk-psc": (PSC, {}),
    "icij": (REFERENCE / "icij-panama-papers-2016-mini", {}),
    "ftm": (ZALA / "entities.ftm.json", {}),
    "csv": (FIXTURES / "national_register.csv", {"mapping": MAPPINGS / "national_register.yaml"}),
}


def as_bods04(s: Statement) -> dict[str, Any]:
    """The statement as the BODS export writes a record read from another format."""
    return {
        "statementId": "0" * 32,
        "declarationSubject": s.record_id,
        "statementDate": "2024-01-01",
        "recordId": s.record_id,
        "recordType": s.record_type.value,
        "recordStatus": "new",
        "recordDetails": s.bods_details,
        "publicationDetails": {
            "publicationDate": "2024-01-01",
            "bodsVersion": "0.4",
            "publisher": {"name": "test"},
        },
    }


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_every_record_of_a_register_is_valid_bods_04(reference: Path, fmt: str) -> None:
    path, options = SOURCES[fmt]
    found = statements(read(path, fmt, **options))
    assert any(isinstance(s.details, PersonDetails) for s in found), "persons are covered"
    errors = [f"{s.record_id}: {e}" for s in found for e in schema_errors(as_bods04(s), "0.4")]
    assert errors == []


def test_a_sanctioned_persons_place_of_birth_is_read(reference: Path) -> None:
    """OpenSanctions: "birthPlace": ["Russia", "Izhevsk"] -> the place, in Russia."""
    path, _ = SOURCES["ftm"]
    [osetrova] = [s for s in statements(read(path, "ftm")) if s.record_id.endswith("qpL")]
    details = osetrova.details
    assert isinstance(details, PersonDetails) and details.place_of_birth is not None
    assert details.place_of_birth.address == "Russia, Izhevsk"
    country = details.place_of_birth.country
    assert country is not None and (country.code, country.name) == ("RU", "Russia")
