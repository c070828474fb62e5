"""The results of :func:`bo_graph.analysis.paths.find_paths` and what it accepts: the modes,
the relationship filter, and the report with the limits the search applied."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bo_graph.analysis.interval import TOLERANCE, Interval
from bo_graph.analysis.results import Party
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import Edge, When

PATHS_SCHEMA = "bo-graph/paths/1"
DEFAULT_K = 5
"""Paths asked for in ``shortest`` mode."""
DEFAULT_LIMIT = 100
"""Paths returned at most in ``all`` mode."""


class PathMode(StrEnum):
    """``shortest``: the k shortest paths; ``all``: every simple path up to ``max_hops``."""

    SHORTEST = "shortest"
    ALL = "all"


DEFAULT_MAX_HOPS = {PathMode.SHORTEST: 30, PathMode.ALL: 12}
"""Steps searched when ``find_paths`` is given no ``max_hops``."""
MAX_HOPS = 60
"""The most steps the command line and the UI let a search take."""


@dataclass(frozen=True)
class PathFilter:
    """Which relationships a path may use."""

    interest_types: frozenset[InterestType] | None = None
    """Only relationships with an interest of one of these types in effect."""
    min_share: float | None = None
    """Only relationships whose share (the largest in effect) can reach this percentage."""
    include_unknown_share: bool = True
    """With ``min_share``: keep relationships that give no share at all."""

    @property
    def reads_interests(self) -> bool:
        """False when every relationship in effect passes (nothing to read but its ends)."""
        return self.interest_types is not None or self.min_share is not None

    def accepts(self, edge: Edge, when: When) -> bool:
        interests = edge.interests_in_effect(when)
        if self.interest_types is not None:
            interests = tuple(i for i in interests if i.type in self.interest_types)
            if not interests:
                return False
        if self.min_share is None:
            return True
        shares = [i.share for i in interests if i.share is not None]
        if not shares:
            return self.include_unknown_share
        return any(  # an open upper end (UK PSC "less than 75%") does not reach itself
            s.upper > self.min_share + TOLERANCE
            or (not s.upper_open and s.upper >= self.min_share - TOLERANCE)
            for s in shares
        )


@dataclass(frozen=True, slots=True)
class PathStep:
    edge: str
    start: Party
    end: Party
    direction: str
    """``owns``: ``start`` is the interested party of ``edge``; ``owned_by``: the subject."""
    relation: str
    share: Interval | None
    types: tuple[InterestType | None, ...] = ()
    """The interest types in effect (``None``: a type the register does not give)."""
    service: bool = False
    """Every interest in effect is control by other means recorded as a service (an ICIJ
    intermediary: :func:`~bo_graph.model.service.is_service_control`), not control."""

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "from": self.start.to_json(),
            "to": self.end.to_json(),
            "direction": self.direction,
            "relation": self.relation,
            "share": None if self.share is None else self.share.to_json(),
        }


@dataclass(frozen=True, slots=True)
class PartyPath:
    steps: tuple[PathStep, ...]

    def to_json(self) -> dict[str, Any]:
        nodes = [self.steps[0].start.id] + [s.end.id for s in self.steps] if self.steps else []
        return {
            "length": len(self.steps),
            "nodes": nodes,
            "edges": [s.edge for s in self.steps],
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True)
class PathsReport:
    source: Party
    target: Party
    mode: PathMode
    max_hops: int
    limit: int
    """Paths asked for: ``k`` (``shortest``) or ``limit`` (``all``)."""
    when: When
    paths: tuple[PartyPath, ...]
    total: int
    """Paths found within the limits (``all``: every simple path up to ``max_hops``;
    ``shortest``: ``k + 1`` when a path beyond the ``k`` shortest is known)."""
    total_exact: bool
    capped: bool
    """More paths exist than were returned."""
    explored_nodes: int
    exploration_truncated: bool
    """The search stopped at ``max_nodes``: longer or other paths may exist."""
    not_followed: int = 0
    """Relationships of the parties reached at ``max_hops`` steps that the search did not
    follow (0 unless ``hop_limited``)."""

    @property
    def hop_limited(self) -> bool:
        """The step limit cut the search off: paths longer than ``max_hops`` may exist."""
        return self.not_followed > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": PATHS_SCHEMA,
            "source": self.source.to_json(),
            "target": self.target.to_json(),
            "mode": self.mode.value,
            "max_hops": self.max_hops,
            "limit": self.limit,
            "when": {"as_of": self.when.as_of, "known_at": self.when.known_at},
            "paths": [p.to_json() for p in self.paths],
            "total": self.total,
            "total_exact": self.total_exact,
            "capped": self.capped,
            "explored_nodes": self.explored_nodes,
            "exploration_truncated": self.exploration_truncated,
            "hop_limited": self.hop_limited,
            "not_followed": self.not_followed,
        }
