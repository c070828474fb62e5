"""The interactive graph as one self-contained, offline HTML page (pyvis / vis-network).

Facts this module relies on (pyvis 0.3.2, see docs/ui.md):

* ``cdn_resources="in_line"`` embeds vis-network's JavaScript and CSS, but the template still
  links Bootstrap from a CDN; :func:`offline` removes those links and
  :func:`external_resources` proves none is left, so no request leaves the machine.
* pyvis switches to an ``innerHTML`` popup when a node title contains ``href``; register text
  must never reach ``innerHTML``. Tooltips are therefore passed as a ``tip`` field and turned
  into DOM text nodes (``textContent``) just before the network is drawn.
* The view is built from :class:`~bo_graph.viz.view.GraphView` (plain data), never from a live
  NetworkX graph (``from_nx`` mutates the graph it is given).
"""

from __future__ import annotations

import json
import re
from typing import Any

from pyvis.network import Network

from bo_graph.viz.kinds import (
    EDGE_STYLES,
    NODE_STYLES,
    NOT_LOADED_STYLE,
    PLACEHOLDER_STYLE,
    SUBJECT_BORDER,
    NodeStyle,
    mark_style,
)
from bo_graph.viz.legend import legend_html
from bo_graph.viz.placement import BEND, EDGE_FONT, NODE_FONT, bends, node_font, place
from bo_graph.viz.view import GraphView, ViewEdge, ViewNode

_CDN_BLOCK = re.compile(
    r"<(link|script)\b[^>]*\b(?:href|src)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
_RESOURCE = re.compile(
    r"""(?:\b(?:src|href|poster|action)\s*=\s*["']?\s*|url\(\s*["']?\s*|@import\s+["']?\s*)"""
    r"""((?:https?:)?//[^"'\s)>]+)""",
    re.IGNORECASE,
)
_DRAW = "network = new vis.Network(container, data, options);"
_TIPS_JS = """
                  function boTips(set) {
                      set.forEach(function (item) {
                          if (typeof item.tip === "string") {
                              var el = document.createElement("div");
                              el.className = "bo-tip";
                              el.textContent = item.tip;
                              set.update({id: item.id, title: el});
                          }
                      });
                  }
                  boTips(nodes);
                  boTips(edges);
"""
_STYLE = """<style>
  body { margin: 0; font-family: sans-serif; }
  #mynetwork { border: 1px solid #eee !important; }
  div.vis-tooltip { white-space: normal; max-width: 480px; }
  .bo-tip { white-space: pre-wrap; font: 12px/1.35 sans-serif; }
  .card { border: none; }
</style>"""


def network_html(view: GraphView, *, height_px: int = 620) -> str:
    """The page that draws ``view``: offline, with its legend, ready for ``st.iframe``."""
    net = Network(
        height=f"{height_px}px",
        width="calc(100% - 246px)",
        directed=True,
        cdn_resources="in_line",
        bgcolor="#ffffff",
    )
    positions = place(view, {n.id: _style(n).shape for n in view.nodes})
    for node in view.nodes:
        x, y = positions[node.id]
        net.add_node(node.id, **node_options(node), x=round(x, 1), y=round(y, 1))
    bend = bends(view.edges)
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, **edge_options(edge, bend[edge.id]))
    net.set_options(json.dumps(graph_options()))
    html = net.generate_html()
    html = html.replace(_DRAW, _TIPS_JS + "                  " + _DRAW, 1)
    html = html.replace("</head>", _STYLE + "\n</head>", 1)
    html = html.replace("<body>", "<body>\n" + legend_html(), 1)
    return offline(html)


def offline(html: str) -> str:
    """``html`` without links to remote scripts or stylesheets; raises if any remain."""
    html = _CDN_BLOCK.sub("", html)
    html = _EMPTY_HEADING.sub("", html)
    remaining = external_resources(html)
    if remaining:
        raise ValueError(f"the graph page still loads remote resources: {remaining}")
    return html


def external_resources(html: str) -> list[str]:
    """Every remote URL ``html`` would load (``src``, ``href``, CSS ``url()``, ``@import``)."""
    return _RESOURCE.findall(html)


def graph_options() -> dict[str, Any]:
    return {
        "layout": {"hierarchical": {"enabled": False}},  # positions come from placement.py
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "navigationButtons": True,
            "keyboard": False,
        },
        "nodes": {"font": {"size": NODE_FONT, "face": "sans-serif"}, "margin": 8},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {
                "size": EDGE_FONT,
                "align": "horizontal",
                "background": "rgba(255,255,255,0.9)",
            },
            "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "vertical"},
        },
    }


def _style(node: ViewNode) -> NodeStyle:
    if node.kind is not None:
        return NODE_STYLES[node.kind]
    return NOT_LOADED_STYLE if node.not_loaded else PLACEHOLDER_STYLE


def _border(node: ViewNode, style: NodeStyle) -> tuple[str, int]:
    if node.is_subject:
        return SUBJECT_BORDER, 4
    if node.marks:
        colour, width = mark_style(node.marks)
        return colour, int(width)
    return style.border, 1


def node_options(node: ViewNode) -> dict[str, Any]:
    style = _style(node)
    border, width = _border(node, style)
    colour = {"background": style.fill, "border": border}
    options: dict[str, Any] = {
        "label": node.label,
        "tip": node.tooltip,
        "shape": style.shape,
        "color": {**colour, "highlight": colour, "hover": colour},
        "borderWidth": width,
        "borderWidthSelected": width + 1,
        "level": node.level,
        "font": {"color": style.text, "size": node_font(node)},
        "size": 22,
    }
    if node.kind is None:
        options["shapeProperties"] = {"borderDashes": [5, 4]}
    elif node.is_subject and node.marks:  # flags about the whole structure: a coloured glow
        glow = mark_style(node.marks)[0]
        options["shadow"] = {"enabled": True, "color": glow, "size": 14, "x": 0, "y": 0}
    return options


def edge_options(edge: ViewEdge, bend: int | None = None) -> dict[str, Any]:
    """vis-network options of ``edge``; ``bend`` (default: its ``parallel_index``) curves the
    2nd, 3rd ... edge between the same two parties, so that their labels part."""
    bend = edge.parallel_index if bend is None else bend
    style = EDGE_STYLES[edge.kind]
    colour = style.colour
    width = 1.6
    if edge.marks:
        colour, width = mark_style(edge.marks)
    options: dict[str, Any] = {
        "id": edge.id,
        "label": edge.label,
        "tip": edge.tooltip,
        "color": {"color": colour, "highlight": colour, "hover": colour},
        "width": width,
        "dashes": list(style.dashes) if style.dashes else False,
    }
    if edge.indirect:
        options["dashes"] = [2, 6]
        options["color"]["opacity"] = 0.55
    if bend:
        options["smooth"] = {"type": "curvedCW", "roundness": BEND * bend}
    if not edge.label:
        options.pop("label")
        options.pop("tip")
        options["arrows"] = {"to": {"enabled": False}}
    return options
