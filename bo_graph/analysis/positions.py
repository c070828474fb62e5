"""A holder's position in each party it holds: the beneficial-ownership verdict of ``ubo``.

A holdings report goes down from the holder only, so it sees neither the held parties' other
owners nor the trust roles that make a person a beneficial owner. :func:`positions` expands the
owners of the held parties once, from all of them together, and runs the same determination as
``ubo`` for each, so the holdings tab and the owners tab give a person the same verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bo_graph.analysis.grounds import UboPolicy
from bo_graph.analysis.results import OwnerResult, UboReport
from bo_graph.analysis.ubo import DEFAULT_POLICY, determine_ubos
from bo_graph.model.graph import CURRENT, When
from bo_graph.store.base import Direction, GraphStore

MAX_POSITIONS = 50
"""Held parties for which the verdict is computed; the others are left out (not computed)."""

Positions = Mapping[str, OwnerResult | None]
"""Held party id -> the holder's result in its ``ubo`` report (``None``: not upstream of it)."""


def positions(
    store: GraphStore,
    holder: str,
    held: Iterable[str],
    *,
    when: When = CURRENT,
    policy: UboPolicy = DEFAULT_POLICY,
    known: Iterable[UboReport] = (),
    max_depth: int = 30,
    max_nodes: int = 5000,
    limit: int = MAX_POSITIONS,
) -> dict[str, OwnerResult | None]:
    """The holder's result in the ``ubo`` report of each held party (at most ``limit`` of them).

    ``known`` reports (the subject's, already computed with the same policy and date) are used
    as they are."""
    reports = {r.subject.id: r for r in known}
    wanted = list(dict.fromkeys(held))[:limit]
    missing = [h for h in wanted if h not in reports]
    if missing:
        subgraph = store.expand(
            missing, Direction.UP, max_depth=max_depth, max_nodes=max_nodes, when=when
        )
        for party in missing:
            if party in subgraph.nodes:
                reports[party] = determine_ubos(subgraph, party, when=when, policy=policy)
    return {h: _owner(reports[h], holder) for h in wanted if h in reports}


def _owner(report: UboReport, holder: str) -> OwnerResult | None:
    return next((o for o in report.owners if o.party.id == holder), None)
