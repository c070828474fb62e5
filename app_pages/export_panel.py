"""Export the current view: case report, GraphML, BODS 0.4 JSON, CSV tables, draft requests
for mutual legal assistance.

The files are built when a button is clicked (deferred), not on every rerun.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any

import streamlit as st

from app_pages.context import AppStore, ui_session
from bo_graph.audit import audit
from bo_graph.export import (
    CaseData,
    bods_json,
    case_file_stem,
    case_report_html,
    csv_zip,
    gather_case,
    graphml_bytes,
    requests_text,
)
from bo_graph.viz.subject import SubjectAnalysis


def _case(app: AppStore, analysis: SubjectAnalysis) -> Callable[[], CaseData]:
    """The case, gathered from the store on first use only."""
    return cache(lambda: gather_case(app.store, analysis))


def _rendered(
    render: Callable[[Any], Any],
    case: Callable[[], Any],
    app: AppStore,
    subject: str,
    kind: str,
    view: str = "",
    session: str = "",
) -> Any:
    """The file, once the download is in the audit trail (which fails the download when it
    cannot be written). Streamlit makes the file on the click, in a thread of its own that knows
    no browser session: ``session`` is the one of the page that offered the download."""
    params = {"subject": subject, "kind": kind, "view": view}
    audit(app.settings, "ui", "export", params, session=session)
    return render(case())


def export_file_name(stem: str, key: str, suffix: str) -> str:
    """The download's name: the case's stem (subject record id made safe, and the view's date),
    as files exported from the Python API are named."""
    return f"{stem}-tables.zip" if key == "csv" else f"{stem}.{suffix}"


def export_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    case = _case(app, analysis)
    stem = case_file_stem(analysis)
    st.caption(
        "Exports cover every party and relationship loaded for this view "
        f"({analysis.settings.describe()}), including those collapsed in the graph."
    )
    exports: tuple[tuple[str, Callable[[Any], Any], str, str, str], ...] = (
        ("Case report (HTML, print to PDF)", case_report_html, "html", "text/html", "report"),
        ("GraphML", graphml_bytes, "graphml", "application/xml", "graphml"),
        ("BODS 0.4 JSON", bods_json, "bods.json", "application/json", "bods"),
        ("CSV tables (zip)", csv_zip, "zip", "application/zip", "csv"),
        ("Draft MLA requests (text)", requests_text, "requests.txt", "text/plain", "requests"),
    )
    columns = st.columns(len(exports))
    session = ui_session()
    for column, (label, render, suffix, mime, key) in zip(columns, exports, strict=True):
        column.download_button(
            label,
            data=partial(
                _rendered,
                render,
                case,
                app,
                analysis.subject.id,
                key,
                analysis.settings.describe(),
                session,
            ),
            file_name=export_file_name(stem, key, suffix),
            mime=mime,
            on_click="ignore",
            key=f"export_{key}",
            type="primary" if key == "report" else "secondary",
        )
