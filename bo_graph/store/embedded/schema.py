"""SQLite schema of the embedded store.

``statements`` holds every statement ever read, unchanged: it is the history and the evidence.
``nodes`` and ``edges`` hold the latest version of each record for fast current-state queries;
``edge_versions`` holds every version for date queries. ``aliases`` maps the record id of an
entity joined into another node by a shared identifier to that node (``store.identity``).
WAL journaling gives crash safety and lets readers work while a writer imports.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bo_graph.exc import StoreError

SCHEMA_VERSION = "2"

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=OFF",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-65536",
    "PRAGMA mmap_size=268435456",
    "PRAGMA wal_autocheckpoint=20000",
)

PAGE_SIZE = 16384
"""Bytes per page of a new store file (SQLite's default is 4,096). A store is mostly rows of 1-2 KB
(a statement's record, a node's or relationship's payload): with larger pages the first import of
3.2M statements writes far fewer pages and system calls (144 → 105 s, docs/benchmarks.md) and its
indexes build in half the time, while UBO queries take as long as before. A file keeps the page
size it was created with: stores made with 4 KiB pages are read and written as they are."""

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS statements (
    statement_id     TEXT NOT NULL UNIQUE,
    record_uid       TEXT NOT NULL,
    record_type      TEXT NOT NULL,
    record_status    TEXT NOT NULL,
    statement_date   TEXT,
    seq              INTEGER NOT NULL,
    source           TEXT NOT NULL,
    file             TEXT NOT NULL,
    position         INTEGER NOT NULL,
    publication_date TEXT,
    retrieved_at     TEXT,
    source_format    TEXT NOT NULL,
    content_hash     TEXT NOT NULL,
    raw              BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS nodes (
    id             TEXT PRIMARY KEY,
    record_id      TEXT NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    name_fold      TEXT NOT NULL,
    statement_id   TEXT,
    statement_date TEXT,
    seq            INTEGER NOT NULL,
    closed         INTEGER NOT NULL DEFAULT 0,
    details        BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS node_versions (
    statement_id   TEXT NOT NULL UNIQUE,
    node_id        TEXT NOT NULL,
    statement_date TEXT,
    seq            INTEGER NOT NULL,
    closed         INTEGER NOT NULL,
    details        BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS identifiers (
    key     TEXT NOT NULL,
    node_id TEXT NOT NULL,
    PRIMARY KEY (key, node_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS identifiers_node ON identifiers (node_id);

CREATE TABLE IF NOT EXISTS edges (
    id             TEXT PRIMARY KEY,
    subject        TEXT NOT NULL,
    party          TEXT NOT NULL,
    statement_id   TEXT NOT NULL,
    statement_date TEXT,
    seq            INTEGER NOT NULL,
    closed         INTEGER NOT NULL,
    resolved       INTEGER NOT NULL,
    types          TEXT NOT NULL,
    details        BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS edge_versions (
    statement_id   TEXT NOT NULL UNIQUE,
    edge_id        TEXT NOT NULL,
    subject        TEXT NOT NULL,
    party          TEXT NOT NULL,
    statement_date TEXT,
    seq            INTEGER NOT NULL,
    closed         INTEGER NOT NULL,
    details        BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS aliases (
    record_id   TEXT PRIMARY KEY,
    node_id     TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_node ON aliases (node_id);

CREATE TABLE IF NOT EXISTS runs (
    run_id     INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    summary    TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5 (
    node_id UNINDEXED, text, tokenize = 'unicode61'
);
"""

DEFERRABLE_INDEXES: tuple[tuple[str, str], ...] = (
    (
        "statements_record",
        "CREATE INDEX IF NOT EXISTS statements_record ON statements (record_uid)",
    ),
    ("nodes_record", "CREATE INDEX IF NOT EXISTS nodes_record ON nodes (record_id)"),
    ("nodes_name", "CREATE INDEX IF NOT EXISTS nodes_name ON nodes (name_fold)"),
    ("nodes_kind", "CREATE INDEX IF NOT EXISTS nodes_kind ON nodes (kind)"),
    (
        "node_versions_node",
        "CREATE INDEX IF NOT EXISTS node_versions_node ON node_versions (node_id)",
    ),
    ("edges_subject", "CREATE INDEX IF NOT EXISTS edges_subject ON edges (subject)"),
    ("edges_party", "CREATE INDEX IF NOT EXISTS edges_party ON edges (party)"),
    (
        "edges_unresolved",
        "CREATE INDEX IF NOT EXISTS edges_unresolved ON edges (resolved) WHERE resolved = 0",
    ),
    (
        "edge_versions_subject",
        "CREATE INDEX IF NOT EXISTS edge_versions_subject ON edge_versions (subject)",
    ),
    (
        "edge_versions_party",
        "CREATE INDEX IF NOT EXISTS edge_versions_party ON edge_versions (party)",
    ),
    (
        "edge_versions_edge",
        "CREATE INDEX IF NOT EXISTS edge_versions_edge ON edge_versions (edge_id)",
    ),
)
"""Secondary indexes no write needs: a first import into an empty store drops them and builds
each once at the end (a sort), instead of inserting every row into each of them at a random
place. The writer's own look-ups use only primary keys, ``statement_id`` and
``identifiers_node``, which always stay."""

BUSY_TIMEOUT_MS = 60_000
"""How long opening the store waits for another process's lock before giving up."""

INDEXES_DEFERRED = "indexes_deferred"
"""The ``meta`` key present while a first import runs without its secondary indexes."""


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store file with the store's pragmas; create the schema when writable."""
    if Path(path).is_dir():
        raise StoreError(f"{path}: expected a bo-graph embedded store file, found a folder")
    try:
        conn = _open(path, readonly)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot open the store file: {error}") from None
    try:
        _prepare(conn, readonly)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _unusable(path, error) from None
    _check_version(conn, path)
    return conn


def _open(path: str, readonly: bool) -> sqlite3.Connection:
    if readonly:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None)


def _prepare(conn: sqlite3.Connection, readonly: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    if not readonly:  # before WAL mode: takes effect only in a new, empty file
        conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
    for pragma in PRAGMAS:
        if readonly and "journal_mode" in pragma:
            continue
        conn.execute(pragma)
    if readonly:
        _stand_in_aliases(conn)
    else:
        conn.executescript(DDL)
        build_deferred_indexes(conn)  # an import that was killed left them out
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
            (SCHEMA_VERSION,),
        )


def _stand_in_aliases(conn: sqlite3.Connection) -> None:
    """A store written before joins existed has no ``aliases`` table: read it with an empty one
    (a temporary table, so the file stays untouched)."""
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'aliases'"
    ).fetchone()
    if found is None:
        conn.execute(
            "CREATE TEMP TABLE aliases (record_id TEXT PRIMARY KEY, node_id TEXT, search_text TEXT)"
        )


def defer_indexes(conn: sqlite3.Connection) -> None:
    """Inside the first batch's transaction: drop the secondary indexes until the import ends."""
    for name, _ in DEFERRABLE_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", (INDEXES_DEFERRED,))


def build_deferred_indexes(conn: sqlite3.Connection) -> None:
    """Create every secondary index that is missing (each a no-op when present)."""
    for _, ddl in DEFERRABLE_INDEXES:
        conn.execute(ddl)
    conn.execute("DELETE FROM meta WHERE key = ?", (INDEXES_DEFERRED,))


def _unusable(path: str, error: sqlite3.DatabaseError) -> StoreError:
    """What a store file that cannot be read is: locked by another process, or not a store."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return StoreError(
            f"{path}: expected a store no other process holds locked, found it locked after "
            f"waiting {BUSY_TIMEOUT_MS / 1000:g} s ({error}); try again when the other "
            "process (an import, another program) has finished"
        )
    if "no such table" in str(error):
        return StoreError(
            f"{path}: expected a bo-graph embedded store, found an SQLite database without "
            f"bo-graph's tables ({error})"
        )
    return StoreError(f"{path}: expected a bo-graph embedded store, found {error}")


def _check_version(conn: sqlite3.Connection, path: str) -> None:
    """Refuse a store file written with another layout rather than misread it."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as error:
        conn.close()
        raise _unusable(path, error) from None
    if row is not None and row[0] != SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: expected store layout version {SCHEMA_VERSION}, found {row[0]}; "
            "import the registers again into a new store file"
        )
