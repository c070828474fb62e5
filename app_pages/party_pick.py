"""Picking a second party: one of the structure's parties, or any party of the store typed in.

A typed id, ``SCHEME:ID``, record id or exact name resolves at once; anything else goes to the
store's fuzzy name search (the search of the Search panel), whose single match is taken and
named, and whose several matches are offered, best first, labelled as the Search panel labels
its results (a person's particulars tell two of one name apart). The Paths and Compare tabs use it.
"""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from app_pages.search import result_label
from bo_graph.exc import AmbiguousRef, NotFound
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.tables import search_rows
from bo_graph.viz.text import clean, md

CANDIDATES = 10


def structure_parties(analysis: SubjectAnalysis) -> list[str]:
    """The ids of the structure's parties, in the order of their names."""
    return sorted(analysis.subgraph.nodes, key=lambda i: analysis.names.get(i, i))


def typed_party(app: AppStore, text: str, *, role: str, key: str) -> str | None:
    """The party ``text`` names: exactly, else by name search (``None``: nothing matches).
    ``role`` names the party on the page (``'To'``); ``key`` is the key of the selectbox that
    offers several matches."""
    try:
        return app.store.resolve_ref(text).id
    except (AmbiguousRef, NotFound):
        pass
    audit_ui(app, "search", text=text)
    rows = search_rows(app.store.search(text, limit=CANDIDATES))
    if len(rows) <= 1:
        if rows:
            st.caption(md(f"{role}: {party_label(rows[0])}, the only party matching {text!r}."))
        return str(rows[0]["id"]) if rows else None
    labels = {str(row["id"]): party_label(row) for row in rows}
    choice = st.selectbox(
        md(f"Parties matching {text!r} (best first): {role} is"),
        list(labels),
        format_func=lambda i: labels[i],
        key=key,
    )
    return str(choice) if choice else None


def unmatched(text: str, typed: str | None) -> bool:
    """Whether a party was typed (``text``) but none matches it: then the page says so."""
    if text and typed is None:
        st.error(md(f"No party matches {text!r}: type another name, id or SCHEME:ID."))
        return True
    return False


def party_label(row: dict[str, str]) -> str:
    """A search result as the Search panel labels it, with its id: ``Jane Doe — person, born
    1970-05; nationality France [per-jane-doe]``, so that two of one name are told apart."""
    return clean(f"{result_label(row)} [{row['id']}]")
