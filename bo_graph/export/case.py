"""A case: one subject view plus every register statement behind it, ready to export.

:func:`gather_case` reads the statements once (``store.statements_for`` for every party and
relationship loaded); every exporter then works on the :class:`CaseData` alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bo_graph.store.base import GraphStore, StoredStatement
from bo_graph.store.public import NOTICE, PublicTier
from bo_graph.viz.subject import SubjectAnalysis

TOOL = "bo-graph 0.1.0"


@dataclass(frozen=True)
class CaseData:
    analysis: SubjectAnalysis
    statements: Mapping[str, Sequence[StoredStatement]]
    """Node or edge id -> the statements behind it, oldest first."""
    generated_at: str
    """ISO 8601 UTC time of the export."""
    store: str = ""
    tool: str = TOOL
    withheld: str = ""
    """What the public tier withheld from the case (its notice), or ``""`` when read in full."""

    @property
    def tier(self) -> str:
        return "public" if self.withheld else "authority"

    @property
    def subject_id(self) -> str:
        return self.analysis.subject.id

    def file_stem(self) -> str:
        return case_file_stem(self.analysis)


def case_file_stem(analysis: SubjectAnalysis) -> str:
    """``case-<subject record id>-<date or 'current'>``, safe as a file name on any system."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", analysis.subject.record_id)[:60]
    on = analysis.settings.as_of.isoformat() if analysis.settings.as_of else "current"
    return f"case-{safe}-{on}"


def gather_case(
    store: GraphStore, analysis: SubjectAnalysis, *, now: datetime | None = None
) -> CaseData:
    """The case of ``analysis``: the statements of every loaded party and relationship."""
    uids = [*sorted(analysis.subgraph.nodes), *sorted(analysis.subgraph.edges)]
    statements = {uid: tuple(store.statements_for(uid)) for uid in uids}
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    withheld = NOTICE if isinstance(store, PublicTier) else ""
    generated = stamp.isoformat().replace("+00:00", "Z")
    return CaseData(analysis, statements, generated, store.uri, withheld=withheld)
