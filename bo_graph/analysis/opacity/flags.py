"""What the opacity rules return: flags with their target, explanation and evidence.

Every flag names the node or edge it is about, says in one sentence why it was raised, and
lists the records behind it with their provenance (source, file, position, statement date).
A flag that used a jurisdiction list names the list and its date. ``to_json()`` shapes are
documented in ``docs/flags.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from bo_graph.model.records import Provenance

JSON_CACHE_LIMIT = 50_000
_JSON: dict[int, tuple[Flag, dict[str, Any]]] = {}
"""JSON of flags shared by many subjects in a scan, by object id (the flag is kept alive)."""


class Severity(Enum):
    """How strongly a flag signals concealment; lawful opacity is always ``LOW``."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Evidence:
    """One record behind a flag: a node or an edge, and the statement that described it."""

    role: str
    """``node`` or ``edge``."""
    id: str
    record_id: str
    provenance: Provenance | None
    statement_ids: tuple[str, ...] = ()
    """Further statements of the record that the rule used (history rules)."""

    def to_json(self) -> dict[str, Any]:
        p = self.provenance
        statements = [p.statement_id] if p else []
        statements += [s for s in self.statement_ids if s not in statements]
        return {
            "role": self.role,
            "id": self.id,
            "record_id": self.record_id,
            "statement_ids": statements,
            "source": p.source if p else None,
            "file": p.file if p else None,
            "position": p.position if p else None,
            "statement_date": p.statement_date if p else None,
        }


@dataclass(frozen=True, slots=True)
class ListUse:
    """A jurisdiction list a flag relied on."""

    name: str
    title: str
    date: str
    file: str

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "title": self.title, "date": self.date, "file": self.file}


@dataclass(frozen=True, slots=True)
class Target:
    """What a flag is about: a node, an edge, or the subject as a whole."""

    kind: str
    """``node``, ``edge`` or ``subject``."""
    id: str
    name: str

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "id": self.id, "name": self.name}


@dataclass(frozen=True)
class Flag:
    code: str
    severity: Severity
    target: Target
    explanation: str
    evidence: tuple[Evidence, ...] = ()
    lists: tuple[ListUse, ...] = ()
    values: Mapping[str, Any] = field(default_factory=dict)
    """Measured values (a depth, a score, a share) in JSON-ready form."""
    lawful: bool = False

    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.code, self.target.kind, self.target.id, self.explanation)

    def to_json(self) -> dict[str, Any]:
        """A fresh JSON-ready dict (built once per flag, then copied)."""
        cached = _JSON.get(id(self))
        if cached is None or cached[0] is not self:
            if len(_JSON) > JSON_CACHE_LIMIT:
                _JSON.clear()
            cached = _JSON[id(self)] = (self, self._json())
        body = dict(cached[1])
        body["target"] = dict(body["target"])
        return body

    def _json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.label,
            "lawful": self.lawful,
            "target": self.target.to_json(),
            "explanation": self.explanation,
            "values": dict(self.values),
            "lists": [u.to_json() for u in self.lists],
            "evidence": [e.to_json() for e in self.evidence],
        }
