"""The Compare tab: what the subject and another party share (``bo-graph shared`` on screen).

The other party is one of the structure's parties, or any party of the store typed in
(:mod:`app_pages.party_pick`). The answer is :func:`bo_graph.analysis.shared.shared_report` at
the view's date, threshold and method, each walk within the view's party limit: whether one is
upstream of the other, the parties upstream of both with their status and share in each, and
what both hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from app_pages.context import AppStore, audit_ui
from app_pages.party_pick import structure_parties, typed_party, unmatched
from bo_graph.analysis.shared import SharedReport, shared_report
from bo_graph.exc import BoGraphError
from bo_graph.render.shared_text import nothing_shared_text, upstream_sentence
from bo_graph.render.shares import PATH_NOTE, share_note
from bo_graph.render.ubo_text import when_text
from bo_graph.viz import tables
from bo_graph.viz.subject import DEFAULT_MAX_DEPTH, SubjectAnalysis
from bo_graph.viz.text import clean, md

ROLE = "'Compare with'"
OWNER_COLUMNS = ["owner", "status_a", "share_a", "status_b", "share_b", "kind", "particulars", "id"]
HOLDING_COLUMNS = ["holding", "of_a", "of_b", "kind", "id"]


@st.fragment
def compare_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    picked = _picked(analysis)
    other = st.text_input(
        "…or any other party (name, id or SCHEME:ID) to compare with", key="compare_ref"
    ).strip()
    typed = typed_party(app, other, role=ROLE, key="compare_match") if other else None
    if not st.button("Compare", key="compare_go"):
        return
    if unmatched(other, typed):
        return
    party = typed or picked
    if party is None or party == analysis.subject.id:
        st.error(f"Pick or type a party other than {md(analysis.subject.name)}.")
        return
    report = _report(app, analysis, party, asked=other or party)
    if report is not None:
        _show(report)


def _picked(analysis: SubjectAnalysis) -> str | None:
    """The other party picked among the structure's parties (``None``: there is none)."""
    ids = [i for i in structure_parties(analysis) if i != analysis.subject.id]
    if not ids:
        st.caption("No other party in this structure: type one below.")
        return None
    choice = st.selectbox(
        f"What does {md(analysis.subject.name)} share with…",
        ids,
        format_func=lambda i: analysis.names.get(i, i),
        key="compare_with",
    )
    return str(choice) if choice else None


def _report(
    app: AppStore, analysis: SubjectAnalysis, party: str, *, asked: str
) -> SharedReport | None:
    """The shared report of the subject and ``party`` under the view's controls."""
    settings = analysis.settings
    audit_ui(app, "shared", repeated=True, a=analysis.subject.id, b=asked, party=party,
             when=analysis.when, method=settings.method.value,
             threshold=settings.threshold)  # fmt: skip
    policy = settings.policy
    try:
        with st.spinner("Tracing the owners and holdings of both…"):
            return shared_report(app.store, analysis.subject.id, party, when=analysis.when,
                                 policy=policy, max_depth=DEFAULT_MAX_DEPTH,
                                 max_nodes=max(2, settings.max_nodes))  # fmt: skip
    except BoGraphError as exc:
        st.error(md(str(exc)))
        return None


def _show(report: SharedReport) -> None:
    st.caption(
        f"What {md(report.a.name)} and {md(report.b.name)} share: "
        f"{when_text(report.when)}, threshold {report.rule.value} {report.threshold:g}%, "
        f"method {report.method}."
    )
    if not report.shares_anything:
        st.info(md(nothing_shared_text(report)))
    else:
        _between(report)
        _owners(report)
        _holdings(report)
    for warning in report.warnings:
        st.warning(md(warning))


def _between(report: SharedReport) -> None:
    """Whether one of the two is upstream of the other, how, and along which paths."""
    st.markdown("**Between them**")
    found = [
        (holder, subject, upstream)
        for holder, subject, upstream in (
            (report.a, report.b, report.a_upstream_of_b),
            (report.b, report.a, report.b_upstream_of_a),
        )
        if upstream is not None
    ]
    if not found:
        a, b = md(report.a.name), md(report.b.name)
        st.info(f"Neither {a} nor {b} is upstream of the other.")
        return
    for holder, subject, upstream in found:
        st.markdown(md(upstream_sentence(holder, subject, upstream)))
        st.text(clean(tables.paths_text(upstream.position)))
    st.caption(PATH_NOTE)


def _both(
    rows: list[dict[str, Any]],
    heading: tuple[str, str],
    nothing: str,
    columns: Sequence[str],
    labels: dict[str, str],
    key: str,
) -> bool:
    """One table of what both parties share, under its heading (title, what it lists);
    ``False`` when it is empty (``nothing`` says so instead)."""
    title, lists = heading
    st.markdown(f"**{title} ({len(rows)})**: {lists}")
    if not rows:
        st.info(md(nothing))
        return False
    st.dataframe(rows, hide_index=True, width="stretch", column_order=columns,
                 column_config=labels, key=key)  # fmt: skip
    return True


def _owners(report: SharedReport) -> None:
    a, b = _side_names(report)
    labels = {"status_a": f"status in {a}", "share_a": f"share in {a}"}
    labels |= {"status_b": f"status in {b}", "share_b": f"share in {b}"}
    shown = _both(tables.shared_owner_rows(report),
                  ("Upstream of both", "the owners and controllers of each"),
                  f"No party is upstream of both {a} and {b}.",
                  OWNER_COLUMNS, labels, "compare_owners")  # fmt: skip
    if shown:
        st.caption(share_note(report.method))


def _holdings(report: SharedReport) -> None:
    a, b = _side_names(report)
    labels = {"of_a": f"{a} holds", "of_b": f"{b} holds"}
    _both(tables.shared_holding_rows(report),
          ("Downstream of both", "what each holds or controls"),
          f"Nothing is held or controlled by both {a} and {b}.",
          HOLDING_COLUMNS, labels, "compare_holdings")  # fmt: skip


def _side_names(report: SharedReport) -> tuple[str, str]:
    """The two names as column labels; two parties of one name are told apart by their ids."""
    a, b = clean(report.a.name), clean(report.b.name)
    if a == b:
        return f"{a} [{report.a.id}]", f"{b} [{report.b.id}]"
    return a, b
