"""The panels under the graph: owners, flags, holdings, raw records (paths: app_pages.paths;
compare: app_pages.compare)."""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from app_pages.matches import matches_section
from bo_graph.analysis.holdings import holdings_report
from bo_graph.analysis.interval import Verdict
from bo_graph.analysis.positions import MAX_POSITIONS, positions
from bo_graph.model.graph import NodeKind
from bo_graph.render.shares import PATH_NOTE, share_note
from bo_graph.render.ubo_text import truncation_summary
from bo_graph.viz import tables
from bo_graph.viz.dark import dark_places
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.text import clean, counted, md

OWNER_COLUMNS = [
    "owner", "status", "share", "kind", "particulars", "grounds", "paths", "in_graph", "id",
]  # fmt: skip


def ubo_panel(analysis: SubjectAnalysis) -> None:
    report = analysis.report
    shown = {n.id for n in analysis.view.nodes if n.kind is not None}
    rows = tables.ubo_rows(report, shown)
    if rows:
        _owners_table(analysis, rows)
    else:
        name, period = md(report.subject.name), analysis.settings.period()
        st.info(f"No owner or controller of {name} is recorded ({period}).")
    _dark_places(analysis)
    for warning in report.warnings:
        st.warning(md(warning))


def _owners_table(analysis: SubjectAnalysis, rows: list[tables.Row]) -> None:
    report = analysis.report
    yes = sum(1 for o in report.owners if o.beneficial_owner is Verdict.YES)
    possible = sum(1 for o in report.owners if o.beneficial_owner is Verdict.POSSIBLE)
    st.caption(
        f"{counted(len(rows), 'party', 'parties')} upstream of {md(report.subject.name)}: "
        f"{counted(yes, 'beneficial owner')}, {possible} possible. "
        f"Method {analysis.settings.method.value}, threshold "
        f"{report.rule.value} {report.threshold:g}%. 'in_graph: collapsed' marks a party hidden "
        "behind a '+N more' node. " + share_note(report.method) + " " + PATH_NOTE
    )
    if report.fallback:
        st.info("No natural person qualifies: senior managing officials are reported instead.")
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_order=OWNER_COLUMNS,
        column_config={"in_graph": "in graph"},
        key="ubo_table",
    )


def _dark_places(analysis: SubjectAnalysis) -> None:
    lines = dark_places(analysis)
    if lines:
        st.markdown(
            "**Where the trail goes dark**\n\n" + "\n".join(f"- {md(line)}" for line in lines)
        )


def flags_panel(analysis: SubjectAnalysis) -> None:
    opacity = analysis.opacity
    if not opacity.available:
        st.info(md(opacity.note) if opacity.note else "The opacity engine is not available.")
        return
    if opacity.truncated:
        st.warning(
            f"The party limit stopped the reading at {len(opacity.truncated)} part(ies) of the "
            "structure: the flags, the score and the shares below cover only what was read. "
            "Raise 'Parties loaded at most' under Graph limits to see it all."
        )
    headline = opacity.headline()
    if headline:
        for column, (label, value) in zip(st.columns(len(headline)), headline.items(), strict=True):
            column.metric(label, value)
        with st.expander("Opacity summary (dark layers, score parts)"):
            st.text(opacity.summary_text)
    rows = tables.flag_rows(analysis.marks, analysis.names)
    if not rows:
        st.success("No opacity flag for this structure.")
        return
    st.caption(f"{counted(len(rows), 'flag')}; every flag lists the statements it rests on.")
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_order=[
            "flag",
            "severity",
            "on",
            "explanation",
            "lawful",
            "registers",
            "statement_ids",
            "dates",
            "files",
            "code",
        ],
    )


@st.fragment
def holdings_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    persons = [n for n in analysis.subgraph.nodes.values() if n.kind is NodeKind.PERSON]
    if not persons:
        st.info("No natural person in this structure.")
        return
    owners = {o.party.id: o for o in analysis.report.owners}
    persons.sort(
        key=lambda n: (-(owners[n.id].beneficial_owner.value if n.id in owners else 0), n.name)
    )
    choice = st.selectbox(
        "Person",
        [n.id for n in persons],
        format_func=lambda i: analysis.names.get(i, i),
        key="holdings_person",
    )
    if not choice:
        return
    audit_ui(app, "holdings", ref=choice, when=analysis.when)
    report = holdings_report(app.store, choice, when=analysis.when)
    held = [h.party.id for h in report.holdings]
    policy = analysis.settings.policy
    found = positions(
        app.store, choice, held, when=analysis.when, policy=policy, known=[analysis.report],
        max_nodes=max(2, analysis.settings.max_nodes),
    )  # fmt: skip
    rows = tables.holdings_rows(report, found)
    holder = md(report.holder.name)
    if rows:
        st.caption(holdings_caption(holder, len(rows), len(found)))
        st.dataframe(rows, hide_index=True, width="stretch", column_order=HOLDINGS_COLUMNS,
                     key="holdings_table")  # fmt: skip
    else:
        st.info(f"{holder} holds or controls no party ({analysis.settings.period()}).")
    if report.truncated:
        names = {h.party.id: h.party.name for h in report.holdings}
        names[report.holder.id] = report.holder.name
        cut = truncation_summary(report.truncated, names)
        st.warning(md(f"Not every holding was loaded (a depth or party limit was reached): {cut}"))
    matches_section(app, choice, report.holder.name)


HOLDINGS_COLUMNS = [
    "holding", "beneficial_owner", "share", "majority_control", "kind", "grounds", "paths", "id",
]  # fmt: skip


def holdings_caption(holder: str, held: int, computed: int) -> str:
    """How to read the holdings table: the same verdict and share as each party's owners tab."""
    skipped = (
        f" Only the first {MAX_POSITIONS} held parties are checked ('not computed')."
        if computed < held
        else ""
    )
    return (
        f"{holder} holds or controls {counted(held, 'party', 'parties')}. "
        "'beneficial owner' and 'grounds': "
        f"{holder}'s status in that party's owners tab (same threshold, method and date), "
        "including trust and nominee roles. 'share' as there; '—' when no shares are held. "
        "'majority control': controls the party through majority holdings or control rights "
        f"(AMLR Art. 53) — not the beneficial-owner test.{skipped} {PATH_NOTE}"
    )


@st.fragment
def records_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    names = analysis.names
    options = {n: f"party: {names.get(n, n)}" for n in sorted(analysis.subgraph.nodes)}
    for edge in sorted(analysis.subgraph.edges.values(), key=lambda e: e.id):
        holder = names.get(edge.interested_party, edge.interested_party)
        subject = names.get(edge.subject, edge.subject)
        options[edge.id] = f"relationship: {holder} → {subject} ({edge.id})"
    choice = st.selectbox(
        "Party or relationship",
        list(options),
        index=list(options).index(analysis.subject.id),
        format_func=lambda i: clean(options[i]),
        key="records_choice",
    )
    if not choice:
        return
    audit_ui(app, "records", uid=choice)
    statements = app.store.statements_for(choice)
    behind = counted(len(statements), "statement")
    st.caption(f"{behind} behind {md(options[choice])}, oldest first.")
    st.dataframe(tables.statement_rows(statements), hide_index=True, width="stretch")
    for item in statements:
        p = item.provenance
        with st.expander(
            f"{md(p.statement_id)} — {p.record_status.value}, {p.statement_date or 'undated'}"
        ):
            st.json(item.raw, expanded=True)
