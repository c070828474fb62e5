"""Presentation of ownership structures: view model, interactive graph HTML, SVG, tables.

Pure functions (no Streamlit): the app and the exports call them.

* :func:`build_view` -> :class:`GraphView` (what is drawn, collapsed and not loaded, counted)
* :func:`network_html` -> an offline pyvis page; :func:`external_resources` checks it
* :func:`render_svg` -> a static SVG of the same view, for the case report
* :mod:`bo_graph.viz.tables` -> the rows of every table
* :mod:`bo_graph.viz.deeplink` -> ``?entity=...`` query parameters
"""

from bo_graph.viz.deeplink import ViewParams, parse_params, to_params
from bo_graph.viz.kinds import EdgeKind, PartyKind, legend, party_kind
from bo_graph.viz.marks import Mark, marks_from_flags
from bo_graph.viz.network_html import external_resources, network_html
from bo_graph.viz.svg import render_svg
from bo_graph.viz.view import DEFAULT_MAX_OWNERS, GraphView, ViewEdge, ViewNode, build_view

__all__ = [
    "DEFAULT_MAX_OWNERS",
    "EdgeKind",
    "GraphView",
    "Mark",
    "PartyKind",
    "ViewEdge",
    "ViewNode",
    "ViewParams",
    "build_view",
    "external_resources",
    "legend",
    "marks_from_flags",
    "network_html",
    "parse_params",
    "party_kind",
    "render_svg",
    "to_params",
]
