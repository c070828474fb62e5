"""A search's kind and jurisdiction filter (:mod:`bo_graph.store.search_filter`) in Cypher.

Cypher reads no JSON (without plugins), and a party's jurisdictions are in its ``details``: the
compact JSON text :func:`bo_graph.store.serial.payload_of` wrote, byte for byte the embedded
store's. So the filter matches ``details`` with a Java regular expression per kind, built here
from the checked code and sent as a parameter, after the query has taken the escaped
backslashes and quotes out of it (:func:`unescaped`): every string is then ``"`` and non-quotes
up to the next ``"``, and a member name is found only where it is one (after ``{`` or ``,``).

- An entity: the ``code`` of its ``jurisdiction`` member.
- A person: the ``code`` of an element of ``nationalities``, or of the ``country`` of an array
  element that has one (in a BODS person only an address does) whose ``type`` is none, empty,
  ``null`` or ``residence``.

Java's matcher recurses once per repetition of a group, so every group repeats a bounded number
of times (:data:`MANY`) and the patterns never walk along an array of addresses: a large record
cannot overflow the server's stack. They use only what Java and Python read alike (possessive
and bounded quantifiers, lookahead, character classes; no case-insensitive flag), so the tests
check them with Python's ``re`` against the embedded store's SQL on the same payloads.
"""

from __future__ import annotations

from typing import LiteralString

from bo_graph.store.search_filter import SearchFilter

MANY = 30
"""At most this many members of one object, or nationalities of one person, are looked at."""
STRING = r'"[^"]*+"'
SCALAR = rf"(?:{STRING}|null|true|false|-?[0-9][0-9.eE+-]*+)"
FLAT = rf"\{{(?:{STRING}:{SCALAR}(?:,{STRING}:{SCALAR}){{0,{MANY}}})?\}}"
"""An object of scalars: a jurisdiction."""
MEMBERS = rf"(?:{STRING}:(?:{SCALAR}|{FLAT}),){{0,{MANY}}}?"
"""The members of an object before the one looked for."""
ALLOWED_TYPE = r'(?:""|"residence"|null)[,}]'
"""An address type that makes its country a country of residence (none is one too)."""
ESCAPED_BACKSLASH, ESCAPED_QUOTE = "\\\\", '\\"'

WANTED: LiteralString = (
    "($kind IS NULL OR node.kind = $kind) AND ($entity_place IS NULL OR "
    "(node.kind IN ['entity', 'person'] AND "
    "replace(replace(node.details, $escaped_backslash, ''), $escaped_quote, '') =~ "
    "(CASE node.kind WHEN 'entity' THEN $entity_place ELSE $person_place END)))"
)
"""The condition on ``node``, a ``Party``, with the parameters of :func:`filter_params`."""


def filter_params(wanted: SearchFilter) -> dict[str, str | None]:
    """The parameters of :data:`WANTED` for ``wanted``."""
    code = wanted.jurisdiction
    return {
        "kind": wanted.kind.value if wanted.kind is not None else None,
        "entity_place": None if code is None else entity_pattern(code),
        "person_place": None if code is None else person_pattern(code),
        "escaped_backslash": ESCAPED_BACKSLASH,
        "escaped_quote": ESCAPED_QUOTE,
    }


def unescaped(details: str) -> str:
    """``details`` as :data:`WANTED` matches it: without its ``\\\\`` and ``\\"`` escapes (Cypher's
    ``replace``, like Python's, replaces from the left without overlap)."""
    return details.replace(ESCAPED_BACKSLASH, "").replace(ESCAPED_QUOTE, "")


def code_string(code: str) -> str:
    """A JSON string holding ``code`` (any case) or a subdivision of it: ``"us"``, ``"US-DE"``."""
    letters = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in code)
    return rf'"{letters}(?:-[^"]*+)?"'


def entity_pattern(code: str) -> str:
    """An entity's ``jurisdiction`` has ``code``."""
    return rf'(?s).*[{{,]"jurisdiction":\{{{MEMBERS}"code":{code_string(code)}[,}}].*'


def person_pattern(code: str) -> str:
    """A person's ``nationalities`` or the country of an address of residence has ``code``."""
    in_object = rf'{MEMBERS}"code":{code_string(code)}[,}}]'
    nationality = rf'[{{,]"nationalities":\[(?:(?:{SCALAR}|{FLAT}),){{0,{MANY}}}?\{{{in_object}'
    residence = (
        rf'[\[,]\{{(?={MEMBERS}"country":\{{{in_object})(?!{MEMBERS}"type":(?!{ALLOWED_TYPE}))'
    )
    return rf"(?s).*(?:{nationality}|{residence}).*"
