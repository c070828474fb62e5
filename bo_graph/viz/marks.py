"""Opacity marks: what the graph highlights, and why, with the evidence.

A :class:`Mark` is the drawing-side form of one opacity flag (``bo_graph.analysis.opacity``):
it names the node or edge it highlights, says why in plain words, and carries the evidence
(statement ids, record ids, source registers, files and dates) so every highlighted layer can be
traced back to register statements. :func:`marks_from_flags` reads the flags' JSON form
(``Flag.to_json()``, documented in docs/flags.md), so this module does not depend on the
engine's classes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bo_graph.model.records import located


@dataclass(frozen=True, slots=True)
class EvidenceRef:
    """One statement behind a mark."""

    statement_id: str
    record_id: str = ""
    source: str = ""
    file: str = ""
    position: int | None = None
    statement_date: str = ""

    def cite(self) -> str:
        where = located(self.file, self.position) if self.file else ""
        dated = f", dated {self.statement_date}" if self.statement_date else ""
        return f"{where} (statement {self.statement_id}{dated})".strip()


@dataclass(frozen=True, slots=True)
class Mark:
    code: str
    """The opacity rule's stable code."""
    title: str
    explanation: str
    target: str
    """The node id or edge id the mark highlights."""
    lawful: bool = False
    """Opaque but lawful (protection regimes, listed companies): shown, scored low."""
    severity: str = ""
    evidence: tuple[EvidenceRef, ...] = ()
    target_name: str = ""

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.statement_id for e in self.evidence if e.statement_id))

    @property
    def record_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.record_id for e in self.evidence if e.record_id))

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.source for e in self.evidence if e.source))

    def line(self) -> str:
        """One line for a tooltip: ``title: explanation``."""
        return f"{self.title}: {self.explanation}" if self.explanation else self.title


def by_target(marks: Iterable[Mark]) -> Mapping[str, tuple[Mark, ...]]:
    """Marks grouped by the node or edge they highlight, in their given order."""
    grouped: dict[str, list[Mark]] = defaultdict(list)
    for mark in marks:
        grouped[mark.target].append(mark)
    return {target: tuple(items) for target, items in grouped.items()}


def _evidence(item: Mapping[str, Any]) -> list[EvidenceRef]:
    ids = [str(s) for s in item.get("statement_ids") or []] or [""]
    position = item.get("position")
    return [
        EvidenceRef(
            statement_id=statement_id,
            record_id=str(item.get("record_id") or ""),
            source=str(item.get("source") or ""),
            file=str(item.get("file") or ""),
            position=position if isinstance(position, int) else None,
            statement_date=str(item.get("statement_date") or ""),
        )
        for statement_id in ids
    ]


def mark_from_flag(
    flag: Mapping[str, Any], subject: str, titles: Mapping[str, str] | None = None
) -> Mark:
    """The mark of one flag in its JSON form; a flag about the subject as a whole marks the
    subject node. ``titles`` maps rule codes to their titles (the rule metadata)."""
    target = flag.get("target") or {}
    kind = str(target.get("kind") or "node")
    code = str(flag.get("code") or "")
    evidence = [ref for item in flag.get("evidence") or [] for ref in _evidence(item)]
    return Mark(
        code=code,
        title=(titles or {}).get(code, code),
        explanation=str(flag.get("explanation") or ""),
        target=subject if kind == "subject" else str(target.get("id") or subject),
        lawful=bool(flag.get("lawful")),
        severity=str(flag.get("severity") or ""),
        evidence=tuple(evidence),
        target_name=str(target.get("name") or ""),
    )


def marks_from_flags(
    flags_json: Iterable[Mapping[str, Any]], subject: str, titles: Mapping[str, str] | None = None
) -> list[Mark]:
    """Marks from the opacity engine's flags (their JSON form), in the given order."""
    return [mark_from_flag(flag, subject, titles) for flag in flags_json]
