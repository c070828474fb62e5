"""GLEIF loader: LEI records (Level 1), relationship records (Level 2) and reporting exceptions.

Layouts, each told apart by its content:

- XML golden copy (``LEIData``, ``RelationshipData``, ``ReportingExceptionData``), streamed
  record by record (:mod:`loaders.gleif_xml`), so memory stays flat on the multi-gigabyte
  files; a record's position is the line where it starts, and a quarantine reason also gives
  its ordinal (``record 2``) for files whose records share a line. The header's
  ``ContentDate`` is the publication date.
- Golden-copy JSON ``{"records": [...]}``, every value wrapped as ``{"$": ...}`` and attributes
  as ``@`` keys, streamed item by item.
- API JSON (JSON:API ``data``), see :mod:`loaders.gleif_api`. The LEI records of a parent or
  children lookup also give the consolidation relationship the lookup implies, when the
  response's links say which LEI it was asked about.
- Plain records (the element names as keys, e.g. the XML-to-dict conversions of
  bodspipelines), as a JSON array or JSON Lines.

The mapping to the model is in :mod:`loaders.gleif_records`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.parsers import expat

from bo_graph.exc import RecordError, SourceError
from bo_graph.model.loading import LoadItem, Rejected, Warned
from loaders import gleif_api, gleif_records
from loaders._common import Origin, file_date, iso_date, text
from loaders._io import (
    READ_ERRORS,
    BadLine,
    ProgressFn,
    first_significant_byte,
    iter_json_records,
)
from loaders._sources import Source, iter_json_items, iter_sources, load_json, top_level_keys
from loaders.gleif_xml import XmlRecords, local

NAME = "gleif"
SOURCE = "GLEIF Global LEI Index"
ROOT_ELEMENTS = frozenset({"LEIData", "RelationshipData", "ReportingExceptionData"})
RECORD_ELEMENTS = frozenset({"LEIRecord", "RelationshipRecord", "Exception"})


def looks_like(record: Any) -> bool:
    """A plain GLEIF record or an API resource."""
    return gleif_records.kind_of(record) is not None or gleif_api.is_resource(record)


def looks_like_root(element: str) -> bool:
    return element in ROOT_ELEMENTS or element in RECORD_ELEMENTS


def looks_like_keys(keys: list[str]) -> bool:
    """The top-level keys of a golden-copy JSON or API response document."""
    return keys[:1] == ["records"] or ("data" in keys and ("meta" in keys or "links" in keys))


def read(path: Path, *, progress: ProgressFn | None = None) -> Iterator[LoadItem]:
    """Yield the statements of every GLEIF record under ``path``."""
    for source in iter_sources(path):
        origin = Origin(SOURCE, source.name, NAME, publication_date=file_date(source.basename))
        first = first_significant_byte(source)
        if first == b"<":
            yield from _xml(source, origin, progress)
            continue
        if first not in (b"{", b"["):
            raise SourceError(source.name, "byte 0", f"expected GLEIF XML or JSON, found {first!r}")
        keys = top_level_keys(source) if first == b"{" else []
        if keys[:1] == ["records"]:
            yield from _golden(source, origin, progress)
        elif looks_like_keys(keys):
            yield from _api(source, origin)
        else:
            yield from _plain_records(source, origin, progress)


def _one(
    origin: Origin, position: int, record: Any, raw: Any, where: str | None = None
) -> Iterator[LoadItem]:
    """The statements of one record, or its quarantine; ``where`` places it in the file when
    ``position`` alone does not (``record N`` of an XML file whose records share a line)."""
    try:
        statements = gleif_records.translate(origin, position, record, raw)
    except RecordError as error:
        prefix = f"GLEIF {where}" if where else "GLEIF"
        yield Rejected(origin.file, position, f"{prefix}: {error.reason}", raw)
        return
    yield from statements


def element_to_plain(element: ET.Element) -> Any:
    """An XML element as plain data: text for a leaf, a dict of children (repeated children
    as lists) otherwise. Attributes are dropped."""
    children = list(element)
    if not children:
        return text(element.text)
    out: dict[str, Any] = {}
    for child in children:
        key, value = local(child.tag), element_to_plain(child)
        if key in out:
            previous = out[key]
            out[key] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            out[key] = value
    return out


def _xml(source: Source, origin: Origin, progress: ProgressFn | None) -> Iterator[LoadItem]:
    with source.open(progress) as handle:
        records = XmlRecords(handle, RECORD_ELEMENTS)
        try:
            for record in records:
                if origin.publication_date is None:
                    origin = replace(origin, publication_date=_date(records.content_date))
                plain = element_to_plain(record.element)
                yield from _one(origin, record.line, plain, plain, f"record {record.ordinal}")
        except expat.ExpatError as error:
            raise SourceError(
                source.name,
                f"line {error.lineno}",
                f"invalid XML: {expat.ErrorString(error.code)} (column {error.offset + 1})",
            ) from None
        except READ_ERRORS as error:
            raise SourceError(
                source.name, f"after record {records.count}", f"corrupt file: {error}"
            ) from None


def _date(value: Any) -> str | None:
    try:
        return iso_date(value)
    except RecordError:
        return None


def unwrap(value: Any) -> Any:
    """Golden-copy JSON without its ``{"$": ...}`` wrappers and ``@`` attributes."""
    if isinstance(value, Mapping):
        if "$" in value:
            return value["$"]
        return {k: unwrap(v) for k, v in value.items() if not k.startswith("@")}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def _golden(source: Source, origin: Origin, progress: ProgressFn | None) -> Iterator[LoadItem]:
    for position, raw in iter_json_items(source, "records.item", progress):
        yield from _one(origin, position, unwrap(raw), raw)


def _api(source: Source, origin: Origin) -> Iterator[LoadItem]:
    document = load_json(source)
    origin = replace(origin, publication_date=_date(gleif_api.publish_date(document)))
    note = gleif_api.pagination_warning(document)
    if note:
        yield Warned(source.name, 1, (note,))
    lookup = gleif_api.lookup(document)
    for position, resource in gleif_api.resources(document):
        if not gleif_api.is_resource(resource):
            reason = (
                "expected a GLEIF API resource (lei-records, relationship-records, "
                "reporting-exceptions) with attributes"
            )
            yield Rejected(source.name, position, reason, resource)
            continue
        record = gleif_api.plain(resource)
        translated = list(_one(origin, position, record, resource))
        yield from translated
        if lookup is not None and resource["type"] == "lei-records":
            loaded = not any(isinstance(item, Rejected) for item in translated)
            yield from _implied(origin, position, lookup, record, resource, loaded)


def _implied(
    origin: Origin,
    position: int,
    lookup: gleif_api.Lookup,
    record: Any,
    raw: Any,
    record_loaded: bool,
) -> Iterator[LoadItem]:
    """The relationship the LEI record ``record`` of a lookup's response implies, translated
    as its relationship record is: same record id, interest and provenance (this file, this
    record's position); undated, so that record, which is dated, stays the current version
    whichever is imported first.

    The link stands on the record's LEI alone: a record quarantined for another field (a date
    GLEIF wrote wrong) still gives it, its subject then a reference the import reports as
    dangling. A record whose LEI is unusable gives no link, and its own quarantine entry
    already says why; the link is not quarantined a second time."""
    try:
        yield gleif_records.relationship_record(origin, position, lookup.implied(record), raw)
    except RecordError as error:
        if record_loaded:
            yield Rejected(origin.file, position, f"GLEIF {lookup}: {error.reason}", raw)


def _plain_records(
    source: Source, origin: Origin, progress: ProgressFn | None
) -> Iterator[LoadItem]:
    for position, raw in iter_json_records(source, progress):
        if isinstance(raw, BadLine):
            yield Rejected(source.name, position, raw.error, raw.text)
        elif gleif_api.is_resource(raw):
            yield from _one(origin, position, gleif_api.plain(raw), raw)
        else:
            yield from _one(origin, position, raw, raw)
