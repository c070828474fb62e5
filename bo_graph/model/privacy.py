"""Redaction of personal data for a public tier.

Fields declared with ``metadata={"sensitive": True}`` in :mod:`bo_graph.model.records` are
blanked by :func:`redact`; :func:`redact_bods` does the same to a raw BODS statement.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")

#: Keys of a BODS person record that hold personal data.
SENSITIVE_BODS_PERSON_KEYS = frozenset(
    {"birthDate", "addresses", "identifiers", "taxResidencies", "placeOfBirth", "placeOfResidence"}
)


def sensitive_fields(cls: type[Any]) -> tuple[str, ...]:
    """The names of the fields of dataclass ``cls`` that hold personal data."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("sensitive"))


def redact(record: T) -> T:
    """A copy of dataclass ``record`` with its sensitive fields emptied."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        return record
    blanks: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.metadata.get("sensitive"):
            blanks[f.name] = () if isinstance(getattr(record, f.name), tuple) else None
    return dataclasses.replace(record, **blanks)


def redact_bods(statement: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a raw BODS statement (any version) without personal data of persons."""
    out = dict(statement)
    is_person = out.get("recordType") == "person" or out.get("statementType") == "personStatement"
    if not is_person:
        return out
    if isinstance(out.get("recordDetails"), Mapping):
        out["recordDetails"] = {
            k: v for k, v in out["recordDetails"].items() if k not in SENSITIVE_BODS_PERSON_KEYS
        }
    for key in SENSITIVE_BODS_PERSON_KEYS:
        out.pop(key, None)
    return out
