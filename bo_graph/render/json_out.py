"""The stable JSON shapes of nodes, edges and provenance (documented in docs/json.md)."""

from __future__ import annotations

from typing import Any

from bo_graph.model.graph import Edge, Node
from bo_graph.model.records import EntityDetails, Interest, PersonDetails, Provenance
from bo_graph.model.share import Share
from bo_graph.store.base import DanglingRef, StoreCounts, StoredStatement
from bo_graph.store.serial import provenance_to

JSON = dict[str, Any]


def share_json(share: Share | None) -> JSON | None:
    if share is None:
        return None
    return {
        "min": share.lower,
        "max": share.upper,
        "min_open": share.lower_open,
        "max_open": share.upper_open,
        "label": share.label(),
    }


def provenance_json(p: Provenance | None) -> JSON | None:
    return provenance_to(p) if p is not None else None


def interest_json(i: Interest) -> JSON:
    return {
        "type": i.type.value if i.type else None,
        "share": share_json(i.share),
        "direct_or_indirect": i.direct_or_indirect.value,
        "beneficial_ownership_or_control": i.beneficial_ownership_or_control,
        "start_date": i.start_date,
        "end_date": i.end_date,
        "details": i.details,
    }


def node_json(node: Node) -> JSON:
    details = node.details
    identifiers = []
    if isinstance(details, (PersonDetails, EntityDetails)):
        identifiers = [
            {"scheme": i.scheme, "scheme_name": i.scheme_name, "id": i.id}
            for i in details.identifiers
        ]
    out: JSON = {
        "id": node.id,
        "record_id": node.record_id,
        "kind": node.kind.value,
        "subkind": node.subkind,
        "name": node.name,
        "jurisdiction": node.jurisdiction,
        "identifiers": identifiers,
        "closed": node.closed,
        "provenance": provenance_json(node.provenance),
    }
    if isinstance(details, PersonDetails):  # null when the register does not say
        exposure = details.political_exposure
        out["political_exposure"] = exposure.status if exposure else None
    return out


def edge_json(edge: Edge) -> JSON:
    return {
        "id": edge.id,
        "subject": edge.subject,
        "interested_party": edge.interested_party,
        "interests": [interest_json(i) for i in edge.interests],
        "is_component": edge.is_component,
        "component_records": list(edge.component_records),
        "closed": edge.closed,
        "provenance": provenance_json(edge.provenance),
    }


def counts_json(c: StoreCounts) -> JSON:
    return {
        "statements": c.statements,
        "nodes": c.nodes,
        "edges": c.edges,
        "nodes_by_kind": dict(sorted(c.nodes_by_kind.items())),
        "edges_by_interest": dict(sorted(c.edges_by_interest.items())),
        "sources": dict(sorted(c.sources.items())),
    }


def dangling_json(d: DanglingRef) -> JSON:
    return {
        "edge": d.edge_id,
        "role": d.role,
        "target": d.target,
        "provenance": provenance_json(d.provenance),
    }


def statement_json(s: StoredStatement) -> JSON:
    return {"record": s.record_uid, "provenance": provenance_json(s.provenance), "raw": s.raw}
