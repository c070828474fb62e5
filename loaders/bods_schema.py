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
from typing import Any

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

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
def _v04() -> tuple[Any, jsonschema.protocols.Validator]:
    files = _schema_files("0.4")
    fast = jsonschema_rs.validator_for(
        V04_ENTRY,
        registry=jsonschema_rs.Registry([(s["$id"], s) for s in files.values()]),
        validate_formats=True,
    )
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012))
        for s in files.values()
    )
    slow = jsonschema.Draft202012Validator(
        V04_ENTRY, registry=registry, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return fast, slow


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


@functools.cache
def _legacy(version: str, statement_type: str) -> tuple[Any, jsonschema.protocols.Validator]:
    files = {name: _closed(schema) for name, schema in _schema_files(version).items()}
    base = LEGACY_BASE.format(version=version)
    entry = {"$ref": base + LEGACY_ENTRY[statement_type]}
    fast = jsonschema_rs.validator_for(
        entry,
        registry=jsonschema_rs.Registry([(base + name, s) for name, s in files.items()]),
        validate_formats=True,
    )
    registry: Registry[Any] = Registry().with_resources(
        (base + name, Resource.from_contents(s, default_specification=DRAFT4))
        for name, s in files.items()
    )
    slow = jsonschema.Draft4Validator(
        entry, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    return fast, slow


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def schema_errors(statement: Mapping[str, Any], version: str) -> list[SchemaError]:
    """The schema errors of one statement under BODS ``version`` (``"0.1"`` .. ``"0.4"``),
    each distinct (keyword, path) once. An empty list means valid."""
    if version == "0.4":
        fast, slow = _v04()
    else:
        kind = statement.get("statementType")
        if not isinstance(kind, str) or kind not in LEGACY_ENTRY:
            return [
                SchemaError(
                    "enum",
                    "$.statementType",
                    f"expected one of {sorted(LEGACY_ENTRY)}, found {kind!r}",
                )
            ]
        fast, slow = _legacy(version, str(kind))
    if fast.is_valid(statement):
        return []
    seen: dict[tuple[str, str], SchemaError] = {}
    for error in slow.iter_errors(statement):
        path = _json_path(error.absolute_path)
        seen.setdefault(
            (str(error.validator), path), SchemaError(str(error.validator), path, _message(error))
        )
    return list(seen.values()) or [SchemaError("unknown", "$", "does not match the schema")]


def _message(error: jsonschema.ValidationError) -> str:
    """The message, made specific for ``oneOf``/``anyOf`` by their best-matching sub-error."""
    if error.context and error.validator in ("oneOf", "anyOf"):
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            return f"{best.message} (no alternative of {error.validator} matched)"
    return str(error.message)
