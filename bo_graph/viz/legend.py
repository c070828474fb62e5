"""The legend of the graph, as HTML with small inline SVG symbols (no images, no fonts)."""

from __future__ import annotations

from html import escape

from bo_graph.viz.kinds import EdgeStyle, LegendEntry, NodeStyle, legend

_ICON_SHAPES = {
    "ellipse": '<ellipse cx="11" cy="8" rx="10" ry="6" {a}/>',
    "box": '<rect x="1" y="2" width="20" height="12" rx="2" {a}/>',
    "diamond": '<polygon points="11,1 19,8 11,15 3,8" {a}/>',
    "triangle": '<polygon points="11,1 20,15 2,15" {a}/>',
    "square": '<rect x="4" y="1" width="14" height="14" {a}/>',
    "star": '<polygon points="11,1 13,6 19,6 14,10 16,15 11,12 6,15 8,10 3,6 9,6" {a}/>',
}


def node_icon(style: NodeStyle) -> str:
    attrs = f'fill="{style.fill}" stroke="{style.border}" stroke-width="1.5"'
    shape = _ICON_SHAPES.get(style.shape, _ICON_SHAPES["box"]).format(a=attrs)
    return f'<svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true">{shape}</svg>'


def edge_icon(style: EdgeStyle) -> str:
    dash = f' stroke-dasharray="{" ".join(map(str, style.dashes))}"' if style.dashes else ""
    return (
        '<svg width="34" height="10" viewBox="0 0 34 10" aria-hidden="true">'
        f'<line x1="1" y1="5" x2="33" y2="5" stroke="{style.colour}" stroke-width="2"{dash}/>'
        "</svg>"
    )


def _row(entry: LegendEntry) -> str:
    icon = ""
    if entry.node is not None:
        icon = node_icon(entry.node)
    elif entry.edge is not None:
        icon = edge_icon(entry.edge)
    meaning = f" <span class='bo-m'>{escape(entry.meaning)}</span>" if entry.meaning else ""
    return f"<li>{icon} <b>{escape(entry.label)}</b>{meaning}</li>"


def legend_items_html() -> str:
    """The legend as a plain ``<ul>`` (for the case report)."""
    return "<ul class='bo-legend'>" + "".join(_row(e) for e in legend()) + "</ul>"


def legend_html() -> str:
    """The legend as a collapsible box to the right of the graph."""
    return (
        "<style>"
        "#bo-legend{float:right;width:236px;box-sizing:border-box;background:#fafafa;"
        "border:1px solid #ddd;border-radius:4px;padding:4px 8px;font:11px sans-serif}"
        "#bo-legend ul{list-style:none;margin:4px 0;padding:0}"
        "#bo-legend li{margin:2px 0;display:flex;gap:6px;align-items:center}"
        "#bo-legend .bo-m{color:#555}"
        "#bo-legend summary{cursor:pointer;font-weight:bold}"
        "</style>"
        "<details id='bo-legend' open><summary>Legend</summary>"
        + legend_items_html()
        + "</details>"
    )
