"""The import pipeline: read each file with its loader, write batches, quarantine bad records.

Every run balances ``read = loaded + quarantined + duplicates``: a record is either stored,
already stored (a duplicate), or written to the quarantine file with its file, line and reason.
The pipeline knows loaders only as a function, so it stays below the composition roots.
"""

from __future__ import annotations

import contextlib
import json
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

import orjson

from bo_graph.exc import BoGraphError, SourceError
from bo_graph.gc_pause import collect_young_cycles, cyclic_gc_paused
from bo_graph.model.loading import Checked, LoadItem, Rejected, Warned
from bo_graph.model.statement import Statement
from bo_graph.store.base import BulkResult, BulkWriter, DanglingRef, GraphStore, WriteResult
from bo_graph.store.identity import Merge

ReadFn = Callable[..., Iterator[LoadItem]]
"""``read(path, progress)``; for a bulk import also ``read(path, progress, checked=True)``, so a
loader that can yields :class:`Checked` records instead of statements."""


class StrictStop(BoGraphError):
    """``--strict`` met a bad record."""


class ImportProgress(Protocol):
    def start_file(self, path: Path, total_bytes: int) -> None: ...

    def advance(self, bytes_done: int, records: int) -> None: ...

    def finish_file(self) -> None: ...


@dataclass
class Accounting:
    read: int = 0
    loaded: int = 0
    quarantined: int = 0
    duplicates: int = 0
    warned: int = 0

    @property
    def balanced(self) -> bool:
        return self.read == self.loaded + self.quarantined + self.duplicates

    def line(self) -> str:
        return (
            f"read {self.read} = loaded {self.loaded} + quarantined {self.quarantined} "
            f"+ duplicates {self.duplicates}"
        )

    def to_json(self) -> dict[str, int]:
        return {
            "read": self.read,
            "loaded": self.loaded,
            "quarantined": self.quarantined,
            "duplicates": self.duplicates,
            "warned": self.warned,
        }


@dataclass
class ImportReport:
    accounting: Accounting = field(default_factory=Accounting)
    per_file: dict[str, Accounting] = field(default_factory=dict)
    dangling: list[DanglingRef] = field(default_factory=list)
    joined: list[Merge] = field(default_factory=list)
    """Entity nodes joined by a shared register identifier (``store.identity``)."""
    loops: list[str] = field(default_factory=list)
    """Relationships left out of the graph because the joins made them loops."""
    quarantine_file: Path | None = None
    warnings_file: Path | None = None
    bulk_profile: dict[str, float] | None = None
    """Seconds per kind of work of the store's bulk writer, if it wrote (part of) the run."""

    @property
    def exit_code(self) -> int:
        return 3 if self.accounting.quarantined else 0


class _JsonLinesSink:
    """A JSON Lines file opened on first write, so clean runs leave no empty files."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = None

    def write(self, record: dict[str, Any]) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = self.path.open("ab")
        try:
            line = orjson.dumps(record, default=str)
        except TypeError:  # e.g. a number beyond 64 bits, which real files have
            line = json.dumps(record, default=str, ensure_ascii=False).encode()
        self.handle.write(line + b"\n")

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


class _Run:
    def __init__(
        self,
        store: GraphStore,
        report: ImportReport,
        quarantine: _JsonLinesSink,
        warnings: _JsonLinesSink,
        batch_size: int,
        strict: bool,
    ) -> None:
        self.store, self.report = store, report
        self.quarantine, self.warnings = quarantine, warnings
        self.batch_size, self.strict = batch_size, strict
        self.batch: list[Statement] = []
        self.file_count = Accounting()
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bo-graph-writer")
        self.pending: deque[Future[WriteResult]] = deque()
        self.bulk: BulkWriter | None = None
        self.publications: dict[str, str | None] = {}
        """The publication date of each snapshot register the bulk writer took."""
        self.file = ""
        """The file being read (its counts)."""

    def take(self, item: LoadItem) -> None:
        if self.bulk is not None and isinstance(item, Statement) and self._not_for_bulk(item):
            self.end_bulk()  # the Python writer carries on
        if self.bulk is not None and isinstance(item, Checked | Statement):
            self.file_count.read += 1
            self.bulk.add(item, self.file)
            return
        if isinstance(item, Checked):
            item = item.statement()
        if isinstance(item, Warned):
            self.file_count.warned += 1
            self.warnings.write(
                {"file": item.file, "line": item.position, "warnings": list(item.warnings)}
            )
            return
        self.file_count.read += 1
        if isinstance(item, Rejected):
            self.reject(item)
            return
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def _not_for_bulk(self, item: Statement) -> bool:
        """BODS 0.1-0.3 replacements, and a snapshot statement of a register the bulk writer has
        already taken from another publication: the crate takes each statement id once, so a
        record returning to the content of an earlier snapshot would stay a duplicate there
        (see :mod:`bo_graph.store.admission`)."""
        if item.replaces:
            return True
        if not item.id_from_content:
            return False
        p = item.provenance
        return self.publications.setdefault(p.source_format, p.publication_date) != (
            p.publication_date
        )

    def end_bulk(self) -> None:
        """Commit the bulk writer's work and count it; the Python writer takes what follows."""
        bulk, self.bulk = self.bulk, None
        if bulk is not None:
            self._count_bulk(bulk.finish())

    def _count_bulk(self, result: BulkResult) -> None:
        self.report.bulk_profile = result.profile
        for file, count in result.per_file.items():
            accounting = self.report.per_file.setdefault(file, Accounting())
            accounting.loaded += count.loaded
            accounting.duplicates += count.duplicates
        for file, conflict in result.conflicts:
            self.report.per_file.setdefault(file, Accounting()).quarantined += 1
            self.quarantine.write(conflict.to_json())

    def reject(self, item: Rejected) -> None:
        if self.strict:
            self.drain()
            raise StrictStop(f"{item.file}:{item.position}: {item.reason} (--strict stops here)")
        self.file_count.quarantined += 1
        self.quarantine.write(item.to_json())

    def flush(self) -> None:
        """Hand the batch to the writer thread: the store's C-level work (SQLite, the Neo4j
        socket) runs while this thread reads the next batch. At most two batches wait."""
        if self.batch:
            batch, self.batch = self.batch, []
            self.pending.append(self.writer.submit(self.store.write_batch, batch))
        while len(self.pending) > 2:
            self._account(self.pending.popleft().result())
            collect_young_cycles()

    def drain(self) -> None:
        """Write what is batched and wait for every write to finish."""
        self.end_bulk()
        self.flush()
        while self.pending:
            self._account(self.pending.popleft().result())

    def abandon(self) -> None:
        """A write or the reading failed: cancel the queued writes, let the running one end and
        count what it committed; its error (if any) is the one already being raised. The bulk
        writer keeps what its backend keeps of a failed run (the embedded store commits what it
        was given, as the Python writer keeps its committed batches, and its conflicts still go
        to the quarantine file; the Neo4j bulk import loads nothing)."""
        for future in self.pending:
            future.cancel()
        pending, self.pending = self.pending, deque()
        for future in pending:
            if future.cancelled():
                continue
            try:
                written = future.result()
            except Exception:  # rolled back; the run's error is already being raised
                continue
            self._account(written, stopped=True)
        self.batch = []
        bulk, self.bulk = self.bulk, None
        with contextlib.suppress(BoGraphError):
            result = bulk.abandon() if bulk is not None else None
            if result is not None:
                self._count_bulk(result)

    def close(self) -> None:
        if self.bulk is not None:  # stopped between files: end the writer thread too
            self.abandon()
        self.writer.shutdown(wait=True, cancel_futures=True)

    def uncount_unsettled(self) -> None:
        """The run stopped: each file's ``read`` is what was settled (loaded, quarantined or a
        duplicate), so the accounting is what was committed and balances. Records read but not
        settled (the record that stopped a ``--strict`` run, a batch that was never written or
        whose write failed) are read again by the next import."""
        for count in self.report.per_file.values():
            count.read = count.loaded + count.quarantined + count.duplicates

    def _account(self, result: WriteResult, *, stopped: bool = False) -> None:
        self.file_count.loaded += result.loaded
        self.file_count.duplicates += result.duplicates
        if stopped and self.strict:
            return  # --strict stopped already: later conflicts are neither quarantined nor read
        for conflict in result.conflicts:
            p = conflict.statement.provenance
            self.reject(Rejected(p.file, p.position, conflict.reason, conflict.statement.raw))


def run_import(
    store: GraphStore,
    paths: Sequence[Path],
    read: ReadFn,
    *,
    quarantine_path: Path,
    batch_size: int = 5000,
    strict: bool = False,
    progress: ImportProgress | None = None,
    bulk: bool = False,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import ``paths`` into ``store``; references are resolved once all files are in.

    ``bulk`` lets the store's compiled writer take a first import (see
    :meth:`GraphStore.open_bulk`); ``strict`` runs never use it, since it reports conflicts
    only when it ends. ``report``, if given, is filled in and returned: when the run raises
    (a damaged file, ``--strict``, a store failure), it holds the accounting of what was
    committed before the error, balanced."""
    report = report if report is not None else ImportReport()
    quarantine = _JsonLinesSink(quarantine_path)
    warnings = _JsonLinesSink(quarantine_path.with_name(quarantine_path.stem + ".warnings.jsonl"))
    run = _Run(store, report, quarantine, warnings, batch_size, strict)
    try:
        with cyclic_gc_paused():
            if bulk and not strict:
                run.bulk = store.open_bulk(batch_size)
            for path in paths:
                _import_file(run, path, read, progress)
            run.end_bulk()
            finished = store.finish_import()
            report.dangling, report.joined = finished.dangling, finished.joined
            report.loops = finished.loops
    except BaseException:
        run.abandon()  # count what the writers committed before the error
        run.uncount_unsettled()
        raise
    finally:
        run.close()
        quarantine.close()
        warnings.close()
        _total(report)
        report.quarantine_file = quarantine.path if quarantine.handle else None
        report.warnings_file = warnings.path if warnings.handle else None
    return report


def _import_file(run: _Run, path: Path, read: ReadFn, progress: ImportProgress | None) -> None:
    run.file = str(path)
    run.file_count = run.report.per_file.setdefault(run.file, Accounting())
    if progress is not None:
        progress.start_file(path, path.stat().st_size)
    done = [0]

    def on_bytes(n: int) -> None:
        done[0] = n

    try:
        try:
            items = read(path, on_bytes, checked=True) if run.bulk else read(path, on_bytes)
            for item in items:
                run.take(item)
                if progress is not None and run.file_count.read % 1000 == 0:
                    progress.advance(done[0], run.file_count.read)
        except SourceError:
            run.drain()  # what was read before a damaged part is good and is kept
            raise
        except BaseException:
            run.abandon()  # the store failed (or the user stopped): do not queue more writes
            raise
        if run.bulk is None:
            run.drain()
    finally:
        if progress is not None:
            progress.advance(done[0], run.file_count.read)
            progress.finish_file()


def _total(report: ImportReport) -> None:
    """The run's accounting: the sum of its files'."""
    total = report.accounting = Accounting()
    for count in report.per_file.values():
        total.read += count.read
        total.loaded += count.loaded
        total.quarantined += count.quarantined
        total.duplicates += count.duplicates
        total.warned += count.warned
