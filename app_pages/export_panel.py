"""Export the current view: case report, GraphML, BODS 0.4 JSON, CSV tables.

The files are built when a button is clicked (deferred), not on every rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import streamlit as st

from app_pages.context import AppStore
from bo_graph.export import (
    CaseData,
    bods_json,
    case_report_html,
    csv_zip,
    gather_case,
    graphml_bytes,
)
from bo_graph.viz.subject import SubjectAnalysis


def _case(app: AppStore, analysis: SubjectAnalysis) -> Callable[[], CaseData]:
    """The case, gathered from the store on first use only."""
    return cache(lambda: gather_case(app.store, analysis))


def export_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    case = _case(app, analysis)
    stem = f"case-{analysis.subject.record_id}"
    st.caption(
        "Exports cover every party and relationship loaded for this view "
        f"({analysis.settings.describe()}), including those collapsed in the graph."
    )
    cols = st.columns(4)
    cols[0].download_button(
        "Case report (HTML, print to PDF)",
        data=lambda: case_report_html(case()),
        file_name=f"{stem}.html",
        mime="text/html",
        on_click="ignore",
        key="export_report",
        type="primary",
    )
    cols[1].download_button(
        "GraphML",
        data=lambda: graphml_bytes(case()),
        file_name=f"{stem}.graphml",
        mime="application/xml",
        on_click="ignore",
        key="export_graphml",
    )
    cols[2].download_button(
        "BODS 0.4 JSON",
        data=lambda: bods_json(case()),
        file_name=f"{stem}.bods.json",
        mime="application/json",
        on_click="ignore",
        key="export_bods",
    )
    cols[3].download_button(
        "CSV tables (zip)",
        data=lambda: csv_zip(case()),
        file_name=f"{stem}-tables.zip",
        mime="application/zip",
        on_click="ignore",
        key="export_csv",
    )
