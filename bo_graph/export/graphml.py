"""GraphML of a case: a new NetworkX multigraph built from the case (never a live graph).

Parallel relationships stay separate (the edge key is the relationship id). Every attribute is
a plain string, number or boolean, as GraphML requires; register text is cleaned of control
characters as in the CSV tables (XML 1.0 cannot hold most of them: one in a name made the whole
file unreadable).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import networkx as nx

from bo_graph.analysis.interval import Interval
from bo_graph.export.case import CaseData
from bo_graph.model.codes import InterestType
from bo_graph.model.graph import Edge, Node
from bo_graph.model.records import Interest
from bo_graph.viz.kinds import edge_kind, party_kind
from bo_graph.viz.text import STATUS, clean, identifiers, interest_text


def _share(interval: Interval | None) -> dict[str, Any]:
    if interval is None:
        return {}
    return {"share_min": interval.lo, "share_max": interval.hi, "share": interval.label()}


def _node_attrs(case: CaseData, node: Node) -> dict[str, Any]:
    marks = [m for m in case.analysis.marks if m.target == node.id]
    p = node.provenance
    attrs: dict[str, Any] = {
        "name": node.name,
        "kind": party_kind(node).value,
        "subkind": node.subkind,
        "record_id": node.record_id,
        "jurisdiction": node.jurisdiction or "",
        "identifiers": ", ".join(identifiers(node)),
        "is_subject": node.id == case.subject_id,
        "source": p.source if p else "",
        "statement_id": p.statement_id if p else "",
        "statement_date": (p.statement_date or "") if p else "",
        "flags": ", ".join(m.code for m in marks),
    }
    return attrs | _owner_attrs(case, node.id)


def _owner_attrs(case: CaseData, party: str) -> dict[str, Any]:
    owner = next((o for o in case.analysis.report.owners if o.party.id == party), None)
    if owner is None:
        return {}
    effective = {f"effective_{k}": v for k, v in _share(owner.share).items()}
    return {"beneficial_owner": STATUS[owner.beneficial_owner], **effective}


def _missing_attrs(case: CaseData, party: str) -> dict[str, Any]:
    """A party a relationship names whose record is not in the store (the report warns of it):
    kept as a node, so every relationship of the case is in the graph."""
    attrs: dict[str, Any] = {"name": party, "kind": "missing", "subkind": "missing record"}
    return attrs | {"record_id": party, "is_subject": False} | _owner_attrs(case, party)


def _edge_attrs(case: CaseData, edge: Edge) -> dict[str, Any]:
    when = case.analysis.when
    interests = edge.interests_in_effect(when)
    p = edge.provenance
    attrs: dict[str, Any] = {
        "relationship_id": edge.id,
        "record_id": edge.record_id,
        "kind": edge_kind(i.type for i in interests).value,
        "interests": "; ".join(interest_text(i) for i in interests),
        "source": p.source if p else "",
        "statement_id": p.statement_id if p else "",
        "statement_date": (p.statement_date or "") if p else "",
        "flags": ", ".join(m.code for m in case.analysis.marks if m.target == edge.id),
    }
    attrs.update(_measure(interests, InterestType.SHAREHOLDING, "share"))
    attrs.update(_measure(interests, InterestType.VOTING_RIGHTS, "votes"))
    return attrs


def _measure(interests: Sequence[Interest], kind: InterestType, prefix: str) -> dict[str, Any]:
    """The bounds of the relationship's ``kind`` interests in effect (``share_min``, ...): one
    measure each, so a 51.5% shareholding with (50, 75]% of the votes reads 51.5, not 50-75."""
    shares = [i.share for i in interests if i.type is kind and i.share is not None]
    if not shares:
        return {}
    return {
        f"{prefix}_min": min(s.lower for s in shares),
        f"{prefix}_max": max(s.upper for s in shares),
    }


def _cleaned(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: clean(v) if isinstance(v, str) else v for k, v in attrs.items()}


def case_graph(case: CaseData) -> nx.MultiDiGraph:
    """The case as a fresh multigraph: interested party -> subject."""
    graph = nx.MultiDiGraph(
        subject=case.subject_id,
        generated_at=case.generated_at,
        settings=case.analysis.settings.describe(),
        tier=case.tier,
        withheld=case.withheld,
    )
    subgraph = case.analysis.subgraph
    for node in subgraph.nodes.values():
        graph.add_node(node.id, **_cleaned(_node_attrs(case, node)))
    for edge in sorted(subgraph.edges.values(), key=lambda e: e.id):
        for end in (edge.interested_party, edge.subject):
            if end not in graph:
                graph.add_node(end, **_cleaned(_missing_attrs(case, end)))
        attrs = _cleaned(_edge_attrs(case, edge))
        graph.add_edge(edge.interested_party, edge.subject, key=edge.id, **attrs)
    return graph


def graphml_bytes(case: CaseData) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(case_graph(case), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
