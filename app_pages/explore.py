"""Page: search, then a subject's ownership and control structure, its owners and flags, and
what it shares with another party."""

from __future__ import annotations

import streamlit as st

from app_pages import panels, state
from app_pages.compare import compare_panel
from app_pages.context import AppStore, store_or_stop
from app_pages.export_panel import export_panel
from app_pages.paths import paths_panel
from app_pages.search import search_panel
from app_pages.subject import (
    controls,
    current_analysis,
    graph,
    graph_actions,
    particulars_line,
)
from bo_graph.exc import BoGraphError
from bo_graph.store.public import NOTICE
from bo_graph.viz.text import md


def sidebar(app: AppStore) -> None:
    cached = st.session_state.get("_counts")
    if cached is None or cached[0] != app.generation:
        cached = (app.generation, app.store.counts())
        st.session_state["_counts"] = cached
    counts = cached[1]
    st.sidebar.caption(
        f"Store: {md(app.store.uri)} — {counts.statements} statements, {counts.nodes} parties, "
        f"{counts.edges} relationships"
    )
    if app.settings.public_tier:
        st.sidebar.warning(NOTICE)
    if app.bootstrap is not None:
        st.sidebar.info(
            "The store was empty: the sample registers were imported. "
            + app.bootstrap.accounting.line()
        )


def subject_view(app: AppStore, subject: str) -> None:
    controls()
    analysis = current_analysis(app, subject)
    if analysis is None:
        return
    st.subheader(md(analysis.subject.name))
    st.caption(md(particulars_line(analysis.subject)))
    graph(app, analysis)
    graph_actions(analysis)
    tabs = st.tabs(
        ["Beneficial owners", "Opacity flags", "Holdings", "Paths", "Compare", "Raw records",
         "Export"]
    )  # fmt: skip
    with tabs[0]:
        panels.ubo_panel(analysis)
    with tabs[1]:
        panels.flags_panel(analysis)
    with tabs[2]:
        panels.holdings_panel(app, analysis)
    with tabs[3]:
        paths_panel(app, analysis)
    with tabs[4]:
        compare_panel(app, analysis)
    with tabs[5]:
        panels.records_panel(app, analysis)
    with tabs[6]:
        export_panel(app, analysis)


def render() -> None:
    app = store_or_stop()
    state.init_state(app)
    sidebar(app)
    st.title("Who owns and controls it?")
    for message in state.pop_messages():
        st.warning(md(message))
    subject = state.subject_id()
    with st.expander("Search", expanded=subject is None):
        search_panel(app)
    if subject is None:
        st.info("Search for a company or person, or open a link with ?entity=REF.")
    else:
        try:
            subject_view(app, subject)
        except BoGraphError as exc:
            st.error(md(str(exc)))
    state.sync_url()


render()
