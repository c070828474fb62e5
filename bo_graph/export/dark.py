"""Where the trail goes dark, one row per dark layer: what is not known, where the known chain
stops, the jurisdiction a request for the missing layer would go to, and the register statements
that show it.

The rows come from the opacity engine's dark layers (``summary.dark_layers``, docs/flags.md):
each names the unidentified party and the last relationships seen before it. The party those
relationships lead to is where the trail stops; its register (its jurisdiction) holds, or must
be asked for, what is missing. When the layer is an identified company whose own owners are
what is missing (none recorded, not loaded at the party limit, a closed loop), the trail stops
at that company.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bo_graph.export.case import CaseData
from bo_graph.model.codes import EntityType
from bo_graph.model.graph import Node, NodeKind
from bo_graph.model.records import EntityDetails, Provenance
from bo_graph.viz.opacity_bridge import layer_share_text
from bo_graph.viz.tables import Row
from bo_graph.viz.text import clean

UNIDENTIFIED = frozenset({EntityType.UNKNOWN, EntityType.ANONYMOUS})
NOT_RECORDED = "not recorded"
"""The request-to of a party whose jurisdiction the registers do not give."""


@dataclass(frozen=True)
class DarkLayer:
    """One dark layer of a case: the engine's layer, the parties the known chain stops at (whose
    jurisdiction a request would go to) and the statements that show it."""

    layer: Mapping[str, Any]
    """As ``summary.dark_layers`` gives it (docs/flags.md)."""
    stops: tuple[Node, ...]
    cited: tuple[Provenance, ...]
    share: str = ""
    """The share of the subject it carries, as text (``of unknown size`` when it holds shares
    of unknown size, which the engine reads as 0%)."""

    @property
    def party(self) -> str:
        return str(self.layer.get("party", ""))

    @property
    def lawful(self) -> bool:
        return bool(self.layer.get("lawful"))


def dark_layers(case: CaseData) -> list[DarkLayer]:
    """The dark layers of the case, in the engine's order (nearest the subject first)."""
    layers = case.analysis.opacity.summary.get("dark_layers", [])
    return [_layer(case, layer) for layer in layers if isinstance(layer, Mapping)]


def _layer(case: CaseData, layer: Mapping[str, Any]) -> DarkLayer:
    subgraph = case.analysis.subgraph
    edges = [subgraph.edges[e] for e in layer.get("last_visible_edges", []) if e in subgraph.edges]
    node = subgraph.nodes.get(str(layer.get("party", "")))
    if node is not None and _identified_entity(node):
        stops = [node]  # its owners are what is missing (none recorded, not loaded, a loop)
    else:
        stops = [subgraph.nodes[e.subject] for e in edges if e.subject in subgraph.nodes]
    unique = tuple({n.id: n for n in stops}.values())
    cited = tuple(_cited([e.provenance for e in edges] + [_own(node)]))
    share = layer_share_text(layer) if layer.get("share") else ""
    return DarkLayer(layer, unique, cited, share)


def dark_rows(case: CaseData) -> list[Row]:
    """One row per dark layer of the case, in the engine's order (nearest the subject first)."""
    return [_row(d) for d in dark_layers(case)]


def _row(dark: DarkLayer) -> Row:
    layer, cited = dark.layer, dark.cited
    return {
        "layer": layer.get("layer", ""),
        "unknown": clean(str(layer.get("name", ""))),
        "why": clean(str(layer.get("kind", ""))),
        "share": dark.share,
        "stops_at": "; ".join(clean(n.name) for n in dark.stops),
        "request_to": "; ".join(dict.fromkeys(n.jurisdiction or NOT_RECORDED for n in dark.stops)),
        "lawful": "yes" if dark.lawful else "no",
        "registers": "; ".join(dict.fromkeys(clean(p.source) for p in cited)),
        "statement_ids": ", ".join(p.statement_id for p in cited),
        "dates": ", ".join(sorted({p.statement_date for p in cited if p.statement_date})),
        "files": "; ".join(p.cite() for p in cited),
        "party": dark.party,
    }


def _identified_entity(node: Node) -> bool:
    """A company or arrangement the registers identify (not an unknown or anonymous one)."""
    details = node.details
    return isinstance(details, EntityDetails) and details.entity_type not in UNIDENTIFIED


def _own(node: Node | None) -> Provenance | None:
    """The party's own statement, when it is a record of its own (an unknown entity, an
    anonymous person), not an unspecified party stated inside a relationship."""
    return node.provenance if node is not None and node.kind is not NodeKind.UNSPECIFIED else None


def _cited(provenances: Iterable[Provenance | None]) -> list[Provenance]:
    seen: dict[str, Provenance] = {}
    for p in provenances:
        if p is not None:
            seen.setdefault(p.statement_id, p)
    return list(seen.values())
