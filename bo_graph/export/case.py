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
from bo_graph.store.public import NOTICE
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
    """``case-<subject record id>-<date or 'current'>``, safe as a file name on any system;
    a view of the registers as they stood on a day K ends ``-known-K`` instead of ``-current``
    (``case-<id>-<date>-known-K`` when both are given)."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", analysis.subject.record_id)[:60]
    as_of, known_at = analysis.settings.as_of, analysis.settings.known_at
    on = [as_of.isoformat()] if as_of else ([] if known_at else ["current"])
    if known_at:
        on.append(f"known-{known_at.isoformat()}")
    return f"case-{safe}-{'-'.join(on)}"


def gather_case(
    store: GraphStore, analysis: SubjectAnalysis, *, now: datetime | None = None
) -> CaseData:
    """The case of ``analysis``: the statements of every loaded party and relationship (of a
    view known at a day, those dated on or before it, as the store reads the view)."""
    uids = [*sorted(analysis.subgraph.nodes), *sorted(analysis.subgraph.edges)]
    known_at = analysis.when.known_at
    statements = {uid: _known(store.statements_for(uid), known_at) for uid in uids}
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    withheld = NOTICE if store.withholds_personal_data else ""
    generated = stamp.isoformat().replace("+00:00", "Z")
    return CaseData(analysis, statements, generated, store.uri, withheld=withheld)


def _known(
    statements: Sequence[StoredStatement], known_at: str | None
) -> tuple[StoredStatement, ...]:
    """The statements dated on or before ``known_at`` (undated ones always count, as in
    :mod:`bo_graph.store.history`); all of them when it is ``None``."""
    return tuple(
        s
        for s in statements
        if known_at is None
        or not s.provenance.statement_date
        or s.provenance.statement_date[:10] <= known_at
    )
