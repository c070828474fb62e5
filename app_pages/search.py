"""Search by name or identifier, narrowed by kind and jurisdiction if asked; every hit shows its
kind, jurisdiction, a person's particulars (birth, nationality, residence) and its source."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from app_pages.context import AppStore, audit_ui, forget_audited
from bo_graph.exc import ConfigError
from bo_graph.model.graph import Node
from bo_graph.store.search_filter import KINDS, SearchFilter
from bo_graph.viz.tables import search_rows
from bo_graph.viz.text import md

RESULTS = 25
ANY_KIND = "any kind"


def _search(app: AppStore, query: str, wanted: SearchFilter) -> list[Node]:
    """The hits, once the question is in the audit trail (with the filters, if any)."""
    kind, jurisdiction = wanted.kind.value if wanted.kind else None, wanted.jurisdiction
    if wanted.active:
        audit_ui(app, "search", text=query, kind=kind, jurisdiction=jurisdiction)
    else:
        audit_ui(app, "search", text=query)
    return app.store.search(query, limit=RESULTS, kind=kind, jurisdiction=jurisdiction)


def result_label(row: dict[str, str]) -> str:
    """``Jane Doe — person, born 1970-05; nationality France``: homonyms told apart."""
    where = row["particulars"] or row["jurisdiction"] or "no jurisdiction"
    return f"{row['name']} — {row['kind']}, {where}"


def search_panel(app: AppStore) -> None:
    box, kind_box, place_box = st.columns([3, 1, 1])
    text = box.text_input(
        "Search a company or person",
        key=state.SEARCH_TEXT,
        placeholder="name (any case, accents or word order) or SCHEME:ID, e.g. GB-COH:09471253",
    )
    kind = kind_box.selectbox("Kind", [ANY_KIND, *KINDS], key="search_kind")
    place = place_box.text_input("Jurisdiction", key="search_jurisdiction", placeholder="VG, US-DE")
    query = text.strip()
    if not query:
        forget_audited("search")  # the same text typed again later is a new question
        return
    try:
        wanted = SearchFilter.of(None if kind == ANY_KIND else kind, place.strip() or None)
    except ConfigError as error:
        st.error(md(str(error)))
        return
    hits = _search(app, query, wanted)
    if not hits:
        among = f" ({wanted.describe()})" if wanted.active else ""
        st.info(md(f"No party matches {text!r}{among}."))
        return
    rows = search_rows(hits)
    more = " (the first results only: refine the search)" if len(hits) >= RESULTS else ""
    st.caption(f"{len(hits)} results{more}")
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_order=["name", "kind", "jurisdiction", "particulars", "source", "type", "id"],
    )
    labels = {r["id"]: result_label(r) for r in rows}
    choice = st.selectbox(
        "Result to open", list(labels), format_func=lambda i: labels[i], key="search_choice"
    )
    if st.button("Open subject", key="search_open", type="primary") and choice:
        state.set_subject(choice)
        st.rerun()
