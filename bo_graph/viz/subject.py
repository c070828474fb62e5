"""Everything the subject view shows, computed once from the store: one function, no UI.

:func:`analyse_subject` expands the subject's owners, determines its beneficial owners under the
chosen threshold and method, runs the opacity rules and builds the drawn view. The app, the
exports and the render benchmark all go through it, so they show the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bo_graph.analysis.grounds import UboPolicy
from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method
from bo_graph.analysis.opacity.jurisdictions import ListSet
from bo_graph.analysis.results import UboReport
from bo_graph.analysis.ubo import determine_ubos
from bo_graph.model.graph import Node, Subgraph, When
from bo_graph.store.base import Direction, GraphStore
from bo_graph.viz.marks import Mark
from bo_graph.viz.opacity_bridge import OpacityResult, opacity_result
from bo_graph.viz.view import DEFAULT_MAX_OWNERS, GraphView, build_view

DEFAULT_MAX_NODES = 500
DEFAULT_MAX_DEPTH = 30


@dataclass(frozen=True)
class Settings:
    """The controls of the subject view."""

    as_of: date | None = None
    known_at: date | None = None
    """Only statements dated on or before it: what the registers said then (``When``)."""
    threshold: float = 25.0
    rule: ThresholdRule = ThresholdRule.AT_LEAST
    method: Method = Method.INTEGRATED
    max_nodes: int = DEFAULT_MAX_NODES
    max_owners: int = DEFAULT_MAX_OWNERS
    expanded: frozenset[str] = frozenset()
    lists: ListSet | None = field(default=None, compare=False)
    """Jurisdiction lists for the opacity rules (``None``: the shipped ones)."""

    @property
    def when(self) -> When:
        return When(as_of=_day(self.as_of), known_at=_day(self.known_at))

    @property
    def policy(self) -> UboPolicy:
        """The beneficial-ownership test of the view: threshold, rule and method."""
        return UboPolicy(threshold=self.threshold, rule=self.rule, method=self.method)

    def describe(self) -> str:
        test = f"threshold {self.rule.value} {self.threshold:g}%; method {self.method.value}"
        return f"{self.period()}; {test}"

    def period(self) -> str:
        """The view's dates in words: ``in effect on D``, ``as the registers stood on K``."""
        on = [f"in effect on {self.as_of.isoformat()}"] if self.as_of else []
        if self.known_at:
            on.append(f"as the registers stood on {self.known_at.isoformat()}")
        return ", ".join(on) or "current state (today)"

    def absent(self, name: str) -> str:
        """Why the subject has no record in this view: ``X has no record as the registers
        stood on K`` (known-at alone also dates the view, ``When``), ``… in effect on D``,
        ``… today``."""
        when = self.period() if self.as_of or self.known_at else "today"
        return f"{name} has no record {when}: choose another date."


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class SubjectAnalysis:
    subject: Node
    settings: Settings
    subgraph: Subgraph
    report: UboReport
    opacity: OpacityResult
    view: GraphView
    names: Mapping[str, str] = field(default_factory=dict)

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self.opacity.marks

    @property
    def when(self) -> When:
        return self.settings.when


OpacityFn = Callable[..., OpacityResult]


def analyse_subject(
    store: GraphStore,
    subject: Node,
    settings: Settings,
    *,
    opacity: OpacityFn = opacity_result,
) -> SubjectAnalysis:
    """The subject view of ``subject`` under ``settings`` (see the module docs)."""
    when = settings.when
    subgraph = store.expand(
        [subject.id],
        Direction.UP,
        max_depth=DEFAULT_MAX_DEPTH,
        max_nodes=max(2, settings.max_nodes),
        when=when,
    )
    report = determine_ubos(subgraph, subject.id, when=when, policy=settings.policy)
    flags = opacity(
        store,
        subject.id,
        when,
        max(2, settings.max_nodes),
        threshold=settings.threshold,
        lists=settings.lists,
    )
    view = rebuild_view(subgraph, subject.id, report, flags.marks, settings)
    names = {n.id: n.name for n in subgraph.nodes.values()}
    return SubjectAnalysis(subject, settings, subgraph, report, flags, view, names)


def rebuild_view(
    subgraph: Subgraph,
    subject: str,
    report: UboReport,
    marks: Collection[Mark],
    settings: Settings,
) -> GraphView:
    """The drawn view only (after expanding a collapsed node: nothing else changes)."""
    return build_view(
        subgraph,
        subject,
        when=settings.when,
        report=report,
        marks=tuple(marks),
        expanded=settings.expanded,
        max_owners=settings.max_owners,
    )


def summary_json(analysis: SubjectAnalysis) -> dict[str, Any]:
    """What the view was computed from, for exports and the report header."""
    s = analysis.settings
    return {
        "subject": {"id": analysis.subject.id, "name": analysis.subject.name},
        "as_of": _day(s.as_of),
        "known_at": _day(s.known_at),
        "threshold": s.threshold,
        "threshold_rule": analysis.report.rule.value,
        "method": s.method.value,
        "max_nodes": s.max_nodes,
        "parties_loaded": len(analysis.subgraph.nodes),
        "relationships_loaded": len(analysis.subgraph.edges),
        "not_loaded": dict(sorted(analysis.subgraph.truncated.items())),
        "collapsed": dict(sorted(analysis.view.collapsed.items())),
    }
