"""Redaction for the public tier on the published BODS examples of every version: each person
statement keeps its names and loses what a public register withholds, and still loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bo_graph.model.loading import Rejected
from bo_graph.model.privacy import redact_bods, year_and_month
from tests.conftest import need_reference
from tests.helpers import read_all

VERSIONS = ["v0.1", "v0.2", "v0.3", "v0.4"]


def person_statements(version: str) -> list[dict[str, Any]]:
    folder = need_reference() / "bods-data-standard" / version / "examples"
    found = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text())
        for statement in document if isinstance(document, list) else []:
            if statement.get("recordType") == "person" or (
                statement.get("statementType") == "personStatement"
            ):
                found.append(statement)
    return found


def members(statement: dict[str, Any]) -> dict[str, Any]:
    details = statement.get("recordDetails")
    return details if isinstance(details, dict) else statement


@pytest.mark.parametrize("version", VERSIONS)
def test_person_statements_lose_what_the_public_may_not_see(version: str, tmp_path: Path) -> None:
    statements = person_statements(version)
    assert statements, f"the {version} examples have person statements"
    redacted = [redact_bods(s) for s in statements]
    withheld = 0
    for before, after in zip(statements, redacted, strict=True):
        was, now = members(before), members(after)
        assert now.get("names") == was.get("names")
        assert "identifiers" not in now and "taxResidencies" not in now
        if was.get("birthDate"):
            assert now["birthDate"] == was["birthDate"][:7]
        for address in now.get("addresses", []):
            assert set(address) <= {"type", "country"}
        withheld += bool(was.get("identifiers") or was.get("addresses"))
    assert withheld, "some example persons had identifiers or addresses to withhold"
    before, after = rejected(statements, tmp_path), rejected(redacted, tmp_path)
    assert set(after) <= set(before), "no statement made invalid"


def rejected(statements: list[dict[str, Any]], folder: Path) -> list[int]:
    """Positions the strict schema check refuses (two v0.1 examples carry a stray ``name``,
    which redaction drops with every member the schema does not define)."""
    path = folder / "statements.json"
    path.write_text(json.dumps(statements))
    return [i.position for i in read_all(path, validation="strict") if isinstance(i, Rejected)]


@pytest.mark.parametrize(
    ("given", "public"),
    [
        ("1970-05-17", "1970-05"),
        ("1970-05-17T00:00:00Z", "1970-05"),
        ("1970-05", "1970-05"),
        ("1970", "1970"),
        ("1970137", None),  # ordinal: the day of the year
        ("19700517", None),  # basic format
        ("1970-137", None),
        ("17/05/1970", None),
        ("1970-13-01", None),
    ],
)
def test_a_birth_date_keeps_its_year_and_month_or_nothing(given: str, public: str | None) -> None:
    """The BODS 0.1-0.3 schemas let other forms through; none may leak the day."""
    statement = {"statementType": "personStatement", "birthDate": given, "names": []}
    assert redact_bods(statement).get("birthDate") == public
    assert year_and_month(given) == public


def test_annotations_are_dropped_from_every_statement() -> None:
    note = [{"motivation": "commenting", "description": "Residence verified at 17 Secret Lane"}]
    for kind in ("person", "entity", "relationship"):
        statement = {"recordType": kind, "recordDetails": {}, "annotations": note}
        assert "annotations" not in redact_bods(statement)


def test_a_person_statement_keeps_only_the_members_its_schema_defines() -> None:
    """The schemas let other members through; one may hold anything."""
    statement = {
        "statementId": "s1",
        "recordId": "p1",
        "recordType": "person",
        "residentialAddress": "9 Elm Road",
        "recordDetails": {
            "personType": "knownPerson",
            "names": [{"type": "legal", "fullName": "Pat Owner", "passport": "PX991"}],
            "passportNumber": "PX991",
            "dateOfBirth": "17/05/1970",
            "nationalities": [{"code": "GB", "name": "United Kingdom"}],
        },
    }
    public = redact_bods(statement)
    assert public == {
        "statementId": "s1",
        "recordId": "p1",
        "recordType": "person",
        "recordDetails": {
            "personType": "knownPerson",
            "names": [{"type": "legal", "fullName": "Pat Owner"}],
            "nationalities": [{"code": "GB", "name": "United Kingdom"}],
        },
    }
    legacy = {"statementType": "personStatement", "statementID": "s2", "passport": "PX991"}
    assert redact_bods(legacy) == {"statementType": "personStatement", "statementID": "s2"}


def test_members_no_schema_defines_are_dropped_at_every_level() -> None:
    """A publisher's own members may sit inside any object of a person statement (a passport
    inside a nationality, a street inside an address's country): none reaches the public."""
    secret = {"x_secret": "PASSPORT 123456789, 1 Nest Lane"}
    country = {"code": "GB", "name": "United Kingdom", **secret}
    statement = {
        "statementId": "s1",
        "recordType": "person",
        "publicationDetails": {
            "publicationDate": "2024-01-01",
            "publisher": {"name": "R", **secret},
            **secret,
        },
        "source": {"type": ["officialRegister"], "assertedBy": [{"name": "R", **secret}], **secret},
        "recordDetails": {
            "personType": "knownPerson",
            "nationalities": [country],
            "addresses": [{"type": "residence", "address": "1 Nest Lane", "country": country}],
            "placeOfBirth": {"type": "placeOfBirth", "country": country},
            "politicalExposure": {
                "status": "isPep",
                "details": [
                    {
                        "reason": "MP",
                        "jurisdiction": country,
                        "source": {"url": "u", **secret},
                        **secret,
                    }
                ],
                **secret,
            },
        },
    }
    legacy = {
        "statementType": "personStatement",
        "nationalities": [country],
        "pepStatusDetails": [{"reason": "MP", "jurisdiction": country, **secret}],
    }
    for public in (redact_bods(statement), redact_bods(legacy)):
        assert "x_secret" not in json.dumps(public), public
    details = redact_bods(statement)["recordDetails"]
    gb = {"code": "GB", "name": "United Kingdom"}
    assert details["nationalities"] == [gb] and details["addresses"] == [
        {"type": "residence", "country": gb}
    ]
    assert details["politicalExposure"] == {
        "status": "isPep",
        "details": [{"reason": "MP", "jurisdiction": gb, "source": {"url": "u"}}],
    }
    assert redact_bods(legacy)["pepStatusDetails"] == [{"reason": "MP", "jurisdiction": gb}]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_published_examples_lose_only_what_a_policy_withholds(version: str) -> None:
    """Every member the schemas define survives redaction, at every level, unless its policy
    withholds or cuts it (the allow-list is read from the schemas, not written by hand)."""
    withheld = {
        "identifiers",
        "taxResidencies",
        "birthDate",
        "addresses",
        "placeOfBirth",
        "placeOfResidence",
    }
    for statement in person_statements(version):
        original = {k: v for k, v in statement.items() if k != "annotations"}
        public = redact_bods(statement)
        for key in set(original) - {"recordDetails"} - withheld:
            if not (version == "v0.1" and key == "name"):  # a stray member of two v0.1 examples
                assert public.get(key) == original[key], (version, key)
        for key in set(members(statement)) - withheld if "recordDetails" in statement else ():
            assert public["recordDetails"].get(key) == statement["recordDetails"][key], (
                version,
                key,
            )
