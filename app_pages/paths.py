"""The Paths tab: the paths between two parties, with the limits the search applied.

The 'To' party is one of the structure's parties, or any party of the store typed in: an id,
``SCHEME:ID``, record id or exact name resolves at once; anything else goes to the store's
fuzzy name search, whose single match is taken and whose several matches are offered.
"""

from __future__ import annotations

import streamlit as st

from app_pages.context import AppStore, audit_ui
from bo_graph.analysis.path_results import (
    DEFAULT_K,
    DEFAULT_LIMIT,
    DEFAULT_MAX_HOPS,
    MAX_HOPS,
    PathMode,
    PathsReport,
)
from bo_graph.analysis.paths import find_paths
from bo_graph.exc import AmbiguousRef, BoGraphError, NotFound
from bo_graph.model.graph import Node
from bo_graph.render.path_text import count_text, limit_warnings, limits_text
from bo_graph.viz import tables
from bo_graph.viz.kinds import party_kind
from bo_graph.viz.subject import SubjectAnalysis
from bo_graph.viz.text import clean

CANDIDATES = 10
MAX_PATHS = 1000


@st.fragment
def paths_panel(app: AppStore, analysis: SubjectAnalysis) -> None:
    source, target = _ends(analysis)
    other = st.text_input(
        "…or any other party (name, id or SCHEME:ID) as 'To'", key="path_to_ref"
    ).strip()
    typed = _typed_party(app, other) if other else None
    mode = PathMode(
        st.radio("Paths", [m.value for m in PathMode], horizontal=True, key="path_mode")
    )
    hops, count = _limits(mode)
    if not st.button("Find paths", key="path_go"):
        return
    if other and typed is None:
        st.error(f"No party matches {other!r}: type another name, id or SCHEME:ID.")
        return
    end = typed or target
    audit_ui(app, "paths", repeated=True, source=source, to=other or target, party=end,
             mode=mode.value, max_hops=hops, paths=count, when=analysis.when)  # fmt: skip
    try:
        report = find_paths(app.store, source, end, mode=mode, k=count, limit=count,
                            max_hops=hops, when=analysis.when)  # fmt: skip
    except BoGraphError as exc:
        st.error(str(exc))
        return
    _show(report)


def _ends(analysis: SubjectAnalysis) -> tuple[str, str]:
    """The 'From' and 'To' parties picked among the structure's parties."""
    ids = sorted(analysis.subgraph.nodes, key=lambda i: analysis.names.get(i, i))
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


def _typed_party(app: AppStore, text: str) -> str | None:
    """The party ``text`` names: exactly, else by name search (``None``: nothing matches)."""
    try:
        return app.store.resolve_ref(text).id
    except (AmbiguousRef, NotFound):
        pass
    audit_ui(app, "search", text=text)
    hits = app.store.search(text, limit=CANDIDATES)
    if len(hits) <= 1:
        if hits:
            st.caption(f"'To': {_label(hits[0])}, the only party matching {clean(text)!r}.")
        return hits[0].id if hits else None
    labels = {n.id: _label(n) for n in hits}
    choice = st.selectbox(
        f"Parties matching {clean(text)!r} (best first): 'To' is",
        list(labels),
        format_func=lambda i: labels[i],
        key="path_to_match",
    )
    return str(choice) if choice else None


def _label(node: Node) -> str:
    where = node.jurisdiction or "no jurisdiction"
    return clean(f"{node.name} — {party_kind(node).value}, {where} [{node.id}]")


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
        f"{count_text(report)} between {clean(report.source.name)} and "
        f"{clean(report.target.name)} ({limits_text(report)}); "
        f"{report.explored_nodes} parties explored."
    )
    for warning in limit_warnings(report):
        st.warning(warning)
    st.dataframe(tables.path_rows(report), hide_index=True, width="stretch", key="paths_table")
