"""The embedded store: one SQLite file, no server. The default backend."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from bo_graph.exc import StoreError
from bo_graph.model.statement import Statement
from bo_graph.store.base import FinishResult, GraphStore, WriteResult
from bo_graph.store.embedded.bulk import BulkSession, native_module, stored_seq
from bo_graph.store.embedded.node_index import add_former_names
from bo_graph.store.embedded.reader import Reader
from bo_graph.store.embedded.schema import build_deferred_indexes, connect, defer_indexes
from bo_graph.store.embedded.writer import BatchWriter, resolve_references


class EmbeddedStore(Reader, GraphStore):
    """A durable, transactional graph store in a single SQLite file.

    Many processes may read while one imports (WAL mode). ``readonly=True`` opens the file
    without write access, as the UI of a public tier would.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.uri = str(self.path)
        if not readonly:
            _make_folder(self.path)
        elif not self.path.exists():
            raise StoreError(f"{self.path}: no embedded store here (import something first)")
        self.conn = connect(str(self.path), readonly=readonly)
        self._lock = threading.Lock()
        self._first_write = True
        self._indexes_deferred = False
        self._run_since: int | None = None
        """The arrival counter before this import's first write (its rows come after it)."""

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._defer_indexes_if_empty()
                if self._run_since is None:
                    self._run_since = stored_seq(self.conn)
                result = BatchWriter(self.conn).write(statements)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            return result

    def open_bulk(self, batch_size: int) -> BulkSession | None:
        """The compiled writer for a first import, when it is built and the store has no
        statements yet; ``None`` otherwise (the Python writer then does the import)."""
        if native_module() is None:
            return None
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            self._defer_indexes_if_empty()
            self.conn.execute("COMMIT")
            if not self._indexes_deferred:  # the store holds statements
                return None
            self._run_since = stored_seq(self.conn)
            return BulkSession(str(self.path), self._run_since, batch_size)

    def _defer_indexes_if_empty(self) -> None:
        """A first import into an empty store builds the secondary indexes once at its end."""
        if self._first_write:
            self._first_write = False
            if self.conn.execute("SELECT 1 FROM statements LIMIT 1").fetchone() is None:
                defer_indexes(self.conn)
                self._indexes_deferred = True

    def _build_deferred_indexes(self) -> None:
        if self._indexes_deferred:
            build_deferred_indexes(self.conn)
            self._indexes_deferred = False

    def finish_import(self) -> FinishResult:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._build_deferred_indexes()
                since = stored_seq(self.conn) if self._run_since is None else self._run_since
                joined, loops = resolve_references(self.conn, since)
                add_former_names(self.conn, since)
                self._run_since = None
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        return FinishResult(self.dangling_references(), joined, loops)

    def close(self) -> None:
        """Close the file; an import that stopped early still leaves every index in place."""
        with self._lock:
            if self._indexes_deferred and not self.conn.in_transaction:
                self._build_deferred_indexes()
        self.conn.close()


def _make_folder(path: Path) -> None:
    for folder in path.parents:
        if folder.exists() and not folder.is_dir():
            raise StoreError(f"{path}: expected {folder} to be a folder, found a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise StoreError(
            f"{path}: cannot create the store's folder {path.parent}: {reason}"
        ) from None
