"""What a loader yields: canonical statements, or rejected records with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


LoadItem = Statement | Rejected | Warned
