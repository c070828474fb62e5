"""Search by name or identifier; every hit shows its kind, jurisdiction, a person's
particulars (birth, nationality, residence) and its source."""

from __future__ import annotations

import streamlit as st

from app_pages import state
from app_pages.context import AppStore, audit_ui, forget_audited
from bo_graph.viz.tables import search_rows

RESULTS = 25


def result_label(row: dict[str, str]) -> str:
    """``Jane Doe — person, born 1970-05; nationality France``: homonyms told apart."""
    where = row["particulars"] or row["jurisdiction"] or "no jurisdiction"
    return f"{row['name']} — {row['kind']}, {where}"


def search_panel(app: AppStore) -> None:
    text = st.text_input(
        "Search a company or person",
        key="search_text",
        placeholder="name (any case, accents or word order) or SCHEME:ID, e.g. GB-COH:09471253",
    )
    if not text.strip():
        forget_audited("search")  # the same text typed again later is a new question
        return
    audit_ui(app, "search", text=text.strip())
    hits = app.store.search(text.strip(), limit=RESULTS)
    if not hits:
        st.info(f"No party matches {text!r}.")
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
