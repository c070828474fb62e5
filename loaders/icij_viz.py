"""ICIJ's 2016 Linkurious visualisation JSON: ``{"nodes": [...], "edges": [...]}``.

ICIJ published these coherent subgraphs for its 2016 Panama Papers stories. The business fields
are under ``data.properties``, the node kind in ``data.categories`` (``Company``, ``Officer``,
``Client`` = intermediary, ``Address``), and an officer's role in the edge's
``data.properties.name`` (free text: "Shareholder", "Beneficiay", ...). Everything else is
layout. Node ids are the 2016 ICIJ node ids, so records are ``icij:<id>`` as in the CSVs.
A statement keeps (and its id digests) the record without its layout: a node's ``id`` and
``data.properties`` and ``data.categories``, an edge's ``id``, ``source``, ``target`` and
``data``. The widgets repeat a node or an edge in several files, each time laid out anew
(positions, sizes, colours, the view's edge counts in ``data.statistics``): the same record,
so a duplicate, not a new version.
The file is read twice, streamed: once for the node kinds, once to translate. The data gives
no company type, so a Company node is a foundation or trust by its name ("JULEX FOUNDATION"):
its beneficiaries are beneficiaries of a legal arrangement, a company's are its beneficial
owners (:func:`loaders.icij_nodes.holds_beneficiaries`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from bo_graph.exc import RecordError
from bo_graph.model.loading import LoadItem, Rejected, Warned
from loaders import icij_nodes, icij_roles
from loaders._common import Origin, text
from loaders._sources import Source, iter_json_items

LEAK = "Panama Papers"


def looks_like(record: Any) -> bool:
    return isinstance(record, Mapping) and "nodes" in record and "edges" in record


def looks_like_keys(keys: list[str]) -> bool:
    return "nodes" in keys and "edges" in keys


def _category(node: Mapping[str, Any]) -> str:
    categories = (node.get("data") or {}).get("categories") or {}
    values = list(categories.values()) if isinstance(categories, Mapping) else list(categories)
    return str(values[0]) if values else ""


def read_source(
    source: Source, origin: Origin, holders: set[str] | None = None
) -> Iterator[LoadItem]:
    """The statements of one document; ``holders`` (the record ids of the trusts, foundations
    and arrangements read so far) gains those of this one."""
    origin = replace(origin, source=f"ICIJ Offshore Leaks: {LEAK}")
    holders = set() if holders is None else holders
    kinds: dict[str, str] = {}
    skipped: Counter[str] = Counter()
    count = 0
    for _, node in iter_json_items(source, "nodes.item"):
        count += 1
        if isinstance(node, Mapping) and node.get("id") is not None:
            _remember(node, kinds, holders)
    for position, node in iter_json_items(source, "nodes.item"):
        yield from _node(origin, position, node, skipped)
    for index, edge in iter_json_items(source, "edges.item"):
        yield from _edge(origin, count + index, edge, (kinds, holders), skipped)
    if skipped:
        notes = tuple(f"skipped {n} {what}" for what, n in sorted(skipped.items()))
        yield Warned(origin.file, count, notes)


def _remember(node: Mapping[str, Any], kinds: dict[str, str], holders: set[str]) -> None:
    """A node's category, and whether it is a Company that holds beneficiaries."""
    kinds[str(node["id"])] = kind = _category(node)
    if kind == "Company" and icij_nodes.holds_beneficiaries(_props(node)):
        holders.add(f"icij:{node['id']}")


def _props(item: Mapping[str, Any]) -> dict[str, Any]:
    data = item.get("data")
    props = data.get("properties") if isinstance(data, Mapping) else None
    return dict(props) if isinstance(props, Mapping) else {}


def _node(origin: Origin, position: int, node: Any, skipped: Counter[str]) -> Iterator[LoadItem]:
    if not isinstance(node, Mapping) or node.get("id") is None:
        yield Rejected(origin.file, position, "ICIJ viz: expected a node with an id", node)
        return
    kind = _category(node)
    if kind == "Address":
        skipped["address nodes (addresses are not parties)"] += 1
        return
    row = {**_props(node), "node_id": str(node["id"])}
    warnings: list[str] = []
    if kind == "Company":
        details: Any = icij_nodes.entity(row, warnings)
    elif kind in ("Officer", "Client"):
        details = icij_nodes.party(row, intermediary=kind == "Client")
    else:
        yield Rejected(origin.file, position, f"ICIJ viz: unknown node category {kind!r}", node)
        return
    if warnings:
        yield Warned(origin.file, position, tuple(warnings))
    yield origin.statement(position, f"icij:{node['id']}", details, _node_record(node))


def _edge(
    origin: Origin,
    position: int,
    edge: Any,
    nodes: tuple[dict[str, str], set[str]],
    skipped: Counter[str],
) -> Iterator[LoadItem]:
    """An edge; ``nodes``: the document's node categories, and the arrangements read."""
    kinds, holders = nodes
    if not isinstance(edge, Mapping):
        yield Rejected(origin.file, position, "ICIJ viz: expected an edge object", edge)
        return
    data = edge.get("data")
    kind = (text(data.get("type")) if isinstance(data, Mapping) else None) or ""
    props = _props(edge)
    if (
        icij_roles.edge_kind(kind) == icij_roles.ADDRESS
        or kinds.get(str(edge.get("target"))) == "Address"
    ):
        skipped["registered-address edges (addresses are not parties)"] += 1
        return
    if icij_roles.edge_kind(kind) == icij_roles.SIMILAR:
        skipped["similarity edges (hints, never merged)"] += 1
        return
    label = text(props.get("name")) or kind
    ends = (text(edge.get("source")), text(edge.get("target")))
    warnings: list[str] = []
    try:
        if ends[0] is None or ends[1] is None:
            raise RecordError("expected the source and target node ids")
        pair = (ends[0], ends[1])
        statement = icij_nodes.edge(
            origin, position, pair, label, props, warnings, raw=_edge_record(edge), holders=holders
        )
    except RecordError as error:
        yield Rejected(origin.file, position, f"ICIJ viz: {error.reason}", edge)
        return
    if warnings:
        yield Warned(origin.file, position, tuple(warnings))
    yield statement


def _node_record(node: Mapping[str, Any]) -> dict[str, Any]:
    """A node without its layout: its id, properties and categories."""
    data = node.get("data")
    if not isinstance(data, Mapping):
        return {"id": node["id"]}
    return {
        "id": node["id"],
        "data": {k: data[k] for k in ("properties", "categories") if k in data},
    }


def _edge_record(edge: Mapping[str, Any]) -> dict[str, Any]:
    """An edge without its layout: its id, ends and data (the role and its dates)."""
    return {k: edge[k] for k in ("id", "source", "target", "data") if k in edge}
