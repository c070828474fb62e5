"""Name and identifier search over the ``names_fts`` full-text table, narrowed in SQL.

Every word of the text as a word prefix (any order), then ``SCHEME:ID`` identifier matches, then,
while fewer than ``limit`` were found, misspellings: names sharing a word's first three letters,
ranked by :func:`bo_graph.store.serial.rank_fuzzy`. A :class:`SearchFilter` joins each step to
``nodes`` and keeps only the parties of its kind and jurisdiction (the rule of
:mod:`bo_graph.store.search_filter`, read from the stored BODS details with SQLite's JSON
functions), so the limit counts matching parties only.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from bo_graph.store.base import identifier_in, identifier_key
from bo_graph.store.search_filter import SearchFilter
from bo_graph.store.serial import rank_fuzzy, search_terms

FUZZY_CANDIDATES = 500
"""Candidates re-ranked per misspelt search."""

DETAILS = "CAST(n.details AS TEXT)"
PLACES = f"""
SELECT json_extract({DETAILS}, '$.d.jurisdiction.code') AS code WHERE n.kind = 'entity'
UNION ALL
SELECT json_extract(j.value, '$.code') FROM json_each({DETAILS}, '$.d.nationalities') j
WHERE n.kind = 'person' AND j.type = 'object'
UNION ALL
SELECT json_extract(a.value, '$.country.code') FROM json_each({DETAILS}, '$.d.addresses') a
WHERE n.kind = 'person' AND a.type = 'object'
  AND coalesce(json_extract(a.value, '$.type'), '') IN ('', 'residence')
"""
"""The jurisdiction codes of the party in row ``n`` of ``nodes``: an entity's, a person's
nationalities and countries of residence (addresses of type ``residence`` or of none)."""
IN_JURISDICTION = (
    f"EXISTS (SELECT 1 FROM ({PLACES}) WHERE upper(code) = :place "
    "OR substr(upper(code), 1, length(:place) + 1) = :place || '-')"
)


def _fts_string(token: str) -> str:
    """``token`` as an FTS5 string: a '"' inside is doubled, so no text ends the string early."""
    return '"' + token.replace('"', '""') + '"'


def _where(wanted: SearchFilter) -> tuple[str, dict[str, Any]]:
    """The conditions on ``nodes n`` that ``wanted`` asks for, and their parameters."""
    conditions = ["TRUE"]
    if wanted.kind is not None:
        conditions.append("n.kind = :kind")
    if wanted.jurisdiction is not None:
        conditions.append(IN_JURISDICTION)
    kind = wanted.kind.value if wanted.kind else None
    return " AND ".join(conditions), {"kind": kind, "place": wanted.jurisdiction}


def search_ids(conn: sqlite3.Connection, text: str, limit: int, wanted: SearchFilter) -> list[str]:
    """Ids of the best matches for ``text`` that ``wanted`` admits, best first, at most
    ``limit``."""
    found: dict[str, None] = {}
    folded = search_terms(text)
    terms = folded.split()
    if terms:
        query = " AND ".join(f"{_fts_string(w)}*" for w in terms)
        found.update(dict.fromkeys(node_id for node_id, _ in _matches(conn, query, limit, wanted)))
    named = identifier_in(text)
    if named is not None:
        found.update(dict.fromkeys(_identified(conn, identifier_key(*named), wanted)))
    if len(found) < limit and len(folded) >= 3:
        for node_id in _fuzzy_candidates(conn, folded, limit, wanted):
            found.setdefault(node_id, None)
    return list(found)[:limit]


def _matches(
    conn: sqlite3.Connection, query: str, limit: int, wanted: SearchFilter
) -> list[tuple[str, str]]:
    """(node id, search text) of the full-text matches of ``query``, best first."""
    if not wanted.active:
        return conn.execute(
            "SELECT node_id, text FROM names_fts WHERE names_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        ).fetchall()
    where, params = _where(wanted)
    return conn.execute(
        "SELECT f.node_id, f.text FROM names_fts f JOIN nodes n ON n.id = f.node_id "
        f"WHERE names_fts MATCH :query AND {where} ORDER BY f.rank LIMIT :limit",
        {**params, "query": query, "limit": limit},
    ).fetchall()


def _identified(conn: sqlite3.Connection, key: str, wanted: SearchFilter) -> list[str]:
    """The nodes holding identifier ``key`` (or that records holding it were joined into)."""
    where, params = _where(wanted)
    rows = conn.execute(
        "SELECT n.id FROM nodes n WHERE n.id IN (SELECT COALESCE(a.node_id, i.node_id) "
        "FROM identifiers i LEFT JOIN aliases a ON a.record_id = i.node_id WHERE i.key = :key) "
        f"AND {where} ORDER BY n.id",
        {**params, "key": key},
    ).fetchall()
    return [row[0] for row in rows]


def _fuzzy_candidates(
    conn: sqlite3.Connection, text: str, limit: int, wanted: SearchFilter
) -> list[str]:
    """Misspellings: names sharing a word's first three letters, ranked by similarity."""
    stems = {w[:3] for w in text.split() if len(w) >= 3}
    if not stems:
        return []
    query = " OR ".join(f"{_fts_string(stem)}*" for stem in sorted(stems))
    return rank_fuzzy(text, _matches(conn, query, FUZZY_CANDIDATES, wanted), limit)
