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
from bo_graph.model.bods04_index import (
    identifier_keys,
    interest_types,
    party_names,
    party_ref,
    shareholding_bounds,
)
from bo_graph.model.bods04_out import unspecified_to
from bo_graph.model.codes import RecordType
from bo_graph.model.encoded import LastEncoded
from bo_graph.model.loading import Checked, Rejected
from bo_graph.model.statement import Statement
from bo_graph.store.base import BulkCount, BulkResult
from bo_graph.store.embedded.node_index import search_fields, unspecified_names
from bo_graph.store.serial import provenance_to, words

_native: ModuleType | None
try:
    import bo_graph_native as _native
except ImportError:  # not built: the Python writer does every import
    _native = None

Handover = tuple[bytes, int, tuple[Any, ...] | None, tuple[Any, ...] | None]


def native_module() -> ModuleType | None:
    return _native


def _names(names: list[str], neo4j: bool) -> tuple[str, ...]:
    """Display name, folded name and folded names; for Neo4j also the full-text tokens."""
    fields = search_fields(names)
    if not neo4j:
        return fields
    # fulltext.search_text(names): the same words, as " | " holds none
    return (*fields, " ".join(words(fields[2])))


def _party_index(details: Mapping[str, Any], person: bool, neo4j: bool) -> tuple[Any, ...]:
    name, name_fold, text, *tokens = _names(party_names(details, person), neo4j)
    return name, name_fold, text, sorted(identifier_keys(details)), *tokens


def _end(value: Any, neo4j: bool) -> tuple[Any, ...] | None:
    ref = party_ref(value)
    if isinstance(ref, str):
        return None
    return (orjson.dumps(unspecified_to(ref)), *_names(unspecified_names(ref), neo4j))


def _index(record_type: RecordType, details: Mapping[str, Any], neo4j: bool) -> tuple[Any, ...]:
    if record_type is not RecordType.RELATIONSHIP:
        return _party_index(details, record_type is RecordType.PERSON, neo4j)
    ends = _end(details.get("subject"), neo4j), _end(details.get("interestedParty"), neo4j)
    if neo4j:
        return interest_types(details), *ends, *shareholding_bounds(details)
    return interest_types(details), *ends


def _crate_can_index(record_type: RecordType, details: Mapping[str, Any]) -> bool:
    """True where the schema types every field the index reads: a person or an entity; a
    relationship whose ends are both record ids."""
    if record_type is not RecordType.RELATIONSHIP:
        return True
    return (
        details.get("subject").__class__ is str and details.get("interestedParty").__class__ is str
    )


_raw_bytes = LastEncoded()
"""A source record's bytes, once for all the statements translated from it."""


def handover(item: Checked | Statement, neo4j: bool = False) -> Handover:
    """``item`` as the crate takes it: ``(raw_bytes, position, index, translated)``. A checked
    BODS 0.4 record goes as read (the crate reads its envelope); a statement another loader
    translated goes with its parts. ``neo4j`` adds what only the Neo4j files hold: full-text
    tokens, and a relationship's open share bounds.

    For Neo4j, a checked record whose bytes are ASCII and whose indexed fields the schema types
    (:func:`_crate_can_index`) goes without its index (``None``): the crate's writer thread
    derives it by the same rules, which for ASCII text are byte rules
    (``native/src/derive.rs``). That moves about 5 us a statement off this thread, the one a
    Neo4j bulk import waits for. The embedded import keeps computing it here: there the writer
    thread is the busier one."""
    if isinstance(item, Checked):
        raw = orjson.dumps(item.raw)
        details = item.raw.get("recordDetails") or {}
        if neo4j and raw.isascii() and _crate_can_index(item.record_type, details):
            return raw, item.position, None, None  # the crate derives the index (derive.rs)
        return raw, item.position, _index(item.record_type, details, neo4j), None
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
    index = _index(item.record_type, item.bods_details, neo4j)
    return _raw_bytes(item.raw), p.position, index, translated


class BulkSession:
    """One run of the crate's writer; :meth:`finish` commits and reports. ``target`` "sqlite"
    writes the embedded store file ``path``; "neo4j-csv" writes the ``neo4j-admin`` import files
    into the directory ``path`` (see :mod:`bo_graph.store.neo4j_store.bulk`)."""

    def __init__(self, path: str, seq: int, batch_size: int, target: str = "sqlite") -> None:
        assert _native is not None
        self.path = path
        self.neo4j = target == "neo4j-csv"
        try:
            self.writer = _native.BulkWriter(path, seq, target=target)
        except RuntimeError as error:
            raise StoreError(f"{path}: the bulk writer did not start: {error}") from None
        self.files: dict[str, str] = {}
        """What the writer wrote, by label or relationship type (the Neo4j files)."""
        self.multiline = False
        self.longest_line = 0
        self.seq = seq
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
        self.batch.append(handover(item, self.neo4j))
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
        self.files, self.multiline = outcome["files"], outcome["multiline"]
        self.seq, self.longest_line = outcome["seq"], outcome["longest_line"]
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

    def abandon(self) -> BulkResult:
        """The run failed: the embedded store keeps what was given, as the Python writer keeps
        its committed batches."""
        return self.finish()


def stored_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'seq'").fetchone()
    return int(row[0]) if row else 0
