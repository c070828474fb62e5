"""The compiled bulk writer of a first BODS 0.4 import into an empty embedded store.

``bo_graph_native`` (the Rust crate in ``native/``) writes the same rows as :mod:`.writer`, on a
thread of its own that holds no GIL, so reading and checking (here) and writing (there) use both
cores. What needs the model's rules is computed here and handed over as is: names and their
folded search text, identifier keys, interest types, unspecified parties. The crate derives the
rest from the raw record: provenance, payloads, content hash. A differential test holds both
writers to the same store, row for row.

It is used only where its in-memory decisions are exact: a store with no statements yet, and
statements that replace none. Checked BODS 0.4 records go as read; statements other loaders
translated go with their parts. A statement that replaces others (BODS 0.1-0.3) ends the bulk
session, and the Python writer carries on from what the crate committed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from types import ModuleType
from typing import Any

import orjson

from bo_graph.exc import StoreError
from bo_graph.model.bods04_index import identifier_keys, interest_types, party_names, party_ref
from bo_graph.model.bods04_out import unspecified_to
from bo_graph.model.codes import RecordType
from bo_graph.model.loading import Checked, Rejected
from bo_graph.model.statement import Statement
from bo_graph.store.base import BulkCount, BulkResult
from bo_graph.store.embedded.node_index import search_fields, unspecified_names
from bo_graph.store.serial import provenance_to

_native: ModuleType | None
try:
    import bo_graph_native as _native
except ImportError:  # not built: the Python writer does every import
    _native = None

Handover = tuple[bytes, int, tuple[Any, ...], tuple[Any, ...] | None]


def native_module() -> ModuleType | None:
    return _native


def _party_index(details: Mapping[str, Any]) -> tuple[str, str, str, list[str]]:
    name, name_fold, text = search_fields(party_names(details))
    return name, name_fold, text, sorted(identifier_keys(details))


def _end(value: Any) -> tuple[bytes, str, str, str] | None:
    ref = party_ref(value)
    if isinstance(ref, str):
        return None
    return (orjson.dumps(unspecified_to(ref)), *search_fields(unspecified_names(ref)))


def _index(record_type: RecordType, details: Mapping[str, Any]) -> tuple[Any, ...]:
    if record_type is RecordType.RELATIONSHIP:
        subject = _end(details.get("subject"))
        party = _end(details.get("interestedParty"))
        return interest_types(details), subject, party
    return _party_index(details)


def handover(item: Checked | Statement) -> Handover:
    """``item`` as the crate takes it: ``(raw_bytes, position, index, translated)``. A checked
    BODS 0.4 record goes as read (the crate reads its envelope); a statement another loader
    translated goes with its parts."""
    if isinstance(item, Checked):
        details = item.raw.get("recordDetails") or {}
        return orjson.dumps(item.raw), item.position, _index(item.record_type, details), None
    p = item.provenance
    translated = (
        p.file,
        item.statement_id,
        item.record_id,
        item.record_type.value,
        item.record_status.value,
        item.statement_date,
        p.source,
        p.publication_date,
        p.retrieved_at,
        p.source_format,
        orjson.dumps(provenance_to(p)),
        orjson.dumps(item.bods_details),
    )
    index = _index(item.record_type, item.bods_details)
    return orjson.dumps(item.raw), p.position, index, translated


class BulkSession:
    """One run of the crate's writer over one store file; :meth:`finish` commits and reports."""

    def __init__(self, path: str, seq: int, batch_size: int) -> None:
        assert _native is not None
        self.path = path
        try:
            self.writer = _native.BulkWriter(path, seq)
        except RuntimeError as error:
            raise StoreError(f"{path}: the bulk writer did not start: {error}") from None
        self.batch_size = batch_size
        self.batch: list[Handover] = []
        self.file = ""

    def add(self, item: Checked | Statement, file: str) -> None:
        """Queue ``item``, read from ``file`` (the file its counts go to)."""
        if file != self.file:
            self._submit()
            self.file = file
        if isinstance(item, Checked) and item.file != file:
            item = item.statement()  # the crate takes a raw record's file to be the one read
        self.batch.append(handover(item))
        if len(self.batch) >= self.batch_size:
            self._submit()

    def _submit(self) -> None:
        if self.batch:
            batch, self.batch = self.batch, []
            try:
                self.writer.submit(self.file, batch)
            except RuntimeError:  # the writer stopped: its own error says why
                self._finish_writer()

    def _finish_writer(self) -> dict[str, Any]:
        try:
            outcome: dict[str, Any] = self.writer.finish()
        except RuntimeError as error:
            raise StoreError(f"{self.path}: the bulk writer stopped: {error}") from None
        return outcome

    def finish(self) -> BulkResult:
        """Write what is queued, commit, and return the counts per file and the conflicts
        (a statement id already written with other content)."""
        self._submit()
        outcome = self._finish_writer()
        result = BulkResult(profile=dict(outcome["profile"]))
        for file, loaded, duplicates in outcome["per_file"]:
            count = result.per_file.setdefault(file, BulkCount())  # a file may come twice
            count.loaded += loaded
            count.duplicates += duplicates
        for file, record_file, position, statement_id, raw in outcome["conflicts"]:
            reason = f"statement id {statement_id!r} is already stored with different content"
            rejected = Rejected(record_file, position, reason, orjson.loads(raw))
            result.conflicts.append((file, rejected))
        return result


def stored_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
    return int(row[0]) if row else 0
