"""Builders of BODS 0.4 statements for the opacity tests, and a helper to run one rule."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bo_graph.analysis.opacity import (
    RULES,
    Flag,
    FlagReport,
    configure,
    flags_report,
    load_lists,
)
from bo_graph.analysis.opacity.jurisdictions import ListSet
from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from tests.factory import envelope
from tests.helpers import import_files

HERE = Path(__file__).parent
TEST_LISTS = HERE / "lists"
"""Shipped EU and FATF lists plus FICTIONAL secrecy and CPI test lists (not TJN or TI data)."""

Statement = dict[str, Any]


def address(
    text: str, postcode: str = "", country: str = "GB", kind: str = "registered"
) -> dict[str, Any]:
    return {
        "type": kind,
        "address": text,
        "postCode": postcode,
        "country": {"name": country, "code": country},
    }


def ent(
    rid: str,
    name: str,
    *,
    jurisdiction: str = "GB",
    addresses: Sequence[dict[str, Any]] = (),
    founded: str | None = None,
    dissolved: str | None = None,
    kind: str = "registeredEntity",
    subtype: str | None = None,
    details: str | None = None,
    listed: bool | None = None,
    unspecified: dict[str, str] | None = None,
    date: str = "2024-01-01",
    status: str = "new",
) -> Statement:
    entity_type: dict[str, Any] = {"type": kind}
    if subtype:
        entity_type["subtype"] = subtype
    if details:
        entity_type["details"] = details
    body: dict[str, Any] = {
        "isComponent": False,
        "entityType": entity_type,
        "name": name,
        "jurisdiction": {"name": jurisdiction, "code": jurisdiction},
    }
    if addresses:
        body["addresses"] = list(addresses)
    if founded:
        body["foundingDate"] = founded
    if dissolved:
        body["dissolutionDate"] = dissolved
    if listed is not None:
        body["publicListing"] = {"hasPublicListing": listed}
    if unspecified:
        body["unspecifiedEntityDetails"] = unspecified
    return envelope(rid, "entity", body, date=date, status=status)


def per(
    rid: str,
    name: str = "",
    *,
    addresses: Sequence[dict[str, Any]] = (),
    birth: str | None = None,
    pep: dict[str, Any] | None = None,
    kind: str = "knownPerson",
    unspecified: dict[str, str] | None = None,
    date: str = "2024-01-01",
) -> Statement:
    body: dict[str, Any] = {"isComponent": False, "personType": kind}
    if name:
        body["names"] = [{"type": "legal", "fullName": name}]
    if addresses:
        body["addresses"] = list(addresses)
    if birth:
        body["birthDate"] = birth
    if pep:
        body["politicalExposure"] = pep
    if unspecified:
        body["unspecifiedPersonDetails"] = unspecified
    return envelope(rid, "person", body, date=date)


def interest(
    kind: str = "shareholding",
    percent: float | None = None,
    *,
    start: str | None = None,
    end: str | None = None,
    details: str | None = None,
    share: dict[str, float] | None = None,
) -> dict[str, Any]:
    item: dict[str, Any] = {"type": kind, "directOrIndirect": "direct"}
    if percent is not None:
        item["share"] = {"exact": percent}
    if share is not None:
        item["share"] = share
    if start:
        item["startDate"] = start
    if end:
        item["endDate"] = end
    if details:
        item["details"] = details
    return item


def rel(
    rid: str,
    party: str | dict[str, str],
    subject: str,
    *interests: dict[str, Any],
    date: str = "2024-01-01",
    status: str = "new",
) -> Statement:
    body = {
        "isComponent": False,
        "subject": subject,
        "interestedParty": party,
        "interests": list(interests) or [interest("shareholding", 100)],
    }
    return envelope(rid, "relationship", body, date=date, status=status, tag=json.dumps(body))


def owns(rid: str, party: str, subject: str, percent: float = 100, **kw: Any) -> Statement:
    return rel(rid, party, subject, interest("shareholding", percent))


def unspecified(reason: str, description: str | None = None) -> dict[str, str]:
    out = {"reason": reason}
    if description:
        out["description"] = description
    return out


def load(store: GraphStore, tmp_path: Path, statements: Sequence[Statement]) -> GraphStore:
    path = tmp_path / f"case-{len(list(tmp_path.glob('case-*.jsonl')))}.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in statements))
    report = import_files(store, [path], tmp_path / "quarantine.jsonl")
    assert report.accounting.quarantined == 0, (tmp_path / "quarantine.jsonl").read_text()
    return store


def report(
    store: GraphStore,
    subject: str,
    codes: Sequence[str] | None = None,
    params: Sequence[str] = (),
    *,
    when: When | None = None,
    lists: ListSet | None = None,
) -> FlagReport:
    config = configure(RULES, codes, params)
    chosen = lists if lists is not None else load_lists(TEST_LISTS)
    return flags_report(store, subject, when=when or When(), config=config, lists=chosen)


def fired(
    store: GraphStore,
    subject: str,
    code: str,
    params: Sequence[str] = (),
    *,
    when: When | None = None,
) -> list[Flag]:
    return [f for f in report(store, subject, [code], params, when=when).flags if f.code == code]
