"""The one place the UI and the exports call the opacity engine (``bo_graph.analysis.opacity``).

The engine's JSON form (``FlagReport.to_json()``, docs/flags.md) is turned into
:class:`~bo_graph.viz.marks.Mark` objects, so the drawing code depends on the documented JSON
shape only, not on the engine's classes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bo_graph.analysis.interval import Interval
from bo_graph.analysis.opacity.evaluate import flags_report
from bo_graph.analysis.opacity.jurisdictions import ListSet
from bo_graph.analysis.opacity.registry import RULES
from bo_graph.analysis.opacity.spec import configure
from bo_graph.analysis.opacity.text import summary_lines
from bo_graph.model.graph import When
from bo_graph.store.base import GraphStore
from bo_graph.viz.marks import Mark, marks_from_flags


@dataclass(frozen=True)
class OpacityResult:
    marks: tuple[Mark, ...] = ()
    summary: dict[str, Any] = field(default_factory=dict)
    """The engine's opacity summary (dark layers, opaque share, score) in its JSON form."""
    summary_text: str = ""
    """The same summary as ``bo-graph flags`` prints it."""
    truncated: dict[str, int] = field(default_factory=dict)
    """Parties whose owners were not read (the party limit): the flags and score miss them."""
    rules: dict[str, str] = field(default_factory=dict)
    """Rule code -> title, for every rule that ran."""
    flags_json: tuple[dict[str, Any], ...] = ()
    available: bool = True
    note: str = ""

    def headline(self) -> dict[str, str]:
        """Score, opaque and identified share, dark layers: short texts for the page header."""
        summary = self.summary
        if not summary:
            return {}
        score = summary.get("score", {}).get("total")
        return {
            "opacity score": f"{score:g}" if isinstance(score, (int, float)) else "-",
            "opaque share": share_text(summary.get("opaque_share")),
            "identified share": share_text(summary.get("identified_share")),
            "through arrangements": share_text(summary.get("arrangement_share")),
            "dark layers": str(len(summary.get("dark_layers", []))),
        }


def share_text(data: Any) -> str:
    """An interval in its JSON form (``{"min", "max", "min_open", "max_open"}``) as text."""
    if not isinstance(data, dict):
        return "-"
    interval = Interval(
        float(data.get("min", 0.0)),
        float(data.get("max", 0.0)),
        bool(data.get("min_open", False)),
        bool(data.get("max_open", False)),
    )
    return interval.clamped().short_label()


UNKNOWN_SIZE = "of unknown size"


def layer_share_text(layer: Mapping[str, Any]) -> str:
    """A dark layer's share of the subject as text (its JSON form, ``summary.dark_layers``):
    ``of unknown size`` when it holds shares whose size the registers do not give
    (``share_unknown``: the engine counts them as 0%), else its share."""
    if layer.get("share_unknown"):
        return UNKNOWN_SIZE
    return share_text(layer.get("share"))


def opacity_result(
    store: GraphStore,
    subject: str,
    when: When,
    max_nodes: int,
    *,
    threshold: float = 25.0,
    lists: ListSet | None = None,
) -> OpacityResult:
    """The opacity flags of ``subject`` as marks, with the engine's summary; the rules use the
    view's threshold and the configured jurisdiction lists (``None``: the shipped ones)."""
    config = configure(RULES, None, [f"threshold={threshold:g}"])
    report = flags_report(
        store, subject, when=when, config=config, lists=lists, max_nodes=max_nodes
    )
    data = report.to_json()
    ran = set(data.get("rules", []))
    titles = {rule.code: rule.title for rule in RULES if rule.code in ran}
    flags = tuple(data.get("flags", []))
    return OpacityResult(
        marks=tuple(marks_from_flags(flags, subject, titles)),
        summary=dict(data.get("summary", {})),
        summary_text="\n".join(summary_lines(report)),
        truncated=dict(report.truncated),
        rules=titles,
        flags_json=flags,
    )
