"""The Paths tab: the paths between two parties, with the limits the search applied.

The 'To' party is one of the structure's parties, or any party of the store typed in
(:mod:`app_pages.party_pick`).
"""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from app_pages.party_pick import structure_parties, typed_party, unmatched
from bo_graph.analysis.path_results import (
    DEFAULT_K,
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    MAX_HOPS,
    PathMode,
    PathsReport,
)
from bo_graph.analysis.paths import find_paths
from bo_graph.exc import BoGraphError
from bo_graph.render.path_text import count_text, limit_warnings, limits_text
from bo_graph.viz import tables
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.text import md

MAX_PATHS = 1000


@st.fragment
def paths_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    source, target = _ends(analysis)
    other = st.text_input(
        "…or any other party (name, id or SCHEME:ID) as 'To'", key="path_to_ref"
    ).strip()
    typed = typed_party(app, other, role="'To'", key="path_to_match") if other else None
    mode = PathMode(
        st.radio("Paths", [m.value for m in PathMode], horizontal=True, key="path_mode")
    )
    hops, count = _limits(mode)
    if not st.button("Find paths", key="path_go"):
        return
    if unmatched(other, typed):
        return
    end = typed or target
    audit_ui(app, "paths", repeated=True, source=source, to=other or target, party=end,
             mode=mode.value, max_hops=hops, paths=count, when=analysis.when)  # fmt: skip
    try:
        report = find_paths(app.store, source, end, mode=mode, k=count, limit=count,
                            max_hops=hops, when=analysis.when)  # fmt: skip
    except BoGraphError as exc:
        st.error(md(str(exc)))
        return
    _show(report)


def _ends(analysis: SubjectAnalysis) -> tuple[str, str]:
    """The 'From' and 'To' parties picked among the structure's parties."""
    ids = structure_parties(analysis)
    left, right = st.columns(2)
    source = left.selectbox(
        "From",
        ids,
        index=ids.index(analysis.subject.id),
        format_func=lambda i: analysis.names.get(i, i),
        key="path_from",
    )
    target = right.selectbox(
        "To", ids, format_func=lambda i: analysis.names.get(i, i), key="path_to"
    )
    return str(source), str(target)


def _limits(mode: PathMode) -> tuple[int, int]:
    """The step limit and the number of paths, each remembered per mode."""
    left, right = st.columns(2)
    hops = left.number_input(
        "Max steps",
        min_value=1,
        max_value=MAX_HOPS,
        value=DEFAULT_MAX_HOPS[mode],
        key=f"path_hops_{mode.value}",
        help="Relationships a path may cross. A search this limit cuts off says so.",
    )
    shortest = mode is PathMode.SHORTEST
    count = right.number_input(
        "Shortest paths to find" if shortest else "Paths to show at most",
        min_value=1,
        max_value=MAX_PATHS,
        value=DEFAULT_K if shortest else DEFAULT_LIMIT,
        key=f"path_count_{mode.value}",
    )
    return int(hops), int(count)


def _show(report: PathsReport) -> None:
    st.caption(
        f"{count_text(report)} between {md(report.source.name)} and "
        f"{md(report.target.name)} ({limits_text(report)}); "
        f"{report.explored_nodes} parties explored."
    )
    for warning in limit_warnings(report):
        st.warning(md(warning))
    rows = tables.path_rows(report)
    if not rows:
        st.info(f"No path links {md(report.source.name)} and {md(report.target.name)} here.")
        return
    st.dataframe(rows, hide_index=True, width="stretch", key="paths_table")
