"""Picking a second party: one of the structure's parties, or any party of the store typed in.

A typed id, ``SCHEME:ID``, record id or exact name resolves at once; anything else goes to the
store's fuzzy name search (the search of the Search panel), whose single match is taken and
named, and whose several matches are offered, best first. The Paths and Compare tabs use it.
"""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from bo_graph.exc import AmbiguousRef, NotFound
from bo_graph.model.graph import Node
from bo_graph.viz.kinds import party_kind
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.text import clean

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
    hits = app.store.search(text, limit=CANDIDATES)
    if len(hits) <= 1:
        if hits:
            st.caption(f"{role}: {party_label(hits[0])}, the only party matching {clean(text)!r}.")
        return hits[0].id if hits else None
    labels = {n.id: party_label(n) for n in hits}
    choice = st.selectbox(
        f"Parties matching {clean(text)!r} (best first): {role} is",
        list(labels),
        format_func=lambda i: labels[i],
        key=key,
    )
    return str(choice) if choice else None


def party_label(node: Node) -> str:
    """``Jane Doe — person, GB [per-jane-doe]``."""
    where = node.jurisdiction or "no jurisdiction"
    return clean(f"{node.name} — {party_kind(node).value}, {where} [{node.id}]")
