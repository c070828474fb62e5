"""What a node is found by, the same for both embedded writers (and mirrored by the compiled
one in ``native/``): its display name, folded name, name-search text and search row id; and
the search row itself, read and rewritten after an import (joins, former names)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from bo_graph.model.records import Unspecified
from bo_graph.store.former_names import version_names
from bo_graph.store.serial import fold, with_names


def search_fields(names: list[str]) -> tuple[str, str, str]:
    """A node's display name, its folded form, and its name-search text (all names folded)."""
    name = names[0] if names else ""
    return name, fold(name), " | ".join(map(fold, names))


def unspecified_names(unspecified: Unspecified) -> list[str]:
    return [unspecified.description or unspecified.reason.value]


def search_rowid(node_id: str) -> int:
    """The full-text rows of a node are keyed by a stable 63-bit hash of its id."""
    return int.from_bytes(hashlib.blake2b(node_id.encode(), digest_size=8).digest(), "big") >> 1


def search_text_of(conn: sqlite3.Connection, node_id: str) -> str:
    """The node's name-search text (``""`` without a search row)."""
    row = conn.execute(
        "SELECT text FROM names_fts WHERE rowid = ?", (search_rowid(node_id),)
    ).fetchone()
    return str(row[0]) if row is not None else ""


def set_search_text(conn: sqlite3.Connection, node_id: str, text: str | None) -> None:
    """Replace the node's search row with ``text`` (``None``: remove it)."""
    rowid = search_rowid(node_id)
    conn.execute("DELETE FROM names_fts WHERE rowid = ?", (rowid,))
    if text is not None:
        conn.execute(
            "INSERT INTO names_fts (rowid, node_id, text) VALUES (?, ?, ?)", (rowid, node_id, text)
        )


def add_search_names(conn: sqlite3.Connection, node_id: str, names: Iterable[str]) -> None:
    """The node is found by ``names`` too (its row is rewritten only when one is new)."""
    text = search_text_of(conn, node_id)
    searched = with_names(text, names)
    if searched != text:
        set_search_text(conn, node_id, searched)


def add_former_names(conn: sqlite3.Connection, since: int) -> None:
    """Each party written after ``since`` that has earlier versions is found by their names too
    (:mod:`bo_graph.store.former_names`)."""
    written = conn.execute(
        "SELECT n.id, n.kind FROM nodes n WHERE n.seq > ? AND EXISTS"
        " (SELECT 1 FROM node_versions v WHERE v.node_id = n.id)",
        (since,),
    ).fetchall()
    for node_id, kind in written:
        payloads = conn.execute("SELECT details FROM node_versions WHERE node_id = ?", (node_id,))
        add_search_names(conn, node_id, version_names(kind, (row[0] for row in payloads)))
