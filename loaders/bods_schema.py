"""Validation of BODS statements against the official schema of their version.

The schemas ship in ``bo_graph/data/bods-schema`` (Apache-2.0, see its NOTICE). A fast Rust
validator (jsonschema-rs) decides valid/invalid; only for invalid statements does the reference
implementation (jsonschema) list the errors, each as (keyword, JSONPath, message).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    import jsonschema

LEGACY_ENTRY = {
    "entityStatement": "entity-statement.json",
    "personStatement": "person-statement.json",
    "ownershipOrControlStatement": "ownership-or-control-statement.json",
}
LEGACY_BASE = "https://bods.invalid/schema/{version}/"
V04_ENTRY = {"$ref": "urn:statement#/$defs/Statement"}


@dataclass(frozen=True)
class SchemaError:
    keyword: str
    path: str
    """JSONPath of the failing value, e.g. ``$.recordDetails.addresses[0].type``."""
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message} (schema keyword {self.keyword!r})"


def _schema_files(version: str) -> dict[str, Any]:
    folder = resources.files("bo_graph") / "data" / "bods-schema" / f"v{version}"
    return {
        f.name: json.loads(f.read_text(encoding="utf-8"))
        for f in folder.iterdir()
        if f.name.endswith(".json")
    }


@functools.cache
def _fast(version: str, statement_type: str) -> Any:
    """The jsonschema-rs validator: decides valid or not, fast."""
    files = _resources(version)
    entry = _entry(version, statement_type)
    return jsonschema_rs.validator_for(
        entry, registry=jsonschema_rs.Registry(list(files.items())), validate_formats=True
    )


@functools.cache
def _slow(version: str, statement_type: str) -> jsonschema.protocols.Validator:
    """The reference validator: explains the errors. Imported only when a record is invalid
    (its format checkers take a second to import)."""
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4, DRAFT202012

    spec = DRAFT202012 if version == "0.4" else DRAFT4
    registry: Registry[Any] = Registry().with_resources(
        (uri, Resource.from_contents(s, default_specification=spec))
        for uri, s in _resources(version).items()
    )
    cls = jsonschema.Draft202012Validator if version == "0.4" else jsonschema.Draft4Validator
    checker = cls.FORMAT_CHECKER
    return cls(_entry(version, statement_type), registry=registry, format_checker=checker)


@functools.cache
def _resources(version: str) -> dict[str, Any]:
    """Schema documents by the URI they are referred to with."""
    if version == "0.4":
        return {s["$id"]: s for s in _schema_files("0.4").values()}
    base = LEGACY_BASE.format(version=version)
    return {base + name: _closed(s) for name, s in _schema_files(version).items()}


def _entry(version: str, statement_type: str) -> dict[str, str]:
    if version == "0.4":
        return V04_ENTRY
    return {"$ref": LEGACY_BASE.format(version=version) + LEGACY_ENTRY[statement_type]}


def _closed(schema: Any) -> Any:
    """The schema with ``additionalProperties: false`` wherever properties are listed, as the
    standard's own 0.1-0.3 tests validate: unknown fields are then reported."""
    if isinstance(schema, list):
        return [_closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        key: value if key in ("anyOf", "oneOf") else _closed(value) for key, value in schema.items()
    }
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def schema_errors(statement: Mapping[str, Any], version: str) -> list[SchemaError]:
    """The schema errors of one statement under BODS ``version`` (``"0.1"`` .. ``"0.4"``),
    each distinct (keyword, path) once. An empty list means valid."""
    kind = ""
    if version != "0.4":
        found = statement.get("statementType")
        if not isinstance(found, str) or found not in LEGACY_ENTRY:
            return [
                SchemaError(
                    "enum",
                    "$.statementType",
                    f"expected one of {sorted(LEGACY_ENTRY)}, found {found!r}",
                )
            ]
        kind = found
    if _fast(version, kind).is_valid(statement):
        return []
    seen: dict[tuple[str, str], SchemaError] = {}
    for error in _slow(version, kind).iter_errors(statement):
        path = _json_path(error.absolute_path)
        seen.setdefault(
            (str(error.validator), path), SchemaError(str(error.validator), path, _message(error))
        )
    return list(seen.values()) or [SchemaError("unknown", "$", "does not match the schema")]


def _message(error: jsonschema.ValidationError) -> str:
    """The message, made specific for ``oneOf``/``anyOf`` by their best-matching sub-error."""
    if error.context and error.validator in ("oneOf", "anyOf"):
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        if best is not None:
            return f"{best.message} (no alternative of {error.validator} matched)"
    return str(error.message)
