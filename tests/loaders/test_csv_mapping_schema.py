"""The mapping schema (bo_graph/data/csv-mapping.schema.json) is the reference of a CSV register
mapping: it is a valid JSON Schema shipped with the package, the example mappings fit it, and
each mistake it finds is a message naming the file, the place, what was expected and what was
found (the closest allowed key to an unknown one, a YAML reading that changed a value)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from bo_graph.exc import ConfigError
from loaders.csv_mapping import load_mapping
from loaders.csv_mapping_schema import SCHEMA, schema
from tests.loaders.loader_helpers import MAPPINGS

ENTITY = "source: X\nrecords: [{kind: entity, id: x, %s}]"
OWNS = "source: X\nrecords: [{kind: relationship, id: r, subject: s, interested_party: p, %s}]"
BAD = [
    (
        ENTITY % "when: {column: a, equal: C, colum: b}",
        "records[1].when: expected one of the keys column, equals, in, startswith, empty, "
        "not_empty, not, found the unknown keys 'equal', 'colum' (did you mean 'equals' for "
        "'equal', 'column' for 'colum'?)",
    ),
    (
        ENTITY % "colour: red",
        "records[1]: expected one of the keys kind, when, id, statement_date, status, "
        "entity_type, subtype, name, alternate_names, jurisdiction, identifiers, addresses, "
        "founding_date, dissolution_date, uri, found the unknown key 'colour'",
    ),
    (  # YAML reads an unquoted Yes as true: the register's "Yes" would never match
        ENTITY % "when: {column: flag, equals: Yes}",
        "records[1].when.equals: expected a text or a number, compared with the cell as text, "
        "without case (quote Yes, No, On, Off, Null: YAML reads them as true, false or null), "
        "found true",
    ),
    (
        ENTITY % "when: {column: a, equals: [C, D]}",
        "records[1].when.equals: expected a text or a number, compared with the cell as text",
    ),
    (
        ENTITY % "founding_date: 2024-01-05",
        "records[1].founding_date: expected a value: a text or template, a number, true or "
        "false, a list of values or a mapping {column | template | value, ...}, found the date "
        "2024-01-05 (YAML reads it as a date: quote it)",
    ),
    (
        ENTITY % "when: {equals: C}",
        "records[1].when: expected the key column, found a mapping with the keys equals "
        "(missing column)",
    ),
    (
        ENTITY % "when: [{column: a, empty: false}]",
        "records[1].when[1].empty: expected true (use not: true to negate), found false",
    ),
    (
        ENTITY % "id: [x, {column: ''}]",
        "records[1].id[2].column: expected a column name, found the text ''",
    ),
    (
        ENTITY % "name: {template: '{a|code:foo}'}",
        "records[1].name.template: expected a code list defined under 'codes' (defined: none), "
        "found 'foo' in '{a|code:foo}'",
    ),
    (
        OWNS % "interests: [{type: x}, {share: {exact: {column: pct, dates: true}}}]",
        "records[1].interests[2].share.exact: expected one of the keys column, template, value, "
        "codes, date, split, default, required, found the unknown key 'dates' (did you mean "
        "'date'?)",
    ),
    (
        "source: X\nrecords: [{kind: relationship, id: r, subject: s, interests: []}]",
        "records[1]: expected an interested_party (a record id) or an unspecified party "
        "(unspecified: {reason, description}), found a mapping with the keys kind, id, subject, "
        "interests",
    ),
    ("source: X\nrecords: [{id: x}]", "records[1]: expected the key kind, found a mapping"),
    (
        "source: ' '\nrecords: [{kind: entity, id: x}]",
        "source: expected the register's name, a text (the statements' provenance source), "
        "found the text ' '",
    ),
    (
        "source: X\ndates: ['%Y', 'Y']\nrecords: [{kind: entity, id: x}]",
        "dates[2]: expected a strptime format such as '%d.%m.%Y', found the text 'Y'",
    ),
    (  # a key YAML reads as a number is named as a key, not as a list item
        "source: X\ncodes: {1: [a]}\nrecords: [{kind: entity, id: x}]",
        "codes.1: expected a map of values to codes, found a list of 1 item(s)",
    ),
    (
        "",
        "(top level): expected a CSV register mapping, a YAML mapping with source and records, "
        "found nothing",
    ),
    (  # of several mistakes, the one highest up in the file
        "source: X\nrecords: [{kind: entity, id: x, nme: y}, {kind: person}]\nextra: 1",
        "(top level): expected one of the keys name, source, csv, dates, codes, records, found "
        "the unknown key 'extra'",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m[:40] for _, m in BAD])
def test_a_mistake_names_the_file_the_place_what_was_expected_and_found(
    tmp_path: Path, text: str, message: str
) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_mapping(mapping)
    assert str(caught.value).startswith(f"--mapping {mapping}: ")
    assert message in str(caught.value)


def test_an_unknown_key_like_no_allowed_one_gets_no_suggestion(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(ENTITY % "zzz: 1")
    with pytest.raises(ConfigError) as caught:
        load_mapping(mapping)
    assert str(caught.value).endswith("found the unknown key 'zzz'")


@pytest.mark.parametrize("mapping", sorted(MAPPINGS.glob("*.yaml")), ids=lambda p: p.name)
def test_the_shipped_mappings_fit_the_schema(mapping: Path) -> None:
    assert load_mapping(mapping).records


def test_the_schema_is_a_valid_draft_2020_12_schema_shipped_as_package_data() -> None:
    shipped = resources.files("bo_graph") / "data" / SCHEMA
    assert shipped.is_file()
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


CONSTRAINTS = (
    *("enum", "const", "pattern", "minLength", "maxLength", "minItems"),
    *("oneOf", "anyOf", "not", "format"),
)


def _subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """The subschemas whose failures are reported (an ``if`` is a test, never reported)."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key, value in node.items():
        if key in ("properties", "$defs"):
            for name, child in value.items():
                yield from _subschemas(child, f"{where}/{key}/{name}")
        elif key in ("allOf", "anyOf", "oneOf"):
            for number, child in enumerate(value):
                yield from _subschemas(child, f"{where}/{key}/{number}")
        elif key != "if":
            yield from _subschemas(value, f"{where}/{key}")


def test_every_constraint_of_the_schema_says_what_it_expects() -> None:
    """A message says what was expected with the description of the place: jsonschema's own
    wording ('is too long', 'is not valid under any of the given schemas') is never shown."""
    undescribed = [
        where
        for where, node in _subschemas(schema())
        if any(key in node for key in CONSTRAINTS) and "description" not in node
    ]
    assert undescribed == []
