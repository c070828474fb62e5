"""One rule test case: statements, the subject, and whether the rule must fire."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bo_graph.model.graph import When


@dataclass(frozen=True)
class Case:
    code: str
    fires: bool
    statements: list[dict[str, Any]]
    subject: str = "subject"
    params: tuple[str, ...] = ()
    when: When = field(default_factory=When)
    severity: str | None = None
    """The strongest severity expected when the rule fires."""
    note: str = ""

    @property
    def id(self) -> str:
        tag = "fires" if self.fires else "silent"
        return f"{self.code}-{tag}" + (f"-{self.note.split()[0]}" if self.note else "")
