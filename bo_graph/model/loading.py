"""What a loader yields: canonical statements, or rejected records with the reason."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bo_graph.model.bods_statement import statement_from_v04
from bo_graph.model.codes import RecordType
from bo_graph.model.statement import Statement


@dataclass(frozen=True)
class Rejected:
    """A record that cannot be loaded. It goes to the quarantine file, never silently away."""

    file: str
    position: int
    """1-based line (JSON Lines, CSV) or item number (JSON array) of the record."""
    reason: str
    raw: Any

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.position, "reason": self.reason, "record": self.raw}


@dataclass(frozen=True)
class Warned:
    """A record that loaded, with findings worth reporting (lenient schema validation)."""

    file: str
    position: int
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Checked:
    """A BODS 0.4 record that passed its schema and every check, not yet translated: what a
    loader yields when the import asks for it (``checked=True``), so a compiled bulk writer can
    take the record as read. :meth:`statement` is the record as any other writer takes it."""

    file: str
    position: int
    raw: Mapping[str, Any]
    record_type: RecordType

    def statement(self) -> Statement:
        return statement_from_v04(self.raw, self.file, self.position, checked_by_schema=True)


LoadItem = Statement | Rejected | Warned | Checked
