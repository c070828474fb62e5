"""The Neo4j store: the same contract as the embedded store, on any Neo4j 5.x over Bolt.

Importing this package opens no connection; :meth:`Neo4jStore.connect` does. The graph model
is described in :mod:`bo_graph.store.neo4j_store.schema` and ``docs/neo4j.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from bo_graph.model.statement import Statement
from bo_graph.settings import Settings
from bo_graph.store.base import FinishResult, GraphStore, WriteResult
from bo_graph.store.embedded.bulk import native_module
from bo_graph.store.neo4j_admin import LocalServer, local_server
from bo_graph.store.neo4j_store.bulk import Neo4jBulk, bulk_lock, empty_database_seq
from bo_graph.store.neo4j_store.connection import Connection
from bo_graph.store.neo4j_store.former_names import add_former_names
from bo_graph.store.neo4j_store.identity import drop_loops, join_identities
from bo_graph.store.neo4j_store.reader import Reader
from bo_graph.store.neo4j_store.resolve import resolve_references
from bo_graph.store.neo4j_store.schema import ensure_schema
from bo_graph.store.neo4j_store.writer import stored_seq, write_statements


class Neo4jStore(Reader, GraphStore):
    """A graph store in a Neo4j database.

    ``readonly=True`` opens every session in READ access mode (the server then refuses writes)
    and leaves the schema alone, as the UI of a public tier would.
    """

    def __init__(self, connection: Connection, settings: Settings | None = None) -> None:
        self.connection = connection
        self.uri = connection.uri
        self.settings = settings
        self.local: LocalServer | None = None
        """The local server bo-graph manages, when this store is its database."""
        self.run_since: int | None = None
        """The arrival counter before this import's first write (its rows come after it)."""

    @classmethod
    def connect(cls, settings: Settings, *, readonly: bool = False) -> Neo4jStore:
        """Open the store named by ``settings.store``; raise ``StoreUnavailable`` (naming the
        URI) when the server cannot be reached. A writable store gets its schema first."""
        connection = Connection.open(settings, readonly=readonly)
        if not readonly:
            try:
                ensure_schema(connection)
            except BaseException:
                connection.close()
                raise
        store = cls(connection, settings)
        if not readonly:
            store.local = local_server(settings.neo4j_home, settings.store)
        return store

    def reopen(self) -> None:
        """Connect again, after the local server was restarted (the schema is then the
        caller's to ensure)."""
        assert self.settings is not None
        self.connection.close()
        self.connection = Connection.open(self.settings, readonly=False)

    def write_batch(self, statements: Sequence[Statement]) -> WriteResult:
        if not statements:
            return WriteResult()
        if self.run_since is None:
            self.run_since = stored_seq(self.connection)
        return self.connection.write(partial(write_statements, statements=statements))

    def open_bulk(self, batch_size: int) -> Neo4jBulk | None:
        """The offline bulk import, for a first import into the local server's empty database
        when the compiled writer is built; ``None`` otherwise (transactions do the import)."""
        if self.local is None or native_module() is None:
            return None
        lock = bulk_lock(self.local.home)
        if lock is None:  # another bulk import into this server is running
            return None
        seq = empty_database_seq(self.connection)
        if seq is None:
            lock.close()
            return None
        self.run_since = seq
        return Neo4jBulk(self, self.local, seq, batch_size, lock)

    def finish_import(self) -> FinishResult:
        resolve_references(self.connection)
        since = stored_seq(self.connection) if self.run_since is None else self.run_since
        joined = join_identities(self.connection, since)
        add_former_names(self.connection, since)
        self.run_since = None
        loops = drop_loops(self.connection)
        return FinishResult(dangling=self.dangling_references(), joined=joined, loops=loops)

    def close(self) -> None:
        self.connection.close()


__all__ = ["Neo4jStore"]
