"""The compiled writer derives a record's index (names, folded search text, identifier keys,
full-text tokens, interest types, open share bounds) exactly as Python's hand-over computes it,
for every ASCII record the Neo4j bulk import hands over without one: awkward whitespace
(``str.split()`` splits on ``\\x1c``-``\\x1f`` too), numeric ids with leading zeros, empty and
missing names, unnamed interests, and shares open or closed, exact or banded, valid or not."""

from __future__ import annotations

import os
from typing import Any

import orjson
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bo_graph.model.codes import RecordType
from bo_graph.model.loading import Checked
from bo_graph.store.embedded.bulk import _index, handover, native_module

native = native_module()
if native is None:
    message = "bo_graph_native is not built (scripts/setup.sh test builds it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)

ASCII_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 _-.&'\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x00\x7f")), max_size=12
)
MAYBE = st.one_of(st.none(), ASCII_TEXT)
NUMBER = st.one_of(
    st.integers(-10, 110), st.floats(-10, 110, allow_nan=False), st.sampled_from([0, 25, 50, 100])
)
SHARE = st.dictionaries(
    st.sampled_from(["exact", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
    NUMBER,
    max_size=4,
)


def _optional(draw: st.DrawFn, key: str, value: st.SearchStrategy[Any]) -> dict[str, Any]:
    return {key: draw(value)} if draw(st.booleans()) else {}


@st.composite
def identifiers(draw: st.DrawFn) -> list[dict[str, Any]]:
    ids = st.one_of(ASCII_TEXT, st.from_regex(r"0{0,3}[0-9]{1,6}", fullmatch=True))
    return [
        {**_optional(draw, "scheme", ASCII_TEXT), **_optional(draw, "id", ids)}
        for _ in range(draw(st.integers(0, 3)))
    ]


ANY_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
              st.integers(-(2**63), 2**63 - 1), ASCII_TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(ASCII_TEXT, inner, max_size=3)),
    max_leaves=6,
)  # fmt: skip
"""What the entity schema leaves untyped: a ``names`` or ``personType`` member on an entity."""


@st.composite
def entity(draw: st.DrawFn) -> dict[str, Any]:
    details: dict[str, Any] = {"entityType": {"type": "registeredEntity"}}
    details |= _optional(draw, "name", ASCII_TEXT)
    details |= _optional(draw, "alternateNames", st.lists(ASCII_TEXT, max_size=3))
    details |= _optional(draw, "identifiers", identifiers())
    parts = st.sampled_from(["fullName", "givenName", "familyName"])
    untyped_names = st.one_of(ANY_JSON, st.lists(st.dictionaries(parts, ANY_JSON), max_size=2))
    details |= _optional(draw, "names", untyped_names)
    details |= _optional(draw, "personType", ANY_JSON)
    return {"recordType": "entity", "recordDetails": details}


@st.composite
def person(draw: st.DrawFn) -> dict[str, Any]:
    def name() -> dict[str, Any]:
        keys = ("fullName", "givenName", "patronymicName", "familyName")
        return {k: v for k in keys if (v := draw(MAYBE)) is not None}

    details: dict[str, Any] = {"personType": "knownPerson"}
    details |= {"names": [name() for _ in range(draw(st.integers(0, 3)))]}
    details |= _optional(draw, "identifiers", identifiers())
    return {"recordType": "person", "recordDetails": details}


@st.composite
def relationship(draw: st.DrawFn) -> dict[str, Any]:
    def interest() -> dict[str, Any]:
        kind = st.sampled_from(["shareholding", "votingRights", "", "seniorManagingOfficial"])
        out = _optional(draw, "type", kind) | _optional(draw, "share", SHARE)
        return out | _optional(draw, "endDate", st.sampled_from(["", "2020-01-01"]))

    details = {"subject": "e1", "interestedParty": "p1"}
    details |= {"interests": [interest() for _ in range(draw(st.integers(0, 4)))]}
    return {"recordType": "relationship", "recordDetails": details}


def _python_index(raw: dict[str, Any]) -> tuple[Any, ...]:
    return _index(RecordType(raw["recordType"]), raw["recordDetails"], neo4j=True)


def _sent(raw: dict[str, Any]) -> tuple[Any, ...] | None:
    """The index the Neo4j hand-over sends with ``raw`` (``None``: the crate derives it)."""
    checked = Checked("f.jsonl", 1, raw, RecordType(raw["recordType"]))
    return handover(checked, neo4j=True)[2]


TINY_SHARE = {  # serde_json reads this 1 ulp off unless built with float_roundtrip
    "recordType": "relationship",
    "recordDetails": {
        "subject": "e1",
        "interestedParty": "p1",
        "interests": [{"type": "shareholding", "share": {"exact": 2.2580078053962054e-212}}],
    },
}
ODD_ENTITY_NAMES = [  # the entity schema does not type a names member (str() and JSON differ)
    [{"fullName": True}],
    [{"fullName": 0.00001}],
    [{"fullName": "", "givenName": 1e-7}],
    [{"fullName": ["a", "b"]}],
    5,
]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(entity(), person(), relationship()))
@example(TINY_SHARE)
@example({"recordType": "relationship", "recordDetails": {"subject": "e", "interestedParty": "p",
          "interests": [{"type": "shareholding", "share": {"exact": -0.0}}]}})  # fmt: skip
def test_what_goes_without_an_index_the_crate_derives_as_python(raw: dict[str, Any]) -> None:
    if _sent(raw) is not None:
        return  # Python computed it and sent it
    derived = native.derive_index(orjson.dumps(raw))
    expected = _python_index(raw)
    assert derived == expected
    assert repr(derived) == repr(expected)  # -0.0 and 0.0 too


@pytest.mark.parametrize("names", ODD_ENTITY_NAMES)
def test_an_entity_with_a_stray_names_member_is_indexed_by_its_name(names: Any) -> None:
    raw = {"recordType": "entity", "recordDetails": {"name": "Acme Ltd", "names": names}}
    expected = ("Acme Ltd", "acme ltd", "acme ltd", [], "acme ltd")
    assert _python_index(raw) == expected  # names: 5 stopped the import before
    assert native.derive_index(orjson.dumps(raw)) == expected


def test_only_ascii_records_with_id_ends_go_without_their_index() -> None:
    plain = {"recordType": "entity", "recordDetails": {"name": "Acme Ltd"}}
    accented = {"recordType": "entity", "recordDetails": {"name": "Société Générale"}}
    unspecified = {
        "recordType": "relationship",
        "recordDetails": {"subject": "e1", "interestedParty": {"reason": "unknown"}},
    }
    assert _sent(plain) is None
    assert _sent(accented) == _python_index(accented)
    assert _sent(unspecified) is not None
    embedded = handover(Checked("f.jsonl", 1, plain, RecordType.ENTITY), neo4j=False)
    assert embedded[2] == ("Acme Ltd", "acme ltd", "acme ltd", [])
