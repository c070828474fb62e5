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

import shutil
import time
from typing import TYPE_CHECKING, LiteralString

from bo_graph.model.loading import Checked
from bo_graph.model.statement import Statement
from bo_graph.store.base import BulkResult
from bo_graph.store.embedded.bulk import BulkSession
from bo_graph.store.neo4j_admin import LocalServer, admin_import, stop_for_import
from bo_graph.store.neo4j_store.connection import Connection

if TYPE_CHECKING:
    from bo_graph.store.neo4j_store import Neo4jStore

ANY_DATA: LiteralString = "MATCH (n) WHERE NOT n:Meta RETURN count(n) > 0 AS found LIMIT 1"
STORED_SEQ: LiteralString = "OPTIONAL MATCH (m:Meta {key: 'seq'}) RETURN m.value AS seq"
SET_SEQ: LiteralString = "MERGE (m:Meta {key: 'seq'}) SET m.value = $seq, m.locked = true"
"""As the transactional writer leaves it (``LOCK_SEQ`` then ``SAVE_SEQ``)."""


def empty_database_seq(connection: Connection) -> int | None:
    """The arrival counter of a database without statements or parties; None if it has data."""
    if connection.read(ANY_DATA)[0]["found"]:
        return None
    seq = connection.read(STORED_SEQ)[0]["seq"]
    return max(int(seq), 0) if seq is not None else 0


class Neo4jBulk:
    """One bulk import into the local server's database; :meth:`finish` loads it."""

    def __init__(self, store: Neo4jStore, server: LocalServer, seq: int, batch_size: int):
        self.store = store
        self.server = server
        self.work = server.home / "bulk-import"
        shutil.rmtree(self.work, ignore_errors=True)
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
            shutil.rmtree(self.work, ignore_errors=True)
        return result

    def _load(self, profile: dict[str, float]) -> None:
        started = time.perf_counter()
        self.store.connection.close()
        stop_for_import(self.server)
        profile["neo4j_stop"] = time.perf_counter() - started
        files = self.session.files
        multiline = self.session.multiline
        try:
            profile["neo4j_admin_import"] = admin_import(
                self.server, files, multiline=multiline, work=self.work
            )
        finally:  # the server comes back even when the importer failed
            started = time.perf_counter()
            self.server.restart()
            profile["neo4j_start"] = time.perf_counter() - started
        started = time.perf_counter()
        self.store.reopen()  # builds the constraints and indexes over the loaded data
        seq = self.session.seq
        self.store.connection.write(lambda tx: tx.run(SET_SEQ, seq=seq).consume())
        profile["neo4j_indexes"] = time.perf_counter() - started
