"""What the mapping schema cannot say: its custom formats, checked in Python.

The schema (``bo_graph/data/csv-mapping.schema.json``) says *where* a template, a code list
name or an encoding is written (``"format": "template"``, ``"code-list"``, ``"encoding"``);
this module says what is valid there, for one mapping (its code lists): a template's fields
(``{column}`` or ``{column|filter}``, one known filter at most, braces in pairs), a code list
defined under ``codes`` and an encoding Python knows. A misfit raises :class:`Unfit` with what
was expected and, when it says more than the value itself, what was found.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import FormatChecker

from bo_graph.model.records import normalise_identifier

FIELD = re.compile(r"\{([^{}]*)\}")
"""``{column}`` or ``{column|filter}`` in a template; spaces around the parts are allowed."""
CODE_FILTER = "code:"
FILTERS: dict[str, Callable[[str], str]] = {
    "norm": normalise_identifier,
    "upper": str.upper,
    "lower": str.lower,
}


class Unfit(ValueError):
    """A value that does not fit its format: what was expected, and what was found when that
    says more than the value (``None``: the value itself)."""

    def __init__(self, expected: str, found: str | None = None) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = found


def split_field(inner: str) -> tuple[str, list[str]]:
    """The column and the filters of a template field (the text between its braces)."""
    column, *filters = (part.strip() for part in inner.split("|"))
    return column, filters


def check_template(text: str, codes: Mapping[object, object]) -> None:
    """Raise :class:`Unfit` unless every ``{...}`` of ``text`` is a column with at most one
    known filter (``code:LIST`` naming a list of ``codes``) and the braces are in pairs."""
    for match in FIELD.finditer(text):
        field = match.group(0)
        column, filters = split_field(match.group(1))
        if not column:
            raise Unfit("a column name between the braces", repr(field))
        if len(filters) > 1:
            raise Unfit("at most one filter per {column|filter}", repr(field))
        for name in filters:
            if name.startswith(CODE_FILTER):
                listed = name[len(CODE_FILTER) :].strip()
                check_code_list(listed, codes, f"{listed!r} in {field!r}")
            elif name not in FILTERS:
                valid = ", ".join([*FILTERS, f"{CODE_FILTER}LIST"])
                raise Unfit(f"a filter among {valid}", f"{name!r} in {field!r}")
    rest = FIELD.sub("", text)
    if "{" in rest or "}" in rest:
        raise Unfit("braces in pairs around a column, as in {column}", repr(text))


def check_code_list(name: str, codes: Mapping[object, object], found: str | None = None) -> None:
    """Raise :class:`Unfit` unless ``name`` is a code list of ``codes``."""
    if name not in {str(defined) for defined in codes}:
        defined = ", ".join(str(defined) for defined in codes) or "none"
        raise Unfit(f"a code list defined under 'codes' (defined: {defined})", found)


def check_encoding(name: str) -> None:
    """Raise :class:`Unfit` unless Python knows the encoding ``name`` and it writes a line
    break as the byte ``\\n`` (CSV rows are read line by line: UTF-16, Excel's "Unicode Text",
    would be cut inside its characters and every row quarantined)."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        raise Unfit("an encoding such as utf-8 or cp1252") from None
    try:
        encoded = codec.encode("a\r\n")[0]  # a BOM (utf-8-sig) may come first
        single = isinstance(encoded, bytes) and encoded.endswith(b"a\r\n")
    except (TypeError, ValueError, UnicodeError):
        single = False
    if not single:
        raise Unfit(
            "an encoding such as utf-8 or cp1252, with one byte per line break "
            "(save a UTF-16 or UTF-32 file, Excel's Unicode Text, as UTF-8)"
        )


def format_checker(codes: Mapping[object, object]) -> FormatChecker:
    """The checker of the schema's custom formats for a mapping whose code lists are ``codes``
    (a format applies to texts only: other values are the schema's ``type`` to refuse)."""
    checks: dict[str, Callable[[str], None]] = {
        "template": lambda text: check_template(text, codes),
        "code-list": lambda name: check_code_list(name, codes),
        "encoding": check_encoding,
    }
    from jsonschema import FormatChecker  # imported when a mapping is checked: it takes a second

    checker = FormatChecker(formats=())
    for name, check in checks.items():
        checker.checks(name, raises=Unfit)(_on_texts(check))
    return checker


def _on_texts(check: Callable[[str], None]) -> Callable[[object], bool]:
    def on_text(value: object) -> bool:
        if isinstance(value, str):
            check(value)
        return True

    return on_text
