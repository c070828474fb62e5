"""The subject view: controls, the graph, and recentre / expand controls under it.

A click inside the graph cannot reach Streamlit (the graph is a sandboxed iframe without a
custom component), so "select a node" is the selectbox under the graph (docs/ui.md).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from app_pages import state
from app_pages.context import AppStore, audit_ui
from bo_graph.analysis.interval import ThresholdRule
from bo_graph.analysis.method import Method
from bo_graph.model.graph import Node
from bo_graph.model.particulars import particulars
from bo_graph.viz.network_html import network_html
from bo_graph.viz.subject import SubjectAnalysis, analyse_subject, rebuild_view
from bo_graph.viz.text import md

GRAPH_HEIGHT = 760
EARLIEST = date(1800, 1, 1)
"""The first day the date controls offer (Streamlit's own default is ten years before today)."""
_CACHE = "_analysis"
_HTML = "_graph_html"
KNOWN_AT_HELP = (
    "Only statements dated on or before this day: what the registers said then (a filing made "
    "later is left out even if it is about an earlier date). Empty: everything known now."
)
RULE_HELP = "'>=': EU AMLR Art. 52 '25 % or more'; '>': UK PSC 'more than 25%'."
METHOD_HELP = (
    "integrated: every ground (AMLR Art. 52-54, trusts, nominees, SMO fallback); "
    "look-through: majority-control look-through; control: control only. docs/ownership.md"
)


def controls() -> None:
    """Dates, threshold, rule and method (their values live in the session state)."""
    on, known, threshold, rule, method = st.columns([3, 3, 2, 1, 3])
    on.date_input(
        "In effect on (empty: today)", key=state.AS_OF, format="YYYY-MM-DD", min_value=EARLIEST
    )
    known.date_input(
        "Registers as they stood on (empty: all)",
        key=state.KNOWN_AT,
        format="YYYY-MM-DD",
        min_value=EARLIEST,
        help=KNOWN_AT_HELP,
    )
    threshold.number_input(
        "Threshold (%)", key=state.THRESHOLD, min_value=0.01, max_value=100.0, step=1.0
    )
    rule.selectbox("Rule", [r.value for r in ThresholdRule], key=state.RULE, help=RULE_HELP)
    method.selectbox("Method", [m.value for m in Method], key=state.METHOD, help=METHOD_HELP)
    with st.expander("Graph limits"):
        a, b = st.columns(2)
        a.number_input(
            "Parties loaded at most", key=state.MAX_NODES, min_value=10, max_value=20_000, step=100
        )
        b.number_input(
            "Owners shown per node before '+N more'",
            key=state.MAX_OWNERS,
            min_value=1,
            max_value=200,
        )


def current_analysis(app: AppStore, subject: str) -> SubjectAnalysis | None:
    """The analysis for the current controls, computed once per change (cached per session)."""
    s = state.settings()
    key = (app.generation, subject, s.as_of, s.known_at, s.threshold, s.rule, s.method,
           s.max_nodes)  # fmt: skip
    cached = st.session_state.get(_CACHE)
    if cached is not None and cached[0] == key:
        analysis: SubjectAnalysis = cached[1]
        if analysis.settings != s:  # only the drawing changed: rebuild the view alone
            view = rebuild_view(analysis.subgraph, subject, analysis.report, analysis.marks, s)
            analysis = replace(analysis, settings=s, view=view)
            st.session_state[_CACHE] = (key, analysis)
        return analysis
    audit_ui(app, "analyse", subject=subject, as_of=s.as_of, known_at=s.known_at,
             threshold=s.threshold, rule=s.rule, method=s.method)  # fmt: skip
    node = app.store.get_node(subject, s.when)
    if node is None:
        known = app.store.get_node(subject)
        st.warning(md(s.absent(known.name) if known else f"{subject!r} is not in the store."))
        return None
    with st.spinner("Tracing owners and controllers…"):
        analysis = analyse_subject(app.store, node, s)
    st.session_state[_CACHE] = (key, analysis)
    return analysis


def graph(app: AppStore, analysis: SubjectAnalysis) -> None:
    view = analysis.view
    key = (app.generation, analysis.subject.id, analysis.settings)
    cached = st.session_state.get(_HTML)
    if cached is None or cached[0] != key:
        cached = (key, network_html(view, height_px=GRAPH_HEIGHT))
        st.session_state[_HTML] = cached
    st.caption(f"{analysis.settings.describe()}. {view.summary()}")
    if view.collapsed or view.not_loaded:
        st.warning(
            "Not everything is drawn: "
            + view.summary()
            + " The tables below list every party that was loaded."
        )
    st.iframe(cached[1], height=GRAPH_HEIGHT + 12)


def particulars_line(node: Node) -> str:
    """The subject's particulars under its name: ``kind: registered entity · jurisdiction: …``."""
    return " · ".join(f"{label}: {value}" for label, value in particulars(node) if label != "name")


def particulars_table(node: Node) -> None:
    """The party's particulars as a static two-column table (label, value)."""
    rows = {label: md(value) for label, value in particulars(node)}
    st.table({"value": rows})


def graph_actions(analysis: SubjectAnalysis) -> None:
    """Select a node: recentre the view on it, or expand a collapsed node."""
    view = analysis.view
    parties = [n for n in view.nodes if n.kind is not None and not n.is_subject]
    names = analysis.names
    left, right = st.columns(2)
    with left:
        if parties:
            ids = [n.id for n in parties]
            choice = st.selectbox(
                "Select a party in the graph",
                ids,
                format_func=lambda i: names.get(i, i),
                key="focus_choice",
            )
            if choice in analysis.subgraph.nodes:
                with st.expander(f"Particulars of {md(names.get(choice, choice))}"):
                    particulars_table(analysis.subgraph.nodes[choice])
            if st.button("Recentre the view on it", key="focus_go") and choice:
                state.set_subject(choice)
                st.rerun()
    with right:
        if view.collapsed:
            collapsed = sorted(view.collapsed)
            target = st.selectbox(
                "Expand a collapsed node",
                collapsed,
                format_func=lambda i: f"{names.get(i, i)} (+{view.collapsed[i]} more owners)",
                key="expand_choice",
            )
            if st.button("Expand", key="expand_go") and target:
                state.expand(target)
                st.rerun()
        elif analysis.settings.expanded:
            st.caption("Every busy node is expanded.")
            if st.button("Collapse busy nodes again", key="collapse_all"):
                state.collapse_all()
                st.rerun()
