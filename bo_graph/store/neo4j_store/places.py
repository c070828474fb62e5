"""A search's kind and jurisdiction filter (:mod:`bo_graph.store.search_filter`) in Cypher.

Cypher reads no JSON (without plugins), and a party's jurisdictions are in its ``details``: the
compact JSON text :func:`bo_graph.store.serial.payload_of` wrote, byte for byte the embedded
store's. So the filter matches ``details`` with a Java regular expression per kind, built here
from the checked code and sent as a parameter. A member name is found only where it is one: in
compact JSON it follows ``{`` or ``,``, while a ``"`` inside a string value is escaped (``\\"``),
so ``,"nationalities":`` in a name is never taken for the member. From the member on, the pattern
steps over whole strings, scalars and flat objects, so it stays inside the object it is in.

The patterns use only what Java and Python read alike (possessive quantifiers, lazy groups,
lookahead, character classes; no case-insensitive flag, whose meaning differs): the tests check
them with Python's ``re`` against the embedded store's SQL on the same payloads.
"""

from __future__ import annotations

from typing import LiteralString

from bo_graph.store.search_filter import SearchFilter

STRING = r'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
SCALAR = rf"(?:{STRING}|null|true|false|-?[0-9][0-9.eE+-]*+)"
FLAT = rf"\{{(?:{STRING}:{SCALAR}(?:,{STRING}:{SCALAR})*+)?\}}"
"""An object of scalars: a jurisdiction."""
MEMBER = rf"{STRING}:(?:{SCALAR}|{FLAT})"
OBJECT = rf"\{{(?:{MEMBER}(?:,{MEMBER})*+)?\}}"
"""An object whose members are scalars or flat objects: an address."""
ALLOWED_TYPE = r'(?:""|"residence"|null)[,}]'
"""An address type that makes its country a country of residence (none is one too)."""

WANTED: LiteralString = (
    "($kind IS NULL OR node.kind = $kind) AND ($entity_place IS NULL OR CASE node.kind "
    "WHEN 'entity' THEN node.details =~ $entity_place "
    "WHEN 'person' THEN node.details =~ $person_place ELSE false END)"
)
"""The condition on ``node``, a ``Party``, with the parameters of :func:`filter_params`."""


def filter_params(wanted: SearchFilter) -> dict[str, str | None]:
    """The parameters of :data:`WANTED` for ``wanted``."""
    code = wanted.jurisdiction
    return {
        "kind": wanted.kind.value if wanted.kind is not None else None,
        "entity_place": None if code is None else entity_pattern(code),
        "person_place": None if code is None else person_pattern(code),
    }


def code_string(code: str) -> str:
    """A JSON string holding ``code`` (any case) or a subdivision of it: ``"us"``, ``"US-DE"``."""
    letters = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in code)
    return rf'"{letters}(?:-[^"\\]*+(?:\\.[^"\\]*+)*+)?"'


def entity_pattern(code: str) -> str:
    """An entity's ``jurisdiction`` has ``code``."""
    member = rf'[{{,]"jurisdiction":\{{(?:{MEMBER},)*?"code":{code_string(code)}[,}}]'
    return rf"(?s).*{member}.*"


def person_pattern(code: str) -> str:
    """A person's ``nationalities`` or the country of an address of residence has ``code``."""
    in_object = rf'(?:{MEMBER},)*?"code":{code_string(code)}[,}}]'
    nationality = rf'[{{,]"nationalities":\[(?:(?:{SCALAR}|{FLAT}),)*?\{{{in_object}'
    residence = (
        rf'[{{,]"addresses":\[(?:{OBJECT},)*?\{{'
        rf'(?=(?:{MEMBER},)*?"country":\{{{in_object})'
        rf'(?!(?:{MEMBER},)*?"type":(?!{ALLOWED_TYPE}))'
    )
    return rf"(?s).*(?:{nationality}|{residence}).*"
