"""Where the trail goes dark, as the owners tab lists it: one line per place, in words.

The opacity engine's dark layers (undisclosed and unidentified owners, with the share that
goes dark there and whether the secrecy is lawful), then what the ownership analysis could not
resolve: circular holdings (computed through, but a layer an investigator has to unpick),
loops it did not invert, holdings of unknown size and shares that do not add up. The same
places as ``bo-graph ubo`` and ``bo-graph flags`` print, so the tabs never disagree.
"""

from __future__ import annotations

from typing import Any

from bo_graph.model.codes import humanise
from bo_graph.viz.opacity_bridge import UNKNOWN_SIZE, layer_share_text
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.text import clean

CIRCULAR = "OPQ-CIRCULAR"


def dark_places(analysis: SubjectAnalysis) -> list[str]:
    """The places, each a short sentence (no markup)."""
    report = analysis.report
    layers = analysis.opacity.summary.get("dark_layers")
    lines = (
        [_layer_line(layer) for layer in layers]
        if isinstance(layers, list)
        else [
            f"undisclosed owner ({humanise(u.party.subkind)}): {clean(u.party.name)}"
            for u in report.unspecified
        ]
    )
    lines += [f"circular holding: {m.explanation}" for m in analysis.marks if m.code == CIRCULAR]
    lines += [
        f"{'closed loop' if c.closed else 'cycle over 100%'}, not computed through: "
        + " → ".join(clean(p.name) for p in c.nodes)
        for c in report.closed_loops
    ]
    lines += [
        f"holding of unknown size: {clean(u.holder.name)} in {clean(u.subject.name)}"
        for u in report.unknown_shares
    ]
    lines += [
        f"shares of {clean(i.subject.name)} add up to {i.total.label()}"
        for i in report.inconsistent
    ]
    return lines


def _layer_line(layer: dict[str, Any]) -> str:
    """One dark layer of the opacity summary (its JSON form)."""
    kind = str(layer.get("kind", ""))
    share = layer_share_text(layer)
    held = (
        ""
        if not isinstance(layer.get("share"), dict)
        else f", a holding {share}"
        if share == UNKNOWN_SIZE
        else f", {share} of the subject"
    )
    lawful = " (lawful: protected by law)" if layer.get("lawful") else ""
    return (
        f"layer {layer.get('layer')}: {clean(str(layer.get('name', '')))} — "
        f"{humanise(kind)}{held}{lawful}"
    )
