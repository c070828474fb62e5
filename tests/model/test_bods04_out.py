"""The codec writes valid BODS 0.4 whatever vocabulary a stored record holds: a store imported
before the loaders used 0.4's name type, or a register that gave a country by its code only."""

from __future__ import annotations

from bo_graph.model.bods04_out import details_to_bods
from bo_graph.model.codes import PersonType
from bo_graph.model.records import Jurisdiction, Name, PersonDetails
from loaders.bods_schema import schema_errors


def test_an_older_name_type_and_a_code_only_country_are_written_as_04() -> None:
    details = PersonDetails(
        PersonType.KNOWN,
        names=(Name("Ana Pop", "individual"),),
        nationalities=(Jurisdiction(code="RO"),),
    )
    record = details_to_bods(details)
    assert record["names"] == [{"fullName": "Ana Pop", "type": "legal"}]
    assert record["nationalities"] == [{"name": "RO", "code": "RO"}]
    statement = {
        "statementId": "0" * 32,
        "declarationSubject": "p",
        "statementDate": "2024-01-01",
        "recordId": "p",
        "recordType": "person",
        "recordStatus": "new",
        "recordDetails": record,
        "publicationDetails": {
            "publicationDate": "2024-01-01",
            "bodsVersion": "0.4",
            "publisher": {"name": "test"},
        },
    }
    assert schema_errors(statement, "0.4") == []
