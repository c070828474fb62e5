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
run. A "beneficiary of" edge needs its subject's kind (a trust or foundation, or a company:
:mod:`loaders.icij_roles`), which is known only from the node files of the same path (folder,
zip): an edge file imported as a path of its own takes every subject for a company.

In a folder or zip, a file that is not ICIJ data (another CSV, a README, a binary or non-UTF-8
file, JSON without ``nodes``/``edges``) is skipped with a warning naming it. A file that bears
the name of an ICIJ node or edge file (``nodes-officers.csv``, ``Officers.csv``,
``all_edges.csv``, ...; see :data:`KNOWN_FILES`) but cannot be read as one stops the run with an
error naming the file and line: skipping it would silently drop a part of the release. Its
records are still read one by one: a row that is not valid UTF-8 is quarantined, the file goes
on. A single file given on its own is an error whenever it is not ICIJ data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bo_graph.exc import RecordError, SourceError
from bo_graph.model.loading import LoadItem, Rejected, Warned
from loaders import icij_nodes, icij_roles, icij_viz
from loaders._common import Origin, file_date, text
from loaders._io import ProgressFn, first_significant_byte
from loaders._sources import Source, iter_sources, top_level_keys
from loaders._tabular import BadRow, CsvReader

NAME = "icij"
SOURCE = "ICIJ Offshore Leaks"
EDGES_2016 = frozenset({"node_1", "rel_type", "node_2"})
EDGES = frozenset({"node_id_start", "node_id_end", "rel_type"})
NODE_KINDS = ("entities", "others", "intermediaries", "officers")
NOT_ICIJ = "not an ICIJ Offshore Leaks file"
KNOWN_FILES = re.compile(
    r"(nodes-(entities|officers|intermediaries|others)|relationships|entities|officers"
    r"|intermediaries|all_edges)([-_.][^/]*)?\.csv(\.gz)?",
    re.IGNORECASE,
)
"""The names of the ICIJ files whose records become statements (``Entities_mini.csv`` too);
address files are not among them: their rows are skipped anyway."""


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
    holders: set[str] = set()  # the trusts, foundations and arrangements read so far
    for source in sorted(sources, key=_edges_last):
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.basename))
        try:
            csv_file = _identify(source, progress)
        except SourceError as error:
            yield _skipped(source, error, single)
            continue
        if csv_file is None:
            yield from icij_viz.read_source(source, origin, holders)
        else:
            yield from _rows(*csv_file, origin, holders)


def _identify(source: Source, progress: ProgressFn | None) -> tuple[CsvReader, str] | None:
    """The reader and kind of an ICIJ CSV file, ``None`` for the visualisation JSON. A file that is
    neither raises :class:`SourceError`, as does one that cannot be decoded or opened."""
    if first_significant_byte(source) in (b"{", b"["):
        keys = top_level_keys(source)
        if "nodes" in keys or "edges" in keys:
            return None
        found = "JSON without the visualisation's nodes and edges"
        raise SourceError(source.name, "byte 0", f"{NOT_ICIJ} ({found})")
    _refuse_binary(source)
    reader = CsvReader(source, progress=progress)
    kind = csv_kind(reader.header)
    if kind is None:
        raise SourceError(source.name, "line 1", f"{NOT_ICIJ} (header {reader.header[:6]})")
    return reader, kind


def _refuse_binary(source: Source) -> None:
    """A NUL byte near the start: a binary file (a PDF, a spreadsheet) or UTF-16 text, never
    ICIJ's UTF-8 CSV."""
    head = source.head(4096)
    at = head.find(b"\x00")
    if at >= 0:
        line = head[:at].count(b"\n") + 1
        found = f"binary data or UTF-16 text: a NUL byte at byte {at}"
        raise SourceError(source.name, f"line {line}", f"{NOT_ICIJ} ({found})")


def _skipped(source: Source, error: SourceError, single: bool) -> Warned:
    """The warning for a file of a folder or zip that is no ICIJ data. Raises ``error`` for a
    single file, and for a file named as an ICIJ node or edge file (:data:`KNOWN_FILES`)."""
    if single:
        raise error
    if KNOWN_FILES.fullmatch(source.basename):
        raise SourceError(
            error.path,
            error.position,
            f"{error.cause}; {source.basename} is named as an ICIJ Offshore Leaks file: repair "
            "it (ICIJ publishes comma-separated UTF-8) or take it out of the import",
        )
    if error.cause.startswith(NOT_ICIJ):
        return Warned(source.name, 1, (f"{error.cause}: skipped",))
    found = f"{NOT_ICIJ} by its name, and unreadable ({error.cause})"
    return Warned(source.name, 1, (f"{found}: skipped",))


def _edges_last(source: Source) -> tuple[int, str]:
    name = source.basename.lower()
    return (1 if "edge" in name or "relationship" in name else 0), source.name


def _rows(reader: CsvReader, kind: str, origin: Origin, holders: set[str]) -> Iterator[LoadItem]:
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
            items = list(_row(kind, origin, position, row, _Notes(warnings, skipped, holders)))
        except RecordError as error:
            yield Rejected(origin.file, position, f"ICIJ: {error.reason}", row)
            continue
        if warnings:
            yield Warned(origin.file, position, tuple(warnings))
        yield from items
    if skipped:
        notes = tuple(f"skipped {n} {what}" for what, n in sorted(skipped.items()))
        yield Warned(origin.file, position, notes)


@dataclass(frozen=True)
class _Notes:
    """What reading a row adds to: its warnings, the file's skipped records by kind, and the
    trusts, foundations and arrangements of the run (:func:`icij_nodes.holds_beneficiaries`)."""

    warnings: list[str]
    skipped: Counter[str]
    holders: set[str]


def _row(
    kind: str, origin: Origin, position: int, row: Mapping[str, str], notes: _Notes
) -> Iterator[LoadItem]:
    origin = icij_nodes.leak_origin(origin, text(row.get("sourceID")))
    if kind in ("edges", "edges-2016"):
        yield from _edge(kind, origin, position, row, notes)
        return
    record_id = icij_nodes.node_id(row.get("node_id"))
    if kind in ("entities", "others"):
        details: Any = icij_nodes.entity(row, notes.warnings)
        if icij_nodes.holds_beneficiaries(row):
            notes.holders.add(record_id)
    else:
        details = icij_nodes.party(row, intermediary=kind == "intermediaries")
    yield origin.statement(position, record_id, details, dict(row))


def _edge(
    kind: str, origin: Origin, position: int, row: Mapping[str, str], notes: _Notes
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
        notes.skipped["registered-address edges (addresses are not parties)"] += 1
    elif edge_kind == icij_roles.SIMILAR:
        notes.skipped["similarity edges (hints, never merged)"] += 1
    else:
        pair, warnings = (ends[0], ends[1]), notes.warnings
        yield icij_nodes.edge(origin, position, pair, label, row, warnings, holders=notes.holders)
