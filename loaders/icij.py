"""ICIJ Offshore Leaks loader: the current CSV layout, the 2016 CSV layout and the 2016
Linkurious visualisation JSON.

- Current layout: ``nodes-entities.csv``, ``nodes-officers.csv``, ``nodes-intermediaries.csv``,
  ``nodes-addresses.csv``, ``nodes-others.csv`` and ``relationships.csv`` (``node_id_start,
  node_id_end, rel_type, link, status, start_date, end_date, sourceID``; the free-text role is
  in ``link``).
- 2016 layout: ``Entities.csv``, ``Officers.csv``, ``Intermediaries.csv``, ``Addresses.csv``
  and ``all_edges.csv`` (``node_1, rel_type, node_2, ...``; the role is ``rel_type``).
- 2016 visualisation JSON ``{"nodes": [...], "edges": [...]}``: see :mod:`loaders.icij_viz`.

A multi-file release is imported by passing its files, its folder or its zip: each file is
recognised by its header (never by its name), node files are read before edge files, and every
id is ``icij:<node_id>``, so an edge naming a node of another file resolves at the end of the
run. In a folder or zip, a file that is not ICIJ data is skipped with a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError, SourceError
from bo_graph.model.loading import LoadItem, Rejected, Warned
from loaders import icij_nodes, icij_roles, icij_viz
from loaders._common import Origin, file_date, text
from loaders._io import ProgressFn, first_significant_byte
from loaders._sources import Source, iter_sources
from loaders._tabular import BadRow, CsvReader

NAME = "icij"
SOURCE = "ICIJ Offshore Leaks"
EDGES_2016 = frozenset({"node_1", "rel_type", "node_2"})
EDGES = frozenset({"node_id_start", "node_id_end", "rel_type"})
NODE_KINDS = ("entities", "others", "intermediaries", "officers")


def looks_like(record: Any) -> bool:
    """The Linkurious visualisation document."""
    return icij_viz.looks_like(record)


def csv_kind(header: list[str]) -> str | None:
    """Which ICIJ file a CSV header belongs to, or ``None``."""
    columns = set(header)
    if columns >= EDGES_2016:
        return "edges-2016"
    if columns >= EDGES:
        return "edges"
    if "node_id" not in columns:
        return None
    if "incorporation_date" in columns and "company_type" in columns:
        return "entities"
    if "type" in columns and ("closed_date" in columns or "incorporation_date" in columns):
        return "others"
    if "internal_id" in columns and "status" in columns:
        return "intermediaries"
    if "address" in columns:
        return "addresses"
    return "officers" if "name" in columns else None


def read(path: Path, *, progress: ProgressFn | None = None) -> Iterator[LoadItem]:
    """Yield the statements of every ICIJ file under ``path`` (file, folder or zip)."""
    sources = list(iter_sources(path))
    single = len(sources) == 1 and sources[0].member is None
    for source in sorted(sources, key=_edges_last):
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.basename))
        if first_significant_byte(source) in (b"{", b"["):
            yield from icij_viz.read_source(source, origin)
            continue
        reader = CsvReader(source, progress=progress)
        kind = csv_kind(reader.header)
        if kind is None:
            found = f"not an ICIJ Offshore Leaks file (header {reader.header[:6]})"
            if single:
                raise SourceError(source.name, "line 1", found)
            yield Warned(source.name, 1, (f"{found}: skipped",))
            continue
        yield from _rows(reader, kind, origin)


def _edges_last(source: Source) -> tuple[int, str]:
    name = source.basename.lower()
    return (1 if "edge" in name or "relationship" in name else 0), source.name


def _rows(reader: CsvReader, kind: str, origin: Origin) -> Iterator[LoadItem]:
    skipped: Counter[str] = Counter()
    position = 0
    for position, row in reader.rows():
        if isinstance(row, BadRow):
            yield Rejected(origin.file, position, row.reason, row.text)
            continue
        if kind == "addresses":
            skipped["address nodes (addresses are not parties)"] += 1
            continue
        warnings: list[str] = []
        try:
            items = list(_row(kind, origin, position, row, warnings, skipped))
        except RecordError as error:
            yield Rejected(origin.file, position, f"ICIJ: {error.reason}", row)
            continue
        if warnings:
            yield Warned(origin.file, position, tuple(warnings))
        yield from items
    if skipped:
        notes = tuple(f"skipped {n} {what}" for what, n in sorted(skipped.items()))
        yield Warned(origin.file, position, notes)


def _row(
    kind: str,
    origin: Origin,
    position: int,
    row: Mapping[str, str],
    warnings: list[str],
    skipped: Counter[str],
) -> Iterator[LoadItem]:
    origin = icij_nodes.leak_origin(origin, text(row.get("sourceID")))
    if kind in ("edges", "edges-2016"):
        yield from _edge(kind, origin, position, row, warnings, skipped)
        return
    record_id = icij_nodes.node_id(row.get("node_id"))
    if kind in ("entities", "others"):
        details: Any = icij_nodes.entity(row, warnings)
    else:
        details = icij_nodes.party(row, intermediary=kind == "intermediaries")
    yield origin.statement(position, record_id, details, dict(row))


def _edge(
    kind: str,
    origin: Origin,
    position: int,
    row: Mapping[str, str],
    warnings: list[str],
    skipped: Counter[str],
) -> Iterator[LoadItem]:
    if kind == "edges":
        ends = (text(row.get("node_id_start")), text(row.get("node_id_end")))
        rel_type = text(row.get("rel_type")) or ""
        label = text(row.get("link")) or rel_type
    else:
        ends = (text(row.get("node_1")), text(row.get("node_2")))
        rel_type = label = text(row.get("rel_type")) or ""
    if ends[0] is None or ends[1] is None:
        raise RecordError("expected the ids of both nodes of the edge", field="node_id")
    edge_kind = icij_roles.edge_kind(rel_type)
    if edge_kind == icij_roles.ROLE:
        edge_kind = icij_roles.edge_kind(label)
    if edge_kind == icij_roles.ADDRESS:
        skipped["registered-address edges (addresses are not parties)"] += 1
    elif edge_kind == icij_roles.SIMILAR:
        skipped["similarity edges (hints, never merged)"] += 1
    else:
        yield icij_nodes.edge(origin, position, (ends[0], ends[1]), label, row, warnings)
