"""The Neo4j store's jurisdiction filter, without a server: its regular expressions (Java's
syntax, read alike by Python's ``re``; Cypher's ``=~`` matches the whole text) admit exactly the
parties the embedded store's SQL admits, on the same stored payloads, hostile text included."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest

from bo_graph.model.codes import RecordStatus
from bo_graph.model.records import Provenance
from bo_graph.store.embedded.search import IN_JURISDICTION
from bo_graph.store.neo4j_store.places import (
    entity_pattern,
    filter_params,
    person_pattern,
    unescaped,
)
from bo_graph.store.search_filter import SearchFilter
from bo_graph.store.serial import payload_of

HOSTILE_NAME = '{"jurisdiction":{"code":"VG"}},"nationalities":[{"code":"VG"}]'
PROVENANCE = Provenance(
    "Register", f"{HOSTILE_NAME}.jsonl", 1, "s1", None, None, None, RecordStatus.NEW, "bods-0.4"
)


def country(code: str) -> dict[str, Any]:
    return {"name": f"name of {code}", "code": code}


PARTIES: list[tuple[str, dict[str, Any]]] = [
    ("entity", {"name": "A", "jurisdiction": country("VG")}),
    ("entity", {"jurisdiction": {"code": "vg", "name": "x"}, "name": "key order, case"}),
    ("entity", {"name": "B", "jurisdiction": country("US-DE")}),
    ("entity", {"name": HOSTILE_NAME, "jurisdiction": country("GB")}),
    ("entity", {"name": "C", "jurisdiction": {"name": "British Virgin Islands"}}),
    ("entity", {"name": "E", "jurisdiction": {"name": 'the "BVI"', "code": "VG"}}),
    ("entity", {"name": "D", "addresses": [{"type": "registered", "country": country("VG")}]}),
    ("entity", {"name": 'V\\G"x', "jurisdiction": country("VGB")}),
    ("person", {"names": [{"fullName": HOSTILE_NAME}], "nationalities": [country("GB")]}),
    ("person", {"nationalities": [country("GB"), {"code": "VG", "name": "BVI"}]}),
    ("person", {"nationalities": ["VG", country("FR")]}),
    ("person", {"addresses": [{"type": "service", "country": country("VG")}]}),
    ("person", {"addresses": [{"country": country("VG"), "type": "business"}]}),
    (
        "person",
        {
            "addresses": [
                {"type": "service", "country": country("GB")},
                {"address": '1 "Quay" {x} [y],\\', "country": country("VG")},
            ]
        },
    ),
    ("person", {"addresses": [{"type": "residence", "postCode": 5, "country": country("VG")}]}),
    ("person", {"addresses": [{"type": "", "country": country("vg")}]}),
    ("person", {"addresses": [{"type": None, "country": country("VG-01")}]}),
    ("person", {"addresses": [{"type": "residenceX", "country": country("VG")}]}),
    ("person", {"placeOfBirth": {"country": country("VG")}, "taxResidencies": [country("VG")]}),
    ("person", {"politicalExposure": {"details": [{"jurisdiction": country("VG")}]}}),
    ("unspecified", {"reason": "unknown", "description": HOSTILE_NAME}),
]


def sql_admits(conn: sqlite3.Connection, kind: str, payload: bytes, code: str) -> bool:
    conn.execute("DELETE FROM nodes")
    conn.execute("INSERT INTO nodes VALUES ('x', ?, ?)", (kind, payload))
    found = conn.execute(f"SELECT 1 FROM nodes n WHERE {IN_JURISDICTION}", {"place": code})
    return found.fetchone() is not None


def cypher_admits(kind: str, payload: bytes, code: str) -> bool:
    """``details =~ pattern`` as places.WANTED picks the pattern by kind, escapes taken out."""
    patterns = {"entity": entity_pattern(code), "person": person_pattern(code)}
    pattern = patterns.get(kind)
    return pattern is not None and re.fullmatch(pattern, unescaped(payload.decode())) is not None


@pytest.mark.parametrize("code", ["VG", "US", "US-DE", "GB", "VG-01", "FR"])
def test_the_neo4j_patterns_admit_what_the_embedded_sql_admits(code: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE nodes (id TEXT, kind TEXT, details BLOB)")
    admitted = []
    for kind, details in PARTIES:
        payload = payload_of(details, PROVENANCE)
        sql = sql_admits(conn, kind, payload, code)
        assert cypher_admits(kind, payload, code) == sql, (code, details)
        admitted.append(sql)
    expected = {"VG": 8, "US": 1, "US-DE": 1, "GB": 3, "VG-01": 1, "FR": 1}[code]
    assert sum(admitted) == expected  # the cases say something: each code admits some


def test_filter_parameters_name_no_place_without_a_jurisdiction() -> None:
    kind_only = filter_params(SearchFilter.of("person", None))
    assert [kind_only[k] for k in ("kind", "entity_place", "person_place")] == [
        "person",
        None,
        None,
    ]
    narrowed = filter_params(SearchFilter.of(None, "vg"))
    assert narrowed["kind"] is None and '"[Vv][Gg]' in str(narrowed["entity_place"])


def test_taking_the_escapes_out_leaves_strings_without_quotes() -> None:
    """What the query matches: a name's backslashes and quotes gone, the JSON around it whole."""
    text = payload_of({"name": r'a \"b\\" \ '}, None).decode()
    assert text == r'{"d":{"name":"a \\\"b\\\\\" \\ "},"p":null}'
    assert unescaped(text) == '{"d":{"name":"a b  "},"p":null}'
