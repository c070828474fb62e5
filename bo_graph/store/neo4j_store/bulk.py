"""A first import into the local server's empty database, through ``neo4j-admin``.

The compiled writer (``native/``, target "neo4j-csv") turns the checked records into the CSV
files of exactly the nodes and relationships the transactional writer would store; the local
server is then stopped, ``neo4j-admin database import full`` loads the files, and the server is
started again on the same port, where the constraints and indexes are built over the loaded
data and the arrival counter is set. ``finish_import`` then resolves references as after any
import. A differential test holds the result to the transactional writer's, node for node.

It is used only where it is exact and safe: the server is the local one bo-graph manages
(``BO_GRAPH_NEO4J_HOME``), its database holds no statement, and no statement replaces another
(a BODS 0.1-0.3 replacement ends the bulk session and the transactional writer carries on).
"""

from __future__ import annotations

import contextlib
import fcntl
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, LiteralString

from bo_graph.exc import BoGraphError, StoreError
from bo_graph.model.loading import Checked
from bo_graph.model.statement import Statement
from bo_graph.store.base import BulkResult
from bo_graph.store.embedded.bulk import BulkSession
from bo_graph.store.neo4j_admin import (
    LocalServer,
    admin_import,
    check_free_space,
    drop_database,
    stop_for_import,
)
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.schema import AWAIT_LOADED_INDEXES, ensure_schema

if TYPE_CHECKING:
    from bo_graph.store.neo4j_store import Neo4jStore

ANY_DATA: LiteralString = "MATCH (n) WHERE NOT n:Meta RETURN 1 AS found LIMIT 1"
STORED_SEQ: LiteralString = "OPTIONAL MATCH (m:Meta {key: 'seq'}) RETURN m.value AS seq"
SET_SEQ: LiteralString = "MERGE (m:Meta {key: 'seq'}) SET m.value = $seq, m.locked = true"
"""As the transactional writer leaves it (``LOCK_SEQ`` then ``SAVE_SEQ``)."""
LOCK_FILE = "bulk-import.lock"


def empty_database_seq(connection: Connection) -> int | None:
    """The arrival counter of a database without statements or parties; None if it has data."""
    if connection.read(ANY_DATA):
        return None
    seq = connection.read(STORED_SEQ)[0]["seq"]
    return max(int(seq), 0) if seq is not None else 0


def bulk_lock(home: Path) -> IO[bytes] | None:
    """An exclusive lock on ``home`` for one bulk import (released when closed), or None when
    another process holds it."""
    home.mkdir(parents=True, exist_ok=True)
    handle = (home / LOCK_FILE).open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


@contextlib.contextmanager
def _removing(folder: Path) -> Iterator[None]:
    """Remove ``folder`` in the background for the duration of the block: the loaded files
    (7 GB at 3.2M statements) take about 1.5 s to delete, which the server's start hides."""
    remover = threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
    remover.start()
    try:
        yield
    finally:
        remover.join()


class Neo4jBulk:
    """One bulk import into the local server's database; :meth:`finish` loads it."""

    def __init__(
        self, store: Neo4jStore, server: LocalServer, seq: int, batch_size: int, lock: IO[bytes]
    ) -> None:
        self.store = store
        self.server = server
        self.lock = lock
        for stale in server.home.glob("bulk-import-*"):  # a killed import's files
            shutil.rmtree(stale, ignore_errors=True)
        self.work = Path(tempfile.mkdtemp(prefix="bulk-import-", dir=server.home))
        self.session = BulkSession(str(self.work / "files"), seq, batch_size, "neo4j-csv")
        self.started = time.perf_counter()

    def add(self, item: Checked | Statement, file: str) -> None:
        self.session.add(item, file)

    def finish(self) -> BulkResult:
        """Write the files, load them, and return the counts per file and the conflicts."""
        try:
            result = self.session.finish()
            result.profile["reading_and_files"] = time.perf_counter() - self.started
            if any(count.loaded for count in result.per_file.values()):
                self._load(result.profile)
        finally:
            self._end()
        return result

    def abandon(self) -> None:
        """The run failed or was interrupted: nothing is loaded and the server keeps running."""
        try:
            with contextlib.suppress(BoGraphError):
                self.session.finish()  # ends the writer thread
        finally:
            self._end()

    def _end(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
        self.lock.close()

    def _load(self, profile: dict[str, float]) -> None:
        if empty_database_seq(self.store.connection) is None:
            raise StoreError(
                f"{self.store.uri}: another import wrote into the database while the bulk "
                "import read its files; nothing was loaded: import again"
            )
        check_free_space(self.server, self.session.files)
        started = time.perf_counter()
        self.store.connection.close()
        stop_for_import(self.server)
        profile["neo4j_stop"] = time.perf_counter() - started
        try:
            profile["neo4j_admin_import"] = admin_import(
                self.server, self.session.files, multiline=self.session.multiline,
                longest_line=self.session.longest_line, work=self.work,
            )  # fmt: skip
        except BaseException:
            drop_database(self.server)  # it was empty: the server starts with an empty one
            raise
        finally:  # the server comes back even when the importer failed
            started = time.perf_counter()
            with _removing(self.work / "files"):  # while the server starts
                self.server.restart()
            profile["neo4j_start"] = time.perf_counter() - started
        started = time.perf_counter()
        self.store.reopen()
        seq = self.session.seq
        self.store.connection.write(lambda tx: tx.run(SET_SEQ, seq=seq).consume())
        ensure_schema(self.store.connection, await_indexes=AWAIT_LOADED_INDEXES)
        profile["neo4j_indexes"] = time.perf_counter() - started
