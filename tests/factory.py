"""Builders of small BODS 0.4 statements for tests (valid against the official schema)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PUBLICATION = {
    "publicationDate": "2024-01-01",
    "bodsVersion": "0.4",
    "publisher": {"name": "Test Register"},
}


def sid(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:40]


def envelope(
    record_id: str,
    record_type: str,
    details: dict[str, Any],
    *,
    date: str = "2024-01-01",
    status: str = "new",
    tag: str = "",
) -> dict[str, Any]:
    return {
        "statementId": sid(record_id, status, date, tag),
        "declarationSubject": record_id,
        "statementDate": date,
        "recordId": record_id,
        "recordType": record_type,
        "recordStatus": status,
        "recordDetails": details,
        "publicationDetails": PUBLICATION,
        "source": {"type": ["officialRegister"], "description": "Test Register"},
    }


def entity(
    record_id: str,
    name: str,
    *,
    jurisdiction: str = "GB",
    number: str | None = None,
    kind: str = "registeredEntity",
    subtype: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    entity_type: dict[str, Any] = {"type": kind}
    if subtype:
        entity_type["subtype"] = subtype
    details: dict[str, Any] = {
        "isComponent": False,
        "entityType": entity_type,
        "name": name,
        "jurisdiction": {"name": jurisdiction, "code": jurisdiction},
    }
    if number:
        details["identifiers"] = [{"scheme": "GB-COH", "id": number}]
    return envelope(record_id, "entity", details, **kw)


def person(
    record_id: str,
    name: str,
    *,
    nationality: str | None = None,
    address: tuple[str | None, str] | None = None,
    **kw: Any,
) -> dict[str, Any]:
    """A known person; ``nationality`` a country code, ``address`` (type or None, country code)."""
    details: dict[str, Any] = {
        "isComponent": False,
        "personType": "knownPerson",
        "names": [{"type": "legal", "fullName": name}],
    }
    if nationality:
        details["nationalities"] = [{"name": nationality, "code": nationality}]
    if address:
        kind, country = address
        place = {"address": "1 Quay Street", "country": {"name": country, "code": country}}
        details["addresses"] = [{"type": kind, **place} if kind else place]
    return envelope(record_id, "person", details, **kw)


def owns(
    record_id: str,
    party: str | dict[str, str],
    subject: str,
    share: dict[str, float] | None = None,
    *,
    interest: str = "shareholding",
    start: str | None = None,
    end: str | None = None,
    **kw: Any,
) -> dict[str, Any]:
    item: dict[str, Any] = {"type": interest, "directOrIndirect": "direct"}
    if share is not None:
        item["share"] = share
    if start:
        item["startDate"] = start
    if end:
        item["endDate"] = end
    details = {
        "isComponent": False,
        "subject": subject,
        "interestedParty": party,
        "interests": [item],
    }
    return envelope(record_id, "relationship", details, **kw)


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    """``records`` as a JSON Lines register file at ``path``."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def chain_register(companies: int, person_name: str = "Person {i}") -> list[dict[str, Any]]:
    """Per company: the company, a person owning 60% of it, and (after the first) a 25-50%
    holding by the company before it, so the companies form one long chain."""
    records: list[dict[str, Any]] = []
    for i in range(companies):
        records.append(entity(f"c{i}", f"Company {i} Ltd", number=f"{i:08d}"))
        records.append(person(f"p{i}", person_name.format(i=i)))
        records.append(owns(f"r{i}", f"p{i}", f"c{i}", {"exact": 60}))
        if i:
            records.append(owns(f"x{i}", f"c{i - 1}", f"c{i}", {"minimum": 25, "maximum": 50}))
    return records


def update_cases(base: list[dict[str, Any]], renamed_number: str) -> list[dict[str, Any]]:
    """Records to follow ``chain_register``: a later rename of c3 (its identifier becoming
    ``renamed_number``) given twice, an older version of c4 (it must not win), a closing of r5,
    a duplicate of the second record, a conflict (the first record's id with other content),
    an unspecified owner of c6, and entities carrying a stray ``names`` member, which the
    entity schema leaves untyped (``true``, a list of odd names): indexed by their ``name``."""
    renamed = entity("c3", "Company Three Renamed", number=renamed_number, date="2025-06-01")
    older = entity("c4", "Company Four, an older version", date="2001-01-01", tag="old")
    closed = owns("r5", "p5", "c5", {"exact": 60}, date="2025-01-01", status="closed")
    conflict = dict(base[0], recordDetails={**base[0]["recordDetails"], "name": "Other"})
    unspecified = owns("u1", {"reason": "subjectUnableToConfirmOrIdentifyBeneficialOwner",
                              "description": "Nobody owns it"}, "c6")  # fmt: skip
    odd_names = [entity(f"odd{i}", f"Odd Names {i}") for i in range(2)]
    odd_names[0]["recordDetails"]["names"] = True
    odd_names[1]["recordDetails"]["names"] = [{"fullName": 1e-05}, {"givenName": "Ann"}]
    return [renamed, older, closed, base[1], conflict, unspecified, renamed, *odd_names]
