"""What a CSV register mapping may say, checked when the mapping is loaded.

The reference is the JSON Schema (draft 2020-12) ``bo_graph/data/csv-mapping.schema.json``:
the keys allowed at each level, the required ones, the shape of every value, the kinds of
records. ``jsonschema`` validates a mapping against it; the formats it names (templates, code
lists, encodings) are checked by :mod:`loaders.csv_mapping_formats`. A misspelt key
(``equal:`` for ``equals:``), a template the loader would not fill (``{id | normalize}``) or a
value of the wrong shape (``interests`` given as one mapping) is then a :class:`ConfigError`
naming the mapping file, the place in it (``records[1].interests[1].share``; list items are
counted from 1), what was expected (the schema's ``description`` of the place, the allowed keys
with the closest one to an unknown key) and what was found, instead of a condition that
matches every row, a literal ``{...}`` in record ids or a traceback. Of several mistakes, the
one highest up in the file is reported.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from bo_graph.exc import ConfigError
from loaders.csv_mapping_formats import Unfit, format_checker

SCHEMA = "csv-mapping.schema.json"
"""The schema's file name in ``bo_graph/data``."""
WEAK = ("anyOf", "oneOf")
"""Keywords whose error is reported after the others at the same place."""
TYPES = {
    "string": "a text",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
    "array": "a list",
    "object": "a mapping",
}


@functools.cache
def schema() -> dict[str, Any]:
    """The mapping schema, as shipped in ``bo_graph/data``."""
    text = (resources.files("bo_graph") / "data" / SCHEMA).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def check_mapping(path: Path, data: Any) -> None:
    """Raise :class:`ConfigError` naming ``path`` at the first thing of ``data`` (the parsed
    mapping file) the loader would not use as written."""
    codes = data.get("codes") if isinstance(data, dict) else None
    checker = format_checker(codes if isinstance(codes, dict) else {})
    errors = list(Draft202012Validator(schema(), format_checker=checker).iter_errors(data))
    if errors:
        _, error = min(enumerate(errors), key=lambda pair: _rank(*pair))
        where = place(data, error.absolute_path)
        raise ConfigError(f"--mapping {path}: {where}: {explain(error)}")


def _rank(order: int, error: ValidationError) -> tuple[int, bool, int]:
    """Higher up in the file first, a specific keyword before anyOf/oneOf, then schema order."""
    return len(error.absolute_path), error.validator in WEAK, order


def place(data: Any, path: Iterable[Any]) -> str:
    """``records[1].when`` for the path ``records, 0, when`` in ``data``: a list item by its
    number from 1, a key after a dot (a key YAML read as a number stays a key)."""
    out = ""
    node = data
    for part in path:
        if isinstance(node, list):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
        node = node[part]
    return out or "(top level)"


def explain(error: ValidationError) -> str:
    """``expected ..., found ...`` for one schema error."""
    keyword = error.validator
    value: Any = error.instance  # set on every error iter_errors yields
    rule: Any = error.validator_value
    subschema = error.schema if isinstance(error.schema, dict) else {}
    found = describe(value)
    if keyword == "additionalProperties":
        allowed = [str(key) for key in subschema.get("properties", {})]
        return f"expected one of the keys {', '.join(allowed)}, found {unknown(value, allowed)}"
    if keyword == "required":
        required = [str(key) for key in rule]
        missing = ", ".join(key for key in required if key not in value)
        keys = "the key" if len(required) == 1 else "the keys"
        return f"expected {keys} {', '.join(required)}, found {found} (missing {missing})"
    if keyword == "format" and isinstance(error.cause, Unfit):
        return f"expected {error.cause.expected}, found {error.cause.found or found}"
    if "propertyNames" in error.schema_path:
        found = f"the key {found}"
    expected = subschema.get("description")
    if expected is None and keyword == "type":
        expected = _or([TYPES[name] for name in _listed(rule)])
    if expected is None and keyword in WEAK and error.context:
        best = best_match(error.context)
        return explain(best) if best is not None else str(error.message)
    return f"expected {expected}, found {found}" if expected else str(error.message)


def unknown(spec: Any, allowed: Sequence[str]) -> str:
    """The keys of ``spec`` that are not ``allowed``, with the closest allowed key to each."""
    keys = [key for key in spec if str(key) not in allowed]
    close = {key: difflib.get_close_matches(str(key), allowed, n=1) for key in keys}
    hints = [f"{close[key][0]!r}" for key in keys if close[key]]
    if len(keys) > 1:
        hints = [f"{close[key][0]!r} for {key!r}" for key in keys if close[key]]
    names = ", ".join(repr(key) for key in keys)
    found = f"the unknown key {names}" if len(keys) == 1 else f"the unknown keys {names}"
    return f"{found} (did you mean {', '.join(hints)}?)" if hints else found


def describe(value: Any) -> str:
    """A value as the mapping's author wrote it (YAML), for a message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        keys = ", ".join(map(str, value))
        return f"a mapping with the keys {keys}" if value else "an empty mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)" if value else "an empty list"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, date):
        return f"the date {value.isoformat()} (YAML reads it as a date: quote it)"
    return f"{type(value).__name__} {value!r}"


def _listed(names: str | list[str]) -> list[str]:
    return [names] if isinstance(names, str) else names


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
