"""Under a person's holdings: the persons who may be the same (``bo-graph matches REF``), with
what agrees and what differs and what each holds. Leads only; not shown in the public tier,
which does not link natural persons across records."""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from bo_graph.analysis.matches import person_matches
from bo_graph.render.matches_text import INITIALS_NEED_BIRTH_MONTH, LEAD_NOTE, truncated_note
from bo_graph.viz import tables
from bo_graph.viz.text import md

MATCH_COLUMNS = ["grade", "person", "particulars", "agrees", "differs", "holds", "source", "id"]


def matches_section(app: AppStore, person_id: str, name: str) -> None:
    st.markdown(f"**Persons who may be the same as {md(name)}**")
    if app.settings.public_tier:
        st.caption("Not in the public tier: it does not link natural persons across records.")
        return
    audit_ui(app, "matches", ref=person_id)
    report = person_matches(app.store, person_id)
    if report.truncated:
        st.caption(md(truncated_note(report)))
    if not report.matches:
        st.caption(
            "No other person shares a name or an identifier with this one without a differing "
            f"birth date {INITIALS_NEED_BIRTH_MONTH}."
        )
        return
    st.caption(LEAD_NOTE)
    st.dataframe(
        tables.match_rows(report),
        hide_index=True,
        width="stretch",
        column_order=MATCH_COLUMNS,
        key="matches_table",
    )
