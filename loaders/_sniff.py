"""Format detection beyond JSON records: CSV by header, XML by root element, JSON documents by
their top-level keys, and zip archives and folders by their members.

:func:`detect` returns a format name, or ``None`` for a plain JSON file whose records must be
looked at (the caller's record-based detection). Content it recognises as CSV, XML, an archive
or a folder but cannot place raises :class:`ConfigError` with what it found.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bo_graph.exc import ConfigError, SourceError
from loaders import gleif, icij, icij_viz, uk_companies
from loaders._io import READ_ERRORS, first_records, iter_json_records
from loaders._sources import Source, iter_sources, top_level_keys
from loaders._tabular import header_of

RecordDetector = Callable[[list[Any]], str | None]
DELIMITERS = (",", ";", "\t", "|")
CSV_HINT = "for another register's CSV use --format csv --mapping FILE"


def detect(path: Path, by_records: RecordDetector) -> str | None:
    """The format of ``path`` (file, zip or folder), or ``None`` for a plain JSON file."""
    sources = list(iter_sources(path))
    if len(sources) == 1 and sources[0].member is None and not path.is_dir():
        return detect_source(sources[0], by_records, plain_json=True)
    found: dict[str, str] = {}
    for source in sources:
        name = detect_source(source, by_records, plain_json=False, strict=False)
        if name is not None:
            found.setdefault(name, source.name)
    if not found:
        raise ConfigError(f"{path}: no member in a format bo-graph knows ({CSV_HINT})")
    if len(found) > 1:
        listed = ", ".join(f"{n} ({s})" for n, s in sorted(found.items()))
        raise ConfigError(f"{path}: holds several formats: {listed}; import them separately")
    return next(iter(found))


def detect_source(
    source: Source, by_records: RecordDetector, *, plain_json: bool, strict: bool = True
) -> str | None:
    head = source.head(65536).lstrip(b" \t\r\n\xef\xbb\xbf")
    if not head:
        return _unknown(source, "it is empty", strict)
    if head[:1] == b"<":
        return _xml(source, strict)
    if head[:1] in (b"{", b"["):
        return _json(source, by_records, plain_json, strict)
    return _csv(source, strict)


def _unknown(source: Source, what: str, strict: bool) -> str | None:
    if strict:
        raise ConfigError(f"{source.name}: cannot tell the format: {what} ({CSV_HINT})")
    return None


def _xml(source: Source, strict: bool) -> str | None:
    root = None
    with source.open() as handle:
        try:
            for _, element in ET.iterparse(handle, events=("start",)):
                root = element.tag.rsplit("}", 1)[-1]
                break
        except (ET.ParseError, *READ_ERRORS):
            pass
    if root is not None and gleif.looks_like_root(root):
        return gleif.NAME
    return _unknown(source, f"XML with root element {root!r}", strict)


def _json(source: Source, by_records: RecordDetector, plain_json: bool, strict: bool) -> str | None:
    keys = top_level_keys(source)
    if gleif.looks_like_keys(keys):
        return gleif.NAME
    if icij_viz.looks_like_keys(keys):
        return icij.NAME
    if plain_json:
        return None
    try:
        first = first_records(iter_json_records(source))
    except SourceError:
        return _unknown(source, "unreadable JSON", strict)
    return by_records(first) or _unknown(source, f"JSON with keys {keys[:8]}", strict)


def _csv(source: Source, strict: bool) -> str | None:
    header: list[str] = []
    for delimiter in DELIMITERS:
        header = header_of(source, delimiter)
        if len(header) > 1:
            break
    if uk_companies.looks_like_header(header):
        return uk_companies.NAME
    if icij.csv_kind(header) is not None:
        return icij.NAME
    return _unknown(source, f"a table with header {header[:8]}", strict)
